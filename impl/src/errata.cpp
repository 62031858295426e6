#include "cryptarchia/errata.hpp"

#include <array>

namespace cryptarchia {

namespace {
constexpr std::array kErrata{
    ErratumInfo{Erratum::ProgressJudgedByPeerClaims, "progress-judged-by-peer-claims",
                "The sync loops while a peer claims a tip with a later slot (seed) or while a "
                "round fetched any block, duplicates included (spec): a tie or a lighter fork "
                "ending at a later slot keeps it looping forever.",
                true, true, true},
    ErratumInfo{Erratum::StreamStartsAtLocalTipSlot, "stream-starts-at-local-tip-slot",
                "Only peers whose tip's slot is ahead are asked, and only for blocks from the "
                "local tip's slot on: a heavier chain whose blocks are older (a denser deep "
                "fork, a longer short fork) is never fetched.",
                true, true, true},
    ErratumInfo{Erratum::OnePeerPerTipGroup, "one-peer-per-tip-group",
                "Peers with the same tip are streamed once, from the first: blocks that only "
                "the group's other peers hold are never fetched, so the tree depends on peer "
                "order.",
                true, true, true},
    ErratumInfo{Erratum::BackwardWalkVisitsEachPeerOnce, "backward-walk-visits-each-peer-once",
                "Walking a fork back, each peer is asked once, in order: a chain whose blocks "
                "are spread over the peers out of that order is cut short, and the spec then "
                "rejects the valid fork.",
                true, true, true},
    ErratumInfo{Erratum::PeerFailuresOutsideStreamsAbortSync,
                "peer-failures-outside-streams-abort-sync",
                "A failing tip request, a failing block-by-id request or a header that does "
                "not hash to the id asked for escapes and aborts the whole sync.",
                true, true, true},
    ErratumInfo{Erratum::CheckpointBlockFetchedAgain, "checkpoint-block-fetched-again",
                "The spec backfills a checkpoint by asking peers for the checkpoint block "
                "instead of using the header it was given: when no peer serves it, the "
                "checkpoint is silently ignored.",
                false, true, true},
    ErratumInfo{Erratum::SeedAbortsOnInvalidBlock, "seed-aborts-on-invalid-block",
                "The seed lets any validation failure but ParentNotFound escape: one invalid "
                "block from one peer aborts the sync.",
                true, false, true},
    ErratumInfo{Erratum::SeedTakesCheckpointOnTrust, "seed-takes-checkpoint-on-trust",
                "The seed stores a checkpoint without its history: a checkpoint with invalid "
                "ancestry gets in, and fork choice between its chain and a fork from genesis "
                "walks two disconnected chains forever.",
                true, false, true},
    ErratumInfo{Erratum::FoldResultCanBeBeaten, "fold-result-can-be-beaten",
                "Fork choice folds over the forks in list order and compares each only with the "
                "current best; where the pairwise rule is not transitive the result can be a "
                "tip that another tip beats, and it depends on arrival order.",
                true, true, false},
    ErratumInfo{Erratum::DensityWindowOneSlotShort, "density-window-one-slot-short",
                "The density window of the Genesis rule counts blocks with slot < LCA.slot + s: "
                "s - 1 slots after the intersection, not the s of the Genesis definition (and of "
                "the real node's engine); a block at exactly LCA.slot + s is not counted, and a "
                "chain that is denser over the s slots can lose.",
                true, true, false},
    ErratumInfo{Erratum::IbdEmptyBatchAskedAgainForever, "ibd-empty-batch-asked-again-forever",
                "IBD asks a peer for its next batch as soon as one ends, with no delay and no "
                "check that the batch brought anything: a peer that answers every download with "
                "no blocks (or, Online, advertises an ancestor of the LIB) keeps IBD from "
                "ending, while a peer with the same tip waits delayed.",
                false, false, false, true},
    ErratumInfo{Erratum::IbdPeerDelayedBehindAFailedDownload,
                "ibd-peer-delayed-behind-a-failed-download",
                "A peer whose tip is already the target of another peer's download is delayed, "
                "and IBD ends once no download is left: when that download fails, the delayed "
                "peer is never asked and its chain is not fetched.",
                false, false, false, true},
    ErratumInfo{Erratum::IbdFailedPeerDroppedForGood, "ibd-failed-peer-dropped-for-good",
                "Every peer is asked once at the start, from the node's state then; a peer whose "
                "answer fails (even a Failure because the node did not yet hold a block the "
                "server needed) is dropped for the whole IBD, so blocks only it serves are lost "
                "though other peers' blocks would have made the request answerable.",
                false, false, false, true},
    ErratumInfo{Erratum::IbdAllPeersFailedShutsDown, "ibd-all-peers-failed-shuts-down",
                "When every peer has failed once and none is delayed, IBD fails (AllPeersFailed) "
                "and the node shuts down, also when it already holds the best chain it could "
                "obtain; which peers are delayed, and so the outcome, depends on peer order.",
                false, false, false, true},
    ErratumInfo{Erratum::IbdFetchesOnlyAdvertisedChains, "ibd-fetches-only-advertised-chains",
                "IBD downloads only the chain to the tip each peer advertises; where the pairwise "
                "rule is not transitive the node can keep a tip that ties the advertised one but "
                "is beaten by a block the peer holds and never offers.",
                false, false, false, true},
};
}  // namespace

std::span<const ErratumInfo> errata() { return kErrata; }

const ErratumInfo& info(Erratum e) {
  for (const ErratumInfo& i : kErrata) {
    if (i.id == e) return i;
  }
  return kErrata.front();
}

std::string_view to_string(Erratum e) { return info(e).name; }

std::optional<Erratum> parse_erratum(std::string_view name) {
  for (const ErratumInfo& i : kErrata) {
    if (i.name == name) return i.id;
  }
  return std::nullopt;
}

}  // namespace cryptarchia
