// The follower's header-level properties (follower_properties.hpp): the
// library's incremental fold against the oracle's fold from scratch.
#include <gtest/gtest.h>

#include "cryptarchia/properties/follower_properties.hpp"
#include "cryptarchia/properties/sync_conformance.hpp"

namespace cryptarchia::props {
namespace {

TEST(FollowerProperties, TheIncrementalFoldMatchesAFullFold) {
  for (const PropertyDef& p : follower_properties()) {
    check_in_gtest(p, profile_node(Profile::Reference));
  }
}

}  // namespace
}  // namespace cryptarchia::props
