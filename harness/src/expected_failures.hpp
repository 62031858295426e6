// The expected-failures file: vectors known to fail, each with the reason.
//   # comment
//   <vector-id> <reason...>
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace cryptarchia::harness {

// vector id -> reason
using ExpectedFailures = std::map<std::string, std::string>;

// Throws UsageError naming the file and line for an entry without a reason,
// an id listed twice, or a file that cannot be read.
ExpectedFailures parse_expected_failures(std::string_view text, const std::string& source_name);
ExpectedFailures load_expected_failures(const std::filesystem::path& file);

// An entry that names nothing the run had (`present`): the list is out of
// date. `message` is "stale expected failure: <id> (<reason>) names no <what>".
struct StaleEntry {
  std::string id;
  std::string message;
};
std::vector<StaleEntry> stale_entries(const ExpectedFailures& expected,
                                      const std::set<std::string>& present, std::string_view what);

}  // namespace cryptarchia::harness
