// The spec's own sync examples (spec note, section 8) as scenarios, with the
// outcome each profile must reach. Used by the unit tests, the examples
// runner and the vector corpus (vectors/corpus/spec).
#pragma once

#include <vector>

#include "cryptarchia/scenario.hpp"

namespace cryptarchia {

std::vector<Scenario> spec_examples();

}  // namespace cryptarchia
