// Sync scenarios for the real node's server faults (the ibd profile,
// ../shared/spec/IBD.md sections 1.3 and 1.6): a download answered with
// blocks off the path to the target, and a Bootstrapping server. Each holds
// the ibd outcome and the outcomes of the spec's profiles, which do not
// download. vectors/corpus/ibd holds them.
#pragma once

#include <vector>

#include "cryptarchia/scenario.hpp"

namespace cryptarchia {

std::vector<Scenario> ibd_examples();

}  // namespace cryptarchia
