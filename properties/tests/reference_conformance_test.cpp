// The reference profile must satisfy every property of the suite, and agree
// with the spec profile wherever the spec profile's run is right.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "cryptarchia/properties/sync_conformance.hpp"

namespace cryptarchia::props {

using ReferenceOnly = ::testing::Types<ProfileImplementation<Profile::Reference>>;
INSTANTIATE_TYPED_TEST_SUITE_P(Reference, SyncConformance, ReferenceOnly);

RC_GTEST_PROP(ReferenceVsSpec, ReferenceAgreesWithSpecWhereSpecIsRight, ()) {
  reference_agrees_with_spec(*gen_case());
}

}  // namespace cryptarchia::props
