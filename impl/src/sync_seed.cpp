// The seed's sync, kept as proposed: see ../shared/seed and section 6 of the
// spec note. Do not fix anything here; corrections belong to the reference
// profile.
#include <algorithm>
#include <unordered_map>

#include "cryptarchia/detail/block_fetch.hpp"
#include "cryptarchia/detail/chain_walk.hpp"
#include "sync_profiles.hpp"

namespace cryptarchia::detail {

namespace {

struct Suffixes {
  std::vector<BlockHeader> a;  // LCA first, then a's chain up to its tip
  std::vector<BlockHeader> b;
};

std::vector<BlockHeader> reversed_prefix(const std::vector<BlockHeader>& walked, std::size_t n) {
  std::vector<BlockHeader> out(walked.begin(), walked.begin() + static_cast<std::ptrdiff_t>(n));
  std::reverse(out.begin(), out.end());
  return out;
}

// common_prefix_depth_from_chains: both streams advance in lock step until one
// yields a block the other yielded before. If both end without meeting, the
// spec's loop spins forever: report that as non-termination.
Suffixes common_prefix_from_chains(ChainWalk& a, ChainWalk& b, PeerSession& peers) {
  std::unordered_map<Id, std::size_t, Hash32Hasher> seen;  // id -> depth where first seen
  std::vector<BlockHeader> a_walked, b_walked;
  for (std::size_t depth = 0;; ++depth) {
    peers.step();
    bool a_ended = true, b_ended = true;
    if (auto block = a.next()) {
      a_ended = false;
      a_walked.push_back(*block);
      const Id id = block->id();
      if (const auto it = seen.find(id); it != seen.end()) {
        return {reversed_prefix(a_walked, depth + 1), reversed_prefix(b_walked, it->second + 1)};
      }
      seen.emplace(id, depth);
    }
    if (auto block = b.next()) {
      b_ended = false;
      b_walked.push_back(*block);
      const Id id = block->id();
      if (const auto it = seen.find(id); it != seen.end()) {
        return {reversed_prefix(a_walked, it->second + 1), reversed_prefix(b_walked, depth + 1)};
      }
      seen.emplace(id, depth);
    }
    if (a_ended && b_ended) {
      throw BudgetExceeded(
          "common-prefix walk: both chains ended without meeting; the seed's loop would never "
          "return",
          false, true);
    }
  }
}

}  // namespace

void backfill_seed(Follower& local, PeerSession& peers, const Id& fork_tip) {
  ChainWalk tip_chain(local.tip_id(), local, peers);
  ChainWalk fork_chain(fork_tip, local, peers);
  const Suffixes s = common_prefix_from_chains(tip_chain, fork_chain, peers);
  // The local chain's missing ancestors: stored without fork choice.
  for (const BlockHeader& block : s.a) {
    const HeaderDigest d = digest(block);
    throw_if_error(local.try_apply_block_to_ledger_state(block), d.id);
  }
  // The fork, oldest first, through fork choice.
  for (const BlockHeader& block : s.b) {
    const HeaderDigest d = digest(block);
    throw_if_error(local.try_on_block(block, d), d.id);
  }
}

void sync_seed(Follower& local, PeerSession& peers, const std::optional<Checkpoint>& checkpoint,
               const OrphanChooser& orphan_order, SyncProgress& progress) {
  if (checkpoint) local.apply_checkpoint(checkpoint->header, checkpoint->state);
  while (true) {
    peers.step();
    ++progress.rounds;
    const Slot start = local.tip().slot;
    OrphanSet orphans;
    const std::vector<TipGroup> groups = group_peers_by_tip(
        peers, [start](const BlockHeader& tip) { return tip.slot > start; }, false);
    if (groups.empty()) return;
    for (const TipGroup& group : groups) {
      fetch_blocks_by_slot(peers, group.peers, start, [&](const BlockHeader& block) {
        const HeaderDigest d = digest(block);
        const BlockStatus status = local.try_on_block(block, d);
        if (status == BlockStatus::ParentNotFound) {
          orphans.add(d.id, block);
        } else {
          throw_if_error(status, d.id);  // any other failure escapes the sync
          orphans.discard(d.id);
        }
      });
    }
    for (const auto& [id, orphan] : orphans.latest_first(orphan_order)) {
      if (!local.contains(id)) backfill_seed(local, peers, id);
    }
  }
}

}  // namespace cryptarchia::detail
