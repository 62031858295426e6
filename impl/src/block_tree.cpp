#include "cryptarchia/block_tree.hpp"

#include <algorithm>

#include "cryptarchia/errors.hpp"
#include "cryptarchia/detail/mutation_point.hpp"
#include "cryptarchia/hash.hpp"

namespace cryptarchia {

LedgerState LedgerState::applied(Slot child_slot, const Hash32& nonce_contribution) const {
  return LedgerState{H("EPOCH_NONCE", nonce, nonce_contribution, u64_be(child_slot)),
                     leader_count + 1};
}

LedgerState LedgerState::applied(const BlockHeader& child) const {
  return applied(child.slot, child.proof.nonce_contribution());
}

BlockTree::BlockTree(const BlockTree& other) { *this = other; }

BlockTree& BlockTree::operator=(const BlockTree& other) {
  if (this == &other) return *this;
  nodes_.clear();
  by_slot_.clear();
  waiting_for_parent_.clear();
  next_order_ = 0;
  nodes_.reserve(other.nodes_.size());
  // Replaying the inserts in their original order rebuilds the same links,
  // heights, slot order and insertion order.
  for (const TreeNode* n : other.in_insertion_order()) insert(*n->id, n->header, n->state);
  return *this;
}

const TreeNode* BlockTree::find(const Id& id) const {
  const auto it = nodes_.find(id);
  return it == nodes_.end() ? nullptr : &it->second;
}

TreeNode* BlockTree::find(const Id& id) {
  const auto it = nodes_.find(id);
  return it == nodes_.end() ? nullptr : &it->second;
}

const TreeNode* BlockTree::ancestor_at(const TreeNode* node, std::uint64_t height) {
  if (node == nullptr || height == 0 || height > node->height) return nullptr;
  while (node != nullptr && node->height > height) {
    node = (node->skip != nullptr && node->skip->height >= height) ? node->skip : node->parent;
  }
  return node;
}

bool BlockTree::is_ancestor(const TreeNode* a, const TreeNode* b) {
  return a != nullptr && ancestor_at(b, a->height) == a;
}

CommonPrefix BlockTree::common_prefix(const TreeNode* a, const TreeNode* b) {
  const std::uint64_t h = std::min(a->height, b->height);
  const TreeNode* x = ancestor_at(a, h);
  const TreeNode* y = ancestor_at(b, h);
  while (x != y) {
    if (x == nullptr || y == nullptr || x->parent == nullptr || y->parent == nullptr) {
      throw DisconnectedChains(*a->id, *b->id);
    }
    const bool can_skip = x->skip != nullptr && y->skip != nullptr &&
                          x->skip->height == y->skip->height &&
                          (CSC_MUTANT(CommonPrefixSkipsToSharedAncestor) || x->skip != y->skip);
    x = can_skip ? x->skip : x->parent;
    y = can_skip ? y->skip : y->parent;
  }
  if (CSC_MUTANT(CommonPrefixOneBlockEarly) && x->parent != nullptr) x = x->parent;
  return CommonPrefix{x, a->height - x->height, b->height - x->height};
}

TreeNode* BlockTree::pick_skip(TreeNode* parent, std::uint64_t height) {
  // Skip to the height with the lowest set bit cleared: O(log^2 n) ancestor
  // searches, and the target is always a strict ancestor.
  const std::uint64_t target = height & (height - 1);
  if (target == 0 || parent == nullptr) return nullptr;
  return const_cast<TreeNode*>(ancestor_at(parent, target));
}

void BlockTree::link_child(TreeNode* parent, TreeNode* child) {
  child->parent = parent;
  child->next_sibling = parent->first_child;
  parent->first_child = child;
}

void BlockTree::unlink_child(TreeNode* parent, TreeNode* child) {
  for (TreeNode** link = &parent->first_child; *link != nullptr; link = &(*link)->next_sibling) {
    if (*link == child) {
      *link = child->next_sibling;
      child->next_sibling = nullptr;
      return;
    }
  }
}

void BlockTree::shift_heights(TreeNode* root, std::uint64_t delta) {
  std::vector<TreeNode*> stack{root};
  while (!stack.empty()) {
    TreeNode* n = stack.back();
    stack.pop_back();
    n->height += delta;
    n->slots_increase = n->parent == nullptr || (n->parent->slots_increase &&
                                                 n->header.slot > n->parent->header.slot);
    for (TreeNode* c = n->first_child; c != nullptr; c = c->next_sibling) stack.push_back(c);
  }
}

TreeNode* BlockTree::insert(const Id& id, const BlockHeader& header, const LedgerState& state) {
  auto [it, inserted] = nodes_.try_emplace(id);
  TreeNode* node = &it->second;
  if (!inserted) {
    node->state = state;
    return node;
  }
  node->header = header;
  node->state = state;
  node->id = &it->first;
  node->order = next_order_++;
  if (TreeNode* parent = find(header.parent)) {
    link_child(parent, node);
    node->height = parent->height + 1;
    node->skip = pick_skip(parent, node->height);
    node->slots_increase = parent->slots_increase && header.slot > parent->header.slot;
  } else {
    node->height = 1;
    waiting_for_parent_.emplace(header.parent, node);
  }
  auto& group = by_slot_[header.slot >> kSlotGroupBits];
  group.insert(std::upper_bound(group.begin(), group.end(), header.slot,
                                [](Slot s, const TreeNode* n) { return s < n->header.slot; }),
               node);

  // Roots stored before their parent (a checkpoint) now hang below this node.
  const auto [first, last] = waiting_for_parent_.equal_range(id);
  for (auto w = first; w != last; ++w) {
    TreeNode* child = w->second;
    link_child(node, child);
    shift_heights(child, node->height);
    child->skip = pick_skip(node, child->height);
  }
  waiting_for_parent_.erase(first, last);
  return node;
}

std::vector<const TreeNode*> BlockTree::in_insertion_order() const {
  std::vector<const TreeNode*> out;
  out.reserve(nodes_.size());
  for (const auto& [slot, nodes] : by_slot_) out.insert(out.end(), nodes.begin(), nodes.end());
  std::sort(out.begin(), out.end(),
            [](const TreeNode* a, const TreeNode* b) { return a->order < b->order; });
  return out;
}

std::vector<Id> BlockTree::sorted_ids() const {
  std::vector<Id> out;
  out.reserve(nodes_.size());
  for (const auto& [id, node] : nodes_) out.push_back(id);
  std::sort(out.begin(), out.end());
  return out;
}

void BlockTree::erase_one(TreeNode* node) {
  const auto group = by_slot_.find(node->header.slot >> kSlotGroupBits);
  group->second.erase(std::find(group->second.begin(), group->second.end(), node));
  if (group->second.empty()) by_slot_.erase(group);
  if (node->parent == nullptr) {
    const auto [first, last] = waiting_for_parent_.equal_range(node->header.parent);
    for (auto w = first; w != last; ++w) {
      if (w->second == node) {
        waiting_for_parent_.erase(w);
        break;
      }
    }
  }
  const Id id = *node->id;
  nodes_.erase(id);
}

void BlockTree::erase_subtree(TreeNode* node) {
  if (node->parent != nullptr) unlink_child(node->parent, node);
  std::vector<TreeNode*> doomed{node};
  for (std::size_t i = 0; i < doomed.size(); ++i) {
    for (TreeNode* c = doomed[i]->first_child; c != nullptr; c = c->next_sibling) {
      doomed.push_back(c);
    }
  }
  // Children first, so no erased node is still referenced by a live one.
  for (auto it = doomed.rbegin(); it != doomed.rend(); ++it) erase_one(*it);
}

}  // namespace cryptarchia
