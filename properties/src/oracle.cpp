#include "cryptarchia/properties/oracle.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <set>

namespace cryptarchia::props {

namespace {

using Tip = std::optional<std::size_t>;  // nullopt: genesis

// The end of the density window after `lca_slot` (exclusive), saturating:
// the spec's window holds slots below lca_slot + s; with the engine's rule
// (Variant::DensityWindowIncludesBound) lca_slot + s itself counts too.
Slot window_end(const World& w, Slot lca_slot, bool includes_bound) {
  const Slot most = std::numeric_limits<Slot>::max();
  const Slot width = w.config.s + (includes_bound ? 1 : 0);
  return lca_slot > most - width ? most : lca_slot + width;
}

// The oracle's reading of the rules it judges by.
struct Rules {
  Mode mode = Mode::Bootstrapping;
  bool window_includes_bound = false;
};
Rules rules_of(const World& w, Mode mode) {
  return {mode, w.rules.has(Variant::DensityWindowIncludesBound)};
}

// The chains of a world as the oracle sees them: heights recomputed from the
// parent links, and ancestors by binary lifting, so that comparing two tips
// costs O(log n) even on a world of thousands of blocks. Written for the
// oracle from the definitions; it shares nothing with the library's tree.
class Ancestry {
 public:
  explicit Ancestry(const World& w) : w_(w) {
    const std::size_t n = w.blocks.size();
    height_.resize(n);
    up_.emplace_back(n, kGenesis);
    for (std::size_t i = 0; i < n; ++i) {
      const Tip p = w.blocks[i].parent;
      up_[0][i] = p ? static_cast<std::int64_t>(*p) : kGenesis;
      height_[i] = (p ? height_[*p] : 1) + 1;
      // Slots that never decrease along a chain let the window be found by
      // binary search; any world that breaks that is counted by walking.
      if (p && w.blocks[i].header.slot < w.blocks[*p].header.slot) monotone_ = false;
    }
    for (std::size_t j = 1; (std::uint64_t{1} << j) < n + 1; ++j) {
      up_.emplace_back(n, kGenesis);
      for (std::size_t i = 0; i < n; ++i) {
        const std::int64_t mid = up_[j - 1][i];
        up_[j][i] = mid == kGenesis ? kGenesis : up_[j - 1][static_cast<std::size_t>(mid)];
      }
    }
  }

  [[nodiscard]] std::uint64_t height(Tip i) const { return i ? height_[*i] : 1; }

  // The ancestor of `i` at height `h` (h <= height(i)).
  [[nodiscard]] Tip at_height(Tip i, std::uint64_t h) const {
    if (h <= 1) return std::nullopt;
    std::uint64_t climb = height(i) - h;
    std::int64_t at = static_cast<std::int64_t>(*i);
    for (std::size_t j = 0; climb; ++j, climb >>= 1) {
      if (climb & 1) at = up_[j][static_cast<std::size_t>(at)];
    }
    return static_cast<std::size_t>(at);
  }

  [[nodiscard]] Tip lca(Tip a, Tip b) const {
    const std::uint64_t h = std::min(height(a), height(b));
    a = at_height(a, h);
    b = at_height(b, h);
    if (a == b) return a;
    for (std::size_t j = up_.size(); j-- > 0;) {
      const std::int64_t ua = up_[j][*a], ub = up_[j][*b];
      if (ua != ub) {
        a = static_cast<std::size_t>(ua);
        b = static_cast<std::size_t>(ub);
      }
    }
    const std::int64_t p = up_[0][*a];
    return p == kGenesis ? Tip{} : Tip{static_cast<std::size_t>(p)};
  }

  // Blocks strictly after `lca` on the chain of `tip` whose slot is below the
  // window end. (The LCA itself would count on both sides alike.)
  [[nodiscard]] std::uint64_t in_window(Tip tip, Tip lca, bool includes_bound) const {
    const Slot end = window_end(w_, lca ? w_.blocks[*lca].header.slot : 0, includes_bound);
    if (!monotone_) {
      std::uint64_t n = 0;
      for (Tip i = tip; i != lca; i = w_.blocks[*i].parent) n += w_.blocks[*i].header.slot < end;
      return n;
    }
    const std::uint64_t floor = height(lca);
    if (height(tip) == floor) return 0;
    if (w_.blocks[*tip].header.slot < end) return height(tip) - floor;
    // Climb to the lowest block above the LCA whose slot is still >= end;
    // everything below it (down to the LCA) is inside the window.
    std::size_t at = *tip;
    for (std::size_t j = up_.size(); j-- > 0;) {
      const std::int64_t u = up_[j][at];
      if (u == kGenesis) continue;
      const std::size_t ua = static_cast<std::size_t>(u);
      if (height_[ua] > floor && w_.blocks[ua].header.slot >= end) at = ua;
    }
    return height_[at] - 1 - floor;
  }

