#include "cryptarchia/detail/block_fetch.hpp"

namespace cryptarchia::detail {

std::vector<PeerGroup> group_peers_by_tip(PeerSession& peers, Slot start) {
  std::vector<PeerGroup> groups;
  std::unordered_map<Id, std::size_t, Hash32Hasher> group_of_tip;
  for (std::size_t p = 0; p < peers.size(); ++p) {
    const BlockHeader tip = peers.tip(p);
    if (tip.slot <= start) continue;
    const auto [it, fresh] = group_of_tip.try_emplace(tip.id(), groups.size());
    if (fresh) groups.emplace_back();
    groups[it->second].push_back(p);
  }
  return groups;
}

void OrphanSet::add(const Id& id, const BlockHeader& header) {
  if (live_.try_emplace(id, order_.size()).second) order_.emplace_back(id, header);
}

std::vector<std::pair<Id, BlockHeader>> OrphanSet::latest_first() const {
  std::vector<std::pair<Id, BlockHeader>> out;
  for (std::size_t i = 0; i < order_.size(); ++i) {
    const auto it = live_.find(order_[i].first);
    if (it != live_.end() && it->second == i) out.push_back(order_[i]);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.second.slot > b.second.slot; });
  return out;
}

}  // namespace cryptarchia::detail
