// The reference profile must satisfy every property of the suite, and agree
// with the spec profile wherever the spec profile's run is right.
#include <gtest/gtest.h>

#include "cryptarchia/properties/sync_conformance.hpp"

namespace cryptarchia::props {

using ReferenceOnly = ::testing::Types<ProfileImplementation<Profile::Reference>>;
INSTANTIATE_TYPED_TEST_SUITE_P(Reference, SyncConformance, ReferenceOnly);
INSTANTIATE_TYPED_TEST_SUITE_P(Reference, SyncConformanceWhilePeersChange, ReferenceOnly);

// The reference with the real node's follower (every variant of
// docs/VARIANTS.md): the same suite, judged by the oracle under those rules
// because the type says it follows them.
struct ReferenceWithEngineFollower {
  static NodeFactory factory() { return profile_node(RunAs(Profile::Reference, follows())); }
  static Variants follows() { return Variants::engine(); }
};
using EngineFollower = ::testing::Types<ReferenceWithEngineFollower>;
INSTANTIATE_TYPED_TEST_SUITE_P(EngineFollower, SyncConformance, EngineFollower);
INSTANTIATE_TYPED_TEST_SUITE_P(EngineFollower, SyncConformanceWhilePeersChange, EngineFollower);
// The large tier runs in cryptarchia_large_property_tests (label property-large).
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(SyncConformanceAtScale);

TEST(ReferenceVsSpec, ReferenceAgreesWithSpecWhereSpecIsRight) {
  report_in_gtest(run_cases("ReferenceAgreesWithSpecWhereSpecIsRight", CaseShape{},
                            &reference_agrees_with_spec, options_from_rc_params()),
                  "The reference profile ends like the spec profile wherever the spec's run is "
                  "right.");
}

}  // namespace cryptarchia::props
