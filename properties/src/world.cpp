#include "cryptarchia/properties/world.hpp"

#include <algorithm>
#include <set>

#include "cryptarchia/properties/oracle.hpp"

namespace cryptarchia::props {

std::string_view to_string(Flaw flaw) {
  switch (flaw) {
    case Flaw::None: return "none";
    case Flaw::UnstakedNote: return "unstaked-note";
    case Flaw::ProofSlotMismatch: return "proof-slot-mismatch";
    case Flaw::ProofParentMismatch: return "proof-parent-mismatch";
  }
  return "?";
}

const WorldBlock* World::find(const Id& id) const {
  const auto it = index.find(id);
  return it == index.end() ? nullptr : &blocks[it->second];
}

std::string World::label_of(const Id& id) const {
  if (id == genesis_id) return "g";
  const WorldBlock* b = find(id);
  return b ? b->label : "<unknown " + id.short_hex() + ">";
}

std::vector<std::size_t> World::chain_of(std::size_t i) const {
  std::vector<std::size_t> out{i};
  while (blocks[out.back()].parent) out.push_back(*blocks[out.back()].parent);
  return out;
}

LedgerState World::state_at(std::size_t i) const {
  const std::vector<std::size_t> chain = chain_of(i);
  LedgerState state = genesis.state;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) state = state.applied(blocks[*it].header);
  return state;
}

std::vector<std::string> SyncCase::tags() const {
  std::vector<std::string> out = world.classes;
  out.push_back(world.mode == Mode::Online ? "mode:online" : "mode:bootstrapping");
  out.push_back("start:" + local.kind);
  std::set<std::string> views, faults;
  for (const PeerSetup& p : peers) {
    views.insert("view:" + p.view);
    for (const Fault& f : p.faults) {
      faults.insert("fault:" + std::string(to_string(f.kind)));
      // The ibd profile's endless re-request (docs/ERRATA.md): every
      // download answered with NoMoreBlocks at once.
      if (f.request == RequestKind::Download && f.kind == FaultKind::EndStreamEarly &&
          f.param == 0 && f.call == Fault::kEveryCall) {
        faults.insert("fault:download-always-empty");
      }
    }
    if (!p.withheld.empty()) faults.insert("fault:withhold");
    if (p.fake_tip) faults.insert("fault:fake-tip");
  }
  out.insert(out.end(), views.begin(), views.end());
  out.insert(out.end(), faults.begin(), faults.end());
  out.push_back(peers.size() == 1 ? "peers:1" : peers.size() <= 3 ? "peers:2-3" : "peers:4+");
  std::set<std::string> changes;
  for (const PeerChange& e : schedule) {
    changes.insert("schedule:" + std::string(to_string(e.kind)));
  }
  out.insert(out.end(), changes.begin(), changes.end());
  // An honest block that only a peer with faults serves.
  std::set<std::size_t> served_well;
  for (const PeerSetup& p : peers) {
    if (p.well_behaved()) served_well.insert(p.holds.begin(), p.holds.end());
  }
  for (const PeerSetup& p : peers) {
    if (p.well_behaved()) continue;
    const bool sole = std::any_of(p.holds.begin(), p.holds.end(), [&](std::size_t i) {
      return world.blocks[i].honest && !served_well.count(i);
    });
    if (sole) {
      out.push_back("fault:sole-server");
      break;
    }
  }
  return out;
}

Budget property_budget(std::size_t blocks, std::size_t peers) {
  // Measured over 3000 generated cases, every run that completed (any
  // profile) used at most 2.04 * b * p steps and 0.92 * b * p requests; the
  // budget leaves four times that plus a quadratic term, so only a sync that
  // does not terminate exhausts it.
  const std::uint64_t b = blocks + 2;
  const std::uint64_t p = peers + 1;
  return Budget{4 * b * p + b * b, 8 * b * p + 2 * b * b};
}

namespace {

// The peer's own node: it ran on_block over the honest blocks it holds (or
// started from a checkpoint at the root of a subtree view); invalid blocks
// were stored afterwards without changing its tip. Computed by the oracle's
// fold, not the library's follower: the implementation under test (a mutant,
// say) must not shape the cases it is judged on.
BlockHeader peer_tip(const World& w, const PeerSetup& p) {
  std::vector<std::size_t> all = p.holds;
  all.insert(all.end(), p.withheld.begin(), p.withheld.end());
  std::sort(all.begin(), all.end());  // world order: parents first
  const std::optional<std::size_t> tip = follower_tip(w, all);
  return tip ? w.blocks[*tip].header : w.genesis.header;
}

BlockHeader fabricated_tip(const World& w, const BlockHeader& real_tip) {
  // A staked note, a matching proof, a slot beyond everything: a block that
  // looks valid but nobody holds.
  Slot max_slot = 0;
  for (const WorldBlock& b : w.blocks) max_slot = std::max(max_slot, b.header.slot);
  BlockHeader fake = real_tip;
  fake.parent = real_tip.id();
  fake.slot = max_slot + 3;
  fake.proof = MockLeaderProof{Note{10, 0}, fake.slot, fake.parent};
  return fake;
}

std::shared_ptr<const PeerView> view_of(const World& world, const PeerSetup& p) {
  auto view = std::make_shared<PeerView>();
  // The world knows every id: hashing each block again for every peer
  // was most of a property case's time (docs/PERFORMANCE.md).
  view->add(world.genesis.header, world.genesis_id);
  view->set_genesis(world.genesis_id);
  for (const std::size_t i : p.holds) view->add(world.blocks[i].header, world.blocks[i].id);
  const BlockHeader tip = peer_tip(world, p);
  view->set_tip(p.fake_tip ? fabricated_tip(world, tip) : tip);
  return view;
}

}  // namespace

Scenario make_scenario(const World& world, const std::vector<PeerSetup>& peers,
                       const LocalStart& local) {
  Scenario s;
  s.id = "generated";
  s.config = world.config;
  s.genesis = world.genesis;
  s.mode = world.mode;
  for (const std::size_t i : local.blocks) s.local_blocks.push_back(world.blocks[i].header);
  if (local.checkpoint) {
    s.checkpoint = Checkpoint{world.blocks[*local.checkpoint].header,
                              world.state_at(*local.checkpoint)};
  }
  for (std::size_t n = 0; n < peers.size(); ++n) {
    const PeerSetup& p = peers[n];
    s.peers.push_back({"p" + std::to_string(n), view_of(world, p), p.faults});
  }
  s.budget = property_budget(world.blocks.size(), peers.size());
  return s;
}

Scenario make_scenario(const World& world, const std::vector<PeerSetup>& peers,
                       const LocalStart& local, const std::vector<PeerChange>& schedule) {
  Scenario s = make_scenario(world, peers, local);
  for (const PeerChange& change : schedule) {
    ScheduleEvent e;
    e.at = change.at;
    e.peer = change.peer;
    e.kind = change.kind;
    e.delay = change.delay;
    if (change.kind == ScheduleEventKind::Update) {
      PeerSetup later = peers.at(change.peer);
      later.holds = change.holds;
      e.view = view_of(world, later);
    }
    s.schedule.push_back(std::move(e));
  }
  return s;
}

}  // namespace cryptarchia::props
