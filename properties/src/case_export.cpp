#include "cryptarchia/properties/case_export.hpp"

#include <cstdlib>
#include <functional>
#include <stdexcept>

#include "cryptarchia/properties/drawing.hpp"
#include "cryptarchia/vectors/vector_io.hpp"

namespace cryptarchia::props {

Scenario case_vector(const SyncCase& c, const std::string& id, const std::string& description,
                     std::vector<std::string> tags, std::initializer_list<Profile> record) {
  Scenario s = c.scenario;
  s.id = id;
  s.description = description;
  s.tags = std::move(tags);
  bool unexplored = false;
  for (const Profile p : record) {
    try {
      s.expected[p] = expectation_in_every_order(s, p);
    } catch (const std::runtime_error&) {
      s.expected[p] = expectation_of(run_scenario(s, p).result);
      unexplored = true;
    }
  }
  if (unexplored) s.tags.push_back("orphan-orders-unexplored");
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
