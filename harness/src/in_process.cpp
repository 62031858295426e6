// in_process(): one of this library's sync profiles as an Implementation.
// It builds the local node and the peers exactly as run_scenario does, but
// never looks at the scenario's expectations.
#include <chrono>
#include <exception>
#include <memory>
#include <sstream>
#include <string>
#include <utility>

#include "cryptarchia/harness/implementation.hpp"
#include "trace_peer.hpp"

namespace cryptarchia::harness {

namespace {

class InProcess : public Implementation {
 public:
  InProcess(const RunAs& as, double timeout_seconds) : as_(as), timeout_seconds_(timeout_seconds) {}

  [[nodiscard]] std::string name() const override { return to_string(as_); }
  [[nodiscard]] RunAs judged_as() const override { return as_; }

  CaseOutcome run(const Scenario& scenario, bool trace) override {
    CaseOutcome outcome;
    auto log = std::make_shared<TraceLog>();
    try {
      Follower local = make_local_follower(scenario, as_.variants);
      ScenarioPeers peers = trace ? traced_peers(scenario, log) : make_peers(scenario);
      SyncOptions options;
      options.profile = as_.profile;
      options.budget = scenario.budget;
      options.checkpoint = scenario.checkpoint;
      if (timeout_seconds_ > 0) {
        options.deadline = std::chrono::steady_clock::now() +
                           std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                               std::chrono::duration<double>(timeout_seconds_));
      }
      outcome.result = sync(local, peers.list, options);
      if (options.deadline && outcome.result.end == SyncEnd::BudgetExceeded &&
          std::chrono::steady_clock::now() >= *options.deadline) {
        std::ostringstream text;
        text << "case " << scenario.id << ": timed out after " << timeout_seconds_
             << " s (--timeout): the in-process " << to_string(as_)
             << " sync was stopped after " << outcome.result.requests.requests()
             << " request(s)";
        outcome.kind = CaseOutcome::Kind::Error;
        outcome.message = text.str();
      }
    } catch (const std::exception& e) {
      outcome.kind = CaseOutcome::Kind::Error;
      outcome.message = std::string("the in-process sync threw: ") + e.what();
    }
    outcome.log = std::move(log->lines);
    return outcome;
  }

 private:
  RunAs as_;
  double timeout_seconds_;
};

}  // namespace

std::unique_ptr<Implementation> in_process(const RunAs& as, double timeout_seconds) {
  return std::make_unique<InProcess>(as, timeout_seconds);
}

}  // namespace cryptarchia::harness
