// Checked access to a parsed JSON document: every accessor either returns a
// value of the expected type and range or throws VectorError naming the
// file and the JSON Pointer of the offending value.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cryptarchia/bytes.hpp"

namespace cryptarchia::vectors {

// "~" and "/" escaped as RFC 6901 requires.
std::string pointer_token(std::string_view key);

class Node {
 public:
  Node(const nlohmann::json& value, std::string path, const std::string& file)
      : value_(&value), path_(std::move(path)), file_(&file) {}

  [[noreturn]] void fail(const std::string& reason) const;

  [[nodiscard]] const nlohmann::json& json() const { return *value_; }
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] const std::string& file() const { return *file_; }
  [[nodiscard]] bool is_null() const { return value_->is_null(); }
  [[nodiscard]] bool is_string() const { return value_->is_string(); }

  [[nodiscard]] std::uint64_t u64() const;
  [[nodiscard]] std::uint32_t u32() const;
  // A string of min_length..max_length bytes.
  [[nodiscard]] std::string string(std::size_t max_length, std::size_t min_length = 0) const;
  // Exactly 64 lowercase hex digits.
  [[nodiscard]] Hash32 hex() const;

  // The elements of an array of at most max_size elements.
  [[nodiscard]] std::vector<Node> elements(std::size_t max_size) const;
  [[nodiscard]] Node child(std::string_view key) const;

 private:
  void expect_type(nlohmann::json::value_t type, std::string_view what) const;

  const nlohmann::json* value_;
  std::string path_;
  const std::string* file_;
};

// A JSON object with a fixed set of allowed fields: any other field is an
// error as soon as the object is opened.
class Object {
 public:
  Object(const Node& node, std::initializer_list<std::string_view> allowed);

  [[nodiscard]] Node required(std::string_view key) const;
  [[nodiscard]] std::optional<Node> optional(std::string_view key) const;
  [[nodiscard]] const Node& node() const { return node_; }

 private:
  Node node_;
};

}  // namespace cryptarchia::vectors
