// Generated cases as vector files: a failing property's shrunk
// counterexample, and the minimal vector of each erratum.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <string>
#include <vector>

#include "cryptarchia/properties/world.hpp"

namespace cryptarchia::props {

// The case's scenario with the given identity, and, for each profile in
// `record`, the outcomes this library's profile reaches recorded as
// expected: the default order's, with those other orders of same-slot
// orphans reach as alternatives (expectation_in_every_order). Where the
// orders are too many to try, only the default order's outcome is recorded
// and the vector is tagged "orphan-orders-unexplored".
Scenario case_vector(const SyncCase& c, const std::string& id, const std::string& description,
                     std::vector<std::string> tags, std::initializer_list<Profile> record);

// Where failing properties write their counterexamples: $CSC_FAILURE_DIR, or
// ./cryptarchia-failures.
std::filesystem::path failure_dir();

// Writes a failing case of `property` into `dir` as a vector (with the
// reference profile's outcome as expectation) and returns the file's path.
std::filesystem::path save_failure(const std::filesystem::path& dir, const std::string& property,
                                   const SyncCase& c, const std::string& why);

}  // namespace cryptarchia::props
