#include "protocol_replay.hpp"

#include <memory>
#include <vector>

#include "protocol_session.hpp"

namespace cryptarchia::harness::detail {

Replay replay_adapter_output(const Scenario& s, std::string adapter_output, bool trace,
                             const AdapterLimits& limits, int cases) {
  Replay out;
  try {
    AdapterSession session(
        std::make_unique<BufferTransport>(std::move(adapter_output), "adapter stderr\n"), limits);
    for (int c = 0; c < cases; ++c) {
      session.begin_case(s);
      const ScenarioPeers peers = make_peers(s);
      std::vector<std::string> log;
      const SyncReply reply =
          session.sync(peers.list, s.budget, s.checkpoint, trace ? &log : nullptr);
      if (reply.skipped) {
        out.skipped = true;
        break;
      }
      for (const auto& [profile, expectation] : s.expected) {
        (void)check_expectation(expectation, reply.result);
      }
      if (!session.end_case()) break;
      ++out.cases_run;
    }
  } catch (const protocol::ProtocolError& e) {
    out.error = e.what();
  } catch (const AdapterError& e) {
    out.error = e.what();
  }
  return out;
}

}  // namespace cryptarchia::harness::detail
