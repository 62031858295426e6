// One node's view of the chain: its block tree, local tip, forks, mode and
// last immutable block (spec note, section 5).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <unordered_set>
#include <vector>

#include "cryptarchia/block.hpp"
#include "cryptarchia/block_tree.hpp"
#include "cryptarchia/config.hpp"
#include "cryptarchia/errors.hpp"
#include "cryptarchia/variants.hpp"

namespace cryptarchia {

enum class Mode { Bootstrapping, Online };
std::string_view to_string(Mode mode);

// The genesis block, its ledger state and the stake: the commitments of the
// notes allowed to lead.
struct GenesisState {
  BlockHeader header;
  LedgerState state;
  std::vector<Hash32> commitments;
};

// How a follower departs from the spec's rules (variants.hpp).
struct FollowerOptions {
  Variants variants;
  // With Variant::FoldOverAllTips: puts the tips in the order the fold visits
  // them (the engine's is a hash set's). Empty: ascending id.
  std::function<void(std::vector<const TreeNode*>& tips)> tip_order;
  // With Variant::FoldOverAllTips, to explore every order the engine may
  // visit the tips in (it does not fix one): given the n >= 2 distinct tips
  // the fold can end on over every order of the tips (the ascending-id
  // order's first), returns which of them it ends on. Overrides tip_order.
  // More than kMaxExploredTips tips throw std::runtime_error.
  std::function<std::size_t(std::size_t n)> choose_fold_result;
  static constexpr std::size_t kMaxExploredTips = 8;
};

class Follower {
 public:
  Follower(const GenesisState& genesis, const Config& config, Mode mode = Mode::Bootstrapping,
           FollowerOptions options = {});

  // Steps 1-5 of on_block. Never throws for a bad block: the status says why
  // it was refused. Errors other than the three validation failures (see
  // DisconnectedChains) still throw.
  BlockStatus try_on_block(const BlockHeader& block);
  // Same, with the header's digest already computed (saves the hashing).
  BlockStatus try_on_block(const BlockHeader& block, const HeaderDigest& digest);
  // As try_on_block, but a validation failure throws its typed BlockError.
  void on_block(const BlockHeader& block);

  // Steps 1-3 only: validate and store, no tip or fork update.
  BlockStatus try_apply_block_to_ledger_state(const BlockHeader& block);
  void apply_block_to_ledger_state(const BlockHeader& block);

  // Seed-era checkpoint: store `block` with the given state (without its
  // ancestors) and make it the tip; a previous non-genesis tip becomes a fork.
  void apply_checkpoint(const BlockHeader& block, const LedgerState& state);

  // Bootstrapping -> Online, once (std::logic_error otherwise); computes the LIB
  // and prunes.
  void to_online();

  // Validation without storing (step 2).
  [[nodiscard]] BlockStatus validate(const BlockHeader& block, const HeaderDigest& digest) const;

  [[nodiscard]] const BlockHeader& tip() const;
  [[nodiscard]] const Id& tip_id() const { return tip_id_; }
  [[nodiscard]] const std::vector<Id>& forks() const { return forks_; }
  [[nodiscard]] const Id& lib() const { return lib_id_; }
  [[nodiscard]] Mode mode() const { return mode_; }
  [[nodiscard]] const Config& config() const { return config_; }
  [[nodiscard]] const Variants& variants() const { return options_.variants; }
  [[nodiscard]] const Id& genesis_id() const { return genesis_id_; }
  [[nodiscard]] const GenesisState& genesis() const { return genesis_; }
  [[nodiscard]] bool is_stake(const Hash32& commitment) const {
    return commitments_.count(commitment) != 0;
  }

  [[nodiscard]] const BlockTree& tree() const { return tree_; }
  [[nodiscard]] bool contains(const Id& id) const { return tree_.contains(id); }
  // The id of a stored block with exactly this header, found through its
  // parent's children without hashing; null if no such block is stored (or
  // it is a root: genesis, a seed-era checkpoint).
  [[nodiscard]] const Id* stored_id(const BlockHeader& block) const;
  [[nodiscard]] const BlockHeader* block(const Id& id) const;
  [[nodiscard]] std::optional<LedgerState> state(const Id& id) const;
  // Spec height: stored blocks on the chain, the first stored one counted.
  [[nodiscard]] std::optional<std::uint64_t> height(const Id& id) const;
  [[nodiscard]] std::size_t size() const { return tree_.size(); }
  // blocks_by_slot(from): slot >= from, ascending slot, ties in storage order.
  [[nodiscard]] std::vector<BlockHeader> blocks_by_slot(Slot from) const;

 private:
  BlockStatus store(const BlockHeader& block, const HeaderDigest& digest);
  const TreeNode* node(const Id& id) const;
  // The fold over forks_ from the tip; with last_fork_only, over the last
  // fork alone.
  const TreeNode* fork_choice(bool last_fork_only = false) const;
  // The engine's rule (Variant::FoldOverAllTips): the fold from `old_tip`
  // over every tip, the new block's branch included.
  const TreeNode* fold_over_all_tips(const Id& old_tip) const;
  // FollowerOptions::choose_fold_result's pick among the distinct results.
  const TreeNode* chosen_fold_result(const TreeNode* start,
                                     std::vector<const TreeNode*> tips) const;
  void choose_tip_after(const Id& id, bool extends_tip);
  // Variant::ReappliedBlockBecomesTip: a known block made a tip again.
  void reapply(const Id& id, const BlockHeader& block);
  // The mode's rule (maxvalid_mc or maxvalid_bg) from `start` over `candidates`.
  const TreeNode* fold(const TreeNode* start, std::span<const TreeNode* const> candidates) const;
  void add_fork(const Id& id);
  void update_lib();
  void prune_everything_unrelated_to(const TreeNode* lib);
  void prune_side_branches(const TreeNode* old_lib, const TreeNode* new_lib);

  GenesisState genesis_;
  Id genesis_id_;
  Config config_;
  FollowerOptions options_;
  Mode mode_;
  std::unordered_set<Hash32, Hash32Hasher> commitments_;
  BlockTree tree_;
  Id tip_id_;
  std::vector<Id> forks_;
  Id lib_id_;
  // Set when the tree may hold blocks unrelated to the LIB (on entering Online
  // mode, after a checkpoint): the next LIB update then checks every block.
  bool full_prune_pending_ = false;
  // The last fork-choice fold returned the current tip, so no fork in
  // forks_ beat it (the tip is never in forks_). Cleared whenever the tip
  // or the rule changes, and while a fold runs (it may throw).
  bool tip_beat_every_fork_ = false;
};

}  // namespace cryptarchia
