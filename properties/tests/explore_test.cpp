#include "cryptarchia/properties/sync_conformance.hpp"

namespace cryptarchia::props {
using AllProfiles = ::testing::Types<ProfileImplementation<Profile::Seed>,
                                     ProfileImplementation<Profile::Spec>,
                                     ProfileImplementation<Profile::Reference>>;
INSTANTIATE_TYPED_TEST_SUITE_P(Explore, SyncConformance, AllProfiles);
}  // namespace cryptarchia::props
