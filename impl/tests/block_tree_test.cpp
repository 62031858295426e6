// BlockTree against naive oracles: every query the tree answers with cached
// heights and skip pointers is recomputed here by walking parents one by one
// over a plain id -> parent map (the spec's own walks, section 5).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "cryptarchia/block_tree.hpp"
#include "cryptarchia/errors.hpp"
#include "cryptarchia/fork_choice.hpp"
#include "cryptarchia/spec_conventions.hpp"

namespace cryptarchia {
namespace {

// The oracle's view: what was inserted, in order, and each block's parent id.
struct Naive {
  std::vector<Id> order;                      // insertion order
  std::unordered_map<Id, BlockHeader> blocks;  // stored blocks

  bool has(const Id& id) const { return blocks.count(id) != 0; }

  // The stored chain from `id` towards its root: id first.
  std::vector<Id> chain(const Id& id) const {
    std::vector<Id> out;
    for (Id at = id; has(at); at = blocks.at(at).parent) out.push_back(at);
    return out;
  }
  std::uint64_t height(const Id& id) const {
    std::uint64_t h = 0;
    for (Id at = id; has(at); at = blocks.at(at).parent) ++h;
    return h;
  }

  std::optional<Id> ancestor_at(const Id& id, std::uint64_t h) const {
    const std::vector<Id> c = chain(id);
    if (h == 0 || h > c.size()) return std::nullopt;
    return c[c.size() - h];
  }

  bool is_ancestor(const Id& a, const Id& b) const {
    for (Id at = b; has(at); at = blocks.at(at).parent) {
      if (at == a) return true;
    }
    return false;
  }

  // The spec's common_prefix_depth: both walks in lock step, `a` first, until
  // one meets a block the other has seen. nullopt when they never meet.
  struct Prefix {
    Id lca;
    std::uint64_t depth_a;
    std::uint64_t depth_b;
  };
  std::optional<Prefix> common_prefix(const Id& a, const Id& b) const {
    const std::vector<Id> ca = chain(a);
    const std::vector<Id> cb = chain(b);
    std::unordered_map<Id, std::uint64_t> seen;
    for (std::uint64_t depth = 0; depth < std::max(ca.size(), cb.size()); ++depth) {
      if (depth < ca.size()) {
        const auto it = seen.find(ca[depth]);
        if (it != seen.end()) return Prefix{ca[depth], depth, it->second};
        seen.emplace(ca[depth], depth);
      }
      if (depth < cb.size()) {
        const auto it = seen.find(cb[depth]);
        if (it != seen.end()) return Prefix{cb[depth], it->second, depth};
        seen.emplace(cb[depth], depth);
      }
    }
    return std::nullopt;
  }

  // for_each_from_slot: slot >= from, ascending slot, ties in insertion order.
  std::vector<Id> from_slot(Slot from) const {
    std::vector<Id> out;
    for (const Id& id : order) {
      if (has(id) && blocks.at(id).slot >= from) out.push_back(id);
    }
    std::stable_sort(out.begin(), out.end(), [this](const Id& x, const Id& y) {
      return blocks.at(x).slot < blocks.at(y).slot;
    });
    return out;
  }
};

// A random tree's headers, parents before children. Shapes vary per tree:
// `chain_bias` is the chance that a block extends the newest block (long
// chains, so skip pointers matter); otherwise its parent is uniform among the
// blocks so far. Slots repeat (counter / 3) so that slot ties occur; a unique
// leader key per block keeps every header, hence every id, distinct.
std::vector<BlockHeader> random_tree(std::mt19937& rng, std::size_t n, double chain_bias,
                                     const Id& root_parent, std::uint64_t key_base) {
  std::vector<BlockHeader> out;
  std::vector<Id> ids;
  std::bernoulli_distribution extend_newest(chain_bias);
  for (std::size_t i = 0; i < n; ++i) {
    Id parent = root_parent;
    if (i > 0) {
      parent = extend_newest(rng)
                   ? ids.back()
                   : ids[std::uniform_int_distribution<std::size_t>(0, i - 1)(rng)];
    }
    out.push_back(make_block(parent, i / 3, Note{10, key_base + i}));
    ids.push_back(out.back().id());
  }
  return out;
}

std::vector<std::string> short_ids(const std::vector<Id>& ids) {
  std::vector<std::string> out;
  for (const Id& id : ids) out.push_back(id.short_hex());
  return out;
}

class BlockTreeOracle : public ::testing::Test {
 protected:
  BlockTree tree;
  Naive naive;

