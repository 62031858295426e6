#include "cryptarchia/properties/node.hpp"

#include <vector>

namespace cryptarchia::props {

namespace {

class ProfileNode : public NodeUnderTest {
 public:
  ProfileNode(const Scenario& s, Profile profile, std::vector<Erratum> keep)
      : local_(s.make_local()), profile_(profile), keep_(std::move(keep)) {}

  SyncResult sync(std::span<Peer* const> peers, const Budget& budget,
                  const std::optional<Checkpoint>& checkpoint) override {
    SyncOptions options;
    options.profile = profile_;
    options.budget = budget;
    options.checkpoint = checkpoint;
    options.keep_errata = keep_;
    return cryptarchia::sync(local_, peers, options);
  }
  const Follower* follower() const override { return &local_; }

 private:
  Follower local_;
  Profile profile_;
  std::vector<Erratum> keep_;
};

SyncResult sync_on_fresh_peers(NodeUnderTest& node, const Scenario& s, const Budget& budget,
                               const std::optional<Checkpoint>& checkpoint) {
  const ScenarioPeers peers = make_peers(s);
  return node.sync(peers.list, budget, checkpoint);
}

}  // namespace

NodeFactory profile_node(Profile profile, std::vector<Erratum> keep_errata) {
  return [profile, keep = std::move(keep_errata)](const Scenario& s) {
    return std::make_unique<ProfileNode>(s, profile, keep);
  };
}

Run run_once(const NodeFactory& factory, const Scenario& scenario) {
  Run run;
  run.node = factory(scenario);
  run.result = sync_on_fresh_peers(*run.node, scenario, scenario.budget, scenario.checkpoint);
  return run;
}

SyncResult sync_again(NodeUnderTest& node, const Scenario& scenario, const Budget& budget,
                      const std::optional<Checkpoint>& checkpoint) {
  return sync_on_fresh_peers(node, scenario, budget, checkpoint);
}

}  // namespace cryptarchia::props
