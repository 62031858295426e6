#include "cryptarchia/hash.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace cryptarchia {

namespace {
EVP_MD_CTX* as_ctx(void* p) { return static_cast<EVP_MD_CTX*>(p); }

void check(int ok, const char* what) {
  if (ok != 1) throw std::runtime_error(std::string("OpenSSL SHA-256 failed in ") + what);
}
}  // namespace

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  if (ctx_ == nullptr) throw std::runtime_error("OpenSSL: EVP_MD_CTX_new failed");
  check(EVP_DigestInit_ex(as_ctx(ctx_), EVP_sha256(), nullptr), "EVP_DigestInit_ex");
}

Sha256::~Sha256() { EVP_MD_CTX_free(as_ctx(ctx_)); }

Sha256& Sha256::update(std::span<const std::uint8_t> data) {
  check(EVP_DigestUpdate(as_ctx(ctx_), data.data(), data.size()), "EVP_DigestUpdate");
  return *this;
}

Sha256& Sha256::update(std::string_view text) {
  check(EVP_DigestUpdate(as_ctx(ctx_), text.data(), text.size()), "EVP_DigestUpdate");
  return *this;
}

Hash32 Sha256::finish() {
  Hash32 out;
  unsigned int len = 0;
  check(EVP_DigestFinal_ex(as_ctx(ctx_), out.bytes.data(), &len), "EVP_DigestFinal_ex");
  if (len != out.bytes.size()) throw std::runtime_error("OpenSSL: SHA-256 digest is not 32 bytes");
  return out;
}

}  // namespace cryptarchia
