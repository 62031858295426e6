// The later public revision of the sync (spec note, section 7), which the
// reference profile starts from. Corrections are applied only where a
// Corrections flag says so.
#include <algorithm>
#include <unordered_set>

#include "cryptarchia/detail/block_fetch.hpp"
#include "cryptarchia/detail/chain_walk.hpp"
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

// find_missing_part: walk the fork back until the first block the local tree
// has; the blocks walked, oldest first.
std::vector<BlockHeader> missing_part(const Follower& local, PeerSession& peers, const Id& tip) {
  std::vector<BlockHeader> suffix;
  ChainWalk walk(tip, local, peers);
  while (auto block = walk.next()) {
    if (local.contains(block->id())) break;
    suffix.push_back(*block);
  }
  std::reverse(suffix.begin(), suffix.end());
  return suffix;
}

void backfill_fork(Follower& local, PeerSession& peers, const Id& fork_tip) {
  const std::vector<BlockHeader> suffix = missing_part(local, peers, fork_tip);
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    const HeaderDigest d = digest(suffix[i]);
    const BlockStatus status = local.try_on_block(suffix[i], d);
    if (!is_error(status)) continue;
    std::vector<Id> rejected;
    for (std::size_t j = i; j < suffix.size(); ++j) rejected.push_back(suffix[j].id());
    throw InvalidBlockFromBackfillFork(status, d.id, std::move(rejected));
  }
}

}  // namespace

void sync_spec(Follower& local, PeerSession& peers, const std::optional<Checkpoint>& checkpoint,
               const Corrections& /*corrections*/, SyncProgress& progress) {
  // A checkpoint's chain is backfilled down to genesis first; a failure there
  // escapes and aborts the sync.
  if (checkpoint) backfill_fork(local, peers, checkpoint->header.id());

  IdSet rejected;
  while (true) {
    peers.step();
    ++progress.rounds;
    const Slot start = local.tip().slot;
    OrphanSet orphans;
    std::uint64_t fetched = 0;
    for (const PeerGroup& group : group_peers_by_tip(peers, start)) {
      fetch_blocks_by_slot(peers, group, start, [&](const BlockHeader& block) {
        ++fetched;
        const HeaderDigest d = digest(block);
        if (rejected.count(d.id) != 0 || rejected.count(block.parent) != 0) {
          rejected.insert(d.id);
          return;
        }
        const BlockStatus status = local.try_on_block(block, d);
        if (status == BlockStatus::ParentNotFound) {
          orphans.add(d.id, block);
        } else if (is_error(status)) {
          rejected.insert(d.id);
        } else {
          orphans.discard(d.id);
        }
      });
    }
    if (fetched == 0) return;

    for (const auto& [id, orphan] : orphans.latest_first()) {
      if (local.contains(id) || rejected.count(id) != 0) continue;
      try {
        backfill_fork(local, peers, id);
      } catch (const InvalidBlockFromBackfillFork& e) {
        rejected.insert(e.rejected().begin(), e.rejected().end());
      }
    }
  }
}

}  // namespace cryptarchia::detail
