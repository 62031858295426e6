#include "cryptarchia/detail/block_fetch.hpp"

namespace cryptarchia::detail {

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
