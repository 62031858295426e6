// The defects this suite found in the spec's sync algorithm and follower
// (docs/ERRATA.md has the mechanism, the properties each breaks and its
// minimal vector). The reference profile corrects the sync errata; a sync
// can keep any of them uncorrected to demonstrate it (SyncOptions).
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace cryptarchia {

enum class Erratum {
  // In the seed and the spec; corrected by the reference profile.
  ProgressJudgedByPeerClaims,
  StreamStartsAtLocalTipSlot,
  OnePeerPerTipGroup,
  BackwardWalkVisitsEachPeerOnce,
  PeerFailuresOutsideStreamsAbortSync,
  CheckpointBlockFetchedAgain,
  // In the seed only: the spec revision corrected them.
  SeedAbortsOnInvalidBlock,
  SeedTakesCheckpointOnTrust,
  // In the follower's fork choice, so in every profile; not corrected here
  // (the variant density-window-includes-bound, variants.hpp, follows the
  // corrected window).
  FoldResultCanBeBeaten,
  DensityWindowOneSlotShort,
  // In the real node's initial block download (the ibd profile,
  // ../shared/spec/IBD.md section 2); not corrected here.
  IbdEmptyBatchAskedAgainForever,
  IbdPeerDelayedBehindAFailedDownload,
  IbdFailedPeerDroppedForGood,
  IbdAllPeersFailedShutsDown,
  IbdFetchesOnlyAdvertisedChains,
};

struct ErratumInfo {
  Erratum id;
  std::string_view name;  // stable, kebab-case: used in vectors and docs
  std::string_view summary;
  bool in_seed;
  bool in_spec;
  bool corrected_by_reference;
  bool in_ibd = false;  // in the ibd profile's algorithm (the real node's IBD)
};

std::span<const ErratumInfo> errata();
const ErratumInfo& info(Erratum e);
std::string_view to_string(Erratum e);
std::optional<Erratum> parse_erratum(std::string_view name);

}  // namespace cryptarchia
