// The generators reach every class of world, view, fault and start often
// enough, and keep the invariants they promise.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "cryptarchia/properties/generators.hpp"
#include "cryptarchia/properties/oracle.hpp"

namespace cryptarchia::props {
namespace {

constexpr int kSamples = 1000;
constexpr std::uint64_t kSeed = 7;

std::vector<SyncCase> samples() {
  rc::Random random(kSeed);
  const rc::Gen<SyncCase> gen = gen_case();
  std::vector<SyncCase> out;
  for (int i = 0; i < kSamples; ++i) out.push_back(gen(random.split(), 100).value());
  return out;
}

const std::vector<SyncCase>& cases() {
  static const std::vector<SyncCase> all = samples();
  return all;
}

// Every class the issue asks the generators to reach, with the share of
// cases (in percent) below which coverage counts as missing.
const std::map<std::string, double> kMinimumShare = {
    {"fork:short", 5},          {"fork:deep", 5},          {"fork:ties-trunk", 3},
    {"fork:denser", 3},         {"fork:sparser", 3},       {"fork:of-fork", 3},
    {"slots:shared", 5},        {"slots:gaps", 5},         {"invalid:unstaked-note", 3},
    {"invalid:proof-slot-mismatch", 3}, {"invalid:proof-parent-mismatch", 3},
    {"invalid:descendant", 3},  {"mode:online", 20},       {"mode:bootstrapping", 20},
    {"start:genesis", 5},       {"start:trunk-prefix", 5}, {"start:partial-fork", 5},
    {"start:checkpoint-trunk", 5}, {"start:checkpoint-fork", 5},
    {"start:checkpoint-invalid-ancestry", 3},
    {"view:whole", 10},         {"view:honest", 10},       {"view:prefix", 10},
    {"view:branch", 10},        {"view:subtree", 10},
    {"fault:fail_call", 5},     {"fault:fail_mid_stream", 3}, {"fault:reorder_stream", 3},
    {"fault:duplicate_blocks", 3}, {"fault:wrong_header", 3}, {"fault:withhold", 3},
    {"fault:fake-tip", 3},      {"peers:1", 3},            {"peers:2-3", 10},
    {"peers:4+", 10},           {"k:1", 10},               {"k:2", 10},  {"k:3", 10},
    {"oracle:decisive", 10},    {"oracle:tie", 5},         {"oracle:single-chain", 5},
};

TEST(Generators, ReachEveryClassOftenEnough) {
  std::map<std::string, int> seen;
  for (const SyncCase& c : cases()) {
    std::set<std::string> tags;
    for (const std::string& t : c.tags()) tags.insert(t);
    tags.insert("oracle:" + judge(c.world, obtainable_from_well_behaved(c)).kind);
    for (const std::string& t : tags) ++seen[t];
  }
  std::printf("coverage over %d generated cases (seed %llu):\n", kSamples,
              static_cast<unsigned long long>(kSeed));
  for (const auto& [tag, n] : seen) std::printf("  %6.1f%%  %s\n", 100.0 * n / kSamples, tag.c_str());
  for (const auto& [tag, minimum] : kMinimumShare) {
    const double share = 100.0 * seen[tag] / kSamples;
    EXPECT_GE(share, minimum) << tag << " is reached in only " << share << "% of cases";
  }
}

TEST(Generators, WorldsAreParentClosedWithUniqueRecomputableIds) {
  for (const SyncCase& c : cases()) {
    const World& w = c.world;
    std::set<Id> ids{w.genesis_id};
    for (std::size_t i = 0; i < w.blocks.size(); ++i) {
      const WorldBlock& b = w.blocks[i];
      ASSERT_EQ(b.header.id(), b.id);
      ASSERT_TRUE(ids.insert(b.id).second) << "duplicate id " << b.label;
      const Id parent = b.parent ? w.blocks[*b.parent].id : w.genesis_id;
      ASSERT_EQ(b.header.parent, parent) << b.label;
      if (b.parent) {
        ASSERT_LT(*b.parent, i) << "parents come first";
      }
      const bool parent_honest = !b.parent || w.blocks[*b.parent].honest;
      ASSERT_EQ(b.honest, b.flaw == Flaw::None && parent_honest) << b.label;
    }
  }
}

TEST(Generators, ViewsHoldWholeChainsAboveTheirRoot) {
  for (const SyncCase& c : cases()) {
    for (const PeerSetup& p : c.peers) {
      std::set<std::size_t> held(p.holds.begin(), p.holds.end());
      held.insert(p.withheld.begin(), p.withheld.end());
      std::size_t roots = 0;
      for (const std::size_t i : held) {
        const auto parent = c.world.blocks[i].parent;
        if (parent && !held.count(*parent)) ++roots;
      }
      // Parent-closed down to genesis, except a subtree view (one root).
      if (p.view.rfind("subtree", 0) == 0) {
        EXPECT_LE(roots, 1u);
      } else {
        EXPECT_EQ(roots, 0u) << p.view;
      }
    }
  }
}

TEST(Generators, FaultyPeersServeNothingWellBehavedPeersDoNot) {
  // The oracle counts only blocks of well-behaved peers as obtainable; that is
  // sound because a faulty peer copies (part of) a well-behaved peer's view.
  for (const SyncCase& c : cases()) {
    std::set<std::size_t> good;
    bool any_good = false;
    for (const PeerSetup& p : c.peers) {
      if (!p.well_behaved()) continue;
      any_good = true;
      good.insert(p.holds.begin(), p.holds.end());
    }
    ASSERT_TRUE(any_good);
    for (const PeerSetup& p : c.peers) {
      for (const std::size_t i : p.holds) EXPECT_TRUE(good.count(i)) << p.view;
    }
  }
}

TEST(Generators, ScenarioMatchesTheCase) {
  for (const SyncCase& c : cases()) {
    ASSERT_EQ(c.scenario.peers.size(), c.peers.size());
    for (std::size_t n = 0; n < c.peers.size(); ++n) {
      EXPECT_EQ(c.scenario.peers[n].faults, c.peers[n].faults);
      // The view serves exactly what the peer holds, plus genesis.
      EXPECT_EQ(c.scenario.peers[n].view->size(), c.peers[n].holds.size() + 1);
    }
    EXPECT_EQ(c.scenario.local_blocks.size(), c.local.blocks.size());
    EXPECT_EQ(c.scenario.checkpoint.has_value(), c.local.checkpoint.has_value());
  }
}

}  // namespace
}  // namespace cryptarchia::props
