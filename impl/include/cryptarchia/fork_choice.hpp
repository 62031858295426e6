// The fork-choice rules (spec note, section 5). Both fold over `forks` in
// list order, starting from the local tip; only the current best's depth is
// compared with k; ties keep the earlier choice.
#pragma once

#include <cstdint>
#include <span>

#include "cryptarchia/block_tree.hpp"

namespace cryptarchia {

// Blocks of the chain from `lca` (included) up to `tip` whose slot is below
// lca.slot + s (at or below it with `includes_bound`, the engine's window:
// Variant::DensityWindowIncludesBound): the chain's density right after the fork.
std::uint64_t density_after_fork(const TreeNode* tip, const TreeNode* lca, std::uint64_t s,
                                 bool includes_bound = false);

// One step of the Genesis rule: should the fold switch from `best` to `fork`?
// Within k of best: longest chain, strictly. Deeper: denser window, strictly.
bool genesis_rule_switches(const TreeNode* best, const TreeNode* fork, std::uint64_t k,
                           std::uint64_t s, bool window_includes_bound = false);
// One step of the Praos rule: longest chain within k of best; deeper is ignored.
bool praos_rule_switches(const TreeNode* best, const TreeNode* fork, std::uint64_t k);

// maxvalid_bg: the fold in Bootstrapping mode.
const TreeNode* maxvalid_bg(const TreeNode* tip, std::span<const TreeNode* const> forks,
                            std::uint64_t k, std::uint64_t s, bool window_includes_bound = false);
// maxvalid_mc: the fold in Online mode.
const TreeNode* maxvalid_mc(const TreeNode* tip, std::span<const TreeNode* const> forks,
                            std::uint64_t k);

}  // namespace cryptarchia
