#include "cryptarchia/fork_choice.hpp"

#include <limits>

#include "cryptarchia/detail/mutation_point.hpp"

namespace cryptarchia {

namespace {
std::uint64_t count_after_fork(const TreeNode* tip, const TreeNode* lca, std::uint64_t s,
                               bool includes_bound);
}  // namespace

std::uint64_t density_after_fork(const TreeNode* tip, const TreeNode* lca, std::uint64_t s,
                                 bool includes_bound) {
  const std::uint64_t n = count_after_fork(tip, lca, s, includes_bound);
  return CSC_MUTANT(DensityCountSaturatesAt64) && n > 64 ? 64 : n;
}

namespace {
std::uint64_t count_after_fork(const TreeNode* tip, const TreeNode* lca, std::uint64_t s,
                               bool includes_bound) {
  // Saturate: the spec's integers do not overflow.
  Slot from = lca->header.slot;
  if (CSC_MUTANT(DensityWindowFromFirstForkBlock)) {
    for (const TreeNode* n = tip; n != lca; n = n->parent) from = n->header.slot;
  }
  // The window is the slots below `end`; the engine's bound is one further.
  std::uint64_t width = includes_bound && s < std::numeric_limits<Slot>::max() ? s + 1 : s;
  if (CSC_MUTANT(DensityWindowOneSlotShort) && width > 0) --width;
  const Slot end = from > std::numeric_limits<Slot>::max() - width
                       ? std::numeric_limits<Slot>::max()
                       : from + width;
  if (CSC_MUTANT(DensityWindowByHeight)) {
    std::uint64_t count = 0;
    for (const TreeNode* n = tip;; n = n->parent) {
      if (n->height - lca->height < s) ++count;
      if (n == lca) break;
    }
    return count;
  }
  if (tip->slots_increase && !CSC_MUTANT(DensityWindowIncludesEndSlot)) {
    // The window's blocks are the LCA and the first ones after it: find the
    // last of them by skip pointers (O(log^2 n)) and count by height,
    // instead of walking the whole fork (deep forks made fork choice
    // quadratic; docs/PERFORMANCE.md).
    if (lca->header.slot >= end) return 0;
    const TreeNode* n = tip;  // invariant: n is on the fork, at or above the LCA
    while (n->header.slot >= end) {
      const TreeNode* skip = n->skip;
      n = skip != nullptr && skip->height >= lca->height && skip->header.slot >= end ? skip
                                                                                      : n->parent;
    }
    return n->height - lca->height + 1;
  }
  std::uint64_t count = 0;
  for (const TreeNode* n = tip;; n = n->parent) {
    if (n->header.slot < end || (CSC_MUTANT(DensityWindowIncludesEndSlot) && n->header.slot == end)) {
      ++count;
    }
    if (n == lca) break;
  }
  return count;
}
}  // namespace

bool genesis_rule_switches(const TreeNode* best, const TreeNode* fork, std::uint64_t k,
                           std::uint64_t s, bool window_includes_bound) {
  const CommonPrefix p = BlockTree::common_prefix(best, fork);
  const std::uint64_t depth = CSC_MUTANT(GenesisComparesForkDepthWithK) ? p.depth_b : p.depth_a;
  if (CSC_MUTANT(GenesisKBoundaryExclusive) ? depth < k : depth <= k) {
    return CSC_MUTANT(GenesisShortRangeTieSwitches) ? p.depth_a <= p.depth_b : p.depth_a < p.depth_b;
  }
  const std::uint64_t best_density = density_after_fork(best, p.lca, s, window_includes_bound);
  const std::uint64_t fork_density = density_after_fork(fork, p.lca, s, window_includes_bound);
  return CSC_MUTANT(GenesisDensityTieSwitches) ? best_density <= fork_density
                                               : best_density < fork_density;
}

bool praos_rule_switches(const TreeNode* best, const TreeNode* fork, std::uint64_t k) {
  const CommonPrefix p = BlockTree::common_prefix(best, fork);
  const std::uint64_t depth = CSC_MUTANT(PraosComparesForkDepthWithK) ? p.depth_b : p.depth_a;
  const bool within_k = CSC_MUTANT(PraosKBoundaryExclusive) ? depth < k : depth <= k;
  return within_k && (CSC_MUTANT(PraosTieSwitches) ? p.depth_a <= p.depth_b : p.depth_a < p.depth_b);
}

const TreeNode* maxvalid_bg(const TreeNode* tip, std::span<const TreeNode* const> forks,
                            std::uint64_t k, std::uint64_t s, bool window_includes_bound) {
  const TreeNode* best = tip;
  for (const TreeNode* fork : forks) {
    if (genesis_rule_switches(CSC_MUTANT(FoldComparesWithOriginalTip) ? tip : best, fork, k, s,
                              window_includes_bound)) {
      best = fork;
    }
  }
  return best;
}

const TreeNode* maxvalid_mc(const TreeNode* tip, std::span<const TreeNode* const> forks,
                            std::uint64_t k) {
  const TreeNode* best = tip;
  for (const TreeNode* fork : forks) {
    if (praos_rule_switches(CSC_MUTANT(FoldComparesWithOriginalTip) ? tip : best, fork, k)) {
      best = fork;
    }
  }
  return best;
}

}  // namespace cryptarchia
