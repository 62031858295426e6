// What the properties need from an implementation under test, and the
// adapters for the reference profiles. A C++ implementation joins the suite
// by providing a NodeFactory (see sync_conformance.hpp).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "cryptarchia/scenario.hpp"

namespace cryptarchia::props {

// The implementation under test could not run a sync at all: an adapter
// crashed, hung, broke the protocol or lacks a feature the case needs. The
// property engine reports such a case as an error, never judges it.
class ImplementationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One local node. It keeps its state between syncs.
class NodeUnderTest {
 public:
  virtual ~NodeUnderTest() = default;
  // Synchronizes with `peers` (in order). The checkpoint is given on the first
  // sync of a node that starts from one. Must not throw for anything a peer
  // does; tip, forks and tree in the result describe the node afterwards.
  // Throws ImplementationError when the implementation could not run.
  virtual SyncResult sync(std::span<Peer* const> peers, const Budget& budget,
                          const std::optional<Checkpoint>& checkpoint) = 0;
  // The follower behind the node, when it is this library's (enables the
  // header-level checks); nullptr otherwise.
  [[nodiscard]] virtual const Follower* follower() const { return nullptr; }
};

// Starts a node at a scenario's local start: its config, genesis, mode and
// local blocks (not its checkpoint, which comes with the first sync).
using NodeFactory = std::function<std::unique_ptr<NodeUnderTest>(const Scenario&)>;

// A node of this library under `profile`; for the reference profile,
// `keep_errata` leaves those errata uncorrected (to demonstrate each alone).
NodeFactory profile_node(Profile profile, std::vector<Erratum> keep_errata = {});
// A node of this library under a profile with follower variants (its
// follower folds over all tips in ascending id order).
NodeFactory profile_node(const RunAs& as);

// One sync of a fresh node on the scenario's peers (fresh peers too).
struct Run {
  std::unique_ptr<NodeUnderTest> node;
  SyncResult result;
};
Run run_once(const NodeFactory& factory, const Scenario& scenario);
// Another sync of an existing node on fresh peers of the scenario, with the
// given checkpoint (resuming an interrupted sync passes the scenario's own).
SyncResult sync_again(NodeUnderTest& node, const Scenario& scenario, const Budget& budget,
                      const std::optional<Checkpoint>& checkpoint = std::nullopt);

// One sync of a fresh node, with what its peers' virtual clock saw
// (schedule.hpp): which events were in force at the end, and when each
// peer was last asked for its tip or a stream. Without a schedule the log
// is empty.
struct ObservedRun {
  Run run;
  ScheduleLog log;
};
ObservedRun run_observed(const NodeFactory& factory, const Scenario& scenario);

// A sync of `node` on fresh peers of the scenario that all stop answering
// once `answers` answers (tips, blocks by id, and every block of a stream)
// have been given between them: every later request fails, and an open
// stream fails at its next block. This is how an interrupted sync is made
// from outside, so it works the same for an adapter as in-process.
SyncResult sync_cut_off(NodeUnderTest& node, const Scenario& scenario, std::uint64_t answers);

// The answers (as counted by sync_cut_off) a sync of a fresh node gives
// back, with its result: counted by the peers, not reported by the node.
struct CountedRun {
  Run run;
  std::uint64_t answers = 0;
};
CountedRun run_counted(const NodeFactory& factory, const Scenario& scenario);

// What a sync asked for, seen by the peers: every block requested by id,
// with whether the answer was that block and whether the node had been
// given it already (it was in its local start or checkpoint, or a peer had
// delivered it, in a stream or by id). The cost properties read this.
struct BlockFetch {
  std::size_t peer = 0;
  Id id;
  bool answered = false;         // the peer returned a header with this id
  bool delivered_before = false; // the node had been given this block already
};
struct RecordedRun {
  Run run;
  std::vector<BlockFetch> fetches;
  std::uint64_t streamed = 0;  // blocks delivered in streams
};
RecordedRun run_recorded(const NodeFactory& factory, const Scenario& scenario);

}  // namespace cryptarchia::props
