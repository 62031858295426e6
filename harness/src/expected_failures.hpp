// The expected-failures file: vectors known to fail, each with the reason.
//   # comment
//   <vector-id> <reason...>
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace cryptarchia::harness {

// vector id -> reason
using ExpectedFailures = std::map<std::string, std::string>;

// Throws UsageError naming the file and line for an entry without a reason,
// an id listed twice, or a file that cannot be read.
ExpectedFailures parse_expected_failures(std::string_view text, const std::string& source_name);
ExpectedFailures load_expected_failures(const std::filesystem::path& file);

}  // namespace cryptarchia::harness
