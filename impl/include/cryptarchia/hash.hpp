// H(tag, parts...) = SHA-256(tag || part_1 || ... || part_n), no separators,
// no lengths (spec note, section 1). SHA-256 comes from OpenSSL's EVP API.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "cryptarchia/bytes.hpp"

namespace cryptarchia {

// Incremental SHA-256. One object per digest; cheap to construct.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  Sha256& update(std::span<const std::uint8_t> data);
  Sha256& update(std::string_view text);
  template <std::size_t N>
  Sha256& update(const std::array<std::uint8_t, N>& data) {
    return update(std::span<const std::uint8_t>(data.data(), N));
  }
  Sha256& update(const Hash32& h) { return update(h.bytes); }
  Hash32 finish();

 private:
  void* ctx_;  // EVP_MD_CTX*, kept opaque so users need no OpenSSL headers
};

// H(tag, parts...): every part is anything Sha256::update accepts.
template <typename... Parts>
Hash32 H(std::string_view tag, const Parts&... parts) {
  Sha256 sha;
  sha.update(tag);
  (sha.update(parts), ...);
  return sha.finish();
}

}  // namespace cryptarchia
