#include "cryptarchia/properties/sync_conformance.hpp"

namespace cryptarchia::props {

void check_in_gtest(const PropertyDef& p, const NodeFactory& factory) {
  rc::detail::checkGTest([&] { check_one(p, factory); });
}

}  // namespace cryptarchia::props
