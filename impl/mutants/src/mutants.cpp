#include "cryptarchia/mutants.hpp"

#include <array>
#include <stdexcept>
#include <string>

namespace cryptarchia::mutants {

namespace {

Mutant g_active = Mutant::None;

constexpr std::array kCatalogue{
    // Fork choice.
    MutantInfo{Mutant::GenesisShortRangeTieSwitches, "genesis-short-range-tie-switches",
               "fork-choice",
               "Within k blocks the Genesis rule switches to a fork of equal length (<= for <)."},
    MutantInfo{Mutant::GenesisDensityTieSwitches, "genesis-density-tie-switches", "fork-choice",
               "Beyond k blocks the Genesis rule switches to a fork of equal density (<= for <)."},
    MutantInfo{Mutant::PraosTieSwitches, "praos-tie-switches", "fork-choice",
               "The Online (Praos) rule switches to a fork of equal length (<= for <)."},
    MutantInfo{Mutant::GenesisKBoundaryExclusive, "genesis-k-boundary-exclusive", "fork-choice",
               "The Genesis rule treats a fork exactly k deep as long-range (depth < k for <= k)."},
    MutantInfo{Mutant::PraosKBoundaryExclusive, "praos-k-boundary-exclusive", "fork-choice",
               "The Online rule ignores a fork exactly k deep (depth < k for <= k)."},
    MutantInfo{Mutant::GenesisComparesForkDepthWithK, "genesis-compares-fork-depth-with-k",
               "fork-choice",
               "The Genesis rule compares the fork's depth below the common prefix with k, not "
               "the current chain's."},
    MutantInfo{Mutant::PraosComparesForkDepthWithK, "praos-compares-fork-depth-with-k",
               "fork-choice",
               "The Online rule compares the fork's depth below the common prefix with k, not "
               "the current chain's."},
    MutantInfo{Mutant::DensityWindowIncludesEndSlot, "density-window-includes-end-slot",
               "fork-choice",
               "The density window counts slot lca.slot + s too (slot range <= for <)."},
    MutantInfo{Mutant::DensityWindowFromFirstForkBlock, "density-window-from-first-fork-block",
               "fork-choice",
               "The density window of each chain starts at its first block after the common "
               "prefix instead of at the common prefix."},
    MutantInfo{Mutant::FoldComparesWithOriginalTip, "fold-compares-with-original-tip",
               "fork-choice",
               "maxvalid compares every fork with the local tip instead of the best so far, so "
               "the last fork that beats the tip wins."},
    MutantInfo{Mutant::CommonPrefixOneBlockEarly, "common-prefix-one-block-early", "fork-choice",
               "The common-prefix search returns the parent of the last common block (both "
               "depths one too large, the density window one block early)."},
    MutantInfo{Mutant::DensityCountSaturatesAt64, "density-count-saturates-at-64", "fork-choice",
               "The density after the common prefix is counted in a counter that stops at 64 "
               "blocks (only worlds with more than 64 blocks in a window can see it)."},
    MutantInfo{Mutant::CommonPrefixSkipsToSharedAncestor, "common-prefix-skips-to-shared-ancestor",
               "fork-choice",
               "The common-prefix search jumps both chains along their skip pointers when these "
               "point to the same block, which can lie below the last common block (heights "
               "crossing a power of two)."},
    MutantInfo{Mutant::DensityWindowByHeight, "density-window-by-height", "fork-choice",
               "The density window holds the first s blocks after the common prefix (by height) "
               "instead of the blocks of its first s slots."},
    MutantInfo{Mutant::DensityWindowOneSlotShort, "density-window-one-slot-short", "fork-choice",
               "The density window ends one slot early: it counts slots below lca.slot + s - 1, "
               "so a block at the window's last slot is not counted."},
    // Follower.
    MutantInfo{Mutant::ForksKeepExtendedBlock, "forks-keep-extended-block", "follower",
               "A block that extends a fork is added to the forks list, but the block it "
               "extends is not removed."},
    MutantInfo{Mutant::ForksLoseOldTipOnSwitch, "forks-lose-old-tip-on-switch", "follower",
               "On a switch to a fork the old tip is not added to the forks list."},
    MutantInfo{Mutant::ForksListReversed, "forks-list-reversed", "follower",
               "New forks are put at the front of the forks list instead of the back, so fork "
               "choice folds them in the other order."},
    MutantInfo{Mutant::LibOneBlockTooRecent, "lib-one-block-too-recent", "follower",
               "The LIB is k-1 blocks behind the tip instead of k."},
    MutantInfo{Mutant::LibOneBlockTooDeep, "lib-one-block-too-deep", "follower",
               "The LIB is k+1 blocks behind the tip instead of k."},
    MutantInfo{Mutant::ForkAtLibRejected, "fork-at-lib-rejected", "follower",
               "A block whose parent is at the LIB's height is rejected as an immutable fork "
               "(<= for <)."},
    MutantInfo{Mutant::PruneCutsLiveForks, "prune-cuts-live-forks", "follower",
               "When the LIB advances, pruning cuts the branches off the chain above the LIB "
               "(the live forks) instead of those below it."},
    MutantInfo{Mutant::PruneKeepsDeadBranches, "prune-keeps-dead-branches", "follower",
               "When the LIB advances, the branches that fork below it are dropped from the "
               "forks list but stay in the tree."},
    MutantInfo{Mutant::ProofSlotNotChecked, "proof-slot-not-checked", "follower",
               "A leader proof for another slot is accepted."},
    MutantInfo{Mutant::ProofParentNotChecked, "proof-parent-not-checked", "follower",
               "A leader proof for another parent is accepted."},
    MutantInfo{Mutant::StakeNotChecked, "stake-not-checked", "follower",
               "A leader proof whose note is not in the stake is accepted."},
    MutantInfo{Mutant::InvalidBlockKeptAsParent, "invalid-block-kept-as-parent", "follower",
               "A block with an invalid leader proof is reported as rejected but stays in the "
               "tree, so its descendants are accepted."},
    MutantInfo{Mutant::LibBySlot, "lib-by-slot", "follower",
               "The LIB is the tip's last ancestor at least k slots (not k blocks) behind it."},
    // Sync.
    MutantInfo{Mutant::BlockByIdHeaderNotRehashed, "block-by-id-header-not-rehashed", "sync",
               "A header fetched by id is used without recomputing its id."},
    MutantInfo{Mutant::MidStreamFailureSkipsRemainingPeers,
               "mid-stream-failure-skips-remaining-peers", "sync",
               "When a peer fails mid-stream the round streams no further peer (no retry with "
               "the next one)."},
    MutantInfo{Mutant::NextPeerStreamsFromFailedSlot, "next-peer-streams-from-failed-slot",
               "sync",
               "After a peer fails mid-stream, the next peers stream from the slot where it "
               "stopped instead of from the round's start slot."},
    MutantInfo{Mutant::OrphanKeptAfterAccept, "orphan-kept-after-accept", "sync",
               "A block first stored as an orphan is not dropped from the orphans when a later "
               "copy of it is accepted.",
               true},
    MutantInfo{Mutant::DescendantsOfRejectedNotSkipped, "descendants-of-rejected-not-skipped",
               "sync",
               "Streamed blocks whose parent was rejected are not skipped but handled as "
               "orphans.",
               true},
    MutantInfo{Mutant::BackfillNewestFirst, "backfill-newest-first", "sync",
               "A backfilled fork is applied newest block first."},
    MutantInfo{Mutant::BackfillStopsOneBlockShort, "backfill-stops-one-block-short", "sync",
               "The backward walk stops at the block whose parent is local, leaving out the "
               "oldest missing block."},
    MutantInfo{Mutant::PeersFilteredByClaimedTip, "peers-filtered-by-claimed-tip", "sync",
               "Peers whose claimed tip is not in a later slot than the local tip are not "
               "streamed: the claim is taken as truth."},
    MutantInfo{Mutant::DuplicateTreatedAsInvalid, "duplicate-treated-as-invalid", "sync",
               "A streamed block the node already has is treated as rejected, and with it its "
               "descendants."},
    MutantInfo{Mutant::DuplicateCountsAsProgress, "duplicate-counts-as-progress", "sync",
               "A block the node already has counts as progress, so rounds never stop."},
    MutantInfo{Mutant::CheckpointTakenOnTrust, "checkpoint-taken-on-trust", "sync",
               "A checkpoint is stored as given, without backfilling and validating its "
               "history."},
    MutantInfo{Mutant::StreamEndsAfter64Blocks, "stream-ends-after-64-blocks", "sync",
               "A peer's blocks_from stream is taken as finished after 64 blocks, like a "
               "page-size cap (only streams longer than 64 blocks can see it)."},
    MutantInfo{Mutant::BackfillStopsAfter64Blocks, "backfill-stops-after-64-blocks", "sync",
               "The backward walk of a backfill stops after 64 blocks, like a page-size cap, "
               "so a longer missing part (a deep checkpoint's history) never connects."},
    MutantInfo{Mutant::StoredBlockMatchedByParentAndSlot, "stored-block-matched-by-parent-and-slot",
               "sync",
               "A streamed block is taken as stored when a stored child of its parent has its "
               "slot (a cache keyed by parent and slot), so a same-slot sibling never enters."},
    // Errata.
    MutantInfo{Mutant::ErratumProgressJudgedByPeerClaims, "erratum-progress-judged-by-peer-claims",
               "erratum", "The reference profile with erratum progress-judged-by-peer-claims."},
    MutantInfo{Mutant::ErratumStreamStartsAtLocalTipSlot,
               "erratum-stream-starts-at-local-tip-slot", "erratum",
               "The reference profile with erratum stream-starts-at-local-tip-slot."},
    MutantInfo{Mutant::ErratumOnePeerPerTipGroup, "erratum-one-peer-per-tip-group", "erratum",
               "The reference profile with erratum one-peer-per-tip-group."},
    MutantInfo{Mutant::ErratumBackwardWalkVisitsEachPeerOnce,
               "erratum-backward-walk-visits-each-peer-once", "erratum",
               "The reference profile with erratum backward-walk-visits-each-peer-once."},
    MutantInfo{Mutant::ErratumPeerFailuresOutsideStreamsAbortSync,
               "erratum-peer-failures-outside-streams-abort-sync", "erratum",
               "The reference profile with erratum peer-failures-outside-streams-abort-sync."},
    MutantInfo{Mutant::ErratumCheckpointBlockFetchedAgain,
               "erratum-checkpoint-block-fetched-again", "erratum",
               "The reference profile with erratum checkpoint-block-fetched-again."},
    // Peer schedules (issue 17 item 3).
    MutantInfo{Mutant::FailedPeerDroppedForTheSync, "failed-peer-dropped-for-the-sync", "sync",
               "A peer that failed a request (or a stream) is not asked again in this sync; "
               "only a peer that comes back (one that joins late) can show it."},
    // Generator gaps (issue 17 item 6).
    MutantInfo{Mutant::DuplicateDetectedBySlotAndLeader, "duplicate-detected-by-slot-and-leader",
               "follower",
               "A valid block with the same parent, slot and leader note as a stored block is "
               "taken as a duplicate of it (the content is not compared)."},
    MutantInfo{Mutant::ChildSlotNotAfterParentRejected, "child-slot-not-after-parent-rejected",
               "follower",
               "A block whose slot is not after its parent's is rejected, a check the spec does "
               "not make."},
    MutantInfo{Mutant::ProofForEarlierSlotAccepted, "proof-for-earlier-slot-accepted", "follower",
               "The proof's slot is checked only against later slots: a proof for an earlier "
               "slot than the block's is accepted."},
    MutantInfo{Mutant::StakeCommitmentIgnoresNoteValue, "stake-commitment-ignores-note-value",
               "follower",
               "The stake check recomputes the leader's commitment from its key with the test "
               "notes' value 10, not the note's own value."},
    MutantInfo{Mutant::FoldShortcutKeptAfterTipExtension, "fold-shortcut-kept-after-tip-extension",
               "follower",
               "The fold's shortcut (only the newest fork can beat a tip that beat every fork) "
               "survives a block that extends the tip, so forks are not re-checked against the "
               "new tip."},
    MutantInfo{Mutant::StreamOutOfSlotOrderAbandoned, "stream-out-of-slot-order-abandoned",
               "sync",
               "A stream that breaks slot order is abandoned: its blocks from the first one out "
               "of order on are dropped, though each is valid and its peer the only source."},
};

}  // namespace

std::span<const MutantInfo> catalogue() { return kCatalogue; }

const MutantInfo& info(Mutant m) {
  for (const MutantInfo& i : kCatalogue) {
    if (i.id == m) return i;
  }
  throw std::invalid_argument("no mutant with id " + std::to_string(static_cast<int>(m)));
}

std::optional<Mutant> parse_mutant(std::string_view name) {
  if (name == "none") return Mutant::None;
  for (const MutantInfo& i : kCatalogue) {
    if (i.name == name) return i.id;
  }
  return std::nullopt;
}

Mutant active() { return g_active; }
void activate(Mutant m) { g_active = m; }

}  // namespace cryptarchia::mutants
