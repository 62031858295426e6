#include "expected_failures.hpp"

#include <fstream>
#include <sstream>

#include "vector_selection.hpp"

namespace cryptarchia::harness {

namespace {

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return "";
  const auto last = s.find_last_not_of(" \t\r");
  return std::string(s.substr(first, last - first + 1));
}

}  // namespace

ExpectedFailures parse_expected_failures(std::string_view text, const std::string& source_name) {
  ExpectedFailures out;
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find('\n', start), text.size());
    ++line_number;
    const std::string line = trim(text.substr(start, end - start));
    start = end + 1;
    if (line.empty() || line.front() == '#') continue;
    const std::string where = source_name + ":" + std::to_string(line_number) + ": ";
    const auto space = line.find_first_of(" \t");
    const std::string reason = space == std::string::npos ? "" : trim(line.substr(space));
    if (reason.empty()) {
      throw UsageError(where + "\"" + line + "\" has no reason; write \"<vector-id> <reason...>\"");
    }
    const std::string id = line.substr(0, space);
    if (!out.emplace(id, reason).second) throw UsageError(where + id + " is listed twice");
  }
  return out;
}

ExpectedFailures load_expected_failures(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw UsageError(file.string() + ": cannot read the expected-failures file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_expected_failures(text.str(), file.string());
}

std::vector<StaleEntry> stale_entries(const ExpectedFailures& expected,
                                      const std::set<std::string>& present, std::string_view what) {
  std::vector<StaleEntry> out;
  for (const auto& [id, reason] : expected) {
    if (present.count(id)) continue;
    out.push_back({id, "stale expected failure: " + id + " (" + reason + ") names no " +
                           std::string(what)});
  }
  return out;
}

}  // namespace cryptarchia::harness
