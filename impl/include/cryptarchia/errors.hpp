// The follower's three validation failures, as distinct types that carry the
// id of the offending block (spec note, section 5, on_block step 2).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "cryptarchia/bytes.hpp"

namespace cryptarchia {

// What happened to one block handed to the follower.
enum class BlockStatus {
  Accepted,            // stored (and, through on_block, fork choice ran)
  Duplicate,           // already in the tree: dropped silently, not an error
  ParentNotFound,      // parent not in the tree
  ImmutableFork,       // parent's height below the LIB's height
  InvalidLeaderProof,  // proof slot/parent mismatch, or note not in the stake
  InvalidSlot,         // slot not after the parent's (only with Variant::SlotAfterParent)
};

std::string_view to_string(BlockStatus status);
inline bool is_error(BlockStatus s) {
  return s != BlockStatus::Accepted && s != BlockStatus::Duplicate;
}

class BlockError : public std::runtime_error {
 public:
  BlockError(BlockStatus status, const Id& block);
  [[nodiscard]] BlockStatus status() const { return status_; }
  [[nodiscard]] const Id& block() const { return block_; }

 private:
  BlockStatus status_;
  Id block_;
};

class ParentNotFound : public BlockError {
 public:
  explicit ParentNotFound(const Id& block) : BlockError(BlockStatus::ParentNotFound, block) {}
};

class ImmutableFork : public BlockError {
 public:
  explicit ImmutableFork(const Id& block) : BlockError(BlockStatus::ImmutableFork, block) {}
};

class InvalidLeaderProof : public BlockError {
 public:
  explicit InvalidLeaderProof(const Id& block)
      : BlockError(BlockStatus::InvalidLeaderProof, block) {}
};

class InvalidSlot : public BlockError {
 public:
  explicit InvalidSlot(const Id& block) : BlockError(BlockStatus::InvalidSlot, block) {}
};

// Throws the typed error for an error status; does nothing otherwise.
void throw_if_error(BlockStatus status, const Id& block);

// Two tips whose chains share no block: the spec's common-prefix walk would
// loop forever on them. Only reachable through seed-era checkpoints, whose
// chain is stored without its ancestors.
class DisconnectedChains : public std::runtime_error {
 public:
  DisconnectedChains(const Id& a, const Id& b);
};

}  // namespace cryptarchia
