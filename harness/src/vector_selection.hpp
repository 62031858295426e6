// Which vectors a `run` covers: every file found under the given paths,
// sorted; this shard's share of them; loaded; then filtered by id and tag.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "cryptarchia/scenario.hpp"

namespace cryptarchia::harness {

// A mistake in how the harness was invoked (exit status 2).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Shard {
  std::size_t index = 0;  // 0-based
  std::size_t count = 1;
};
// Parses "i/n" with 0 <= i < n; throws UsageError otherwise.
Shard parse_shard(const std::string& text);

// Every vector file under `paths`, sorted and without repeats (one file
// reached two ways is listed once). Throws
// UsageError for a path that does not exist, or when no file is found.
std::vector<std::filesystem::path> find_vector_files(const std::vector<std::string>& paths);

// The files of one shard: the k-th file of the sorted list goes to shard k mod n.
std::vector<std::filesystem::path> shard_files(const std::vector<std::filesystem::path>& files,
                                               const Shard& shard);

// A file of the run, loaded, or why it could not be.
struct LoadedVector {
  std::filesystem::path file;
  std::optional<Scenario> scenario;
  std::string load_error;  // "<file>: <json path>: <reason>" when scenario is empty
};
// A vector whose id is not its file's name (without .json) is a load error.
LoadedVector load(const std::filesystem::path& file);
// Every vector after the first with the same id becomes a load error naming
// the first one's file.
void refuse_repeated_ids(std::vector<LoadedVector>& loaded);

// Whether a loaded vector passes the --id and --tag filters (each empty
// list lets everything through; a vector passes with any one id or tag).
// A vector that did not load is kept: its error must not be hidden.
bool selected(const LoadedVector& vector, const std::vector<std::string>& ids,
              const std::vector<std::string>& tags);

// Throws UsageError naming the selector when an --id or a --tag matches no
// vector of `loaded`, or when together they select none (`chosen` is how
// many passed the filters). Nothing to check without --id and --tag.
void require_selection(const std::vector<LoadedVector>& loaded, std::size_t chosen,
                       const std::vector<std::string>& ids, const std::vector<std::string>& tags);

}  // namespace cryptarchia::harness
