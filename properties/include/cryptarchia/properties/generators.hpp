// RapidCheck generators of sync cases. A case is generated as a small
// recipe of numbers (which RapidCheck shrinks) and then built into a world,
// peers and a local start; every index in a recipe is taken modulo what
// exists, so any shrunk recipe still builds a parent-closed world.
//
// Two tiers: the small tier (a trunk of at most 10 blocks, k <= 3) finds
// most bugs in few blocks; the large tier grows with RapidCheck's size to
// chains of 1,000+ blocks and trees of 5,000, k up to 50 and s = 3k/f for
// an active-slot coefficient f of 1/20, 1/5 or 1/2, where window edges,
// forks at the LIB and long streams cut between same-slot blocks live.
#pragma once

#include <ostream>
#include <vector>

#include <rapidcheck.h>

#include "cryptarchia/properties/world.hpp"

namespace cryptarchia::props {

struct ForkRecipe {
  unsigned base = 0;   // the block it grows from: index into the blocks built so far
  unsigned style = 0;  // 0 plain, 1 dense, 2 sparse, 3 ties the trunk, 4 deep (> k);
                       // large tier also: 5 depth exactly k, 6 depth k + 1, 7 jumps to a
                       // window edge, 8 grows from the trunk's LIB, 9 a same-slot sibling;
                       // small tier also: 5 an equivocation (its first block is a sibling
                       // of an honest block by the same leader in the same slot, with
                       // other content), 6 its first block's slot is not after its
                       // parent's (equal, or below)
  std::vector<unsigned> gaps;  // slot gaps (small tier)
  unsigned length = 0;         // large tier: blocks beyond the style's minimum
};

struct InvalidRecipe {
  unsigned base = 0;
  unsigned flaw = 0;         // 0 unstaked note, 1 proof slot mismatch, 2 proof parent mismatch
  unsigned descendants = 0;  // valid-looking blocks built on top
  // Small tier (the large tier leaves it 0): flaw 0, the note: 0 kUnstaked,
  // 1 the public key of a stake note with another value; flaw 1, the proof's
  // slot: 0 one after the block's, 1 one before, 2 two after, 3 far after,
  // 4 far before (slot 0).
  unsigned variant = 0;
};

struct PeerRecipe {
  unsigned view = 0;   // 0 whole, 1 honest only, 2 prefix, 3 one branch, 4 subtree
  unsigned param = 0;  // which prefix / branch / subtree root
};

struct FaultRecipe {
  unsigned copies = 0;  // < 4: serves the view of good peer copies % n; else a view of its own (view copies % 5)
  unsigned kind = 0;    // see faulty_peer() in generators.cpp
  unsigned call = 0;    // which call (0 or 1), or every call when >= 2
  unsigned param = 0;
};

struct LocalRecipe {
  unsigned kind = 0;   // 0 genesis, 1 trunk prefix, 2 partial fork, 3-5 checkpoint
  unsigned param = 0;
};

// A change of one peer during the sync (CaseShape::schedules; see
// build_schedule() in generators.cpp and cryptarchia/schedule.hpp).
struct ScheduleRecipe {
  unsigned peer = 0;   // which peer (sync order), modulo the peers
  unsigned kind = 0;   // 0 learns blocks (its tip moves), 1 joins late, 2 vanishes, 3 answers slowly
  unsigned at = 0;     // when, in virtual time (modulo 3 * peers + 3, plus 1)
  unsigned param = 0;  // 0: the height its first view stops at; 3: the delay - 1
};

struct CaseRecipe {
  bool large = false;  // the large tier: the fields marked "large" are used
  bool attack = false; // large: every fork a long-range attack (Tier::LongRange)
  unsigned k = 1;
  unsigned s_extra = 0;  // s = k + 1 + s_extra
  bool online = false;
  std::vector<unsigned> trunk_gaps;  // small tier
  unsigned inverse_f = 0;     // large: 1/f is 20, 5 or 2 (slot gaps average 1/f)
  unsigned trunk_length = 0;  // large: trunk blocks beyond the first
  unsigned gap_seed = 0;      // large: the slot gaps of trunk and forks
  std::vector<ForkRecipe> forks;
  std::vector<InvalidRecipe> invalid;
  std::vector<PeerRecipe> peers;
  std::vector<FaultRecipe> faulty;
  std::vector<unsigned> order;  // peer order: sort keys
  LocalRecipe local;
  std::vector<ScheduleRecipe> schedule;  // empty unless CaseShape::schedules
};

// LongRange: large worlds in Bootstrapping mode whose every fork is a
// long-range attack (deeper than k, longer than the honest chain after the
// intersection, with no block in the s slots after it), so the honest chain
// wins by construction and P1 is asserted strictly.
enum class Tier { Small, Large, LongRange };

// What a generator may include.
struct CaseShape {
  bool faults = true;       // faulty peers (always alongside >= 1 well-behaved peer)
  bool invalid = true;      // invalid blocks in the world
  bool checkpoints = true;  // checkpoint starts
  bool online = true;       // Online mode as well as Bootstrapping
  Tier tier = Tier::Small;
  // Peers that change during the sync (small tier only). Off by default, so
  // that the recipes, and so the seeds, of every other property are as before.
  bool schedules = false;
};

SyncCase build_case(const CaseRecipe& recipe);
rc::Gen<CaseRecipe> gen_recipe(const CaseShape& shape);
rc::Gen<SyncCase> gen_case(const CaseShape& shape = {});

// RapidCheck prints a counterexample with this: the drawing of the case.
void showValue(const SyncCase& c, std::ostream& os);

}  // namespace cryptarchia::props
