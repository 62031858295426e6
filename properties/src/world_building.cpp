#include "detail/world_building.hpp"

#include <algorithm>
#include <map>

#include <set>
#include <tuple>

#include "cryptarchia/bytes.hpp"
#include "cryptarchia/hash.hpp"
#include "cryptarchia/spec_conventions.hpp"

namespace cryptarchia::props::detail {

std::size_t WorldBuilder::add(std::optional<std::size_t> parent, Slot slot, Note note,
                              Flaw flaw, std::string label, const BlockExtra& extra) {
  const Id parent_id = parent ? w_.blocks[*parent].id : w_.genesis_id;
  BlockHeader h;
  Id id;
  for (std::uint32_t content = 0;; extra.keep_slot ? ++content : ++slot) {
    h = make_block(parent_id, slot, note);
    // Content 0 is the spec's test content; others are other payloads.
    if (content != 0) h.content_id = H("CONTENT_ID", u32_be(content));
    if (flaw == Flaw::ProofSlotMismatch) {
      h.proof.slot = slot + static_cast<Slot>(extra.proof_slot_offset);  // wraps like the slot
    }
    if (flaw == Flaw::ProofParentMismatch) h.proof.parent = Id{};
    id = h.id();
    if (!w_.index.count(id)) break;
  }
  WorldBlock b;
  b.header = h;
  b.id = id;
  b.parent = parent;
  b.height = parent ? w_.blocks[*parent].height + 1 : 2;
  b.flaw = flaw;
  b.honest = flaw == Flaw::None && (!parent || w_.blocks[*parent].honest);
  b.label = std::move(label);
  w_.index.emplace(b.id, w_.blocks.size());
  w_.blocks.push_back(std::move(b));
  return w_.blocks.size() - 1;
}

std::vector<std::uint64_t> same_slot_cuts(const World& w, const PeerSetup& p) {
  std::vector<std::size_t> stream = p.holds;
  std::stable_sort(stream.begin(), stream.end(), [&](std::size_t a, std::size_t b) {
    return w.blocks[a].header.slot < w.blocks[b].header.slot;
  });
  std::vector<std::uint64_t> out;
  for (std::size_t i = 1; i < stream.size(); ++i) {
    if (w.blocks[stream[i - 1]].header.slot == w.blocks[stream[i]].header.slot) out.push_back(i + 1);
  }
  return out;
}

std::vector<std::size_t> leaves(const World& w) {
  std::vector<bool> has_child(w.blocks.size(), false);
  for (const WorldBlock& b : w.blocks) {
    if (b.parent) has_child[*b.parent] = true;
  }
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < w.blocks.size(); ++i) {
    if (!has_child[i]) out.push_back(i);
  }
  return out;
}

std::optional<std::size_t> pick_base(const World& w, unsigned pick, bool honest_only) {
  std::vector<std::size_t> options;
  for (std::size_t i = 0; i < w.blocks.size(); ++i) {
    if (!honest_only || w.blocks[i].honest) options.push_back(i);
  }
  const std::size_t n = pick % (options.size() + 1);
  if (n == 0) return std::nullopt;
  return options[n - 1];
}

void add_invalid_chains(World& w, WorldBuilder& b, const std::vector<InvalidRecipe>& invalid) {
  for (std::size_t x = 0; x < invalid.size(); ++x) {
    const InvalidRecipe& ir = invalid[x];
    const auto base = pick_base(w, ir.base, /*honest_only=*/false);
    const Flaw flaw = ir.flaw % 3 == 0   ? Flaw::UnstakedNote
                      : ir.flaw % 3 == 1 ? Flaw::ProofSlotMismatch
                                         : Flaw::ProofParentMismatch;
    const std::string name = "x" + std::to_string(x + 1) + ".";
    const Slot slot = b.slot_of(base) + 1;
    BlockExtra extra;
    // The proof's slot: one after (the large tier's only kind), one before,
    // two after, far after, far before.
    static constexpr std::int64_t kOffsets[] = {1, -1, 2, 1000000, 0};
    extra.proof_slot_offset = ir.variant % 5 == 4 ? -static_cast<std::int64_t>(slot)
                                                  : kOffsets[ir.variant % 5];
    const Note& note = flaw != Flaw::UnstakedNote ? kA
                       : ir.variant % 2 == 0      ? kUnstaked
                                                  : kStakedKeyOtherValue;
    std::size_t tip = b.add(base, slot, note, flaw, name + "0", extra);
    for (unsigned d = 0; d < ir.descendants % 3; ++d) {
      tip = b.add(tip, b.slot_of(tip) + 1, kA, Flaw::None, name + std::to_string(d + 1));
    }
  }
}

