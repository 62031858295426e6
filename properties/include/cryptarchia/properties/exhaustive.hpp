// The bounded-exhaustive sweep, beside the random one: every world up to a
// small bound, each run through every property, in a fixed order, so that a
// bug small enough to fit is found for certain and the same way every time.
//
// A world of the sweep: n blocks (1 <= n <= max_blocks), block i's parent
// any earlier block or genesis, each block's slot its parent's plus one of
// `gaps`, leaders alternating between the two staked notes (so siblings can
// share a slot), for every k, s and mode listed. Its peers: one peer with
// the whole tree, or 1..max_peers peers each holding the chain of a
// distinct leaf, in every order, each with every local start: genesis or
// the chain of one leaf. Then, from genesis, the whole-tree peer beside a
// faulty copy of itself (each fault kind, on every call or the first; a
// withheld leaf; a fake tip) in both orders; and, with the whole tree
// served, a checkpoint at every block; and every world again with one
// invalid block (each block, each flaw), served whole, from genesis.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cryptarchia/properties/sync_properties.hpp"

namespace cryptarchia::props {

struct SweepBounds {
  int max_blocks = 4;
  std::vector<Slot> gaps = {1, 2};
  std::vector<std::uint64_t> ks = {1, 2};
  std::vector<std::uint64_t> ss = {2, 4};
  std::vector<Mode> modes = {Mode::Bootstrapping, Mode::Online};
  int max_peers = 2;
};

struct SweepFailure {
  std::string message;
  SyncCase c;
};

struct SweepReport {
  std::uint64_t worlds = 0;  // distinct worlds (tree, slots, k, s, mode)
  std::uint64_t cases = 0;   // worlds x peer setups x local starts
  std::map<std::string, std::uint64_t> judged;     // per property
  std::map<std::string, std::uint64_t> discarded;  // per property: precondition not met
  std::map<std::string, std::uint64_t> failed;     // per property
  std::map<std::string, SweepFailure> first_failure;  // per property, in sweep order
};

// Every case within `bounds`, in a fixed order, through each property.
SweepReport sweep(const SweepBounds& bounds, const std::vector<PropertyDef>& properties,
                  const NodeFactory& factory);

// Visits every case within `bounds` in the sweep's order (the enumeration
// alone, for tests and tools).
void for_each_sweep_case(const SweepBounds& bounds, const std::function<void(const SyncCase&)>& visit,
                         std::uint64_t* worlds = nullptr);

}  // namespace cryptarchia::props
