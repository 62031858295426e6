// Internal: the profile entry points behind sync(), and what they share.
#pragma once

#include <optional>
#include <stdexcept>
#include <vector>

#include "cryptarchia/detail/peer_session.hpp"
#include "cryptarchia/follower.hpp"
#include "cryptarchia/sync.hpp"

namespace cryptarchia::detail {

struct SyncProgress {
  std::uint64_t rounds = 0;
};

// The spec's InvalidBlockFromBackfillFork: a block of a backfilled fork
// suffix failed; it and the rest of the suffix are rejected.
class InvalidBlockFromBackfillFork : public std::runtime_error {
 public:
  InvalidBlockFromBackfillFork(BlockStatus cause, const Id& block, std::vector<Id> rejected);
  [[nodiscard]] BlockStatus cause() const { return cause_; }
  [[nodiscard]] const Id& block() const { return block_; }
  [[nodiscard]] const std::vector<Id>& rejected() const { return rejected_; }

 private:
  BlockStatus cause_;
  Id block_;
  std::vector<Id> rejected_;
};

// The reference profile's departures from the spec profile: one flag per
// erratum of docs/ERRATA.md, named after it. All false: the spec profile.
struct Corrections {
  // progress-judged-by-peer-claims: stop after a round that added no block.
  bool stop_without_progress = false;
  // stream-starts-at-local-tip-slot: stream from the slot of the LIB (Online)
  // or of genesis (Bootstrapping), from every peer, whatever its tip's slot.
  bool stream_from_base_slot = false;
  // one-peer-per-tip-group: stream every peer, not one per group of equal tips.
  bool stream_every_peer = false;
  // backward-walk-visits-each-peer-once: look for every block at every peer.
  bool walk_every_peer_per_block = false;
  // peer-failures-outside-streams-abort-sync: a failing tip or block request
  // only rules that peer out for that request.
  bool tolerate_peer_failures = false;
  // checkpoint-block-fetched-again: backfill a checkpoint from the header it
  // came with, instead of asking the peers for it again.
  bool use_checkpoint_header = false;

  static Corrections all() { return Corrections{true, true, true, true, true, true}; }
};

// `orphan_order` orders each round's same-slot orphans (SyncOptions).
void sync_seed(Follower& local, PeerSession& peers, const std::optional<Checkpoint>& checkpoint,
               const OrphanChooser& orphan_order, SyncProgress& progress);
void sync_spec(Follower& local, PeerSession& peers, const std::optional<Checkpoint>& checkpoint,
               const Corrections& corrections, const OrphanChooser& orphan_order,
               SyncProgress& progress);

// `interleaving` picks which active download delivers the next block.
void sync_ibd(Follower& local, PeerSession& peers, const std::optional<Checkpoint>& checkpoint,
              const OrphanChooser& interleaving, SyncProgress& progress);

// One backfill of a fork tip, as each profile does it inside its rounds.
void backfill_seed(Follower& local, PeerSession& peers, const Id& fork_tip);
void backfill_spec(Follower& local, PeerSession& peers, const Id& fork_tip,
                   const Corrections& corrections);

}  // namespace cryptarchia::detail
