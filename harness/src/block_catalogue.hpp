// Every header a scenario mentions (local blocks, checkpoint, peer blocks,
// peer tips), by id, with the parent -> children links among them.
#pragma once

#include <map>
#include <vector>

#include "cryptarchia/scenario.hpp"

namespace cryptarchia::harness {

struct BlockCatalogue {
  Id genesis;
  std::map<Id, BlockHeader> headers;            // the genesis included
  std::map<Id, std::vector<Id>> children;       // ordered by (slot, id)
  std::vector<Id> roots;                        // genesis first, then blocks whose parent is unknown

  explicit BlockCatalogue(const Scenario& scenario);
  [[nodiscard]] std::string label(const Id& id) const;  // "<short id>@<slot>"
};

}  // namespace cryptarchia::harness
