// The bounded-exhaustive sweep: the reference holds every property on every
// world of the CI bound, the spec profile does not, and the enumeration is
// exactly what exhaustive.hpp says.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <set>

#include "cryptarchia/properties/exhaustive.hpp"

namespace cryptarchia::props {
namespace {

SweepReport timed_sweep(const char* what, const SweepBounds& bounds, Profile profile) {
  const auto start = std::chrono::steady_clock::now();
  SweepReport r = sweep(bounds, sync_properties(), profile_node(profile));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("sweep (%s): %llu worlds, %llu cases, %.1f s\n", what,
              static_cast<unsigned long long>(r.worlds), static_cast<unsigned long long>(r.cases),
              seconds);
  for (const PropertyDef& p : sync_properties()) {
    std::printf("  %-50s judged %7llu  discarded %7llu  failed %6llu\n", p.name.c_str(),
                static_cast<unsigned long long>(r.judged[p.name]),
                static_cast<unsigned long long>(r.discarded[p.name]),
                static_cast<unsigned long long>(r.failed[p.name]));
  }
  return r;
}

TEST(ExhaustiveSweep, ReferenceHoldsEveryPropertyOnEveryWorldUpToFourBlocks) {
  SweepReport r = timed_sweep("reference, CI bound", SweepBounds{}, Profile::Reference);
  EXPECT_GT(r.worlds, 3000u);
  for (const PropertyDef& p : sync_properties()) {
    EXPECT_GT(r.judged[p.name], 0u) << p.name << " judged no case of the sweep: untested";
    EXPECT_EQ(r.failed[p.name], 0u)
        << p.name << " fails; first: " << r.first_failure[p.name].message;
  }
}

// The sweep can fail: the spec profile's errata that need neither faults
// nor checkpoints show up in worlds of at most three blocks.
TEST(ExhaustiveSweep, FindsTheSpecProfilesErrata) {
  SweepBounds three;
  three.max_blocks = 3;
  SweepReport r = timed_sweep("spec, three blocks", three, Profile::Spec);
  std::set<std::string> failing;
  for (const auto& [name, n] : r.failed) {
    if (n > 0) failing.insert(name);
  }
  EXPECT_TRUE(failing.count("TipEndsAtHeaviestHonestChain")) << failing.size();
  EXPECT_TRUE(failing.count("PeerOrderDoesNotMatter")) << failing.size();
}

TEST(ExhaustiveSweep, EnumeratesEveryTreeSlotPatternPeerSetupAndStart) {
  // Trees of 1..3 blocks: 1 + 2 + 6 = 9 parent vectors; two gaps give
  // 2 + 8 + 48 = 58 worlds per (k, s, mode).
  SweepBounds b;
  b.max_blocks = 3;
  b.gaps = {1};
  b.ks = {1};
  b.ss = {2};
  b.modes = {Mode::Bootstrapping};
  std::uint64_t worlds = 0, cases = 0;
  std::set<std::vector<std::size_t>> parent_shapes;
  for_each_sweep_case(b, [&](const SyncCase& c) {
    ++cases;
    std::vector<std::size_t> shape;
    for (const WorldBlock& blk : c.world.blocks) shape.push_back(blk.parent ? *blk.parent + 1 : 0);
    parent_shapes.insert(shape);
    // Every peer holds (or withholds) something.
    for (const PeerSetup& p : c.peers) EXPECT_FALSE(p.holds.empty() && p.withheld.empty());
  }, &worlds);
  EXPECT_EQ(worlds, 9u);
  EXPECT_EQ(parent_shapes.size(), 9u);
  b.gaps = {1, 2};
  worlds = 0;
  for_each_sweep_case(b, [](const SyncCase&) {}, &worlds);
  EXPECT_EQ(worlds, 58u);
  EXPECT_GT(cases, worlds);
}

}  // namespace
}  // namespace cryptarchia::props
