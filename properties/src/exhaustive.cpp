#include "cryptarchia/properties/exhaustive.hpp"

#include <algorithm>
#include <functional>

#include "cryptarchia/spec_conventions.hpp"
#include "detail/world_building.hpp"

namespace cryptarchia::props {

namespace {

using detail::kA;
using detail::kB;

// Calls `visit` with every parent vector of n blocks: parents[i] is -1
// (genesis) or an earlier block.
void for_each_tree(int n, const std::function<void(const std::vector<int>&)>& visit) {
  std::vector<int> parents(static_cast<std::size_t>(n), -1);
  const std::function<void(int)> fill = [&](int i) {
    if (i == n) return visit(parents);
    for (int p = -1; p < i; ++p) {
      parents[static_cast<std::size_t>(i)] = p;
      fill(i + 1);
    }
  };
  fill(0);
}

// `flawed`: the block built with `flaw` (its descendants are then invalid
// by ancestry).
World build(const std::vector<int>& parents, const std::vector<Slot>& gaps, std::uint64_t k,
            std::uint64_t s, Mode mode, std::optional<std::size_t> flawed = std::nullopt,
            Flaw flaw = Flaw::None) {
  World w;
  w.config.k = k;
  w.config.s = s;
  w.mode = mode;
  w.genesis = make_genesis({kA, kB});
  w.genesis_id = w.genesis.header.id();
  detail::WorldBuilder b(w);
  for (std::size_t i = 0; i < parents.size(); ++i) {
    const std::optional<std::size_t> parent =
        parents[i] < 0 ? std::nullopt : std::optional<std::size_t>(parents[i]);
    const Flaw f = flawed == i ? flaw : Flaw::None;
    const Note& note = f == Flaw::UnstakedNote ? detail::kUnstaked : i % 2 == 0 ? kA : kB;
    b.add(parent, b.slot_of(parent) + gaps[i], note, f, "b" + std::to_string(i + 1));
  }
  w.classes = {"sweep"};
  return w;
}

std::vector<std::size_t> chain_up_to(const World& w, std::size_t tip) {
  std::vector<std::size_t> chain = w.chain_of(tip);
  std::reverse(chain.begin(), chain.end());
  return chain;
}

// Every ordered choice of 1..max distinct leaves.
void for_each_leaf_sequence(const std::vector<std::size_t>& leaves, int max,
                            const std::function<void(const std::vector<std::size_t>&)>& visit) {
  std::vector<std::size_t> chosen;
  std::vector<bool> used(leaves.size(), false);
  const std::function<void()> grow = [&] {
    if (!chosen.empty()) visit(chosen);
    if (static_cast<int>(chosen.size()) == max) return;
    for (std::size_t i = 0; i < leaves.size(); ++i) {
      if (used[i]) continue;
      used[i] = true;
      chosen.push_back(leaves[i]);
      grow();
      chosen.pop_back();
      used[i] = false;
    }
  };
  grow();
}

// The faulty peers of the sweep: a copy of the whole tree with one fault, on
// every call or on the first; or withholding a leaf; or faking its tip.
std::vector<PeerSetup> faulty_copies(const PeerSetup& whole, const std::vector<std::size_t>& leaves) {
  using K = FaultKind;
  using R = RequestKind;
  const std::uint64_t every = Fault::kEveryCall;
  const std::vector<Fault> faults = {
      {R::Tip, every, K::FailCall, 0},           {R::Tip, 0, K::FailCall, 0},
      {R::BlocksFrom, every, K::FailCall, 0},    {R::BlocksFrom, 0, K::FailMidStream, 1},
      {R::BlocksFrom, every, K::FailMidStream, 2}, {R::BlocksFrom, every, K::ReorderStream, 0},
      {R::BlocksFrom, every, K::DuplicateBlocks, 0}, {R::BlockById, every, K::FailCall, 0},
      {R::BlockById, every, K::WrongHeader, 0}};
  std::vector<PeerSetup> out;
  for (const Fault& f : faults) {
    PeerSetup p = whole;
    p.view = "whole+faulty";
    p.faults = {f};
    out.push_back(std::move(p));
  }
  for (const std::size_t leaf : leaves) {
    PeerSetup p = whole;
    p.view = "whole+faulty";
    std::erase(p.holds, leaf);
    p.withheld = {leaf};
    out.push_back(std::move(p));
  }
  PeerSetup fake = whole;
  fake.view = "whole+faulty";
  fake.fake_tip = true;
  out.push_back(std::move(fake));
  return out;
}

}  // namespace

void for_each_sweep_case(const SweepBounds& bounds, const std::function<void(const SyncCase&)>& visit,
                         std::uint64_t* worlds) {
  for (int n = 1; n <= bounds.max_blocks; ++n) {
    for_each_tree(n, [&](const std::vector<int>& parents) {
      // Every slot pattern: one gap per block, as a number in base |gaps|.
      std::uint64_t patterns = 1;
      for (int i = 0; i < n; ++i) patterns *= bounds.gaps.size();
      for (std::uint64_t pattern = 0; pattern < patterns; ++pattern) {
        std::vector<Slot> gaps;
        for (std::uint64_t x = pattern; gaps.size() < parents.size(); x /= bounds.gaps.size()) {
          gaps.push_back(bounds.gaps[x % bounds.gaps.size()]);
        }
        for (const std::uint64_t k : bounds.ks) {
          for (const std::uint64_t s : bounds.ss) {
            for (const Mode mode : bounds.modes) {
              SyncCase c;
              c.world = build(parents, gaps, k, s, mode);
              if (worlds) ++*worlds;
              const std::vector<std::size_t> leaves = detail::leaves(c.world);
              std::vector<std::vector<PeerSetup>> setups;
              PeerSetup whole;
              whole.view = "whole";
              for (std::size_t i = 0; i < c.world.blocks.size(); ++i) whole.holds.push_back(i);
              setups.push_back({whole});
              for_each_leaf_sequence(leaves, bounds.max_peers, [&](const std::vector<std::size_t>& seq) {
                std::vector<PeerSetup> peers;
                for (const std::size_t leaf : seq) {
                  PeerSetup p;
                  p.view = "branch";
                  p.holds = chain_up_to(c.world, leaf);
                  peers.push_back(std::move(p));
                }
                setups.push_back(std::move(peers));
              });
              std::vector<LocalStart> starts(1);
              starts[0].kind = "genesis";
              for (const std::size_t leaf : leaves) {
                LocalStart on;
                on.kind = "trunk-prefix";
                on.blocks = chain_up_to(c.world, leaf);
                starts.push_back(std::move(on));
              }
              const auto run = [&](const std::vector<PeerSetup>& peers, const LocalStart& local) {
                c.peers = peers;
                c.local = local;
                c.scenario = make_scenario(c.world, c.peers, c.local);
                c.scenario.id = "sweep";
                c.scenario.tags = c.tags();
                visit(c);
              };
              for (const std::vector<PeerSetup>& peers : setups) {
                for (const LocalStart& local : starts) run(peers, local);
              }
              // Faults (beside a well-behaved peer with the whole tree, in
              // both orders) from genesis; checkpoints at every block with
              // the whole tree served.
              for (const PeerSetup& faulty : faulty_copies(whole, leaves)) {
                run({whole, faulty}, starts[0]);
                run({faulty, whole}, starts[0]);
              }
              for (std::size_t i = 0; i < c.world.blocks.size(); ++i) {
                LocalStart at;
                at.kind = "checkpoint-trunk";
                at.checkpoint = i;
                run({whole}, at);
              }
              // One invalid block (each block, each flaw), the whole world
              // served, from genesis.
              for (std::size_t i = 0; i < parents.size(); ++i) {
                for (const Flaw flaw : {Flaw::UnstakedNote, Flaw::ProofSlotMismatch,
                                        Flaw::ProofParentMismatch}) {
                  SyncCase bad;
                  bad.world = build(parents, gaps, k, s, mode, i, flaw);
                  PeerSetup all;
                  all.view = "whole";
                  for (std::size_t j = 0; j < bad.world.blocks.size(); ++j) all.holds.push_back(j);
                  bad.peers = {all};
                  bad.local = starts[0];
                  bad.scenario = make_scenario(bad.world, bad.peers, bad.local);
                  bad.scenario.id = "sweep";
                  bad.scenario.tags = bad.tags();
                  visit(bad);
                }
              }
            }
          }
        }
      }
    });
  }
}

SweepReport sweep(const SweepBounds& bounds, const std::vector<PropertyDef>& properties,
                  const NodeFactory& factory) {
  SweepReport report;
  for_each_sweep_case(
      bounds,
      [&](const SyncCase& c) {
        ++report.cases;
        for (const PropertyDef& p : properties) {
          CaseContext ctx(0);
          try {
            p.body(factory, c, ctx);
            ++report.judged[p.name];
          } catch (const CaseDiscarded&) {
            ++report.discarded[p.name];
          } catch (const CaseFailed& f) {
            ++report.judged[p.name];
            if (report.failed[p.name]++ == 0) report.first_failure[p.name] = {f.message, c};
          } catch (const std::exception& e) {
            ++report.judged[p.name];
            if (report.failed[p.name]++ == 0) {
              report.first_failure[p.name] = {std::string("an exception escaped: ") + e.what(), c};
            }
          }
        }
      },
      &report.worlds);
  return report;
}

}  // namespace cryptarchia::props
