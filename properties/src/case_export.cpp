#include "cryptarchia/properties/case_export.hpp"

#include <cstdlib>
#include <functional>

#include "cryptarchia/properties/drawing.hpp"
#include "cryptarchia/vectors/vector_io.hpp"

namespace cryptarchia::props {

Expectation expectation_of(const SyncResult& r) {
  Expectation e;
  e.end = r.end;
  if (r.abort) {
    e.abort_kind = r.abort->kind;
    e.block_status = r.abort->block_status;
    e.failing_block = r.abort->block;
  }
  e.tip = r.tip;
  e.forks = r.forks;
  e.tree = r.tree;
  return e;
}

Scenario case_vector(const SyncCase& c, const std::string& id, const std::string& description,
                     std::vector<std::string> tags, std::initializer_list<Profile> record) {
  Scenario s = c.scenario;
  s.id = id;
  s.description = description;
  s.tags = std::move(tags);
  for (const Profile p : record) s.expected[p] = expectation_of(run_scenario(s, p).result);
  return s;
}

std::filesystem::path failure_dir() {
  const char* dir = std::getenv("CSC_FAILURE_DIR");
  return std::filesystem::absolute(dir && *dir ? dir : "cryptarchia-failures");
}

std::filesystem::path save_failure(const std::filesystem::path& dir, const std::string& property,
                                   const SyncCase& c, const std::string& why) {
  const std::string text = draw(c);
  const std::string id =
      "failure-" + property + "-" + std::to_string(std::hash<std::string>{}(text) % 1000000007u);
  std::vector<std::string> tags = c.tags();
  tags.push_back("property:" + property);
  const Scenario s =
      case_vector(c, id, "Counterexample to " + property + ": " + why + "\n" + text, tags,
                  {Profile::Reference});
  std::filesystem::create_directories(dir);
  const std::filesystem::path file = std::filesystem::absolute(dir) / (id + ".json");
  vectors::save_vector(s, file);
  return file;
}

}  // namespace cryptarchia::props
