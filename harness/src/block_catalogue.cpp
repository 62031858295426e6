#include "block_catalogue.hpp"

#include <algorithm>

namespace cryptarchia::harness {

BlockCatalogue::BlockCatalogue(const Scenario& s) : genesis(s.genesis.header.id()) {
  headers.emplace(genesis, s.genesis.header);
  const auto add = [&](const BlockHeader& h) { headers.emplace(h.id(), h); };
  for (const BlockHeader& h : s.local_blocks) add(h);
  if (s.checkpoint) add(s.checkpoint->header);
  const auto add_view = [&](const PeerView& view) {
    add(view.tip());
    for (const auto& [slot, ids] : view.by_slot()) {
      for (const Id& id : ids) {
        if (const BlockHeader* h = view.find(id)) add(*h);
      }
    }
  };
  for (const ScenarioPeer& p : s.peers) {
    if (p.view) add_view(*p.view);
  }
  // What the peers of a schedule come to hold later (schedule.hpp).
  for (const ScheduleEvent& e : s.schedule) {
    if (e.view) add_view(*e.view);
  }
  roots.push_back(genesis);
  for (const auto& [id, h] : headers) {
    if (id == genesis) continue;
    if (headers.count(h.parent)) {
      children[h.parent].push_back(id);
    } else {
      roots.push_back(id);
    }
  }
  const auto by_slot = [&](const Id& a, const Id& b) {
    return std::pair(headers.at(a).slot, a) < std::pair(headers.at(b).slot, b);
  };
  for (auto& [parent, kids] : children) std::sort(kids.begin(), kids.end(), by_slot);
  std::sort(roots.begin() + 1, roots.end(), by_slot);
}

std::string BlockCatalogue::label(const Id& id) const {
  const auto it = headers.find(id);
  return id.short_hex() + "@" + (it == headers.end() ? "?" : std::to_string(it->second.slot));
}

}  // namespace cryptarchia::harness
