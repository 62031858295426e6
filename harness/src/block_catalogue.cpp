#include "block_catalogue.hpp"

#include <algorithm>

namespace cryptarchia::harness {

BlockCatalogue::BlockCatalogue(const Scenario& s) : genesis(s.genesis.header.id()) {
  headers.emplace(genesis, s.genesis.header);
  const auto add = [&](const BlockHeader& h) { headers.emplace(h.id(), h); };
  for (const BlockHeader& h : s.local_blocks) add(h);
  if (s.checkpoint) add(s.checkpoint->header);
  for (const ScenarioPeer& p : s.peers) {
    if (!p.view) continue;
    add(p.view->tip());
    for (const auto& [slot, ids] : p.view->by_slot()) {
      for (const Id& id : ids) {
        if (const BlockHeader* h = p.view->find(id)) add(*h);
      }
    }
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
