// 32-byte values (ids, commitments, nullifiers, nonces), their hex form and
// the fixed-width big-endian encodings the spec hashes over.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace cryptarchia {

using Slot = std::uint64_t;

// A 32-byte value. Ordered and hashable so it can key maps and sets.
struct Hash32 {
  std::array<std::uint8_t, 32> bytes{};

  friend auto operator<=>(const Hash32&, const Hash32&) = default;

  [[nodiscard]] bool is_zero() const;
  // 64 lowercase hex digits.
  [[nodiscard]] std::string hex() const;
  // First 8 hex digits, for drawings and log lines.
  [[nodiscard]] std::string short_hex() const;
  // Parses exactly 64 hex digits (either case). Throws HexError otherwise.
  static Hash32 from_hex(std::string_view text);
};

using Id = Hash32;

// Raised for a malformed hex string; the message says what is wrong and where.
class HexError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// SHA-256 output is uniform, so its first 8 bytes are a good hash-table key.
struct Hash32Hasher {
  std::size_t operator()(const Hash32& h) const noexcept {
    std::size_t out;
    std::memcpy(&out, h.bytes.data(), sizeof(out));
    return out;
  }
};

// Big-endian fixed-width encodings (spec note, section 1).
std::array<std::uint8_t, 4> u32_be(std::uint32_t x);
std::array<std::uint8_t, 8> u64_be(std::uint64_t x);
// u256 of a value that fits in 64 bits: 24 zero bytes, then u64_be(x).
Hash32 u256_be(std::uint64_t x);

}  // namespace cryptarchia

template <>
struct std::hash<cryptarchia::Hash32> : cryptarchia::Hash32Hasher {};
