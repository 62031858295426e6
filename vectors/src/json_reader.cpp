#include "json_reader.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "cryptarchia/vectors/vector_io.hpp"

namespace cryptarchia::vectors {

std::string pointer_token(std::string_view key) {
  std::string out;
  for (const char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

namespace {
std::string type_name(const nlohmann::json& v) {
  if (v.is_number_float()) return "a non-integer number";
  if (v.is_number_integer()) return "an integer";
  switch (v.type()) {
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::boolean: return "a boolean";
    case nlohmann::json::value_t::null: return "null";
    default: return "something else";
  }
}

// Enough of a string to recognise it in an error message.
std::string excerpt(const std::string& s) { return s.size() <= 80 ? s : s.substr(0, 77) + "..."; }
}  // namespace

void Node::fail(const std::string& reason) const { throw VectorError(*file_, path_, reason); }

void Node::expect_type(nlohmann::json::value_t type, std::string_view what) const {
  if (value_->type() != type) fail("expected " + std::string(what) + ", got " + type_name(*value_));
}

std::uint64_t Node::u64() const {
  const nlohmann::json& v = *value_;
  if (v.is_number_unsigned()) return v.get<std::uint64_t>();
  if (v.is_number_integer()) {
    // Parsed documents hold non-negative integers as unsigned; values built in C++ may not.
    const std::int64_t x = v.get<std::int64_t>();
    if (x >= 0) return static_cast<std::uint64_t>(x);
    fail("expected a non-negative integer, got " + std::to_string(x));
  }
  if (v.is_number_float()) {
    const double d = v.get<double>();
    // nlohmann reads integers past 2^64 - 1 as floating point.
    if (std::isfinite(d) && d == std::floor(d) && d >= 18446744073709551616.0) {
      fail("integer out of range: at most 18446744073709551615 (u64)");
    }
    fail("expected a non-negative integer, got the non-integer number " + v.dump());
  }
  fail("expected a non-negative integer, got " + type_name(v));
}

std::uint32_t Node::u32() const {
  const std::uint64_t x = u64();
  if (x > std::numeric_limits<std::uint32_t>::max()) {
    fail("integer out of range: " + std::to_string(x) + " > 4294967295 (u32)");
  }
  return static_cast<std::uint32_t>(x);
}

std::string Node::string(std::size_t max_length, std::size_t min_length) const {
  expect_type(nlohmann::json::value_t::string, "a string");
  const auto& s = value_->get_ref<const std::string&>();
  if (s.size() > max_length) {
    fail("string too long: " + std::to_string(s.size()) + " bytes, at most " +
         std::to_string(max_length));
  }
  if (s.size() < min_length) {
    fail(min_length == 1 ? "must not be empty"
                         : "string too short: at least " + std::to_string(min_length) + " bytes");
  }
  return s;
}

Hash32 Node::hex() const {
  expect_type(nlohmann::json::value_t::string, "a hex string");
  const auto& s = value_->get_ref<const std::string&>();
  const auto bad = std::find_if(s.begin(), s.end(), [](char c) {
    return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  });
  if (s.size() != 64 || bad != s.end()) {
    std::string why = "bad hex \"" + excerpt(s) + "\": expected 64 lowercase hex digits";
    if (s.size() != 64) {
      why += ", got " + std::to_string(s.size()) + " characters";
    } else {
      why += ", got '" + std::string(1, *bad) + "' at position " + std::to_string(bad - s.begin());
    }
    fail(why);
  }
  return Hash32::from_hex(s);
}

std::vector<Node> Node::elements(std::size_t max_size) const {
  expect_type(nlohmann::json::value_t::array, "an array");
  if (value_->size() > max_size) {
    fail("too many elements: " + std::to_string(value_->size()) + ", at most " +
         std::to_string(max_size));
  }
  std::vector<Node> out;
  out.reserve(value_->size());
  for (std::size_t i = 0; i < value_->size(); ++i) {
    out.emplace_back((*value_)[i], path_ + "/" + std::to_string(i), *file_);
  }
  return out;
}

Node Node::child(std::string_view key) const {
  return Node(value_->at(std::string(key)), path_ + "/" + pointer_token(key), *file_);
}

Object::Object(const Node& node, std::initializer_list<std::string_view> allowed) : node_(node) {
  if (!node.json().is_object()) {
    node.fail("expected an object, got " + type_name(node.json()));
  }
  for (const auto& [key, value] : node.json().items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      Node(value, node.path() + "/" + pointer_token(key), node.file())
          .fail("unknown field \"" + excerpt(key) + "\"");
    }
  }
}

Node Object::required(std::string_view key) const {
  if (!node_.json().contains(key)) {
    Node(node_.json(), node_.path() + "/" + pointer_token(key), node_.file())
        .fail("missing required field \"" + std::string(key) + "\"");
  }
  return node_.child(key);
}

std::optional<Node> Object::optional(std::string_view key) const {
  if (!node_.json().contains(key)) return std::nullopt;
  return node_.child(key);
}

}  // namespace cryptarchia::vectors
