#include "cryptarchia/properties/oracle.hpp"

#include <algorithm>
#include <limits>
#include <set>

namespace cryptarchia::props {

namespace {

std::uint64_t height_of(const World& w, std::optional<std::size_t> i) {
  std::uint64_t h = 1;
  for (; i; i = w.blocks[*i].parent) ++h;
  return h;
}

// Naive: the chain of i as a list from i down to (excluding) genesis.
std::vector<std::size_t> chain(const World& w, std::optional<std::size_t> i) {
  std::vector<std::size_t> out;
  for (; i; i = w.blocks[*i].parent) out.push_back(*i);
  return out;
}

std::optional<std::size_t> lowest_common_ancestor(const World& w, std::optional<std::size_t> a,
                                                  std::optional<std::size_t> b) {
  const std::vector<std::size_t> ca = chain(w, a);
  const std::set<std::size_t> cb_set = [&] {
    const std::vector<std::size_t> cb = chain(w, b);
    return std::set<std::size_t>(cb.begin(), cb.end());
  }();
  for (const std::size_t x : ca) {
    if (cb_set.count(x)) return x;
  }
  return std::nullopt;  // genesis
}

// Blocks strictly after `lca` on the chain of `tip` whose slot is below the
// window end. (The LCA itself would count on both sides alike.)
std::uint64_t blocks_in_window(const World& w, std::optional<std::size_t> tip,
                               std::optional<std::size_t> lca) {
  const Slot lca_slot = lca ? w.blocks[*lca].header.slot : 0;
  const Slot most = std::numeric_limits<Slot>::max();
  const Slot end = lca_slot > most - w.config.s ? most : lca_slot + w.config.s;
  std::uint64_t n = 0;
  for (std::optional<std::size_t> i = tip; i != lca; i = w.blocks[*i].parent) {
    if (w.blocks[*i].header.slot < end) ++n;
  }
  return n;
}

bool beats_in(const World& w, Mode mode, std::optional<std::size_t> challenger,
              std::optional<std::size_t> incumbent) {
  const std::optional<std::size_t> lca = lowest_common_ancestor(w, challenger, incumbent);
  const std::uint64_t lca_height = height_of(w, lca);
  const std::uint64_t depth_incumbent = height_of(w, incumbent) - lca_height;
  const std::uint64_t depth_challenger = height_of(w, challenger) - lca_height;
  if (depth_incumbent <= w.config.k) return depth_incumbent < depth_challenger;
  if (mode == Mode::Online) return false;
  return blocks_in_window(w, incumbent, lca) < blocks_in_window(w, challenger, lca);
}

}  // namespace

bool beats(const World& w, std::optional<std::size_t> challenger,
           std::optional<std::size_t> incumbent) {
  return beats_in(w, w.mode, challenger, incumbent);
}

std::optional<std::size_t> follower_tip(const World& w, const std::vector<std::size_t>& blocks) {
  std::optional<std::size_t> tip;  // genesis
  std::vector<std::optional<std::size_t>> forks;
  std::set<std::size_t> have;
  const auto drop = [&](std::optional<std::size_t> x) {
    forks.erase(std::remove(forks.begin(), forks.end(), x), forks.end());
  };
  for (const std::size_t i : blocks) {
    const WorldBlock& b = w.blocks[i];
    if (!b.honest || have.count(i)) continue;
    if (b.parent && !have.count(*b.parent)) {
      // The root of a subtree view: the peer's node started from it as a
      // checkpoint, if it had nothing yet; otherwise the block is an orphan.
      if (!tip && forks.empty()) {
        have.insert(i);
        tip = i;
      }
      continue;
    }
    have.insert(i);
    if (b.parent == tip) {
      tip = i;
      continue;
    }
    forks.push_back(i);
    drop(b.parent);
    std::optional<std::size_t> best = tip;
    for (const auto& f : forks) {
      if (beats_in(w, Mode::Bootstrapping, f, best)) best = f;
    }
    forks.push_back(tip);
    drop(best);
    tip = best;
  }
  return tip;
}

Id Verdict::heaviest_id(const World& w) const {
  return *heaviest ? w.blocks[**heaviest].id : w.genesis_id;
}

bool Verdict::is_acceptable(const World& w, const Id& tip) const {
  for (const auto& a : acceptable) {
    if ((a ? w.blocks[*a].id : w.genesis_id) == tip) return true;
  }
  return false;
}

Verdict judge(const World& w, const std::vector<std::size_t>& available) {
  Verdict v;
  const std::set<std::size_t> have(available.begin(), available.end());
  // Honest blocks whose whole chain down to genesis is available.
  for (std::size_t i = 0; i < w.blocks.size(); ++i) {
    bool ok = true;
    for (std::optional<std::size_t> a = i; a && ok; a = w.blocks[*a].parent) {
      ok = w.blocks[*a].flaw == Flaw::None && have.count(*a);
    }
    if (ok) v.obtainable.push_back(i);
  }
  std::set<std::size_t> parents;
  for (const std::size_t i : v.obtainable) {
    if (w.blocks[i].parent) parents.insert(*w.blocks[i].parent);
  }
  std::vector<std::optional<std::size_t>> tips;
  for (const std::size_t i : v.obtainable) {
    if (!parents.count(i)) {
      v.leaves.push_back(i);
      tips.push_back(i);
    }
  }
  if (tips.empty()) {
    v.genesis_only = true;
    tips.push_back(std::nullopt);
  }

  for (const auto& t : tips) {
    const bool beaten = std::any_of(tips.begin(), tips.end(), [&](const auto& o) {
      return o != t && beats(w, o, t);
    });
    if (!beaten) v.acceptable.push_back(t);
  }
  for (const auto& t : tips) {
    const bool wins_all = std::all_of(tips.begin(), tips.end(), [&](const auto& o) {
      return o == t || (beats(w, t, o) && !beats(w, o, t));
    });
    if (wins_all) v.heaviest = t;
  }
  if (tips.size() == 1) {
    v.kind = "single-chain";
  } else if (v.heaviest) {
    v.kind = "decisive";
  } else if (v.acceptable.empty()) {
    v.kind = "cyclic";  // every tip is beaten by some other: the rule is not an order here
  } else if (v.acceptable.size() > 1) {
    v.kind = "tie";
  } else {
    v.kind = "incomparable";
  }
  return v;
}

std::vector<std::size_t> obtainable_from_well_behaved(const SyncCase& c) {
  std::vector<std::size_t> out = c.local.blocks;
  if (c.local.checkpoint) out.push_back(*c.local.checkpoint);
  for (const PeerSetup& p : c.peers) {
    if (p.well_behaved()) out.insert(out.end(), p.holds.begin(), p.holds.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace cryptarchia::props
