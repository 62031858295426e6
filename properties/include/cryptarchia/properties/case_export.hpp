// Generated cases as vector files: a failing property's shrunk
// counterexample, and the minimal vector of each erratum.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <string>
#include <vector>

#include "cryptarchia/properties/world.hpp"

namespace cryptarchia::props {

// What a run ended with, as an expectation (end, abort, tip, forks, tree).
Expectation expectation_of(const SyncResult& result);

// The case's scenario with the given identity, and, for each profile in
// `record`, the outcome this library's profile reaches recorded as expected.
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