  void insert(const BlockHeader& h) {
    const Id id = h.id();
    const TreeNode* n = tree.insert(id, h, LedgerState{});
    ASSERT_NE(n, nullptr);
    ASSERT_EQ(*n->id, id);
    naive.order.push_back(id);
    naive.blocks.emplace(id, h);
  }

  const TreeNode* node(const Id& id) const {
    const TreeNode* n = tree.find(id);
    EXPECT_NE(n, nullptr) << id.short_hex() << " is not in the tree";
    return n;
  }

  // Every stored block: id, parent link and height match the oracle. The
  // height is checked locally for every block (parent's + 1, or 1 for a
  // root), and by a full walk, with the skip pointer, for up to ~200 of them.
  void check_every_node(const std::string& ctx) {
    ASSERT_EQ(tree.size(), naive.blocks.size()) << ctx;
    const std::size_t stride = std::max<std::size_t>(1, naive.blocks.size() / 200);
    std::size_t i = 0;
    for (const auto& [id, h] : naive.blocks) {
      const TreeNode* n = node(id);
      ASSERT_NE(n, nullptr) << ctx;
      ASSERT_EQ(*n->id, id) << ctx;
      if (naive.has(h.parent)) {
        ASSERT_NE(n->parent, nullptr) << ctx;
        ASSERT_EQ(*n->parent->id, h.parent) << ctx;
        ASSERT_EQ(n->height, n->parent->height + 1) << ctx << " height of " << id.short_hex();
      } else {
        ASSERT_EQ(n->parent, nullptr) << ctx;
        ASSERT_EQ(n->height, 1u) << ctx << " height of root " << id.short_hex();
      }
      if (i++ % stride != 0) continue;
      ASSERT_EQ(n->height, naive.height(id)) << ctx << " height of " << id.short_hex();
      if (n->skip != nullptr) {
        ASSERT_LT(n->skip->height, n->height) << ctx;
        ASSERT_TRUE(naive.is_ancestor(*n->skip->id, id)) << ctx << " skip is not an ancestor";
      }
    }
  }

  // `queries` random pairs: ancestor_at, is_ancestor, common_prefix.
  void check_queries(std::mt19937& rng, int queries, const std::string& ctx) {
    std::vector<Id> ids;
    for (const Id& id : naive.order) {
      if (naive.has(id)) ids.push_back(id);
    }
    if (ids.empty()) return;
    std::uniform_int_distribution<std::size_t> pick(0, ids.size() - 1);
    for (int q = 0; q < queries; ++q) {
      const Id& a = ids[pick(rng)];
      const Id& b = ids[pick(rng)];
      const TreeNode* na = node(a);
      const TreeNode* nb = node(b);
      ASSERT_TRUE(na != nullptr && nb != nullptr) << ctx;
      // Built only when an assertion fails.
      const auto where = [&] {
        return ctx + " query " + std::to_string(q) + " a=" + a.short_hex() + " b=" + b.short_hex();
      };

      // ancestor_at at every height of a's chain, plus 0 and one above.
      const std::uint64_t ha = na->height;
      std::uniform_int_distribution<std::uint64_t> pick_h(0, ha + 1);
      for (int t = 0; t < 4; ++t) {
        const std::uint64_t h = t == 0 ? 0 : t == 1 ? ha + 1 : pick_h(rng);
        const TreeNode* got = BlockTree::ancestor_at(na, h);
        const std::optional<Id> want = naive.ancestor_at(a, h);
        if (!want) {
          ASSERT_EQ(got, nullptr) << where() << " ancestor_at(" << h << ")";
        } else {
          ASSERT_NE(got, nullptr) << where() << " ancestor_at(" << h << ")";
          ASSERT_EQ(*got->id, *want) << where() << " ancestor_at(" << h << ")";
        }
      }

      // is_ancestor both ways, and against a's own ancestors.
      ASSERT_EQ(BlockTree::is_ancestor(na, nb), naive.is_ancestor(a, b)) << where();
      ASSERT_EQ(BlockTree::is_ancestor(nb, na), naive.is_ancestor(b, a)) << where();
      ASSERT_TRUE(BlockTree::is_ancestor(na, na)) << where();
      if (const TreeNode* up = BlockTree::ancestor_at(na, pick_h(rng))) {
        ASSERT_TRUE(BlockTree::is_ancestor(up, na)) << where();
        ASSERT_EQ(BlockTree::is_ancestor(na, up), up == na) << where();
        // Relatives through an ancestor: is b below that ancestor?
        ASSERT_EQ(BlockTree::is_ancestor(up, nb), naive.is_ancestor(*up->id, b)) << where();
      }

      // common_prefix in both argument orders.
      for (const bool swap : {false, true}) {
        const Id& x = swap ? b : a;
        const Id& y = swap ? a : b;
        const auto want = naive.common_prefix(x, y);
        if (!want) {
          ASSERT_THROW(BlockTree::common_prefix(node(x), node(y)), DisconnectedChains) << where();
          continue;
        }
        const CommonPrefix got = BlockTree::common_prefix(node(x), node(y));
        ASSERT_NE(got.lca, nullptr) << where();
        ASSERT_EQ(*got.lca->id, want->lca) << where() << " swap=" << swap;
        ASSERT_EQ(got.depth_a, want->depth_a) << where() << " swap=" << swap;
        ASSERT_EQ(got.depth_b, want->depth_b) << where() << " swap=" << swap;
      }
    }
  }

