// The mutant catalogue: small, plausible bugs of the follower, fork choice
// and sync, each switchable at run time in the test-only library
// `cryptarchia_mutable` (never in `cryptarchia`). The suite must notice every
// one of them: see properties/mutants/ and docs/STRENGTH.md.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace cryptarchia::mutants {

enum class Mutant {
  None,
  // Fork choice (fork_choice.cpp, block_tree.cpp).
  GenesisShortRangeTieSwitches,
  GenesisDensityTieSwitches,
  PraosTieSwitches,
  GenesisKBoundaryExclusive,
  PraosKBoundaryExclusive,
  GenesisComparesForkDepthWithK,
  PraosComparesForkDepthWithK,
  DensityWindowIncludesEndSlot,
  DensityWindowFromFirstForkBlock,
  FoldComparesWithOriginalTip,
  CommonPrefixOneBlockEarly,
  DensityCountSaturatesAt64,
  CommonPrefixSkipsToSharedAncestor,
  DensityWindowByHeight,
  DensityWindowOneSlotShort,
  // Follower: the forks list, LIB, pruning, validation (follower.cpp).
  ForksKeepExtendedBlock,
  ForksLoseOldTipOnSwitch,
  ForksListReversed,
  LibOneBlockTooRecent,
  LibOneBlockTooDeep,
  ForkAtLibRejected,
  PruneCutsLiveForks,
  PruneKeepsDeadBranches,
  ProofSlotNotChecked,
  ProofParentNotChecked,
  StakeNotChecked,
  InvalidBlockKeptAsParent,
  LibBySlot,
  // Sync (sync_spec.cpp, peer_session.cpp), on the reference profile's path.
  BlockByIdHeaderNotRehashed,
  MidStreamFailureSkipsRemainingPeers,
  NextPeerStreamsFromFailedSlot,
  OrphanKeptAfterAccept,
  DescendantsOfRejectedNotSkipped,
  BackfillNewestFirst,
  BackfillStopsOneBlockShort,
  PeersFilteredByClaimedTip,
  DuplicateTreatedAsInvalid,
  DuplicateCountsAsProgress,
  CheckpointTakenOnTrust,
  StreamEndsAfter64Blocks,
  BackfillStopsAfter64Blocks,
  StoredBlockMatchedByParentAndSlot,
  // The spec's sync errata put back into the reference profile (sync.cpp):
  // the errata as regressions.
  ErratumProgressJudgedByPeerClaims,
  ErratumStreamStartsAtLocalTipSlot,
  ErratumOnePeerPerTipGroup,
  ErratumBackwardWalkVisitsEachPeerOnce,
  ErratumPeerFailuresOutsideStreamsAbortSync,
  ErratumCheckpointBlockFetchedAgain,
  // Peer schedules (issue 17 item 3).
  FailedPeerDroppedForTheSync,
  // Generator gaps (issue 17 item 6).
  DuplicateDetectedBySlotAndLeader,
  ChildSlotNotAfterParentRejected,
  ProofForEarlierSlotAccepted,
  StakeCommitmentIgnoresNoteValue,
  FoldShortcutKeptAfterTipExtension,
  StreamOutOfSlotOrderAbandoned,
};

struct MutantInfo {
  Mutant id;
  std::string_view name;  // stable, kebab-case: used on command lines and in docs
  std::string_view area;  // fork-choice, follower, sync, erratum
  std::string_view bug;   // what the mutant does, in one sentence
  // Proven equivalent to the correct code (docs/STRENGTH.md gives the
  // argument): listed, but not run and not required to be killed.
  bool equivalent = false;
  // Only the committed vectors can see it: the bug changes which of several
  // unbeaten tips the spec's fold picks, and the properties accept any of
  // them there (docs/ERRATA.md, fold-result-can-be-beaten). The quick check
  // requires the vectors to kill it and does not ask the properties.
  bool vectors_only = false;
};

// Every mutant but None, in catalogue order.
std::span<const MutantInfo> catalogue();
const MutantInfo& info(Mutant m);
std::optional<Mutant> parse_mutant(std::string_view name);

// The mutant switched in for this process (None: the correct code).
Mutant active();
void activate(Mutant m);

// Switches a mutant in for a scope.
class ScopedMutant {
 public:
  explicit ScopedMutant(Mutant m) : previous_(active()) { activate(m); }
  ~ScopedMutant() { activate(previous_); }
  ScopedMutant(const ScopedMutant&) = delete;
  ScopedMutant& operator=(const ScopedMutant&) = delete;

 private:
  Mutant previous_;
};

}  // namespace cryptarchia::mutants
