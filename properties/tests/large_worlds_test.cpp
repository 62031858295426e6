// The reference profile on the large tier of worlds: every property of the
// suite, on chains of 1,000+ blocks with k up to 50 (label property-large).
#include <gtest/gtest.h>

#include "cryptarchia/properties/sync_conformance.hpp"

namespace cryptarchia::props {

using ReferenceOnly = ::testing::Types<ProfileImplementation<Profile::Reference>>;
INSTANTIATE_TYPED_TEST_SUITE_P(ReferenceAtScale, SyncConformanceAtScale, ReferenceOnly);
// The small tier runs in cryptarchia_property_tests.
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(SyncConformance);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(SyncConformanceWhilePeersChange);

}  // namespace cryptarchia::props

#include <cstdio>

#include "cryptarchia/properties/property_engine.hpp"

namespace cryptarchia::props {
namespace {

// Long-range attacks with structure (Tier::LongRange): the honest chain wins
// by construction, so P1 is strict (the oracle decisive) on at least 80 % of
// the judged cases, and the reference ends at the honest tip there.
TEST(LongRangeAttacks, TheHonestChainWinsAndP1IsStrict) {
  PropertyDef p = property("TipEndsAtHeaviestHonestChain");
  p.shape.tier = Tier::LongRange;
  EngineOptions o = options_from_rc_params();
  o.cases = std::max(5, o.cases / 2);
  const PropertyVerdict v = run_property(p, profile_node(Profile::Reference), o);
  report_in_gtest(v, p.claim);
  const double strict = v.judged ? static_cast<double>(v.tags.count("decisive") ? v.tags.at("decisive") : 0) / v.judged : 0;
  std::printf("P1 strict (oracle decisive) in %.1f%% of %d judged long-range cases\n", 100 * strict,
              v.judged);
  EXPECT_GE(strict, 0.80);
}

}  // namespace
}  // namespace cryptarchia::props
