// RapidCheck generators of sync cases. A case is generated as a small
// recipe of numbers (which RapidCheck shrinks) and then built into a world,
// peers and a local start; every index in a recipe is taken modulo what
// exists, so any shrunk recipe still builds a parent-closed world.
#pragma once

#include <ostream>
#include <vector>

#include <rapidcheck.h>

#include "cryptarchia/properties/world.hpp"

namespace cryptarchia::props {

struct ForkRecipe {
  unsigned base = 0;   // the block it grows from: index into the blocks built so far
  unsigned style = 0;  // 0 plain, 1 dense, 2 sparse, 3 ties the trunk, 4 deep (> k)
  std::vector<unsigned> gaps;  // slot gaps (0 = same slot as the parent)
};

struct InvalidRecipe {
  unsigned base = 0;
  unsigned flaw = 0;         // 0 unstaked note, 1 proof slot mismatch, 2 proof parent mismatch
  unsigned descendants = 0;  // valid-looking blocks built on top
};

struct PeerRecipe {
  unsigned view = 0;   // 0 whole, 1 honest only, 2 prefix, 3 one branch, 4 subtree
  unsigned param = 0;  // which prefix / branch / subtree root
};

struct FaultRecipe {
  unsigned copies = 0;  // < 4: serves the view of good peer copies % n; else a view of its own (view copies % 5)
  unsigned kind = 0;    // see fault_of() in generators.cpp
  unsigned call = 0;    // which call (0 or 1), or every call when >= 2
  unsigned param = 0;
};

struct LocalRecipe {
  unsigned kind = 0;   // 0 genesis, 1 trunk prefix, 2 partial fork, 3-5 checkpoint
  unsigned param = 0;
};

struct CaseRecipe {
  unsigned k = 1;
  unsigned s_extra = 0;  // s = k + 1 + s_extra
  bool online = false;
  std::vector<unsigned> trunk_gaps;
  std::vector<ForkRecipe> forks;
  std::vector<InvalidRecipe> invalid;
  std::vector<PeerRecipe> peers;
  std::vector<FaultRecipe> faulty;
  std::vector<unsigned> order;  // peer order: sort keys
  LocalRecipe local;
};

// What a generator may include.
struct CaseShape {
  bool faults = true;       // faulty peers (always alongside >= 1 well-behaved peer)
  bool invalid = true;      // invalid blocks in the world
  bool checkpoints = true;  // checkpoint starts
  bool online = true;       // Online mode as well as Bootstrapping
};

SyncCase build_case(const CaseRecipe& recipe);
rc::Gen<CaseRecipe> gen_recipe(const CaseShape& shape);
rc::Gen<SyncCase> gen_case(const CaseShape& shape = {});

// RapidCheck prints a counterexample with this: the drawing of the case.
void showValue(const SyncCase& c, std::ostream& os);

}  // namespace cryptarchia::props
