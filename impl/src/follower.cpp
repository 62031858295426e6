#include "cryptarchia/follower.hpp"

#include <algorithm>
#include <stdexcept>

#include "cryptarchia/detail/mutation_point.hpp"
#include "cryptarchia/fork_choice.hpp"

namespace cryptarchia {

namespace {
// Python's list.remove for a value that may be absent: drop the first match.
void remove_first(std::vector<Id>& list, const Id& value) {
  const auto it = std::find(list.begin(), list.end(), value);
  if (it != list.end()) list.erase(it);
}
}  // namespace

std::string_view to_string(Mode mode) {
  return mode == Mode::Online ? "Online" : "Bootstrapping";
}

Follower::Follower(const GenesisState& genesis, const Config& config, Mode mode,
                   FollowerOptions options)
    : genesis_(genesis),
      genesis_id_(genesis.header.id()),
      config_(config),
      options_(std::move(options)),
      mode_(Mode::Bootstrapping),
      commitments_(genesis.commitments.begin(), genesis.commitments.end()),
      tip_id_(genesis_id_),
      lib_id_(genesis_id_) {
  tree_.insert(genesis_id_, genesis.header, genesis.state);
  if (mode == Mode::Online) to_online();
}

const TreeNode* Follower::node(const Id& id) const { return tree_.find(id); }

const BlockHeader& Follower::tip() const { return node(tip_id_)->header; }

const BlockHeader* Follower::block(const Id& id) const {
  const TreeNode* n = node(id);
  return n == nullptr ? nullptr : &n->header;
}

std::optional<LedgerState> Follower::state(const Id& id) const {
  const TreeNode* n = node(id);
  if (n == nullptr) return std::nullopt;
  return n->state;
}

std::optional<std::uint64_t> Follower::height(const Id& id) const {
  const TreeNode* n = node(id);
  if (n == nullptr) return std::nullopt;
  return n->height;
}

const Id* Follower::stored_id(const BlockHeader& block) const {
  const TreeNode* parent = node(block.parent);
  if (parent == nullptr) return nullptr;
  for (const TreeNode* c = parent->first_child; c != nullptr; c = c->next_sibling) {
    if (CSC_MUTANT(StoredBlockMatchedByParentAndSlot) && c->header.slot == block.slot) return c->id;
    if (c->header == block) return c->id;
  }
  return nullptr;
}

std::vector<BlockHeader> Follower::blocks_by_slot(Slot from) const {
  std::vector<BlockHeader> out;
  tree_.for_each_from_slot(from, [&](const TreeNode& n) { out.push_back(n.header); });
  return out;
}

BlockStatus Follower::validate(const BlockHeader& block, const HeaderDigest& digest) const {
  const TreeNode* parent = node(block.parent);
  if (parent == nullptr) return BlockStatus::ParentNotFound;
  const TreeNode* lib = node(lib_id_);
  if (lib != nullptr && (parent->height < lib->height ||
                         (CSC_MUTANT(ForkAtLibRejected) && parent->height == lib->height))) {
    return BlockStatus::ImmutableFork;
  }
  // The real node's ledger, before anything else of the block (IBD.md 4.4).
  if (options_.variants.has(Variant::SlotAfterParent) && block.slot <= parent->header.slot) {
    return BlockStatus::InvalidSlot;
  }
  // The nullifier half of the proof check is omitted: nullifier sets stay
  // empty in this model (spec note, section 2).
  if (CSC_MUTANT(ChildSlotNotAfterParentRejected) && block.slot <= parent->header.slot) {
    return BlockStatus::InvalidLeaderProof;
  }
  const bool proof_ok = (CSC_MUTANT(ProofSlotNotChecked) || block.proof.slot == block.slot ||
                         (CSC_MUTANT(ProofForEarlierSlotAccepted) && block.proof.slot < block.slot)) &&
                        (CSC_MUTANT(ProofParentNotChecked) || block.proof.parent == block.parent) &&
                        (CSC_MUTANT(StakeNotChecked) ||
                         is_stake(CSC_MUTANT(StakeCommitmentIgnoresNoteValue)
                                      ? Note{10, block.proof.note.sk}.commitment()
                                      : digest.commitment));
  return proof_ok ? BlockStatus::Accepted : BlockStatus::InvalidLeaderProof;
}

BlockStatus Follower::store(const BlockHeader& block, const HeaderDigest& d) {
  if (tree_.contains(d.id)) return BlockStatus::Duplicate;
  const BlockStatus status = validate(block, d);
  if (CSC_MUTANT(DuplicateDetectedBySlotAndLeader) && status == BlockStatus::Accepted) {
    for (const TreeNode* c = node(block.parent)->first_child; c != nullptr; c = c->next_sibling) {
      if (c->header.slot == block.slot && c->header.proof.note == block.proof.note) {
        return BlockStatus::Duplicate;
      }
    }
  }
  if (CSC_MUTANT(InvalidBlockKeptAsParent) && status == BlockStatus::InvalidLeaderProof) {
    tree_.insert(d.id, block, node(block.parent)->state.applied(block.slot, d.nonce_contribution));
  }
  if (status != BlockStatus::Accepted) return status;
  const LedgerState next = node(block.parent)->state.applied(block.slot, d.nonce_contribution);
  tree_.insert(d.id, block, next);
  return BlockStatus::Accepted;
}

BlockStatus Follower::try_apply_block_to_ledger_state(const BlockHeader& block) {
  return store(block, digest(block));
}

void Follower::apply_block_to_ledger_state(const BlockHeader& block) {
  const HeaderDigest d = digest(block);
  throw_if_error(store(block, d), d.id);
}

BlockStatus Follower::try_on_block(const BlockHeader& block) {
  return try_on_block(block, digest(block));
}

BlockStatus Follower::try_on_block(const BlockHeader& block, const HeaderDigest& d) {
  const Id& id = d.id;
  const BlockStatus status = store(block, d);
  if (status == BlockStatus::Duplicate && options_.variants.has(Variant::ReappliedBlockBecomesTip)) {
    reapply(id, block);
    return status;
  }
  if (status != BlockStatus::Accepted) return status;

  if (!options_.variants.empty()) {
    choose_tip_after(id, block.parent == tip_id_);
  } else if (block.parent == tip_id_) {
    tip_id_ = id;
    if (!CSC_MUTANT(FoldShortcutKeptAfterTipExtension)) tip_beat_every_fork_ = false;
  } else {
    add_fork(id);
    if (!CSC_MUTANT(ForksKeepExtendedBlock)) remove_first(forks_, block.parent);
    // When the last fold kept this tip, every other fork lost to it and
    // still does (neither it nor the tip has changed): only the new fork,
    // last in the list, can win. Otherwise fold over every fork.
    const bool only_the_new_fork = tip_beat_every_fork_ && !CSC_MUTANT(ForksListReversed);
    tip_beat_every_fork_ = false;  // until this fold has returned
    const Id winner = *fork_choice(only_the_new_fork)->id;
    tip_beat_every_fork_ = winner == tip_id_;
    if (!CSC_MUTANT(ForksLoseOldTipOnSwitch)) add_fork(tip_id_);
    remove_first(forks_, winner);
    tip_id_ = winner;
  }
  if (mode_ == Mode::Online) update_lib();
  return BlockStatus::Accepted;
}

// The engine re-inserts a known block as if new (IBD.md 4.6): it rejoins
// the tips, even with children, its parent leaves them, and fork choice runs
// as for any block. A block that is a tip already leaves the tips as they
// are; the fold still runs where it runs on every block.
void Follower::reapply(const Id& id, const BlockHeader& block) {
  const bool already_a_tip =
      id == tip_id_ || std::find(forks_.begin(), forks_.end(), id) != forks_.end();
  if (!already_a_tip) {
    choose_tip_after(id, block.parent == tip_id_);
  } else if (options_.variants.has(Variant::ForkChoiceOnEveryBlock)) {
    choose_tip_after(tip_id_, true);  // the tip "extends" to itself: only the fold runs
  }
  if (mode_ == Mode::Online) update_lib();
}

void Follower::add_fork(const Id& id) {
  if (CSC_MUTANT(ForksListReversed)) {
    forks_.insert(forks_.begin(), id);
  } else {
    forks_.push_back(id);
  }
}

void Follower::on_block(const BlockHeader& block) {
  const HeaderDigest d = digest(block);
  throw_if_error(try_on_block(block, d), d.id);
}

// The variants' path (IBD.md section 4): the same bookkeeping of forks_ as
// the spec's, with the fold run on every block and, with FoldOverAllTips,
// over every tip from the tip as it was. No shortcut: the engine has none.
void Follower::choose_tip_after(const Id& id, bool extends_tip) {
  tip_beat_every_fork_ = false;
  const Variants& v = options_.variants;
  const Id old_tip = tip_id_;
  if (extends_tip) {
    tip_id_ = id;
    if (!v.has(Variant::ForkChoiceOnEveryBlock)) return;
  } else {
    add_fork(id);
    remove_first(forks_, node(id)->header.parent);  // a fork it extends
  }
  const Id winner = v.has(Variant::FoldOverAllTips) ? *fold_over_all_tips(old_tip)->id
                                                     : *fork_choice()->id;
  if (winner == tip_id_) return;
  add_fork(tip_id_);
  remove_first(forks_, winner);
  tip_id_ = winner;
}

const TreeNode* Follower::fold_over_all_tips(const Id& old_tip) const {
  std::vector<const TreeNode*> tips;
  tips.reserve(forks_.size() + 1);
  tips.push_back(node(tip_id_));
  for (const Id& f : forks_) tips.push_back(node(f));
  if (options_.choose_fold_result) return chosen_fold_result(node(old_tip), std::move(tips));
  if (options_.tip_order) {
    options_.tip_order(tips);
  } else {
    std::sort(tips.begin(), tips.end(),
              [](const TreeNode* a, const TreeNode* b) { return *a->id < *b->id; });
  }
  return fold(node(old_tip), tips);
}

const TreeNode* Follower::chosen_fold_result(const TreeNode* start,
                                             std::vector<const TreeNode*> tips) const {
  if (tips.size() > FollowerOptions::kMaxExploredTips) {
    throw std::runtime_error("fold over all tips: " + std::to_string(tips.size()) +
                             " tips are too many to try every order of (at most " +
                             std::to_string(FollowerOptions::kMaxExploredTips) + ")");
  }
  std::sort(tips.begin(), tips.end(),
            [](const TreeNode* a, const TreeNode* b) { return *a->id < *b->id; });
  // Every permutation, the ascending one first; the distinct results in the
  // order they first come up.
  std::vector<const TreeNode*> results;
  std::vector<std::size_t> order(tips.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<const TreeNode*> visit(tips.size());
  do {
    for (std::size_t i = 0; i < order.size(); ++i) visit[i] = tips[order[i]];
    const TreeNode* r = fold(start, visit);
    if (std::find(results.begin(), results.end(), r) == results.end()) results.push_back(r);
  } while (std::next_permutation(order.begin(), order.end()));
  if (results.size() == 1) return results.front();
  const std::size_t pick = options_.choose_fold_result(results.size());
  if (pick >= results.size()) throw std::logic_error("choose_fold_result: pick out of range");
  return results[pick];
}

const TreeNode* Follower::fold(const TreeNode* start,
                               std::span<const TreeNode* const> candidates) const {
  return mode_ == Mode::Online
             ? maxvalid_mc(start, candidates, config_.k)
             : maxvalid_bg(start, candidates, config_.k, config_.s,
                           options_.variants.has(Variant::DensityWindowIncludesBound));
}

const TreeNode* Follower::fork_choice(bool last_fork_only) const {
  std::vector<const TreeNode*> forks;
  forks.reserve(forks_.size());
  for (std::size_t i = last_fork_only ? forks_.size() - 1 : 0; i < forks_.size(); ++i) {
    forks.push_back(node(forks_[i]));
  }
  return fold(node(tip_id_), forks);
}

void Follower::apply_checkpoint(const BlockHeader& block, const LedgerState& state) {
  const Id id = block.id();
  tree_.insert(id, block, state);
  if (tip_id_ != genesis_id_) forks_.push_back(tip_id_);
  remove_first(forks_, id);
  tip_id_ = id;
  tip_beat_every_fork_ = false;
  full_prune_pending_ = true;
}

void Follower::to_online() {
  if (mode_ != Mode::Bootstrapping) throw std::logic_error("to_online: follower is already Online");
  mode_ = Mode::Online;
  tip_beat_every_fork_ = false;  // the Praos rule is another fold
  full_prune_pending_ = true;
  update_lib();
}

void Follower::update_lib() {
  if (mode_ != Mode::Online) return;
  const TreeNode* tip = node(tip_id_);
  std::uint64_t depth = config_.k;
  if (CSC_MUTANT(LibOneBlockTooRecent) && depth > 0) --depth;
  if (CSC_MUTANT(LibOneBlockTooDeep)) ++depth;
  const TreeNode* new_lib = tip->height > depth ? BlockTree::ancestor_at(tip, tip->height - depth)
                                                : node(genesis_id_);
  if (CSC_MUTANT(LibBySlot)) {
    new_lib = tip;
    while (new_lib->parent != nullptr && new_lib->header.slot + depth > tip->header.slot) {
      new_lib = new_lib->parent;
    }
  }
  if (new_lib == nullptr || !BlockTree::is_ancestor(new_lib, tip)) {
    // Only after a seed-era checkpoint whose chain is not connected to
    // genesis: the spec would prune its own tip here.
    throw std::logic_error("update_lib: the LIB is not an ancestor of the tip");
  }
  const TreeNode* old_lib = node(lib_id_);
  if (full_prune_pending_ || old_lib == nullptr || !BlockTree::is_ancestor(old_lib, new_lib)) {
    prune_everything_unrelated_to(new_lib);
    full_prune_pending_ = false;
  } else if (old_lib != new_lib) {
    prune_side_branches(old_lib, new_lib);
  }
  lib_id_ = *new_lib->id;
  std::erase_if(forks_, [&](const Id& f) {
    const TreeNode* n = node(f);
    return n == nullptr || !BlockTree::is_ancestor(new_lib, n);
  });
}

void Follower::prune_everything_unrelated_to(const TreeNode* lib) {
  // Keep the LIB's ancestors and descendants. The rest forms whole subtrees:
  // erase each from its topmost block.
  const auto related = [lib](const TreeNode* n) {
    return BlockTree::is_ancestor(lib, n) || BlockTree::is_ancestor(n, lib);
  };
  std::vector<Id> tops;
  for (const TreeNode* n : tree_.in_insertion_order()) {
    if (!related(n) && (n->parent == nullptr || related(n->parent))) tops.push_back(*n->id);
  }
  for (const Id& id : tops) tree_.erase_subtree(tree_.find(id));
}

void Follower::prune_side_branches(const TreeNode* old_lib, const TreeNode* new_lib) {
  // Every block below old_lib that is not on the path to new_lib hangs off
  // that path: cut those branches where they leave it.
  std::vector<Id> cut;
  if (CSC_MUTANT(PruneKeepsDeadBranches)) return;
  if (CSC_MUTANT(PruneCutsLiveForks)) {
    for (const TreeNode* on_path = node(tip_id_); on_path != new_lib; on_path = on_path->parent) {
      for (const TreeNode* c = on_path->parent->first_child; c != nullptr; c = c->next_sibling) {
        if (c != on_path) cut.push_back(*c->id);
      }
    }
    for (const Id& id : cut) tree_.erase_subtree(tree_.find(id));
    return;
  }
  for (const TreeNode* on_path = new_lib; on_path != old_lib; on_path = on_path->parent) {
    for (const TreeNode* c = on_path->parent->first_child; c != nullptr; c = c->next_sibling) {
      if (c != on_path) cut.push_back(*c->id);
    }
  }
  for (const Id& id : cut) tree_.erase_subtree(tree_.find(id));
}

}  // namespace cryptarchia
