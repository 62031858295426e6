// Drawings of a vector: its block tree as text (chain segments, one per
// line) or as Graphviz dot, each peer's view and faults, the local start.
#pragma once

#include <optional>
#include <string>

#include "cryptarchia/scenario.hpp"

namespace cryptarchia::harness {

// Why a block's leader proof is invalid under the vector's genesis stake
// ("proof-slot", "proof-parent", "unstaked"), or "" if it is valid.
std::string proof_flaw(const Scenario& scenario, const BlockHeader& header);

// The local node's tip once its local blocks are applied (nullopt if they
// cannot be: the loader refuses such vectors, hand-made scenarios may not).
std::optional<Id> local_start_tip(const Scenario& scenario);

std::string draw_text(const Scenario& scenario);
std::string draw_dot(const Scenario& scenario);

}  // namespace cryptarchia::harness
