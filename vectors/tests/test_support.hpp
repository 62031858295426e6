// Shared helpers for the vector tests: the spec examples as vectors, and
// assertions that a document is rejected at an exact JSON path.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cryptarchia/spec_examples.hpp"
#include "cryptarchia/vectors/vector_io.hpp"

namespace cryptarchia::vectors::testing {

inline const std::vector<Scenario>& examples() {
  static const std::vector<Scenario> all = spec_examples();
  return all;
}

// The vector of spec example `index` (0-based: 0 is spec-01).
inline nlohmann::json example_json(std::size_t index) { return to_json(examples().at(index)); }

// A fresh directory for the running test (tests may run in parallel processes).
inline std::filesystem::path test_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const auto dir = std::filesystem::path(CSC_VECTORS_TEST_TMP) /
                   (std::string(info->test_suite_name()) + "." + info->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::filesystem::path write_file(const std::filesystem::path& path,
                                        const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

inline ::testing::AssertionResult error_matches(const VectorError& e, const std::string& file,
                                                const std::string& path,
                                                const std::string& reason_part) {
  const std::string what =
      path.empty() ? file + ": " + e.reason() : file + ": " + path + ": " + e.reason();
  if (e.file() == file && e.json_path() == path &&
      e.reason().find(reason_part) != std::string::npos && what == e.what()) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure()
         << "expected an error at \"" << path << "\" in " << file << " with \"" << reason_part
         << "\"; got: file \"" << e.file() << "\", path \"" << e.json_path()
         << "\", what(): " << std::string(e.what()).substr(0, 300);
}

// from_json(vector) must throw a VectorError at `path` whose reason holds `reason_part`.
inline ::testing::AssertionResult rejected_at(const nlohmann::json& vector, const std::string& path,
                                              const std::string& reason_part) {
  try {
    (void)from_json(vector, "test.json");
  } catch (const VectorError& e) {
    return error_matches(e, "test.json", path, reason_part);
  }
  return ::testing::AssertionFailure() << "accepted; expected an error at \"" << path << "\"";
}

// load_vector of a file holding `text` must throw a VectorError at `path`.
inline ::testing::AssertionResult load_rejected_at(const std::string& text, const std::string& path,
                                                   const std::string& reason_part) {
  const auto file = write_file(test_dir() / "vector.json", text);
  try {
    (void)load_vector(file);
  } catch (const VectorError& e) {
    return error_matches(e, file.string(), path, reason_part);
  }
  return ::testing::AssertionFailure() << "accepted; expected an error at \"" << path << "\"";
}

}  // namespace cryptarchia::vectors::testing
