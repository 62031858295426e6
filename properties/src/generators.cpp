#include "cryptarchia/properties/generators.hpp"

#include <algorithm>
#include <map>
#include <numeric>

#include "cryptarchia/properties/drawing.hpp"
#include "cryptarchia/spec_conventions.hpp"
#include "detail/world_building.hpp"

namespace cryptarchia::props {

namespace {

using detail::kA;
using detail::kB;
using detail::kC;
using detail::WorldBuilder;
using detail::leaves;

// One pass: parents come before children in a world.
std::vector<std::size_t> descendants_and_self(const World& w, std::size_t root) {
  std::vector<bool> inside(w.blocks.size(), false);
  std::vector<std::size_t> out;
  for (std::size_t i = root; i < w.blocks.size(); ++i) {
    const auto parent = w.blocks[i].parent;
    inside[i] = i == root || (parent && inside[*parent]);
    if (inside[i]) out.push_back(i);
  }
  return out;
}

World build_world(const CaseRecipe& r) {
  if (r.large) return detail::build_large_world(r);
  World w;
  w.config.k = 1 + r.k % 3;
  w.config.s = 1 + r.s_extra % (3 * w.config.k + 6);
  w.mode = r.online ? Mode::Online : Mode::Bootstrapping;
  // Three stake notes, two values (gap (d) of issue 17 item 6).
  w.genesis = make_genesis({kA, kB, kC});
  w.genesis_id = w.genesis.header.id();
  WorldBuilder b(w);

  std::optional<std::size_t> at;
  for (std::size_t i = 0; i < r.trunk_gaps.size(); ++i) {
    at = b.add(at, b.slot_of(at) + 1 + r.trunk_gaps[i] % 3, kA, Flaw::None, "t" + std::to_string(i + 1));
  }
  const std::size_t trunk_len = w.blocks.size();
  const std::size_t trunk_tip = trunk_len - 1;

  std::vector<std::size_t> fork_tips;
  std::vector<bool> fork_of_fork;
  for (std::size_t f = 0; f < r.forks.size(); ++f) {
    const ForkRecipe& fr = r.forks[f];
    auto base = detail::pick_base(w, fr.base, /*honest_only=*/true);
    // Style 5: the honest block the fork's first block twins (same parent,
    // slot and leader, other content): an equivocating leader.
    std::optional<std::size_t> twin;
    if (fr.style == 5 && base) {
      twin = base;
      base = w.blocks[*twin].parent;
    }
    std::size_t length = std::max<std::size_t>(1, fr.gaps.size());
    if (fr.style == 3) {  // ties the trunk
      const std::uint64_t hb = b.height_of(base), ht = w.blocks[trunk_tip].height;
      length = ht > hb ? ht - hb : 1;
    }
    if (fr.style == 4) length = std::max<std::size_t>(length, w.config.k + 1 + fr.gaps.size() % 3);
    std::optional<std::size_t> tip = base;
    // A copy: the twin lives in w.blocks, which each add() may reallocate.
    const Note note = twin ? w.blocks[*twin].header.proof.note : f % 3 == 0 ? kB : f % 3 == 1 ? kA : kC;
    for (std::size_t i = 0; i < length; ++i) {
      const unsigned g = fr.gaps.empty() ? 1 : fr.gaps[i % fr.gaps.size()];
      const Slot gap = fr.style == 1 ? 1 : fr.style == 2 ? 2 + g % 3 : 1 + g % 3;
      Slot slot = b.slot_of(tip) + gap;
      detail::BlockExtra extra;
      if (i == 0 && twin) {
        slot = w.blocks[*twin].header.slot;
        extra.keep_slot = true;
      }
      if (i == 0 && fr.style == 6) {  // the parent's slot, or the one before
        const Slot down = g % 2;
        slot = b.slot_of(tip) >= down ? b.slot_of(tip) - down : 0;
        extra.keep_slot = true;
      }
      tip = b.add(tip, slot, note, Flaw::None, "f" + std::to_string(f + 1) + "." + std::to_string(i),
                  extra);
    }
    fork_tips.push_back(*tip);
    fork_of_fork.push_back(base && *base >= trunk_len);
  }

  detail::add_invalid_chains(w, b, r.invalid);
  detail::classify(w, trunk_tip, fork_tips, fork_of_fork, /*large=*/false);
  return w;
}

PeerSetup good_peer(const World& w, const PeerRecipe& r) {
  PeerSetup p;
  std::vector<std::size_t>& h = p.holds;
  const std::size_t n = w.blocks.size();
  switch (r.view % 5) {
    case 0:
      p.view = "whole";
      h.resize(n);
      std::iota(h.begin(), h.end(), 0);
      break;
    case 1:
      p.view = "honest";
      for (std::size_t i = 0; i < n; ++i) {
        if (w.blocks[i].honest) h.push_back(i);
      }
      break;
    case 2: {
      p.view = "prefix";
      std::uint64_t max_height = 1;
      for (const WorldBlock& b : w.blocks) max_height = std::max(max_height, b.height);
      const std::uint64_t cut = 2 + r.param % max_height;
      for (std::size_t i = 0; i < n; ++i) {
        if (w.blocks[i].height <= cut) h.push_back(i);
      }
      break;
    }
    case 3: {
      p.view = "branch";
      const std::vector<std::size_t> ends = leaves(w);
      h = w.chain_of(ends[r.param % ends.size()]);
      std::reverse(h.begin(), h.end());
      break;
    }
    default: {
      // A node that started from a checkpoint: the checkpoint's subtree only.
      std::vector<std::size_t> roots;
      for (std::size_t i = 0; i < n; ++i) {
        if (w.blocks[i].honest) roots.push_back(i);
      }
      p.view = "subtree";
      h = descendants_and_self(w, roots[r.param % roots.size()]);
      break;
    }
  }
  return p;
}

// How many blocks a cut stream sends: early and late cuts in small worlds;
// in large ones also cuts after many blocks and between same-slot blocks.
std::uint64_t cut_after(const World& w, const PeerSetup& p, bool large, unsigned param) {
  static constexpr std::uint64_t kSmall[] = {0, 1, 2, 3, 5, 8, 13, 1000};
  if (!large) return kSmall[param % 8];
  static constexpr std::uint64_t kLarge[] = {0, 1, 13, 64, 65, 200, 1000, 100000};
  if (param % 12 < 8) return kLarge[param % 12];
  const std::vector<std::uint64_t> cuts = detail::same_slot_cuts(w, p);
  return cuts.empty() ? 64 : cuts[(param / 12) % cuts.size()];
}

PeerSetup faulty_peer(const World& w, const std::vector<PeerSetup>& good, const FaultRecipe& r,
                      bool large) {
  PeerSetup p;
  // Small tier: a peer whose faults only reorder or repeat its streams keeps
  // a view of its own whole, and may be the only peer that serves a branch
  // (gap e of issue 17 item 6): the oracle counts what it holds as
  // obtainable (PeerSetup::delivers_everything).
  const bool delivering = !large && (r.kind % 9 == 3 || r.kind % 9 == 4);
  if (delivering && r.copies >= 2) {
    p = good_peer(w, PeerRecipe{r.copies + 1, r.param});  // prefix, branch, subtree, whole
  } else if (r.copies < 4) {
    p = good[r.copies % good.size()];
  } else {
    // A view of its own, but only of blocks some well-behaved peer serves too,
    // so that the faults, not the view, are what the properties see. (Own
    // views put blocks in a faulty peer's stream that later peers must still
    // deliver: mutant next-peer-streams-from-failed-slot, docs/STRENGTH.md.)
    p = good_peer(w, PeerRecipe{r.copies, r.param});
    std::vector<bool> served(w.blocks.size(), false);
    for (const PeerSetup& g : good) {
      for (const std::size_t i : g.holds) served[i] = true;
    }
    // Keep the view parent-closed: a block stays when its whole chain is
    // served (one pass, parents first).
    std::vector<bool> chain_served(w.blocks.size(), false);
    for (std::size_t i = 0; i < w.blocks.size(); ++i) {
      const auto parent = w.blocks[i].parent;
      chain_served[i] = served[i] && (!parent || chain_served[*parent]);
    }
    std::erase_if(p.holds, [&](std::size_t i) { return !chain_served[i]; });
  }
  p.view += "+faulty";
  // Every call in two thirds of the faults: a fault that heals on the next
  // round hides most bugs (calls 0 and 1 still cover the healing kind).
  const std::uint64_t call = r.call < 2 ? r.call : Fault::kEveryCall;
  // A stream fault is given to both streams, blocks_from and the ibd
  // profile's download (each profile uses one), so that one draw tests both.
  const auto on_streams = [&](FaultKind kind, std::uint64_t param, FaultKind download_kind,
                              std::uint64_t download_param) {
    p.faults = {{RequestKind::BlocksFrom, call, kind, param},
                {RequestKind::Download, call, download_kind, download_param}};
  };
  switch (r.kind % 9) {
    case 0:
      // A third of the tip failures are a Bootstrapping server (IBD.md 1.3):
      // its tip and its downloads answer "not in online mode".
      if (r.param % 3 == 0) {
        p.faults = {{RequestKind::Tip, call, FaultKind::NotOnline, 0},
                    {RequestKind::Download, call, FaultKind::NotOnline, 0}};
      } else {
        p.faults = {{RequestKind::Tip, call, FaultKind::FailCall, 0}};
      }
      break;
    case 1: on_streams(FaultKind::FailCall, 0, FaultKind::FailCall, 0); break;
    case 2:
      // Early cuts, late ones, and a cut after the last block (a peer that
      // drops the connection instead of ending the stream): a late cut leaves
      // a whole range of slots behind it (docs/STRENGTH.md). Half of the
      // download cuts end the stream normally instead (NoMoreBlocks early),
      // chosen by the call's parity (cut_after reads the param), once and on
      // every call; half of those end at once (an empty batch).
      if (r.call % 2 == 0) {
        on_streams(FaultKind::FailMidStream, cut_after(w, p, large, r.param),
                   FaultKind::FailMidStream, cut_after(w, p, large, r.param));
      } else {
        on_streams(FaultKind::FailMidStream, cut_after(w, p, large, r.param),
                   FaultKind::EndStreamEarly, r.param % 2 == 0 ? 0 : cut_after(w, p, large, r.param));
      }
      break;
    // A reordered download is parents-last, which the ibd profile refuses
    // (dropping the peer): the peer would no longer deliver everything, so
    // the reorder stays on blocks_from alone.
    case 3: p.faults = {{RequestKind::BlocksFrom, call, FaultKind::ReorderStream, 0}}; break;
    case 4:
      // Half of the repeating downloads stream the server's blocks off the
      // path to the target instead (its whole subtree below the start):
      // the client never checks the path (IBD.md 1.6).
      on_streams(FaultKind::DuplicateBlocks, 0,
                 r.param % 2 == 0 ? FaultKind::DuplicateBlocks : FaultKind::OffPathBlocks, 0);
      break;
    case 5: p.faults = {{RequestKind::BlockById, call, FaultKind::FailCall, 0}}; break;
    case 6: p.faults = {{RequestKind::BlockById, call, FaultKind::WrongHeader, 0}}; break;
    case 7:
      if (!p.holds.empty()) {
        const std::size_t at = r.param % p.holds.size();
        p.withheld.push_back(p.holds[at]);
        p.holds.erase(p.holds.begin() + static_cast<std::ptrdiff_t>(at));
      }
      break;
    default: p.fake_tip = true; break;
  }
  if (p.well_behaved()) p.fake_tip = true;  // withholding from an empty view: fake the tip instead
  return p;
}

LocalStart local_start(const World& w, const LocalRecipe& r) {
  LocalStart s;
  std::vector<std::size_t> trunk, fork_blocks, dishonest;
  for (std::size_t i = 0; i < w.blocks.size(); ++i) {
    const WorldBlock& b = w.blocks[i];
    if (b.label[0] == 't') trunk.push_back(i);
    if (b.label[0] == 'f') fork_blocks.push_back(i);
    if (!b.honest) dishonest.push_back(i);
  }
  const auto chain_prefix = [&](std::size_t tip, std::size_t keep) {
    std::vector<std::size_t> chain = w.chain_of(tip);
    std::reverse(chain.begin(), chain.end());
    chain.resize(std::min(chain.size(), keep));
    return chain;
  };
  switch (r.kind % 6) {
    case 1:
      s.kind = "trunk-prefix";
      s.blocks = chain_prefix(trunk.back(), 1 + r.param % trunk.size());
      break;
    case 2:
      if (fork_blocks.empty()) break;
      s.kind = "partial-fork";
      s.blocks = chain_prefix(fork_blocks[r.param % fork_blocks.size()], w.blocks.size());
      break;
    case 3:
      s.kind = "checkpoint-trunk";
      s.checkpoint = trunk[r.param % trunk.size()];
      break;
    case 4:
      if (fork_blocks.empty()) break;
      s.kind = "checkpoint-fork";
      s.checkpoint = fork_blocks[r.param % fork_blocks.size()];
      break;
    case 5:
      if (dishonest.empty()) break;
      s.kind = "checkpoint-invalid-ancestry";
      s.checkpoint = dishonest[r.param % dishonest.size()];
      break;
    default: break;
  }
  if (s.kind.empty()) s.kind = "genesis";
  return s;
}

// The peers' changes during the sync (CaseShape::schedules). It edits the
// peers' first views: a peer that learns blocks starts from a lower part of
// its view and gets the whole view at `at`. Views only grow, so a block a
// peer has served it still holds at the end.
//
// A peer that vanishes is never the only source of a block: what it serves
// (before and after an update) is cut to the blocks that the steady peers
// (those that neither join late nor vanish) hold from the start, parents
// included. So what the node was given by a peer that has gone is still
// obtainable at the end, and the oracle can judge against what the peers
// present at the end hold, whenever the vanishing happened (see
// obtainable_at_end() in oracle.hpp). With no steady peer, nobody vanishes.
std::vector<PeerChange> build_schedule(const World& w, std::vector<PeerSetup>& peers,
                                       const std::vector<ScheduleRecipe>& recipes) {
  std::vector<PeerChange> out;
  const std::size_t n = peers.size();
  if (recipes.empty() || n == 0) return out;
  const std::uint64_t span = 3 * n + 3;
  std::vector<bool> grown(n, false), joins(n, false), vanishes(n, false), slow(n, false);
  for (const ScheduleRecipe& r : recipes) {
    const std::size_t p = r.peer % n;
    const std::uint64_t at = 1 + r.at % span;
    switch (r.kind % 4) {
      case 0: {
        if (grown[p]) break;
        const std::vector<std::size_t> full = peers[p].holds;
        std::uint64_t max_height = 1;
        for (const std::size_t i : full) max_height = std::max(max_height, w.blocks[i].height);
        if (max_height <= 1) break;
        const std::uint64_t cut = 1 + r.param % (max_height - 1);
        std::vector<std::size_t> first;
        for (const std::size_t i : full) {
          if (w.blocks[i].height <= cut) first.push_back(i);
        }
        if (first.size() == full.size()) break;
        grown[p] = true;
        peers[p].holds = first;
        out.push_back(PeerChange{at, p, ScheduleEventKind::Update, full, 0});
        break;
      }
      case 1:
        if (joins[p]) break;
        joins[p] = true;
        out.push_back(PeerChange{at, p, ScheduleEventKind::Join, {}, 0});
        break;
      case 2:
        if (vanishes[p]) break;
        vanishes[p] = true;
        out.push_back(PeerChange{at, p, ScheduleEventKind::Vanish, {}, 0});
        break;
      default:
        if (slow[p]) break;
        slow[p] = true;
        out.push_back(PeerChange{at - 1, p, ScheduleEventKind::Slow, {}, 1 + r.param % 4u});
        break;
    }
  }
  std::vector<bool> steady_held(w.blocks.size(), false);
  bool any_steady = false;
  for (std::size_t p = 0; p < n; ++p) {
    if (joins[p] || vanishes[p]) continue;
    any_steady = true;
    for (const std::size_t i : peers[p].holds) steady_held[i] = true;
  }
  if (!any_steady) {
    std::erase_if(out, [](const PeerChange& e) { return e.kind == ScheduleEventKind::Vanish; });
    return out;
  }
  std::vector<bool> allowed(w.blocks.size(), false);  // held by steady peers, and its chain
  for (std::size_t i = 0; i < w.blocks.size(); ++i) {
    const auto parent = w.blocks[i].parent;
    allowed[i] = steady_held[i] && (!parent || allowed[*parent]);
  }
  const auto cut_to_allowed = [&](std::vector<std::size_t>& holds) {
    std::erase_if(holds, [&](std::size_t i) { return !allowed[i]; });
  };
  for (std::size_t p = 0; p < n; ++p) {
    if (vanishes[p]) cut_to_allowed(peers[p].holds);
  }
  for (PeerChange& e : out) {
    if (e.kind == ScheduleEventKind::Update && vanishes[e.peer]) cut_to_allowed(e.holds);
  }
  return out;
}

}  // namespace

SyncCase build_case(const CaseRecipe& r) {
  SyncCase c;
  c.world = build_world(r);
  std::vector<PeerSetup> good;
  for (const PeerRecipe& pr : r.peers) good.push_back(good_peer(c.world, pr));
  if (good.empty()) good.push_back(good_peer(c.world, PeerRecipe{}));
  std::vector<PeerSetup> all = good;
  for (const FaultRecipe& fr : r.faulty) all.push_back(faulty_peer(c.world, good, fr, r.large));
  // Peer order is part of the input: a stable sort by generated keys.
  std::vector<std::size_t> order(all.size());
  std::iota(order.begin(), order.end(), 0);
  const auto key = [&](std::size_t i) { return r.order.empty() ? 0u : r.order[i % r.order.size()]; };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  for (const std::size_t i : order) c.peers.push_back(all[i]);
  c.local = local_start(c.world, r.local);
  if (r.large) detail::classify_large_case(c);
  c.schedule = build_schedule(c.world, c.peers, r.schedule);
  c.scenario = make_scenario(c.world, c.peers, c.local, c.schedule);
  c.scenario.tags = c.tags();
  return c;
}

using detail::below;
using detail::up_to;

rc::Gen<CaseRecipe> gen_recipe(const CaseShape& shape) {
  if (shape.tier != Tier::Small) return detail::gen_large_recipe(shape);
  using rc::gen::set;
  const auto fork = rc::gen::build<ForkRecipe>(set(&ForkRecipe::base, below(64)),
                                               set(&ForkRecipe::style, below(7)),
                                               set(&ForkRecipe::gaps, up_to(8, below(4))));
  const auto invalid = rc::gen::build<InvalidRecipe>(set(&InvalidRecipe::base, below(64)),
                                                     set(&InvalidRecipe::flaw, below(3)),
                                                     set(&InvalidRecipe::descendants, below(3)),
                                                     set(&InvalidRecipe::variant, below(5)));
  const auto peer = rc::gen::build<PeerRecipe>(set(&PeerRecipe::view, below(5)),
                                               set(&PeerRecipe::param, below(64)));
  const auto faulty = rc::gen::build<FaultRecipe>(
      set(&FaultRecipe::copies, below(8)), set(&FaultRecipe::kind, below(9)),
      set(&FaultRecipe::call, below(6)), set(&FaultRecipe::param, below(8)));
  const auto local = rc::gen::build<LocalRecipe>(
      set(&LocalRecipe::kind, below(shape.checkpoints ? 6 : 3)), set(&LocalRecipe::param, below(64)));
  const auto recipe = rc::gen::build<CaseRecipe>(
      set(&CaseRecipe::k, below(3)), set(&CaseRecipe::s_extra, below(16)),
      set(&CaseRecipe::online, shape.online ? rc::gen::arbitrary<bool>() : rc::gen::just(false)),
      set(&CaseRecipe::trunk_gaps, rc::gen::nonEmpty(up_to(10, below(3)))),
      set(&CaseRecipe::forks, up_to(4, fork)),
      set(&CaseRecipe::invalid, shape.invalid ? up_to(2, invalid) : rc::gen::just(std::vector<InvalidRecipe>{})),
      set(&CaseRecipe::peers, rc::gen::nonEmpty(up_to(5, peer))),
      set(&CaseRecipe::faulty, shape.faults ? up_to(3, faulty) : rc::gen::just(std::vector<FaultRecipe>{})),
      set(&CaseRecipe::order, up_to(8, below(8))), set(&CaseRecipe::local, local));
  // Without schedules the generator is exactly what it was: same seeds, same cases.
  if (!shape.schedules) return recipe;
  const auto change = rc::gen::build<ScheduleRecipe>(
      set(&ScheduleRecipe::peer, below(8)), set(&ScheduleRecipe::kind, below(4)),
      set(&ScheduleRecipe::at, below(32)), set(&ScheduleRecipe::param, below(8)));
  return rc::gen::apply(
      [](CaseRecipe r, std::vector<ScheduleRecipe> schedule) {
        r.schedule = std::move(schedule);
        return r;
      },
      recipe, rc::gen::nonEmpty(up_to(3, change)));
}

rc::Gen<SyncCase> gen_case(const CaseShape& shape) {
  return rc::gen::map(gen_recipe(shape), build_case);
}

void showValue(const SyncCase& c, std::ostream& os) { os << "\n" << draw(c); }

}  // namespace cryptarchia::props
