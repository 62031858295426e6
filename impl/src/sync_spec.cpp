// The later public revision of the sync (spec note, section 7), which the
// reference profile starts from. Corrections are applied only where a
// Corrections flag says so.
#include <algorithm>
#include <unordered_set>

#include "cryptarchia/detail/block_fetch.hpp"
#include "cryptarchia/detail/chain_walk.hpp"
#include "cryptarchia/detail/mutation_point.hpp"
#include "sync_profiles.hpp"

namespace cryptarchia::detail {

InvalidBlockFromBackfillFork::InvalidBlockFromBackfillFork(BlockStatus cause, const Id& block,
                                                           std::vector<Id> rejected)
    : std::runtime_error("InvalidBlockFromBackfillFork: " + std::string(to_string(cause)) +
                         " at block " + block.hex()),
      cause_(cause),
      block_(block),
      rejected_(std::move(rejected)) {}

namespace {

using IdSet = std::unordered_set<Id, Hash32Hasher>;

class SpecSync {
 public:
  SpecSync(Follower& local, PeerSession& peers, const Corrections& fix,
           OrphanChooser orphan_order = {})
      : local_(local), peers_(peers), fix_(fix), orphan_order_(std::move(orphan_order)) {}

  void run(const std::optional<Checkpoint>& checkpoint, SyncProgress& progress) {
    // A checkpoint's chain is backfilled down to genesis first; a failure
    // there escapes and aborts the sync.
    if (checkpoint && CSC_MUTANT(CheckpointTakenOnTrust)) {
      local_.apply_checkpoint(checkpoint->header, checkpoint->state);
    } else if (checkpoint) {
      backfill_fork(checkpoint->header.id(),
                    fix_.use_checkpoint_header ? &checkpoint->header : nullptr);
    }
    while (true) {
      peers_.step();
      ++progress.rounds;
      if (!round()) return;
    }
  }

  // One backfill, outside any round.
  void backfill(const Id& fork_tip) { backfill_fork(fork_tip); }

 private:
  // One round; false when the sync should stop.
  bool round() {
    const Slot start = fix_.stream_from_base_slot ? base_slot() : local_.tip().slot;
    const std::uint64_t accepted_before = accepted_;
    OrphanSet orphans;
    std::uint64_t fetched = 0;
    Slot last_slot = 0;      // mutant StreamOutOfSlotOrderAbandoned
    bool abandoned = false;  // mutant StreamOutOfSlotOrderAbandoned
    const auto consume = [&](const BlockHeader& block) {
      ++fetched;
      if (CSC_MUTANT(StreamOutOfSlotOrderAbandoned)) {
        abandoned = abandoned || block.slot < last_slot;
        last_slot = block.slot;
        if (abandoned) return;
      }
      // A block stored already (every block, in a round that adds nothing)
      // is known by its header: its id needs no hashing, and the rest of
      // the digest is not read for a duplicate.
      const Id* stored = local_.stored_id(block);
      const HeaderDigest d = stored != nullptr ? HeaderDigest{*stored, {}, {}} : digest(block);
      if (rejected_.count(d.id) != 0 ||
          (!CSC_MUTANT(DescendantsOfRejectedNotSkipped) && rejected_.count(block.parent) != 0)) {
        rejected_.insert(d.id);
        return;
      }
      const BlockStatus status = apply(block, d);
      if (status == BlockStatus::ParentNotFound) {
        orphans.add(d.id, block);
      } else if (is_error(status) ||
                 (CSC_MUTANT(DuplicateTreatedAsInvalid) && status == BlockStatus::Duplicate)) {
        rejected_.insert(d.id);
      } else if (!CSC_MUTANT(OrphanKeptAfterAccept)) {
        orphans.discard(d.id);
      }
    };
    Slot resume = start;
    for (const PeerGroup& group : groups(start)) {
      // Each group streams from the round's start slot.
      const Slot from = CSC_MUTANT(NextPeerStreamsFromFailedSlot) ? resume : start;
      last_slot = 0;
      abandoned = false;
      const std::optional<Slot> failed_at = fetch_blocks_by_slot(peers_, group, from, consume);
      if (!failed_at) continue;
      if (CSC_MUTANT(MidStreamFailureSkipsRemainingPeers)) break;
      resume = *failed_at;
    }
    if (fetched == 0) return false;

    for (const auto& [id, orphan] : orphans.latest_first(orphan_order_)) {
      if (local_.contains(id) || rejected_.count(id) != 0) continue;
      try {
        backfill_fork(id);
      } catch (const InvalidBlockFromBackfillFork& e) {
        rejected_.insert(e.rejected().begin(), e.rejected().end());
      }
    }
    return !fix_.stop_without_progress || accepted_ > accepted_before;
  }

