#include "cryptarchia/detail/block_fetch.hpp"

#include <stdexcept>

namespace cryptarchia::detail {

void OrphanSet::add(const Id& id, const BlockHeader& header) {
  if (live_.try_emplace(id, order_.size()).second) order_.emplace_back(id, header);
}

std::vector<std::pair<Id, BlockHeader>> OrphanSet::latest_first(
    const OrphanChooser& choose) const {
  std::vector<std::pair<Id, BlockHeader>> out;
  for (std::size_t i = 0; i < order_.size(); ++i) {
    const auto it = live_.find(order_[i].first);
    if (it != live_.end() && it->second == i) out.push_back(order_[i]);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.second.slot > b.second.slot; });
  if (!choose) return out;
  // Within each run of one slot, pick the next orphan among those left;
  // rotating it forward keeps the others in insertion order, so choice 0
  // everywhere is the default order.
  for (std::size_t run = 0; run < out.size();) {
    std::size_t end = run + 1;
    while (end < out.size() && out[end].second.slot == out[run].second.slot) ++end;
    for (std::size_t i = run; i + 1 < end; ++i) {
      const std::size_t pick = choose(end - i);
      if (pick >= end - i) throw std::out_of_range("OrphanChooser picked past the orphans left");
      std::rotate(out.begin() + static_cast<std::ptrdiff_t>(i),
                  out.begin() + static_cast<std::ptrdiff_t>(i + pick),
                  out.begin() + static_cast<std::ptrdiff_t>(i + pick + 1));
    }
    run = end;
  }
  return out;
}

}  // namespace cryptarchia::detail