void classify(World& w, std::size_t trunk_tip, const std::vector<std::size_t>& fork_tips,
              const std::vector<bool>& fork_of_fork, bool large) {
  std::vector<std::string>& c = w.classes;
  // Large worlds draw k up to 50: their classes group it.
  const std::uint64_t k = w.config.k;
  c.push_back(!large || k <= 3 ? "k:" + std::to_string(k) : k <= 10 ? "k:4-10" : "k:11-50");
  if (fork_tips.empty()) c.push_back("forks:none");
  const std::vector<std::size_t> trunk_chain = w.chain_of(trunk_tip);
  std::vector<bool> on_trunk(w.blocks.size(), false);
  for (const std::size_t a : trunk_chain) on_trunk[a] = true;
  const std::uint64_t trunk_height = w.blocks[trunk_tip].height;
  for (std::size_t f = 0; f < fork_tips.size(); ++f) {
    // Where the fork leaves the trunk, and how the two compare after it.
    const std::vector<std::size_t> fork_chain = w.chain_of(fork_tips[f]);
    std::optional<std::size_t> lca;
    for (std::size_t a : fork_chain) {
      if (on_trunk[a]) {
        lca = a;
        break;
      }
    }
    const std::uint64_t lca_height = lca ? w.blocks[*lca].height : 1;
    const Slot lca_slot = lca ? w.blocks[*lca].header.slot : 0;
    const std::uint64_t trunk_depth = trunk_height - lca_height;
    const std::uint64_t fork_depth = w.blocks[fork_tips[f]].height - lca_height;
    const auto density = [&](const std::vector<std::size_t>& chain) {
      std::uint64_t n = 0;
      for (std::size_t a : chain) {
        if (w.blocks[a].height > lca_height && w.blocks[a].header.slot < lca_slot + w.config.s) ++n;
      }
      return n;
    };
    c.push_back(trunk_depth > w.config.k || fork_depth > w.config.k ? "fork:deep" : "fork:short");
    if (fork_depth == trunk_depth) c.push_back("fork:ties-trunk");
    const std::uint64_t dt = density(trunk_chain), df = density(fork_chain);
    if (trunk_depth > w.config.k) c.push_back(df > dt ? "fork:denser" : df < dt ? "fork:sparser" : "fork:equal-density");
    if (fork_of_fork[f]) c.push_back("fork:of-fork");
    if (!large) continue;
    if (fork_depth == k) c.push_back("fork:depth-k");
    if (fork_depth == k + 1) c.push_back("fork:depth-k+1");
    if (trunk_depth > k && fork_depth > trunk_depth && df < dt) c.push_back("fork:longer-but-sparser");
    if (trunk_depth > k && fork_depth < trunk_depth && df > dt) c.push_back("fork:shorter-but-denser");
    // The trunk's LIB, for a node that followed the trunk to its tip.
    if (trunk_height > k + 1 && lca_height == trunk_height - k) c.push_back("fork:at-lib");
    // Blocks on either chain at the window's edges: counted by the spec's
    // window (slot < lca + s), by the engine's (<=), or by neither.
    for (const std::vector<std::size_t>* chain : {&trunk_chain, &fork_chain}) {
      for (const std::size_t a : *chain) {
        if (w.blocks[a].height <= lca_height) break;
        const Slot slot = w.blocks[a].header.slot;
        if (slot + 1 == lca_slot + w.config.s) c.push_back("window:edge-1");
        if (slot == lca_slot + w.config.s) c.push_back("window:edge");
        if (slot == lca_slot + w.config.s + 1) c.push_back("window:edge+1");
      }
    }
  }
  std::map<Slot, int> per_slot;
  bool gaps = false;
  std::set<std::uint64_t> honest_values;
  // Honest blocks by (parent, slot, leader): two of them are an equivocation.
  std::set<std::tuple<std::int64_t, Slot, std::uint64_t, std::uint64_t>> leaders;
  const std::set<Hash32> staked(w.genesis.commitments.begin(), w.genesis.commitments.end());
  for (const WorldBlock& b : w.blocks) {
    ++per_slot[b.header.slot];
    const Slot parent_slot = b.parent ? w.blocks[*b.parent].header.slot : 0;
    if (b.header.slot > parent_slot + 1) gaps = true;
    if (b.flaw != Flaw::None) c.push_back("invalid:" + std::string(to_string(b.flaw)));
    if (b.flaw == Flaw::None && !b.honest) c.push_back("invalid:descendant");
    // The generator gaps of issue 17 item 6 (docs/STRENGTH.md).
    const Note& note = b.header.proof.note;
    if (b.honest) {
      honest_values.insert(note.value);
      if (b.header.slot <= parent_slot) c.push_back("slots:child-not-after-parent");
      const auto key = std::make_tuple(b.parent ? static_cast<std::int64_t>(*b.parent) : -1,
                                       b.header.slot, note.value, note.sk);
      if (!leaders.insert(key).second) c.push_back("siblings:same-leader-same-slot");
    }
    if (b.flaw == Flaw::ProofSlotMismatch) {
      const Slot proof = b.header.proof.slot, slot = b.header.slot;
      c.push_back(proof < slot       ? "invalid:proof-slot-earlier"
                  : proof > slot + 1 ? "invalid:proof-slot-later-by-2+"
                                     : "invalid:proof-slot-later-by-1");
    }
    if (b.flaw == Flaw::UnstakedNote) {
      // A staked public key whose note has another value.
      for (const std::uint64_t v : {10u, 25u}) {
        if (v != note.value && staked.count(Note{v, note.sk}.commitment())) {
          c.push_back("invalid:unstaked-value-of-staked-key");
        }
      }
    }
  }
  if (honest_values.size() > 1) c.push_back("notes:several-values");
  if (std::any_of(per_slot.begin(), per_slot.end(), [](const auto& e) { return e.second > 1; })) {
    c.push_back("slots:shared");
  }
  if (gaps) c.push_back("slots:gaps");
  if (large) {
    const std::uint64_t trunk_blocks = trunk_height - 1;
    if (trunk_blocks > 64) c.push_back("chain:>64");
    if (trunk_blocks > 1024) c.push_back("chain:>1024");
    if (w.blocks.size() >= 1000) c.push_back("tree:>=1000");
    if (w.blocks.size() >= 5000) c.push_back("tree:>=5000");
  }
  std::sort(c.begin(), c.end());
  c.erase(std::unique(c.begin(), c.end()), c.end());
}

}  // namespace cryptarchia::props::detail
