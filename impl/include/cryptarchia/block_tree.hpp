// The store behind a follower: blocks with their ledger states, indexed by id
// and by slot, with cached heights and skip pointers so that ancestor and
// common-ancestor queries never walk to genesis.
//
// Heights follow the spec's definition: the number of *stored* blocks on a
// block's chain, the chain's first stored block counted as 1. A tree normally
// has one root (genesis); a seed-era checkpoint adds a second root, whose
// heights are shifted once its ancestors are filled in.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

#include "cryptarchia/block.hpp"
#include "cryptarchia/bytes.hpp"

namespace cryptarchia {

// The per-block ledger state (spec note, section 4). Commitments and
// nullifiers never change in this model, so they live in the follower.
struct LedgerState {
  Hash32 nonce;
  std::uint64_t leader_count = 0;

  friend bool operator==(const LedgerState&, const LedgerState&) = default;

  // The state after applying a child block with the given header:
  // nonce = H("EPOCH_NONCE", nonce, contribution, u64(slot)), leader count + 1.
  [[nodiscard]] LedgerState applied(const BlockHeader& child) const;
  // Same, with the child's proof nonce contribution already computed.
  [[nodiscard]] LedgerState applied(Slot child_slot, const Hash32& nonce_contribution) const;
};

struct TreeNode {
  BlockHeader header;
  LedgerState state;
  std::uint64_t height = 0;
  TreeNode* parent = nullptr;  // null for a root (genesis, or a checkpoint)
  TreeNode* skip = nullptr;    // some strict ancestor, for O(log n) jumps
  TreeNode* first_child = nullptr;
  TreeNode* next_sibling = nullptr;
  std::uint64_t order = 0;     // insertion sequence number
  const Id* id = nullptr;      // points at the map key
  // Slots strictly increase along the chain from this block's root to it:
  // then a slot window after an ancestor is a run of consecutive heights.
  bool slots_increase = true;
};

// Where two chains meet (spec note, section 5, "common prefix").
struct CommonPrefix {
  const TreeNode* lca = nullptr;
  std::uint64_t depth_a = 0;  // blocks strictly after the LCA on a's chain
  std::uint64_t depth_b = 0;
};

class BlockTree {
 public:
  BlockTree() = default;
  BlockTree(const BlockTree& other);
  BlockTree& operator=(const BlockTree& other);
  BlockTree(BlockTree&&) noexcept = default;
  BlockTree& operator=(BlockTree&&) noexcept = default;

  // Stores a block under `id` (which the caller computed from the header).
  // Its parent may be absent (a root). Children stored earlier under this id
  // as their parent get linked and their heights shifted. Returns the node;
  // a second insert of the same id replaces its ledger state only.
  TreeNode* insert(const Id& id, const BlockHeader& header, const LedgerState& state);

  [[nodiscard]] const TreeNode* find(const Id& id) const;
  [[nodiscard]] TreeNode* find(const Id& id);
  [[nodiscard]] bool contains(const Id& id) const { return nodes_.count(id) != 0; }
  [[nodiscard]] std::size_t size() const { return nodes_.size(); }

  // The ancestor of `node` (or node itself) at `height`; null if height is 0 or
  // above node's height.
  static const TreeNode* ancestor_at(const TreeNode* node, std::uint64_t height);
  // True when `a` is `b` or an ancestor of `b`.
  static bool is_ancestor(const TreeNode* a, const TreeNode* b);
  // Throws DisconnectedChains when the chains share no block.
  static CommonPrefix common_prefix(const TreeNode* a, const TreeNode* b);

  // Every stored block with slot >= from, ascending slot, ties in insertion order.
  template <typename Fn>
  void for_each_from_slot(Slot from, Fn&& fn) const {
    for (auto it = by_slot_.lower_bound(from >> kSlotGroupBits); it != by_slot_.end(); ++it) {
      for (const TreeNode* n : it->second) {
        if (n->header.slot >= from) fn(*n);
      }
    }
  }
  // Every stored block in insertion order.
  [[nodiscard]] std::vector<const TreeNode*> in_insertion_order() const;
  [[nodiscard]] std::vector<Id> sorted_ids() const;

  // Removes `node` and everything below it.
  void erase_subtree(TreeNode* node);

 private:
  void link_child(TreeNode* parent, TreeNode* child);
  void unlink_child(TreeNode* parent, TreeNode* child);
  static TreeNode* pick_skip(TreeNode* parent, std::uint64_t height);
  void shift_heights(TreeNode* root, std::uint64_t delta);
  void erase_one(TreeNode* node);

  std::unordered_map<Id, TreeNode, Hash32Hasher> nodes_;
  // The slot index: blocks grouped by slot >> kSlotGroupBits, each group in
  // ascending slot, ties in insertion order. One map entry per 64 slots, not
  // per slot: the entry and its vector cost ~110 bytes (docs/PERFORMANCE.md).
  static constexpr unsigned kSlotGroupBits = 6;
  std::map<Slot, std::vector<TreeNode*>> by_slot_;
  // Roots whose parent is not stored, keyed by that missing parent.
  std::unordered_multimap<Id, TreeNode*, Hash32Hasher> waiting_for_parent_;
  std::uint64_t next_order_ = 0;
};

}  // namespace cryptarchia
