// Judging one case: the outcome an implementation reached against the
// expectation of the profile it is judged as. Works from the SyncResult
// alone (an adapter has no Follower to inspect).
#pragma once

#include <string>
#include <vector>

#include "cryptarchia/harness/implementation.hpp"
#include "cryptarchia/scenario.hpp"

namespace cryptarchia::harness {

// The differences between `result` and `expected` (check_expectation), but
// leaving out the abort reasons an adapter did not report; empty when the
// expectation held.
std::vector<std::string> judge(const Expectation& expected, const SyncResult& result);

}  // namespace cryptarchia::harness
