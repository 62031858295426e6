// JSON encodings of the adapter protocol (PROTOCOL.md): HEADER and STATE in
// the shape they have in vector files, strict lowercase hex, and the checks
// that turn a malformed value into a ProtocolError naming what is wrong.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

#include "cryptarchia/block.hpp"
#include "cryptarchia/block_tree.hpp"

namespace cryptarchia::harness::protocol {

// 1.1 adds the `download` request, for adapters that declare "download".
inline constexpr std::string_view kVersion = "1.2";
inline constexpr std::string_view kMajor = "1";

// The other side broke the protocol; what() says how.
class ProtocolError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using Json = nlohmann::json;

Json header_json(const BlockHeader& header);
Json state_json(const LedgerState& state);

// 64 lowercase hex digits.
bool is_lower_hex64(std::string_view text);

// Each throws ProtocolError naming `what` when the value has the wrong shape.
const Json& field(const Json& object, const char* key, const std::string& what);
std::uint64_t uint_of(const Json& value, const std::string& what);
const std::string& string_of(const Json& value, const std::string& what);
Hash32 hex_of(const Json& value, const std::string& what);
BlockHeader header_of(const Json& value, const std::string& what);
LedgerState state_of(const Json& value, const std::string& what);

// Parses one protocol line: a JSON object with a string "type", nested at
// most kMaxMessageDepth levels.
inline constexpr int kMaxMessageDepth = 16;
Json parse_message(std::string_view line);
const std::string& type_of(const Json& message);

// A value as the adapter wrote it, cut to `max` characters, for error
// messages: JSON's -0 (an integer zero with a sign) shows as -0, not 0.
std::string shown(const Json& value, std::size_t max = 60);

// A line cut to at most `max` characters, for logs.
std::string abbreviate(std::string_view line, std::size_t max = 160);

}  // namespace cryptarchia::harness::protocol
