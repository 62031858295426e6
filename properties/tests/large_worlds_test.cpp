// The reference profile on the large tier of worlds: every property of the
// suite, on chains of 1,000+ blocks with k up to 50 (label property-large).
#include <gtest/gtest.h>

#include "cryptarchia/properties/sync_conformance.hpp"

namespace cryptarchia::props {

using ReferenceOnly = ::testing::Types<ProfileImplementation<Profile::Reference>>;
INSTANTIATE_TYPED_TEST_SUITE_P(ReferenceAtScale, SyncConformanceAtScale, ReferenceOnly);
// The small tier runs in cryptarchia_property_tests.
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(SyncConformance);

}  // namespace cryptarchia::props
