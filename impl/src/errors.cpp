#include "cryptarchia/errors.hpp"

namespace cryptarchia {

std::string_view to_string(BlockStatus status) {
  switch (status) {
    case BlockStatus::Accepted: return "Accepted";
    case BlockStatus::Duplicate: return "Duplicate";
    case BlockStatus::ParentNotFound: return "ParentNotFound";
    case BlockStatus::ImmutableFork: return "ImmutableFork";
    case BlockStatus::InvalidLeaderProof: return "InvalidLeaderProof";
    case BlockStatus::InvalidSlot: return "InvalidSlot";
  }
  return "?";
}

BlockError::BlockError(BlockStatus status, const Id& block)
    : std::runtime_error(std::string(to_string(status)) + ": block " + block.hex()),
      status_(status),
      block_(block) {}

void throw_if_error(BlockStatus status, const Id& block) {
  switch (status) {
    case BlockStatus::ParentNotFound: throw ParentNotFound(block);
    case BlockStatus::ImmutableFork: throw ImmutableFork(block);
    case BlockStatus::InvalidLeaderProof: throw InvalidLeaderProof(block);
    case BlockStatus::InvalidSlot: throw InvalidSlot(block);
    case BlockStatus::Accepted:
    case BlockStatus::Duplicate: return;
  }
}

DisconnectedChains::DisconnectedChains(const Id& a, const Id& b)
    : std::runtime_error("chains of " + a.hex() + " and " + b.hex() +
                         " share no block: the common-prefix walk would never return") {}

}  // namespace cryptarchia
