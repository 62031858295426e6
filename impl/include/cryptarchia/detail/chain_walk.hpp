// fetch_chain_blocks (seed) / fetch_chain_backward (spec): the chain of a
// block towards genesis, first from the local tree, then, where it ends,
// from the peers' trees in peer order. Lazy: each next() fetches at most
// what it returns, as the spec's generators do.
#pragma once

#include <optional>

#include "cryptarchia/detail/peer_session.hpp"
#include "cryptarchia/follower.hpp"

namespace cryptarchia::detail {

// How a walk uses the peers. The seed and the spec go through the peers once,
// in order, and let a failing request escape.
struct WalkPolicy {
  bool every_peer_per_block = false;  // start from the first peer for every block
  bool skip_failing_peers = false;    // a failing request means "not from this peer"
};

class ChainWalk {
 public:
  ChainWalk(const Id& from, const Follower& local, PeerSession& peers, WalkPolicy policy = {})
      : id_(from), local_(local), peers_(peers), policy_(policy) {}

  // The next block towards genesis, or nullopt when genesis was passed or no
  // peer has the next one.
  std::optional<BlockHeader> next();

 private:
  Id id_;
  const Follower& local_;
  PeerSession& peers_;
  WalkPolicy policy_;
  bool in_local_ = true;
  std::size_t peer_ = 0;
  bool done_ = false;
};

}  // namespace cryptarchia::detail