 private:
  static constexpr std::int64_t kGenesis = -1;
  const World& w_;
  std::vector<std::uint64_t> height_;
  std::vector<std::vector<std::int64_t>> up_;
  bool monotone_ = true;
};

bool beats_in(const World& w, const Ancestry& a, const Rules& rules, Tip challenger, Tip incumbent) {
  const Tip lca = a.lca(challenger, incumbent);
  const std::uint64_t lca_height = a.height(lca);
  const std::uint64_t depth_incumbent = a.height(incumbent) - lca_height;
  const std::uint64_t depth_challenger = a.height(challenger) - lca_height;
  if (depth_incumbent <= w.config.k) return depth_incumbent < depth_challenger;
  if (rules.mode == Mode::Online) return false;
  return a.in_window(incumbent, lca, rules.window_includes_bound) <
         a.in_window(challenger, lca, rules.window_includes_bound);
}

}  // namespace

namespace detail {

// The same rule by walking every chain to genesis: slow, obviously right,
// and the check (oracle_test.cpp) that the binary lifting above is too.
bool beats_by_walking(const World& w, Tip challenger, Tip incumbent) {
  const auto chain = [&](Tip i) {
    std::vector<std::size_t> out;
    for (; i; i = w.blocks[*i].parent) out.push_back(*i);
    return out;
  };
  const std::vector<std::size_t> ca = chain(challenger), ci = chain(incumbent);
  const std::set<std::size_t> in_incumbent(ci.begin(), ci.end());
  Tip lca;
  for (const std::size_t x : ca) {
    if (in_incumbent.count(x)) {
      lca = x;
      break;
    }
  }
  const auto depth_above = [&](const std::vector<std::size_t>& c) {
    std::uint64_t d = 0;
    while (d < c.size() && Tip{c[d]} != lca) ++d;
    return d;
  };
  const Slot end = window_end(w, lca ? w.blocks[*lca].header.slot : 0,
                              w.rules.has(Variant::DensityWindowIncludesBound));
  const auto in_window = [&](const std::vector<std::size_t>& c) {
    std::uint64_t n = 0;
    for (std::uint64_t d = 0; d < depth_above(c); ++d) n += w.blocks[c[d]].header.slot < end;
    return n;
  };
  const std::uint64_t depth_incumbent = depth_above(ci), depth_challenger = depth_above(ca);
  if (depth_incumbent <= w.config.k) return depth_incumbent < depth_challenger;
  if (w.mode == Mode::Online) return false;
  return in_window(ci) < in_window(ca);
}

}  // namespace detail

bool beats(const World& w, Tip challenger, Tip incumbent) {
  return beats_in(w, Ancestry(w), rules_of(w, w.mode), challenger, incumbent);
}

std::vector<bool> valid_blocks(const World& w) {
  const bool slot_after_parent = w.rules.has(Variant::SlotAfterParent);
  std::vector<bool> valid(w.blocks.size(), false);
  for (std::size_t i = 0; i < w.blocks.size(); ++i) {  // parents first
    const WorldBlock& b = w.blocks[i];
    const Slot parent_slot = b.parent ? w.blocks[*b.parent].header.slot : w.genesis.header.slot;
    valid[i] = b.flaw == Flaw::None && (!b.parent || valid[*b.parent]) &&
               (!slot_after_parent || b.header.slot > parent_slot);
  }
  return valid;
}

Tip follower_tip(const World& w, const std::vector<std::size_t>& blocks) {
  const Ancestry ancestry(w);
  Tip tip;  // genesis
  std::vector<Tip> forks;
  std::vector<bool> have(w.blocks.size(), false);
  const auto drop = [&](Tip x) { forks.erase(std::remove(forks.begin(), forks.end(), x), forks.end()); };
  for (const std::size_t i : blocks) {
    const WorldBlock& b = w.blocks[i];
    if (!b.honest || have[i]) continue;
    if (b.parent && !have[*b.parent]) {
      // The root of a subtree view: the peer's node started from it as a
      // checkpoint, if it had nothing yet; otherwise the block is an orphan.
      if (!tip && forks.empty()) {
        have[i] = true;
        tip = i;
      }
      continue;
    }
    have[i] = true;
    if (b.parent == tip) {
      tip = i;
      continue;
    }
    forks.push_back(i);
    drop(b.parent);
    Tip best = tip;
    for (const Tip& f : forks) {
      if (beats_in(w, ancestry, Rules{}, f, best)) best = f;
    }
    forks.push_back(tip);
    drop(best);
    tip = best;
  }
  return tip;
}

namespace {

// Every tip a fold that starts at `start` and visits each of `tips` once can
// end at, over every order of the visits (the engine's tips are a hash set).
// One pass over the subsets of `tips`: reach[m] is the set of bests a fold
// can hold after visiting exactly the tips in m. nullopt past kMaxFoldTips.
constexpr std::size_t kMaxFoldTips = 12;
std::optional<std::vector<Tip>> fold_results_in_any_order(
    Tip start, const std::vector<Tip>& tips, const std::function<bool(Tip, Tip)>& beat) {
  const std::size_t n = tips.size();
  if (n > kMaxFoldTips) return std::nullopt;
  // Candidates for the best: the tips, then the start (index n).
  std::vector<Tip> who = tips;
  who.push_back(start);
  std::array<std::array<bool, kMaxFoldTips + 1>, kMaxFoldTips> beats_best{};
  for (std::size_t t = 0; t < n; ++t) {
    for (std::size_t b = 0; b <= n; ++b) beats_best[t][b] = who[t] != who[b] && beat(who[t], who[b]);
  }
  std::vector<std::uint32_t> reach(std::size_t{1} << n, 0);
  reach[0] = std::uint32_t{1} << n;
  for (std::size_t m = 0; m < reach.size(); ++m) {
    for (std::size_t b = 0; b <= n; ++b) {
      if (!(reach[m] >> b & 1)) continue;
      for (std::size_t t = 0; t < n; ++t) {
        if (m >> t & 1) continue;
        reach[m | std::size_t{1} << t] |= std::uint32_t{1} << (beats_best[t][b] ? t : b);
      }
    }
  }
  std::vector<Tip> out;
  for (std::size_t b = 0; b <= n; ++b) {
    if (reach.back() >> b & 1) out.push_back(who[b]);
  }
  return out;
}

}  // namespace

std::optional<std::vector<Tip>> follower_tips(const World& w, const std::vector<std::size_t>& blocks) {
  const Ancestry ancestry(w);
  const Rules rules = rules_of(w, Mode::Bootstrapping);
  const auto beat = [&](Tip a, Tip b) { return beats_in(w, ancestry, rules, a, b); };
  const bool every_block = w.rules.has(Variant::ForkChoiceOnEveryBlock);
  const bool all_tips = w.rules.has(Variant::FoldOverAllTips);
  const std::vector<bool> valid = valid_blocks(w);
  // What the follower may be after the blocks so far: one state, or with
  // the fold over all tips one per tip an order of the fold can give.
  struct State {
    Tip tip;                 // nullopt: genesis
    std::vector<Tip> forks;  // the other tips, in the order the spec's list keeps them
  };
  std::vector<State> states(1);
  std::vector<bool> have(w.blocks.size(), false);
  bool empty = true;
  const auto drop = [](std::vector<Tip>& list, Tip x) {
    list.erase(std::remove(list.begin(), list.end(), x), list.end());
  };
  for (const std::size_t i : blocks) {
    const WorldBlock& b = w.blocks[i];
    if (!valid[i] || have[i]) continue;
    if (b.parent && !have[*b.parent]) {
      if (empty) {  // the root of a subtree view: its checkpoint
        have[i] = true;
        empty = false;
        states = {State{i, {}}};
      }
      continue;
    }
    have[i] = true;
    empty = false;
    std::vector<State> next;
    for (State st : states) {
      const Tip old_tip = st.tip;
      if (b.parent == st.tip) {
        st.tip = i;
        if (!every_block) {
          next.push_back(std::move(st));
          continue;
        }
      } else {
        st.forks.push_back(i);
        drop(st.forks, b.parent);
      }
      if (!all_tips) {
        Tip best = st.tip;
        for (const Tip& f : st.forks) {
          if (beat(f, best)) best = f;
        }
        st.forks.push_back(st.tip);
        drop(st.forks, best);
        st.tip = best;
        next.push_back(std::move(st));
        continue;
      }
      // The engine: from the tip as it was, over every tip (IBD.md 4.3).
      std::vector<Tip> tips = st.forks;
      tips.push_back(st.tip);
      const auto results = fold_results_in_any_order(old_tip, tips, beat);
      if (!results) return std::nullopt;
      for (const Tip& r : *results) {
        State out{r, tips};
        drop(out.forks, r);
        next.push_back(std::move(out));
      }
    }
    std::sort(next.begin(), next.end(), [](const State& a, const State& b) { return a.tip < b.tip; });
    next.erase(std::unique(next.begin(), next.end(),
                           [](const State& a, const State& b) { return a.tip == b.tip; }),
               next.end());
    states = std::move(next);
  }
  std::vector<Tip> out;
  for (const State& st : states) out.push_back(st.tip);
  return out;
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
  const std::size_t n = w.blocks.size();
  std::vector<bool> have(n, false);
  for (const std::size_t i : available) have[i] = true;
  // Valid blocks whose whole chain down to genesis is available (parents
  // come before children in a world, so one pass decides every block).
  const std::vector<bool> valid = valid_blocks(w);
  std::vector<bool> ok(n, false), is_parent(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    const Tip p = w.blocks[i].parent;
    ok[i] = valid[i] && have[i] && (!p || ok[*p]);
    if (ok[i]) v.obtainable.push_back(i);
    if (ok[i] && p) is_parent[*p] = true;
  }
  std::vector<Tip> tips;
  for (const std::size_t i : v.obtainable) {
    if (!is_parent[i]) {
      v.leaves.push_back(i);
      tips.push_back(i);
    }
  }
  if (tips.empty()) {
    v.genesis_only = true;
    tips.push_back(std::nullopt);
  }

  const Ancestry ancestry(w);
  const Rules rules = rules_of(w, w.mode);
  const auto beat = [&](Tip a, Tip b) { return beats_in(w, ancestry, rules, a, b); };
  for (const Tip& t : tips) {
    const bool beaten =
        std::any_of(tips.begin(), tips.end(), [&](const Tip& o) { return o != t && beat(o, t); });
    if (!beaten) v.acceptable.push_back(t);
  }
  for (const Tip& t : tips) {
    const bool wins_all = std::all_of(tips.begin(), tips.end(), [&](const Tip& o) {
      return o == t || (beat(t, o) && !beat(o, t));
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
    // A peer whose faults only reorder or repeat its streams delivers all
    // it holds (the generators let such a peer be a branch's only server).
    if (p.well_behaved() || p.delivers_everything()) out.insert(out.end(), p.holds.begin(), p.holds.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

namespace {
// What each peer of a scheduled case is at the end of a sync: present or
// not, and the world indices it holds then (schedule.hpp: the events in
// force are those the log marks applied).
struct PeerAtEnd {
  bool present = true;
  const std::vector<std::size_t>* holds = nullptr;
  std::optional<std::uint64_t> changed;  // when its last Update or Join took effect
};
std::vector<PeerAtEnd> peers_at_end(const SyncCase& c, const ScheduleLog& log) {
  std::vector<PeerAtEnd> out(c.peers.size());
  for (std::size_t p = 0; p < c.peers.size(); ++p) out[p].holds = &c.peers[p].holds;
  // Events apply in time order (stable): replay the applied ones so.
  std::vector<std::size_t> order(c.schedule.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return c.schedule[a].at < c.schedule[b].at;
  });
  for (const PeerChange& e : c.schedule) {
    if (e.kind == ScheduleEventKind::Join) out[e.peer].present = false;
  }
  for (const std::size_t i : order) {
    const PeerChange& e = c.schedule[i];
    if (i >= log.applied.size() || !log.applied[i]) continue;
    switch (e.kind) {
      case ScheduleEventKind::Update:
        out[e.peer].holds = &e.holds;
        out[e.peer].changed = e.at;
        break;
      case ScheduleEventKind::Join:
        out[e.peer].present = true;
        out[e.peer].changed = e.at;
        break;
      case ScheduleEventKind::Vanish: out[e.peer].present = false; break;
      case ScheduleEventKind::Slow: break;
    }
  }
  return out;
}
}  // namespace

std::vector<std::size_t> obtainable_at_end(const SyncCase& c, const ScheduleLog& log) {
  std::vector<std::size_t> out = c.local.blocks;
  if (c.local.checkpoint) out.push_back(*c.local.checkpoint);
  const std::vector<PeerAtEnd> end = peers_at_end(c, log);
  for (std::size_t p = 0; p < c.peers.size(); ++p) {
    if (end[p].present && c.peers[p].well_behaved()) {
      out.insert(out.end(), end[p].holds->begin(), end[p].holds->end());
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool history_arrives_late(const SyncCase& c, const ScheduleLog& log) {
  const std::size_t n = c.world.blocks.size();
  std::vector<bool> local(n, false);
  for (const std::size_t i : c.local.blocks) local[i] = true;
  if (c.local.checkpoint) local[*c.local.checkpoint] = true;
  std::vector<const std::vector<std::size_t>*> holds(c.peers.size());
  std::vector<bool> connected(c.peers.size(), true);
  for (std::size_t p = 0; p < c.peers.size(); ++p) holds[p] = &c.peers[p].holds;
  for (const PeerChange& e : c.schedule) {
    if (e.kind == ScheduleEventKind::Join) connected[e.peer] = false;
  }
  // The blocks held without their whole chain, in one state of the peers.
  const auto dangling = [&] {
    std::vector<bool> held(n, false);
    for (std::size_t p = 0; p < holds.size(); ++p) {
      if (!connected[p]) continue;
      for (const std::size_t i : *holds[p]) held[i] = true;
    }
    std::vector<bool> complete(n, false), out(n, false);
    for (std::size_t i = 0; i < n; ++i) {
      const auto parent = c.world.blocks[i].parent;
      complete[i] = (held[i] || local[i]) && (!parent || complete[*parent]);
      out[i] = held[i] && !complete[i];
    }
    return std::pair(out, held);
  };
  std::vector<bool> ever(n, false);
  const auto note = [&] {
    const auto [d, held] = dangling();
    for (std::size_t i = 0; i < n; ++i) ever[i] = ever[i] || d[i];
    return std::pair(d, held);
  };
  note();
  std::vector<std::size_t> order(c.schedule.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return c.schedule[a].at < c.schedule[b].at;
  });
  for (const std::size_t i : order) {
    if (i >= log.applied.size() || !log.applied[i]) continue;
    const PeerChange& e = c.schedule[i];
    if (e.kind == ScheduleEventKind::Update) holds[e.peer] = &e.holds;
    if (e.kind == ScheduleEventKind::Join) connected[e.peer] = true;
    if (e.kind == ScheduleEventKind::Vanish) connected[e.peer] = false;
    note();
  }
  const auto [d, held] = dangling();
  for (std::size_t i = 0; i < n; ++i) {
    if (ever[i] && held[i] && !d[i]) return true;
  }
  return false;
}

std::vector<std::size_t> unseen_changes(const SyncCase& c, const ScheduleLog& log) {
  std::vector<std::size_t> out;
  const std::vector<PeerAtEnd> end = peers_at_end(c, log);
  const auto second_last_look = [&](std::size_t q) -> std::optional<std::uint64_t> {
    if (q >= log.looks.size() || log.looks[q].size() < 2) return std::nullopt;
    return log.looks[q][log.looks[q].size() - 2];
  };
  for (std::size_t p = 0; p < c.peers.size(); ++p) {
    if (!end[p].present || !end[p].changed) continue;
    // Asked itself after its change: a sync that asks every peer each round
    // asked it in its last round.
    if (!log.looks[p].empty() && log.looks[p].back() >= *end[p].changed) continue;
    // The others present at the end; p itself when it is alone.
    std::vector<std::size_t> others;
    for (std::size_t q = 0; q < c.peers.size(); ++q) {
      if (q != p && end[q].present) others.push_back(q);
    }
    if (others.empty()) others.push_back(p);
    bool seen = true;
    for (const std::size_t q : others) {
      const std::optional<std::uint64_t> look = second_last_look(q);
      if (!look || *look < *end[p].changed) seen = false;
    }
    if (!seen) out.push_back(p);
  }
  return out;
}

}  // namespace cryptarchia::props
