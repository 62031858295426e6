#include "cryptarchia/detail/chain_walk.hpp"

namespace cryptarchia::detail {

std::optional<BlockHeader> ChainWalk::next() {
  if (done_) return std::nullopt;
  peers_.step();
  std::optional<BlockHeader> block;
  if (in_local_) {
    if (const BlockHeader* h = local_.block(id_)) block = *h;
    if (!block) in_local_ = false;  // continue from the peers at the same id
  }
  if (policy_.every_peer_per_block) peer_ = 0;
  while (!block && peer_ < peers_.size()) {
    try {
      block = peers_.block(peer_, id_);
    } catch (const PeerFailure&) {
      if (!policy_.skip_failing_peers) throw;
    }
    if (!block) ++peer_;  // this peer's tree ends here: ask the next one
  }
  if (!block) {
    done_ = true;
    return std::nullopt;
  }
  if (id_ == local_.genesis_id()) {
    done_ = true;
  } else {
    id_ = block->parent;
  }
  return block;
}

}  // namespace cryptarchia::detail