  void check_slot_order(Slot from, const std::string& ctx) {
    std::vector<Id> got;
    tree.for_each_from_slot(from, [&](const TreeNode& n) { got.push_back(*n.id); });
    ASSERT_EQ(short_ids(got), short_ids(naive.from_slot(from)))
        << ctx << " for_each_from_slot(" << from << ")";
  }
};

constexpr std::uint32_t kSeed = 20240611;
constexpr double kBiases[] = {0.0, 0.5, 0.9, 0.99, 1.0};

// A few hundred random trees inserted parents first.
TEST_F(BlockTreeOracle, RandomTreesMatchNaiveWalks) {
  std::mt19937 rng(kSeed);
  for (int t = 0; t < 200; ++t) {
    tree = BlockTree{};
    naive = Naive{};
    // One tree in ten has 2000 blocks, with every chain bias in turn.
    const std::size_t n =
        t % 50 < 5 ? 2000 : std::uniform_int_distribution<std::size_t>(1, 600)(rng);
    const double bias = kBiases[t % 5];
    const std::string ctx = "seed " + std::to_string(kSeed) + " tree " + std::to_string(t) +
                            " n=" + std::to_string(n) + " bias=" + std::to_string(bias);
    SCOPED_TRACE(ctx);
    for (const BlockHeader& h : random_tree(rng, n, bias, Id{}, 1000)) insert(h);
    check_every_node(ctx);
    if (HasFatalFailure()) return;
    check_queries(rng, 60, ctx);
    if (HasFatalFailure()) return;
    check_slot_order(0, ctx);
    check_slot_order(static_cast<Slot>(n / 6), ctx);
    if (HasFatalFailure()) return;
  }
}

// The same trees inserted in a random order: a block whose parent is missing
// is a root until the parent arrives, then it and its subtree are re-linked
// and their heights shifted (the checkpoint path). Checked half-way (a forest:
// common_prefix across components must throw) and at the end (one tree).
TEST_F(BlockTreeOracle, RandomInsertionOrderRelinksWaitingRoots) {
  std::mt19937 rng(kSeed + 1);
  for (int t = 0; t < 100; ++t) {
    tree = BlockTree{};
    naive = Naive{};
    const std::size_t n = std::uniform_int_distribution<std::size_t>(2, 500)(rng);
    const double bias = kBiases[t % 5];
    const std::string ctx = "seed " + std::to_string(kSeed + 1) + " tree " + std::to_string(t) +
                            " n=" + std::to_string(n) + " bias=" + std::to_string(bias);
    SCOPED_TRACE(ctx);
    std::vector<BlockHeader> headers = random_tree(rng, n, bias, Id{}, 1000);
    std::shuffle(headers.begin(), headers.end(), rng);
    for (std::size_t i = 0; i < headers.size(); ++i) {
      insert(headers[i]);
      if (i == headers.size() / 2) {
        check_every_node(ctx + " half-way");
        if (HasFatalFailure()) return;
        check_queries(rng, 60, ctx + " half-way");
        if (HasFatalFailure()) return;
      }
    }
    check_every_node(ctx + " complete");
    if (HasFatalFailure()) return;
    check_queries(rng, 60, ctx + " complete");
    if (HasFatalFailure()) return;
    check_slot_order(0, ctx);
    if (HasFatalFailure()) return;
  }
}

// Two separate roots (two genesis-like blocks with different missing parents,
// and two with the same missing parent): no shared block.
TEST_F(BlockTreeOracle, CommonPrefixOfSeparateRootsThrowsDisconnectedChains) {
  std::mt19937 rng(kSeed + 2);
  const Id other_parent = make_block(Id{}, 12345, Note{10, 0}).id();
  for (const bool same_missing_parent : {false, true}) {
    tree = BlockTree{};
    naive = Naive{};
    const std::string ctx = "seed " + std::to_string(kSeed + 2) +
                            " same_missing_parent=" + std::to_string(same_missing_parent);
    const auto left = random_tree(rng, 300, 0.9, Id{}, 1000);
    const auto right = random_tree(rng, 300, 0.9, same_missing_parent ? Id{} : other_parent, 5000);
    for (std::size_t i = 0; i < left.size(); ++i) {
      insert(left[i]);
      insert(right[i]);
    }
    check_every_node(ctx);
    if (HasFatalFailure()) return;
    std::uniform_int_distribution<std::size_t> pick(0, left.size() - 1);
    for (int q = 0; q < 100; ++q) {
      const TreeNode* a = node(left[pick(rng)].id());
      const TreeNode* b = node(right[pick(rng)].id());
      ASSERT_THROW(BlockTree::common_prefix(a, b), DisconnectedChains) << ctx;
      ASSERT_THROW(BlockTree::common_prefix(b, a), DisconnectedChains) << ctx;
      ASSERT_FALSE(BlockTree::is_ancestor(a, b)) << ctx;
      ASSERT_FALSE(BlockTree::is_ancestor(b, a)) << ctx;
    }
    // Roots themselves too.
    ASSERT_THROW(BlockTree::common_prefix(node(left[0].id()), node(right[0].id())),
                 DisconnectedChains)
        << ctx;
    check_queries(rng, 100, ctx);  // mixed pairs, oracle decides connectivity
    if (HasFatalFailure()) return;
  }
}

// erase_subtree removes exactly the subtree; everything else keeps its height,
// links and slot order; erased ids can be stored again afterwards.
TEST_F(BlockTreeOracle, EraseSubtreeRemovesExactlyTheSubtree) {
  std::mt19937 rng(kSeed + 3);
  for (int t = 0; t < 100; ++t) {
    tree = BlockTree{};
    naive = Naive{};
    const std::size_t n = std::uniform_int_distribution<std::size_t>(2, 400)(rng);
    const double bias = kBiases[t % 5];
    const std::string ctx = "seed " + std::to_string(kSeed + 3) + " tree " + std::to_string(t) +
                            " n=" + std::to_string(n) + " bias=" + std::to_string(bias);
    SCOPED_TRACE(ctx);
    const std::vector<BlockHeader> headers = random_tree(rng, n, bias, Id{}, 1000);
    for (const BlockHeader& h : headers) insert(h);

    std::vector<BlockHeader> erased_total;
    for (int round = 0; round < 3 && !naive.blocks.empty(); ++round) {
      std::vector<Id> live;
      for (const Id& id : naive.order) {
        if (naive.has(id)) live.push_back(id);
      }
      const Id victim = live[std::uniform_int_distribution<std::size_t>(0, live.size() - 1)(rng)];
      std::set<Id> doomed;
      for (const Id& id : live) {
        if (naive.is_ancestor(victim, id)) doomed.insert(id);
      }
      const std::size_t before = tree.size();
      tree.erase_subtree(tree.find(victim));
      for (const Id& id : live) {
        if (doomed.count(id) == 0) continue;
        erased_total.push_back(naive.blocks.at(id));
        naive.blocks.erase(id);
      }
      std::erase_if(naive.order, [&](const Id& id) { return doomed.count(id) != 0; });
      const std::string rctx = ctx + " round " + std::to_string(round) + " victim " +
                               victim.short_hex() + " subtree " + std::to_string(doomed.size());
      ASSERT_EQ(tree.size(), before - doomed.size()) << rctx;
      for (const Id& id : doomed) ASSERT_FALSE(tree.contains(id)) << rctx;
      check_every_node(rctx);
      if (HasFatalFailure()) return;
      // No surviving block still links to an erased child.
      for (const Id& id : naive.order) {
        if (!naive.has(id)) continue;
        for (const TreeNode* c = tree.find(id)->first_child; c != nullptr; c = c->next_sibling) {
          ASSERT_TRUE(naive.has(*c->id)) << rctx << " a child link points at an erased block";
        }
      }
      check_slot_order(0, rctx);
      check_slot_order(static_cast<Slot>(n / 4), rctx);
      if (HasFatalFailure()) return;
      check_queries(rng, 30, rctx);
      if (HasFatalFailure()) return;
    }

    // Store the erased blocks again, in the order they were erased (a later
    // victim may be an ancestor of an earlier one, so some arrive before their
    // parent and wait as roots): they go to the end of the insertion order.
    for (const BlockHeader& h : erased_total) insert(h);
    check_every_node(ctx + " re-inserted");
    if (HasFatalFailure()) return;
    check_slot_order(0, ctx + " re-inserted");
    if (HasFatalFailure()) return;
    check_queries(rng, 30, ctx + " re-inserted");
    if (HasFatalFailure()) return;
  }
}

// A copy is deep: same answers, independent storage.
TEST_F(BlockTreeOracle, CopyIsDeepAndKeepsOrder) {
  std::mt19937 rng(kSeed + 4);
  std::vector<BlockHeader> headers = random_tree(rng, 500, 0.9, Id{}, 1000);
  std::shuffle(headers.begin() + 250, headers.end(), rng);  // some waiting roots
  for (const BlockHeader& h : headers) insert(h);
  const BlockTree copy = tree;
  std::vector<Id> got;
  copy.for_each_from_slot(0, [&](const TreeNode& n) { got.push_back(*n.id); });
  ASSERT_EQ(short_ids(got), short_ids(naive.from_slot(0))) << "seed " << kSeed + 4;
  for (const auto& [id, h] : naive.blocks) {
    ASSERT_EQ(copy.find(id)->height, naive.height(id)) << "seed " << kSeed + 4;
    ASSERT_NE(copy.find(id), tree.find(id));
  }
  tree.erase_subtree(tree.find(headers.front().id()));
  EXPECT_EQ(copy.size(), naive.blocks.size());
}

// density_after_fork against a walk of every block from the tip to the LCA.
// Slots strictly increase along most chains (the skip-pointer search) but
// some blocks break that (the walk); inserted in random order, so that the
// flag is also right after waiting roots are re-linked.
TEST_F(BlockTreeOracle, DensityMatchesAWalkOfTheFork) {
  std::mt19937 rng(kSeed + 5);
  for (int t = 0; t < 60; ++t) {
    tree = BlockTree{};
    naive = Naive{};
    const std::size_t n = std::uniform_int_distribution<std::size_t>(2, 400)(rng);
    std::vector<BlockHeader> headers;
    std::vector<Id> ids;
    std::bernoulli_distribution extend_newest(kBiases[t % 5]);
    std::bernoulli_distribution slot_goes_back(t % 3 == 0 ? 0.02 : 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      std::size_t p = 0;
      Id parent{};
      Slot slot = 0;
      if (i > 0) {
        p = extend_newest(rng) ? i - 1 : std::uniform_int_distribution<std::size_t>(0, i - 1)(rng);
        parent = ids[p];
        slot = slot_goes_back(rng) ? headers[p].slot / 2
                                   : headers[p].slot + 1 + (rng() % 3);
      }
      headers.push_back(make_block(parent, slot, Note{10, 5000 + i}));
      ids.push_back(headers.back().id());
    }
    if (t % 2 == 1) std::shuffle(headers.begin(), headers.end(), rng);
    for (const BlockHeader& h : headers) insert(h);
    const std::string ctx = "seed " + std::to_string(kSeed + 5) + " tree " + std::to_string(t);
    std::uniform_int_distribution<std::size_t> pick(0, ids.size() - 1);
    for (int q = 0; q < 80; ++q) {
      const TreeNode* a = node(ids[pick(rng)]);
      const TreeNode* b = node(ids[pick(rng)]);
      const CommonPrefix p = BlockTree::common_prefix(a, b);
      for (const std::uint64_t s : {0ULL, 1ULL, 2ULL, 5ULL, 40ULL, 100000ULL}) {
        std::uint64_t want = 0;
        for (const TreeNode* x = a;; x = x->parent) {
          if (x->header.slot < p.lca->header.slot + s) ++want;
          if (x == p.lca) break;
        }
        ASSERT_EQ(density_after_fork(a, p.lca, s), want)
            << ctx << " query " << q << " s=" << s << " monotone=" << a->slots_increase;
      }
    }
  }
}

}  // namespace
}  // namespace cryptarchia
