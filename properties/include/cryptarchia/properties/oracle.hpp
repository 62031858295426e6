// The oracle: an independent model of where a correct sync must end. It is
// written from the spec note alone, with its own walks over the world's
// parent links, and calls neither the library's fork choice nor its sync.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cryptarchia/properties/world.hpp"

namespace cryptarchia::props {

struct Verdict {
  std::vector<std::size_t> obtainable;  // honest blocks reachable from genesis (world indices)
  std::vector<std::size_t> leaves;      // the tips of that tree; genesis stands for itself as nullopt
  bool genesis_only = false;            // nothing beyond genesis is obtainable
  std::vector<std::optional<std::size_t>> acceptable;  // leaves that no other leaf beats
  // Set when one leaf beats every other leaf and none beats it: the heaviest
  // honest chain. nullopt inside means genesis.
  std::optional<std::optional<std::size_t>> heaviest;
  std::string kind;  // decisive, single-chain, tie, cyclic, incomparable

  [[nodiscard]] bool decisive() const { return heaviest.has_value(); }
  [[nodiscard]] Id heaviest_id(const World& w) const;
  [[nodiscard]] bool is_acceptable(const World& w, const Id& tip) const;
};

// Whether `challenger` beats `incumbent` under the spec's pairwise rule, seen
// from the incumbent (the current best): within k of it, strictly longer;
// deeper, strictly denser in [lca.slot, lca.slot + s) (Bootstrapping) or
// never (Online). nullopt stands for genesis. With w.rules holding
// DensityWindowIncludesBound the window is [lca.slot, lca.slot + s].
bool beats(const World& w, std::optional<std::size_t> challenger,
           std::optional<std::size_t> incumbent);

// Which world blocks are valid under w.rules, ancestry included: no flaw
// here nor in an ancestor and, with SlotAfterParent, every slot on the
// chain after its parent's (genesis's slot for a block on genesis).
std::vector<bool> valid_blocks(const World& w);

// Where a Bootstrapping follower of the spec (section 5) ends when fed the
// honest blocks of `blocks` in that order (world indices, parents first);
// a block whose parent it lacks is its checkpoint if it has nothing yet, and
// an orphan (dropped) otherwise. The oracle's own fold, written without the
// library, so that generated peers do not depend on the implementation
// under test. nullopt means genesis. The spec's rules always: w.rules is
// not read (peers are spec nodes).
std::optional<std::size_t> follower_tip(const World& w, const std::vector<std::size_t>& blocks);

// The same fold under w.rules (IBD.md section 4): blocks invalid under them
// are skipped, the window follows them, ForkChoiceOnEveryBlock folds for a
// block that extends the tip too, and FoldOverAllTips folds from the old
// tip over every tip in any order, so the answer is every tip some order
// ends at (sorted; one tip without that variant). nullopt when a fold
// would have more than 12 tips to order.
std::optional<std::vector<std::optional<std::size_t>>> follower_tips(
    const World& w, const std::vector<std::size_t>& blocks);

// Judges the blocks a local node can obtain (world indices, any order),
// under w.rules: validity by valid_blocks(), comparisons by beats().
Verdict judge(const World& w, const std::vector<std::size_t>& available);

// What the local node of a case can obtain: its own blocks, its checkpoint,
// and every block a well-behaved peer serves.
std::vector<std::size_t> obtainable_from_well_behaved(const SyncCase& c);

// What the local node of a case with a schedule can obtain at the end of a
// sync whose peers kept `log`: its own blocks, its checkpoint, and what
// every well-behaved peer present at the end (joined, not vanished) holds
// then, in the state of the last request made of any peer. Blocks that only
// a vanished peer served are not in it; the generator never lets a
// vanishing peer be the only source of a block (build_schedule() in
// generators.cpp), so every block any peer ever served is. Without a
// schedule this is obtainable_from_well_behaved().
std::vector<std::size_t> obtainable_at_end(const SyncCase& c, const ScheduleLog& log);

// The peers present at the end whose last change (an update or a join) a
// correct sync need not have seen. A change of p at time e counts as seen
// when the sync asked p for its tip or a stream at or after e, or when,
// after e, it went on for two passes over the others: every other peer
// present at the end (p itself when there is none) was asked for its tip
// or a stream twice at or after e. The second clause is what keeps a node
// that stops asking p (because p failed before it joined, say) judged on
// p's blocks. Both are fair to a sync that asks every peer in every round
// (the reference streams each one): it asked p in its last round after e,
// and that round accepted nothing, so it holds what p holds at the end.
std::vector<std::size_t> unseen_changes(const SyncCase& c, const ScheduleLog& log);

// Whether a block some peer held without its whole chain (a block whose
// history nobody served then) has its whole chain held by the end: the
// history arrived after the block. Every profile here rejects such a block
// for the rest of the sync once its backfill found no parent (the spec's
// `rejected` set, docs/ERRATA.md, "rejected-for-a-missing-parent-until-the-
// sync-ends"), so the schedule property leaves these cases out and a unit
// test pins the behaviour (impl/tests/schedule_test.cpp).
bool history_arrives_late(const SyncCase& c, const ScheduleLog& log);

namespace detail {
// beats(), computed by walking both chains to genesis: what the oracle's
// binary lifting must agree with (properties/tests/oracle_test.cpp).
bool beats_by_walking(const World& w, std::optional<std::size_t> challenger,
                      std::optional<std::size_t> incumbent);
}  // namespace detail

}  // namespace cryptarchia::props
