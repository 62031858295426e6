#include "cryptarchia/bytes.hpp"

#include <algorithm>

namespace cryptarchia {

namespace {
constexpr char kDigits[] = "0123456789abcdef";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

bool Hash32::is_zero() const {
  return std::all_of(bytes.begin(), bytes.end(), [](std::uint8_t b) { return b == 0; });
}

std::string Hash32::hex() const {
  std::string out(64, '0');
  for (std::size_t i = 0; i < 32; ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 0x0f];
  }
  return out;
}

std::string Hash32::short_hex() const { return hex().substr(0, 8); }

Hash32 Hash32::from_hex(std::string_view text) {
  if (text.size() != 64) {
    throw HexError("expected 64 hex digits, got " + std::to_string(text.size()) + " characters");
  }
  Hash32 out;
  for (std::size_t i = 0; i < 32; ++i) {
    const int hi = hex_value(text[2 * i]);
    const int lo = hex_value(text[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      const std::size_t at = hi < 0 ? 2 * i : 2 * i + 1;
      throw HexError("invalid hex digit '" + std::string(1, text[at]) + "' at position " +
                     std::to_string(at));
    }
    out.bytes[i] = static_cast<std::uint8_t>((hi << 4) | lo);
  }
  return out;
}

std::array<std::uint8_t, 4> u32_be(std::uint32_t x) {
  return {static_cast<std::uint8_t>(x >> 24), static_cast<std::uint8_t>(x >> 16),
          static_cast<std::uint8_t>(x >> 8), static_cast<std::uint8_t>(x)};
}

std::array<std::uint8_t, 8> u64_be(std::uint64_t x) {
  std::array<std::uint8_t, 8> out{};
  for (int i = 7; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(x);
    x >>= 8;
  }
  return out;
}

Hash32 u256_be(std::uint64_t x) {
  Hash32 out;
  const auto low = u64_be(x);
  std::copy(low.begin(), low.end(), out.bytes.begin() + 24);
  return out;
}

}  // namespace cryptarchia
