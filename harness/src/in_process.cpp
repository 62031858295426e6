// in_process(): one of this library's sync profiles as an Implementation.
// It builds the local node and the peers exactly as run_scenario does, but
// never looks at the scenario's expectations.
#include <exception>
#include <memory>
#include <string>
#include <utility>

#include "cryptarchia/harness/implementation.hpp"
#include "trace_peer.hpp"

namespace cryptarchia::harness {

namespace {

class InProcess : public Implementation {
 public:
  explicit InProcess(Profile profile) : profile_(profile) {}

  [[nodiscard]] std::string name() const override { return std::string(to_string(profile_)); }
  [[nodiscard]] Profile judged_as() const override { return profile_; }

  CaseOutcome run(const Scenario& scenario, bool trace) override {
    CaseOutcome outcome;
    auto log = std::make_shared<TraceLog>();
    try {
      Follower local = scenario.make_local();
      ScenarioPeers peers = trace ? traced_peers(scenario, log) : make_peers(scenario);
      SyncOptions options;
      options.profile = profile_;
      options.budget = scenario.budget;
      options.checkpoint = scenario.checkpoint;
      outcome.result = sync(local, peers.list, options);
    } catch (const std::exception& e) {
      outcome.kind = CaseOutcome::Kind::Error;
      outcome.message = std::string("the in-process sync threw: ") + e.what();
    }
    outcome.log = std::move(log->lines);
    return outcome;
  }

 private:
  Profile profile_;
};

}  // namespace

std::unique_ptr<Implementation> in_process(Profile profile) {
  return std::make_unique<InProcess>(profile);
}

}  // namespace cryptarchia::harness
