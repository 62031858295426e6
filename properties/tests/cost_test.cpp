// Wasted work, measured: every profile of this library fetches blocks by id
// that it was given already, and fetches blocks twice from one peer
// (docs/ERRATA.md, "Wasted work"). A node that only streams holds both
// properties, so they can hold; if a profile stops wasting work, the
// expectation here must change with docs/ERRATA.md.
#include <gtest/gtest.h>

#include <cstdio>

#include "cryptarchia/properties/cost_properties.hpp"
#include "cryptarchia/properties/errata_matrix.hpp"
#include "cryptarchia/properties/property_engine.hpp"

namespace cryptarchia::props {
namespace {

EngineOptions options(int cases) {
  EngineOptions o;
  o.cases = cases;
  o.seed = kMatrixSeed;
  return o;
}

// A node that streams every peer once from genesis and never asks for a
// block by id: not a correct sync, but one that wastes no fetch.
class StreamOnlyNode : public NodeUnderTest {
 public:
  explicit StreamOnlyNode(const Scenario& s) : local_(s.make_local()) {}
  SyncResult sync(std::span<Peer* const> peers, const Budget& /*budget*/,
                  const std::optional<Checkpoint>& /*checkpoint*/) override {
    for (Peer* p : peers) {
      try {
        auto stream = p->blocks_from(0);
        while (auto b = stream->next()) local_.try_on_block(*b);
      } catch (const PeerFailure&) {
      }
    }
    SyncResult r;
    r.tip = local_.tip().id();
    return r;
  }

 private:
  Follower local_;
};

TEST(CostProperties, EveryProfileFetchesBlocksItWasGivenAlready) {
  for (const auto& [name, profile] :
       {std::pair{"seed", Profile::Seed}, {"spec", Profile::Spec}, {"reference", Profile::Reference}}) {
    for (const PropertyDef& p : cost_properties()) {
      const PropertyVerdict v = run_property(p, profile_node(profile), options(300));
      std::printf("%-9s %s\n", name, v.summary().c_str());
      EXPECT_EQ(v.outcome, Outcome::Fails) << name << " " << p.name << ": " << v.summary();
      if (v.counterexample) {
        std::printf("          shrunk to %zu block(s), %zu peer(s): %s\n",
                    v.counterexample->world.blocks.size(), v.counterexample->peers.size(),
                    v.message.substr(0, v.message.find('\n')).c_str());
      }
    }
  }
}

TEST(CostProperties, AStreamOnlyNodeWastesNoFetch) {
  const NodeFactory stream_only = [](const Scenario& s) { return std::make_unique<StreamOnlyNode>(s); };
  for (const PropertyDef& p : cost_properties()) {
    const PropertyVerdict v = run_property(p, stream_only, options(100));
    EXPECT_EQ(v.outcome, Outcome::Holds) << v.summary() << "\n" << v.message;
  }
}

// The cost on one simple world, by hand: a fork whose stream arrives with
// its parent missing is backfilled by asking for blocks the node holds.
TEST(CostProperties, RecordedRunCountsWhatThePeersSaw) {
  rc::Random random(3);
  const rc::Gen<SyncCase> gen = gen_case(CaseShape{.faults = false});
  std::uint64_t fetches = 0, streamed = 0;
  for (int i = 0; i < 50; ++i) {
    const SyncCase c = gen(random.split(), 100).value();
    const RecordedRun r = run_recorded(profile_node(Profile::Reference), c.scenario);
    const SyncCost cost = cost_of(r);
    // The recording and the sync's own counts agree.
    EXPECT_EQ(cost.fetches, r.run.result.requests.block_by_id);
    EXPECT_EQ(cost.streamed, r.run.result.requests.streamed_blocks);
    EXPECT_LE(cost.repeated_from_peer, cost.fetches);
    EXPECT_LE(cost.delivered_again, cost.fetches);
    fetches += cost.fetches;
    streamed += cost.streamed;
  }
  EXPECT_GT(fetches, 0u);
  EXPECT_GT(streamed, 0u);
}

}  // namespace
}  // namespace cryptarchia::props
