// Internals shared by the two tiers of generators (generators.cpp builds the
// small worlds, generators_large.cpp the large ones): adding a block to a
// world, picking a base, and naming what a world contains.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cryptarchia/properties/generators.hpp"

namespace cryptarchia::props::detail {

inline const Note kA{10, 0};
inline const Note kB{10, 1};
inline const Note kUnstaked{10, 2};
// Small tier only: a third stake note of another value, and a note with the
// public key of kA but a value nobody staked (its commitment is not staked).
inline const Note kC{25, 3};
inline const Note kStakedKeyOtherValue{7, 0};

// How a block differs from the plain test block (WorldBuilder::add).
struct BlockExtra {
  // Flaw::ProofSlotMismatch: the proof's slot is the block's plus this.
  std::int64_t proof_slot_offset = 1;
  // On an id that exists already, change the content instead of the slot
  // (two blocks of one leader in one slot on one parent, or a slot that
  // must stay where it is).
  bool keep_slot = false;
};

class WorldBuilder {
 public:
  explicit WorldBuilder(World& w) : w_(w) {}

  // A block on `parent` (nullopt: genesis) near `slot`; the slot moves up
  // (or, with extra.keep_slot, the content changes) until the id is new, so
  // two recipes never build the same block twice.
  std::size_t add(std::optional<std::size_t> parent, Slot slot, Note note, Flaw flaw,
                  std::string label, const BlockExtra& extra = {});

  [[nodiscard]] Slot slot_of(std::optional<std::size_t> i) const {
    return i ? w_.blocks[*i].header.slot : 0;
  }
  [[nodiscard]] std::uint64_t height_of(std::optional<std::size_t> i) const {
    return i ? w_.blocks[*i].height : 1;
  }

 private:
  World& w_;
};

template <typename T>
rc::Gen<std::vector<T>> up_to(int n, rc::Gen<T> g) {
  return rc::gen::resize(n, rc::gen::container<std::vector<T>>(std::move(g)));
}
// Uniform in [0, n) whatever the test size (RapidCheck scales inRange with
// size, which would make early cases all zeros); shrinks towards 0.
inline rc::Gen<unsigned> below(unsigned n) { return rc::gen::resize(100, rc::gen::inRange(0u, n)); }

// Where a stream from genesis can be cut between two blocks of one slot:
// the counts of blocks sent before such a cut (genesis is sent first).
std::vector<std::uint64_t> same_slot_cuts(const World& w, const PeerSetup& p);

// The blocks without a child, in world order.
std::vector<std::size_t> leaves(const World& w);

// A base block picked by `pick` among genesis (0) and the honest blocks, or
// every block when `honest_only` is false.
std::optional<std::size_t> pick_base(const World& w, unsigned pick, bool honest_only);

// The invalid chains of a recipe, built on bases anywhere in the world.
void add_invalid_chains(World& w, WorldBuilder& b, const std::vector<InvalidRecipe>& invalid);

// The world's coverage classes: forks against the trunk, shared slots, gaps,
// flaws. `large` adds the classes only large worlds reach.
void classify(World& w, std::size_t trunk_tip, const std::vector<std::size_t>& fork_tips,
              const std::vector<bool>& fork_of_fork, bool large);

// The large tier (generators_large.cpp): its recipes, its world, and the
// classes of a built case that depend on its peers and start.
rc::Gen<CaseRecipe> gen_large_recipe(const CaseShape& shape);
World build_large_world(const CaseRecipe& r);
void classify_large_case(SyncCase& c);

}  // namespace cryptarchia::props::detail
