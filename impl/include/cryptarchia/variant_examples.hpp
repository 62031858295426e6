// Sync scenarios on which a follower variant (variants.hpp) changes the
// outcome: the trees of impl/tests/variants_test.cpp as vectors, each with
// the outcome of the plain profiles and of the variants that change it
// (Scenario::expected_with_variants). vectors/corpus/variants holds them.
#pragma once

#include <vector>

#include "cryptarchia/scenario.hpp"

namespace cryptarchia {

std::vector<Scenario> variant_examples();

}  // namespace cryptarchia
