// The forward fetch shared by the seed and spec profiles: group the peers
// that are ahead by their tip, then stream each group's blocks from a slot,
// moving to the group's next peer when one fails mid-stream.
#pragma once

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <vector>

#include "cryptarchia/detail/mutation_point.hpp"

#include "cryptarchia/detail/peer_session.hpp"

namespace cryptarchia::detail {

using PeerGroup = std::vector<std::size_t>;

struct TipGroup {
  BlockHeader tip;
  PeerGroup peers;
};

// filter_and_group_peers_by_tip: the peers whose tip is `wanted`, grouped by
// tip, groups in order of first appearance. The seed and the spec want a tip
// whose slot is strictly greater than the local tip's. A failing tip request
// escapes, as in the spec, unless `skip_failing`.
template <typename Wanted>
std::vector<TipGroup> group_peers_by_tip(PeerSession& peers, Wanted&& wanted, bool skip_failing) {
  std::vector<TipGroup> groups;
  std::unordered_map<Id, std::size_t, Hash32Hasher> group_of_tip;
  for (std::size_t p = 0; p < peers.size(); ++p) {
    std::optional<BlockHeader> tip;
    try {
      tip = peers.tip(p);
    } catch (const PeerFailure&) {
      if (!skip_failing) throw;
    }
    if (!tip || !wanted(*tip)) continue;
    const auto [it, fresh] = group_of_tip.try_emplace(tip->id(), groups.size());
    if (fresh) groups.push_back(TipGroup{*tip, {}});
    groups[it->second].peers.push_back(p);
  }
  return groups;
}

// fetch_blocks_by_slot: stream blocks_from(start) from the group's first peer;
// when a peer fails, continue with the next from the slot of the last block
// received; stop after the first peer that finishes. `consume` may throw; that
// ends the fetch. Returns nullopt when a peer finished its stream; when every
// peer failed, the slot the next one would have resumed from.
template <typename Consume>
std::optional<Slot> fetch_blocks_by_slot(PeerSession& peers, const PeerGroup& group, Slot start,
                                         Consume&& consume) {
  for (const std::size_t peer : group) {
    try {
      auto stream = peers.blocks_from(peer, start);
      std::uint64_t read = 0;
      while (auto block = stream.next()) {
        consume(*block);
        start = block->slot;
        if (CSC_MUTANT(StreamEndsAfter64Blocks) && ++read == 64) break;
      }
      return std::nullopt;
    } catch (const PeerFailure&) {
      continue;
    }
  }
  return start;
}

// The seed's `set[BlockHeader]` of orphans. Python iterates a set in hash
// order; we keep first-insertion order so that runs are reproducible.
class OrphanSet {
 public:
  void add(const Id& id, const BlockHeader& header);
  void discard(const Id& id) { live_.erase(id); }
  // Live orphans, latest slot first; ties in the order `choose` picks
  // (unset: insertion order).
  [[nodiscard]] std::vector<std::pair<Id, BlockHeader>> latest_first(
      const OrphanChooser& choose) const;

 private:
  std::vector<std::pair<Id, BlockHeader>> order_;
  std::unordered_map<Id, std::size_t, Hash32Hasher> live_;
};

}  // namespace cryptarchia::detail