  // The peers to stream, in groups that share one stream with retries.
  std::vector<PeerGroup> groups(Slot start) {
    std::vector<PeerGroup> out;
    if (fix_.stream_every_peer && fix_.stream_from_base_slot) {
      if (CSC_MUTANT(PeersFilteredByClaimedTip)) {
        const Slot local_tip = local_.tip().slot;
        const auto ahead = [&](const BlockHeader& tip) { return tip.slot > local_tip; };
        for (const TipGroup& g : group_peers_by_tip(peers_, ahead, fix_.tolerate_peer_failures)) {
          for (const std::size_t p : g.peers) out.push_back({p});
        }
        return out;
      }
      for (std::size_t p = 0; p < peers_.size(); ++p) out.push_back({p});
      return out;
    }
    const auto ahead = [&](const BlockHeader& tip) {
      return fix_.stream_from_base_slot || tip.slot > start;
    };
    for (TipGroup& g : group_peers_by_tip(peers_, ahead, fix_.tolerate_peer_failures)) {
      if (!fix_.stream_every_peer) {
        out.push_back(std::move(g.peers));
        continue;
      }
      for (const std::size_t p : g.peers) out.push_back({p});
    }
    return out;
  }

  // Where forks that fork choice can still take start: the LIB in Online
  // mode (deeper forks are ignored or immutable), genesis otherwise.
  Slot base_slot() const {
    if (local_.mode() != Mode::Online) return 0;
    const BlockHeader* lib = local_.block(local_.lib());
    return lib ? lib->slot : 0;
  }

  BlockStatus apply(const BlockHeader& block, const HeaderDigest& d) {
    const BlockStatus status = local_.try_on_block(block, d);
    if (status == BlockStatus::Accepted ||
        (CSC_MUTANT(DuplicateCountsAsProgress) && status == BlockStatus::Duplicate)) {
      ++accepted_;
    }
    return status;
  }

  // find_missing_part: walk the fork back until the first block the local
  // tree has; the blocks walked, oldest first. With `known_tip`, the walk
  // starts from that header instead of fetching the tip.
  std::vector<BlockHeader> missing_part(const Id& tip, const BlockHeader* known_tip) {
    std::vector<BlockHeader> suffix;
    if (known_tip != nullptr) {
      if (local_.contains(tip)) return suffix;
      suffix.push_back(*known_tip);
    }
    ChainWalk walk(known_tip ? known_tip->parent : tip, local_, peers_,
                   WalkPolicy{fix_.walk_every_peer_per_block, fix_.tolerate_peer_failures});
    while (auto block = walk.next()) {
      if (local_.contains(block->id())) break;
      if (CSC_MUTANT(BackfillStopsAfter64Blocks) && suffix.size() >= 64) break;
      if (CSC_MUTANT(BackfillStopsOneBlockShort) && local_.contains(block->parent)) break;
      suffix.push_back(*block);
    }
    std::reverse(suffix.begin(), suffix.end());
    return suffix;
  }

  void backfill_fork(const Id& fork_tip, const BlockHeader* known_tip = nullptr) {
    std::vector<BlockHeader> suffix = missing_part(fork_tip, known_tip);
    if (CSC_MUTANT(BackfillNewestFirst)) std::reverse(suffix.begin(), suffix.end());
    for (std::size_t i = 0; i < suffix.size(); ++i) {
      const HeaderDigest d = digest(suffix[i]);
      const BlockStatus status = apply(suffix[i], d);
      if (!is_error(status)) continue;
      std::vector<Id> rejected;
      for (std::size_t j = i; j < suffix.size(); ++j) rejected.push_back(suffix[j].id());
      throw InvalidBlockFromBackfillFork(status, d.id, std::move(rejected));
    }
  }

  Follower& local_;
  PeerSession& peers_;
  Corrections fix_;
  OrphanChooser orphan_order_;
  IdSet rejected_;
  std::uint64_t accepted_ = 0;
};

}  // namespace

void sync_spec(Follower& local, PeerSession& peers, const std::optional<Checkpoint>& checkpoint,
               const Corrections& corrections, const OrphanChooser& orphan_order,
               SyncProgress& progress) {
  SpecSync(local, peers, corrections, orphan_order).run(checkpoint, progress);
}

void backfill_spec(Follower& local, PeerSession& peers, const Id& fork_tip,
                   const Corrections& corrections) {
  SpecSync(local, peers, corrections).backfill(fork_tip);
}

}  // namespace cryptarchia::detail
