// The oracle compares chains by binary lifting so that it keeps up with
// large worlds; here it must agree with the rule computed by walking both
// chains to genesis, on worlds of both tiers.
#include <gtest/gtest.h>

#include "cryptarchia/properties/generators.hpp"
#include "cryptarchia/properties/oracle.hpp"

namespace cryptarchia::props {
namespace {

void expect_same_rule(Tier tier, int samples) {
  rc::Random random(11);
  const rc::Gen<SyncCase> gen = gen_case(CaseShape{.tier = tier});
  int compared = 0, beaten = 0;
  for (int n = 0; n < samples; ++n) {
    const World w = gen(random.split(), 100).value().world;
    // Genesis, every leaf, and a spread of inner blocks.
    std::vector<std::optional<std::size_t>> tips{std::nullopt};
    std::vector<bool> has_child(w.blocks.size(), false);
    for (const WorldBlock& b : w.blocks) {
      if (b.parent) has_child[*b.parent] = true;
    }
    const std::size_t step = std::max<std::size_t>(1, w.blocks.size() / 12);
    for (std::size_t i = 0; i < w.blocks.size(); ++i) {
      if (!has_child[i] || i % step == 0) tips.push_back(i);
    }
    for (const auto& a : tips) {
      for (const auto& b : tips) {
        const bool fast = beats(w, a, b);
        ASSERT_EQ(fast, detail::beats_by_walking(w, a, b))
            << "world " << n << ": " << (a ? w.blocks[*a].label : "genesis") << " vs "
            << (b ? w.blocks[*b].label : "genesis");
        ++compared;
        beaten += fast;
      }
    }
  }
  // Both answers occur, or the comparison proves little.
  EXPECT_GT(beaten, compared / 20);
  EXPECT_LT(beaten, compared - compared / 20);
}

TEST(Oracle, BinaryLiftingAgreesWithWalkingOnSmallWorlds) { expect_same_rule(Tier::Small, 300); }
TEST(Oracle, BinaryLiftingAgreesWithWalkingOnLargeWorlds) { expect_same_rule(Tier::Large, 12); }

}  // namespace
}  // namespace cryptarchia::props
