// The large tier: worlds that grow with RapidCheck's size to trunks of more
// than 1,000 blocks and trees of 5,000, k up to 50 and s = 3k/f. Its fork
// styles aim at what small worlds never reach: depth exactly k and k + 1,
// a block at the density window's edges, a fork at the trunk's LIB, a
// sibling in its parent's child's slot (so streams can be cut between two
// blocks of one slot), longer-but-sparser and shorter-but-denser forks.
#include <algorithm>

#include "cryptarchia/spec_conventions.hpp"
#include "detail/world_building.hpp"

namespace cryptarchia::props::detail {

namespace {

// Slot gaps drawn from one seed (splitmix64), so that a recipe stays a
// handful of numbers that shrink: a 1,000-block trunk does not shrink gap by
// gap, it shrinks by length.
class Gaps {
 public:
  explicit Gaps(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // A gap in [1, 2 mean - 1]: mean `mean`, never 0 (slots grow along a chain).
  Slot around(Slot mean) { return 1 + next() % (2 * mean - 1); }

 private:
  std::uint64_t state_;
};

constexpr Slot kInverseF[] = {20, 5, 2};

// The gap stream of chain `chain` (0 the trunk, f + 1 fork f): one stream per
// chain, so that shrinking the trunk, or dropping a fork, leaves the gaps of
// every other chain as they were.
std::uint64_t chain_seed(std::uint64_t gap_seed, std::size_t chain) {
  return Gaps(gap_seed ^ (0xd1b54a32d192ed03ULL * (chain + 1))).next();
}

// Up to n elements generated at the caller's size (up_to() resizes the
// elements too, which would cap the forks' lengths at size n).
template <typename T>
rc::Gen<std::vector<T>> up_to_at_this_size(unsigned n, rc::Gen<T> g) {
  return rc::gen::mapcat(below(n + 1), [g](unsigned count) {
    return rc::gen::container<std::vector<T>>(count, g);
  });
}

}  // namespace

World build_large_world(const CaseRecipe& r) {
  World w;
  const Slot inverse_f = kInverseF[r.inverse_f % 3];
  w.config.k = 1 + r.k % 50;
  w.config.s = 3 * w.config.k * inverse_f;  // 3 floor(k / f), 1/f an integer here
  // A long-range attack matters to a node that bootstraps; Online nodes
  // never switch beyond k, so there the honest chain would not win.
  w.mode = r.online && !r.attack ? Mode::Online : Mode::Bootstrapping;
  w.genesis = make_genesis({kA, kB});
  w.genesis_id = w.genesis.header.id();
  WorldBuilder b(w);
  Gaps gaps(chain_seed(r.gap_seed, 0));

  // Attacks need an honest chain more than k deep below its tip.
  const std::size_t trunk_blocks =
      std::max<std::size_t>(1 + std::size_t{r.trunk_length}, r.attack ? 2 * w.config.k + 2 : 1);
  std::optional<std::size_t> at;
  for (std::size_t i = 0; i < trunk_blocks; ++i) {
    at = b.add(at, b.slot_of(at) + gaps.around(inverse_f), kA, Flaw::None, "t" + std::to_string(i + 1));
  }
  // The trunk is blocks 0 .. trunk_len - 1; block i has height i + 2.
  const std::size_t trunk_len = w.blocks.size();
  const std::size_t trunk_tip = trunk_len - 1;
  const std::uint64_t k = w.config.k;
  const std::uint64_t trunk_height = w.blocks[trunk_tip].height;

  std::vector<std::size_t> fork_tips;
  std::vector<bool> fork_of_fork;
  for (std::size_t f = 0; f < r.forks.size() && r.attack; ++f) {
    // From a trunk block more than k below the tip: a jump past the window
    // (s + 1 slots or more), then a block every slot, one block longer (or
    // more) than the trunk after the base. No fork block is in the s slots
    // after the intersection, every trunk block's successor is, so the
    // honest chain is denser there and wins under the Genesis rule.
    const ForkRecipe& fr = r.forks[f];
    // Depth below the trunk tip: more than k; the full trunk length is
    // genesis.
    const std::size_t depth = k + 1 + fr.base % (trunk_len - k);
    const std::optional<std::size_t> base =
        depth == trunk_len ? std::nullopt : std::optional<std::size_t>(trunk_len - 1 - depth);
    const std::size_t length = trunk_height - b.height_of(base) + 1 + fr.length % 20;
    std::optional<std::size_t> tip = base;
    for (std::size_t i = 0; i < length; ++i) {
      const Slot slot = i == 0 ? b.slot_of(base) + w.config.s + 1 + fr.length % w.config.s
                               : b.slot_of(tip) + 1;
      tip = b.add(tip, slot, f % 2 == 0 ? kB : kA, Flaw::None,
                  "f" + std::to_string(f + 1) + "." + std::to_string(i));
    }
    fork_tips.push_back(*tip);
    fork_of_fork.push_back(false);
  }
  for (std::size_t f = 0; f < r.forks.size() && !r.attack; ++f) {
    const ForkRecipe& fr = r.forks[f];
    const unsigned style = fr.style % 10;
    Gaps fork_gaps(chain_seed(r.gap_seed, f + 1));
    std::optional<std::size_t> base;
    if (style == 8) {  // at the LIB of a node that followed the trunk
      if (trunk_height > k + 1) base = trunk_height - k - 2;
    } else if (style == 9) {  // a trunk block with a trunk child, 1 .. trunk_len deep
      const std::size_t depth = 1 + fr.base % trunk_len;
      if (depth < trunk_len) base = trunk_len - 1 - depth;
    } else {
      base = pick_base(w, fr.base, /*honest_only=*/true);
    }
    std::size_t length = 1 + fr.length;
    if (style == 3) {
      const std::uint64_t hb = b.height_of(base);
      length = trunk_height > hb ? trunk_height - hb : 1;
    }
    if (style == 4) length = std::max<std::size_t>(length, k + 1 + fr.length % 3);
    if (style == 5) length = k;
    if (style == 6) length = k + 1;
    // Style 7: block `jump` lands at lca.slot + s - 1, + s or + s + 1.
    const std::size_t jump = fr.length % length;
    const Slot edge = b.slot_of(base) + w.config.s - 1 + fork_gaps.next() % 3;
    std::optional<std::size_t> tip = base;
    for (std::size_t i = 0; i < length; ++i) {
      const Slot gap = style == 1   ? 1
                       : style == 2 ? fork_gaps.around(2 * inverse_f)
                                    : fork_gaps.around(inverse_f);
      Slot slot = b.slot_of(tip) + gap;
      const Note* note = f % 2 == 0 ? &kB : &kA;
      if (style == 7 && i == jump && edge > b.slot_of(tip)) slot = edge;
      if (style == 9 && i == 0) {
        slot = w.blocks[base ? *base + 1 : 0].header.slot;  // the trunk child's slot
        note = &kB;                                         // another leader: another id
      }
      tip = b.add(tip, slot, *note, Flaw::None, "f" + std::to_string(f + 1) + "." + std::to_string(i));
    }
    fork_tips.push_back(*tip);
    fork_of_fork.push_back(base && *base >= trunk_len);
  }
  add_invalid_chains(w, b, r.invalid);
  classify(w, trunk_tip, fork_tips, fork_of_fork, /*large=*/true);
  return w;
}

void classify_large_case(SyncCase& c) {
  World& w = c.world;
  std::vector<std::string>& classes = w.classes;
  for (const PeerSetup& p : c.peers) {
    for (const Fault& f : p.faults) {
      if (f.kind != FaultKind::FailMidStream || f.param > p.holds.size()) continue;
      if (f.param >= 64) classes.push_back("stream:cut-after-64+");
      const std::vector<std::uint64_t> cuts = same_slot_cuts(w, p);
      if (std::find(cuts.begin(), cuts.end(), f.param) != cuts.end()) {
        classes.push_back("stream:cut-between-same-slot");
      }
    }
  }
  // From where the local node starts to the trunk's tip: which heights the
  // sync crosses, and whether the LIB of a node on the trunk moves.
  std::uint64_t start = 1;
  for (const std::size_t i : c.local.blocks) start = std::max(start, w.blocks[i].height);
  if (c.local.checkpoint) start = w.blocks[*c.local.checkpoint].height;
  std::uint64_t end = 1;
  for (const WorldBlock& b : w.blocks) {
    if (b.label[0] == 't') end = std::max(end, b.height);
  }
  for (std::uint64_t power = 64; power <= end; power *= 2) {
    if (start < power) {
      classes.push_back("height:crosses-2^n>=64");
      break;
    }
  }
  const std::uint64_t k = w.config.k;
  const std::uint64_t lib_at_start = c.local.checkpoint ? start : start > k ? start - k : 1;
  if (end > k && end - k > lib_at_start) classes.push_back("lib:moves");
  std::sort(classes.begin(), classes.end());
  classes.erase(std::unique(classes.begin(), classes.end()), classes.end());
}

rc::Gen<CaseRecipe> gen_large_recipe(const CaseShape& shape) {
  using rc::gen::set;
  // Lengths scale with RapidCheck's size (inRange does): early cases of a
  // run are small, the last ones reach the full size.
  const auto fork = rc::gen::build<ForkRecipe>(set(&ForkRecipe::base, below(1u << 16)),
                                               set(&ForkRecipe::style, below(10)),
                                               set(&ForkRecipe::length, rc::gen::inRange(0u, 1400u)));
  const auto invalid = rc::gen::build<InvalidRecipe>(set(&InvalidRecipe::base, below(1u << 16)),
                                                     set(&InvalidRecipe::flaw, below(3)),
                                                     set(&InvalidRecipe::descendants, below(3)));
  const auto peer = rc::gen::build<PeerRecipe>(set(&PeerRecipe::view, below(5)),
                                               set(&PeerRecipe::param, below(1u << 16)));
  const auto faulty = rc::gen::build<FaultRecipe>(
      set(&FaultRecipe::copies, below(8)), set(&FaultRecipe::kind, below(9)),
      set(&FaultRecipe::call, below(6)), set(&FaultRecipe::param, below(1u << 10)));
  const auto local = rc::gen::build<LocalRecipe>(
      set(&LocalRecipe::kind, below(shape.checkpoints ? 6 : 3)),
      set(&LocalRecipe::param, below(1u << 16)));
  const bool attack = shape.tier == Tier::LongRange;
  // In an attack world the first peer serves every honest block, so the
  // honest chain is obtainable and the oracle decisive.
  const auto first_peer_honest = [attack](CaseRecipe r) {
    if (attack && !r.peers.empty()) r.peers[0].view = 1;
    return r;
  };
  return rc::gen::map(rc::gen::build<CaseRecipe>(
      set(&CaseRecipe::large, rc::gen::just(true)), set(&CaseRecipe::attack, rc::gen::just(attack)),
      set(&CaseRecipe::k, below(50)),
      set(&CaseRecipe::inverse_f, below(3)),
      set(&CaseRecipe::online, shape.online ? rc::gen::arbitrary<bool>() : rc::gen::just(false)),
      set(&CaseRecipe::trunk_length, rc::gen::inRange(0u, 1300u)),
      set(&CaseRecipe::gap_seed, rc::gen::arbitrary<unsigned>()),
      set(&CaseRecipe::forks, up_to_at_this_size(10, fork)),
      set(&CaseRecipe::invalid,
          shape.invalid ? up_to(2, invalid) : rc::gen::just(std::vector<InvalidRecipe>{})),
      set(&CaseRecipe::peers, rc::gen::nonEmpty(up_to(5, peer))),
      set(&CaseRecipe::faulty,
          shape.faults ? up_to(3, faulty) : rc::gen::just(std::vector<FaultRecipe>{})),
      set(&CaseRecipe::order, up_to(8, below(8))), set(&CaseRecipe::local, local)),
      first_peer_honest);
}

}  // namespace cryptarchia::props::detail
