// A sync scenario: everything one run needs (config, genesis, the local
// start, the peers in order) and what each profile is expected to end with.
// It is the in-memory form of a test vector.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cryptarchia/faults.hpp"
#include "cryptarchia/follower.hpp"
#include "cryptarchia/peer.hpp"
#include "cryptarchia/sync.hpp"

namespace cryptarchia {

struct ScenarioPeer {
  std::string name;
  std::shared_ptr<const PeerView> view;
  std::vector<Fault> faults;  // empty for a well-behaved peer
};

// What a run must end with. Unset fields are not checked.
struct Expectation {
  SyncEnd end = SyncEnd::Completed;
  std::optional<SyncAbort::Kind> abort_kind;
  std::optional<BlockStatus> block_status;  // of the block that made it abort
  std::optional<Id> failing_block;
  std::optional<Id> tip;
  std::optional<std::vector<Id>> forks;  // exact order
  std::optional<std::vector<Id>> tree;   // exact set (any order)
  std::vector<Id> absent;                // ids that must not be in the tree
};

struct Scenario {
  std::string id;
  std::string description;
  std::vector<std::string> tags;  // generator classes, errata demonstrated
  std::string reproduce;          // the command that regenerates or replays it
  Config config;
  GenesisState genesis;
  Mode mode = Mode::Bootstrapping;
  std::vector<BlockHeader> local_blocks;  // fed to the local follower's on_block, in order
  std::optional<Checkpoint> checkpoint;
  std::vector<ScenarioPeer> peers;
  std::map<Profile, Expectation> expected;  // profiles without an entry are not checked
  Budget budget;                            // what a run may spend

  // The local follower at the start of the sync.
  [[nodiscard]] Follower make_local() const;
};

struct ScenarioRun {
  SyncResult result;
  std::vector<std::string> mismatches;  // empty when the expectation held
};

// Fresh peers for one run, in scenario order (faulty ones wrapped in
// FaultyPeer), and the list of them that sync() takes.
struct ScenarioPeers {
  std::vector<std::unique_ptr<Peer>> owned;
  std::vector<Peer*> list;
};
ScenarioPeers make_peers(const Scenario& scenario);

// Runs the scenario under `profile` with fresh peers and the scenario's
// budget; checks the expectation for that profile when there is one.
ScenarioRun run_scenario(const Scenario& scenario, Profile profile);

// The differences between a result and an expectation. The tree is taken
// from `result.tree` (sorted ids), so the result must have been collected
// with SyncOptions::collect_tree.
std::vector<std::string> check_expectation(const Expectation& expected, const SyncResult& result);

}  // namespace cryptarchia
