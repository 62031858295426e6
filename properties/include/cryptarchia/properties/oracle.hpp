// The oracle: an independent model of where a correct sync must end. It is
// written from the spec note alone, with its own walks over the world's
// parent links, and calls neither the library's fork choice nor its sync.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cryptarchia/properties/world.hpp"

namespace cryptarchia::props {

struct Verdict {
  std::vector<std::size_t> obtainable;  // honest blocks reachable from genesis (world indices)
  std::vector<std::size_t> leaves;      // the tips of that tree; genesis stands for itself as nullopt
  bool genesis_only = false;            // nothing beyond genesis is obtainable
  std::vector<std::optional<std::size_t>> acceptable;  // leaves that no other leaf beats
  // Set when one leaf beats every other leaf and none beats it: the heaviest
  // honest chain. nullopt inside means genesis.
  std::optional<std::optional<std::size_t>> heaviest;
  std::string kind;  // decisive, single-chain, tie, cyclic, incomparable

  [[nodiscard]] bool decisive() const { return heaviest.has_value(); }
  [[nodiscard]] Id heaviest_id(const World& w) const;
  [[nodiscard]] bool is_acceptable(const World& w, const Id& tip) const;
};

// Whether `challenger` beats `incumbent` under the spec's pairwise rule, seen
// from the incumbent (the current best): within k of it, strictly longer;
// deeper, strictly denser in [lca.slot, lca.slot + s) (Bootstrapping) or
// never (Online). nullopt stands for genesis.
bool beats(const World& w, std::optional<std::size_t> challenger,
           std::optional<std::size_t> incumbent);

// Where a Bootstrapping follower of the spec (section 5) ends when fed the
// honest blocks of `blocks` in that order (world indices, parents first);
// a block whose parent it lacks is its checkpoint if it has nothing yet, and
// an orphan (dropped) otherwise. The oracle's own fold, written without the
// library, so that generated peers do not depend on the implementation
// under test. nullopt means genesis.
std::optional<std::size_t> follower_tip(const World& w, const std::vector<std::size_t>& blocks);

// Judges the blocks a local node can obtain (world indices, any order).
Verdict judge(const World& w, const std::vector<std::size_t>& available);

// What the local node of a case can obtain: its own blocks, its checkpoint,
// and every block a well-behaved peer serves.
std::vector<std::size_t> obtainable_from_well_behaved(const SyncCase& c);

namespace detail {
// beats(), computed by walking both chains to genesis: what the oracle's
// binary lifting must agree with (properties/tests/oracle_test.cpp).
bool beats_by_walking(const World& w, std::optional<std::size_t> challenger,
                      std::optional<std::size_t> incumbent);
}  // namespace detail

}  // namespace cryptarchia::props
