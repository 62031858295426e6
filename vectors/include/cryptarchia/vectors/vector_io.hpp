// The versioned JSON vector format for sync scenarios (vectors/README.md):
// reading with full validation, canonical writing, and finding vector files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "cryptarchia/scenario.hpp"

namespace cryptarchia::vectors {

inline constexpr std::string_view kFormatName = "cryptarchia-sync-vector";
// This reader and writer's version: it reads every 1.x with x <= kMinorVersion.
inline constexpr unsigned kMajorVersion = 1;
inline constexpr unsigned kMinorVersion = 5;

// Sizes past which a vector is refused as absurd rather than read.
struct Limits {
  static constexpr std::size_t kMaxBlocks = 100'000;      // /blocks
  static constexpr std::size_t kMaxIds = kMaxBlocks + 1;  // any id list: every block and the genesis
  static constexpr std::size_t kMaxPeers = 1'000;
  static constexpr std::size_t kMaxFaultsPerPeer = 1'000;
  static constexpr std::size_t kMaxStake = 100'000;
  static constexpr std::size_t kMaxTags = 64;
  static constexpr std::size_t kMaxAlternatives = 5040;  // an expectation's other outcomes
  static constexpr std::size_t kMaxNameLength = 128;        // id, tags, peer names
  static constexpr std::size_t kMaxTextLength = 64 * 1024;  // description, reproduce
  static constexpr std::size_t kMaxFileBytes = 256u << 20;  // load_vector
  static constexpr int kMaxNesting = 32;                    // load_vector
  static constexpr std::size_t kMaxJsonValues = 8u << 20;   // load_vector: bounds memory
  // /budget: at most the library's default Budget, so that a run ends in bounded time
  static constexpr std::uint64_t kMaxRequests = Budget{}.max_requests;
  static constexpr std::uint64_t kMaxSteps = Budget{}.max_steps;
};

// A vector that cannot be read (or a scenario that cannot be written).
// what() is "<file>: <json_path>: <reason>", or "<file>: <reason>" when the
// problem is the document as a whole (json_path() is then "").
class VectorError : public std::runtime_error {
 public:
  VectorError(std::string file, std::string json_path, std::string reason);

  [[nodiscard]] const std::string& file() const { return file_; }
  // A JSON Pointer (RFC 6901) to the offending value, e.g. "/peers/1/faults/0/kind";
  // for a missing field, where that field should be.
  [[nodiscard]] const std::string& json_path() const { return json_path_; }
  [[nodiscard]] const std::string& reason() const { return reason_; }

 private:
  std::string file_;
  std::string json_path_;
  std::string reason_;
};

// The vector of a scenario. Throws VectorError (file "<scenario id>") if the
// scenario cannot be represented (e.g. a peer without a view).
nlohmann::json to_json(const Scenario& scenario);
// Reads and checks a vector; `source_name` names it in errors.
Scenario from_json(const nlohmann::json& vector, const std::string& source_name);

// The canonical file text: 2-space indent, fixed key order, trailing newline.
// The text is checked to load back before it is returned.
std::string dump_vector(const Scenario& scenario);

// Reads a vector from its text, as load_vector does from a file.
Scenario parse_vector(std::string_view text, const std::string& source_name);
Scenario load_vector(const std::filesystem::path& file);
void save_vector(const Scenario& scenario, const std::filesystem::path& file);

// `file_or_dir` itself if it is a file; else every *.json below it, recursively, sorted.
std::vector<std::filesystem::path> find_vectors(const std::filesystem::path& file_or_dir);

}  // namespace cryptarchia::vectors
