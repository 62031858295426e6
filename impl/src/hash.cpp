#include "cryptarchia/hash.hpp"

#include <openssl/evp.h>

#include <stdexcept>
#include <vector>

namespace cryptarchia {

namespace {
EVP_MD_CTX* as_ctx(void* p) { return static_cast<EVP_MD_CTX*>(p); }

void check(int ok, const char* what) {
  if (ok != 1) throw std::runtime_error(std::string("OpenSSL SHA-256 failed in ") + what);
}

// The SHA-256 implementation, fetched once. Given EVP_sha256(), OpenSSL 3
// fetches it from the provider again on every EVP_DigestInit_ex, which cost
// more than hashing a block header (docs/PERFORMANCE.md). Never freed: it
// lives as long as the process.
const EVP_MD* sha256_md() {
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  if (md == nullptr) throw std::runtime_error("OpenSSL: EVP_MD_fetch(SHA256) failed");
  return md;
}

// Digest contexts are recycled within a thread instead of allocated per
// digest; a few are kept, as many as Sha256 objects live at once.
class ContextPool {
 public:
  ContextPool() = default;
  ContextPool(const ContextPool&) = delete;
  ContextPool& operator=(const ContextPool&) = delete;
  ~ContextPool() {
    for (EVP_MD_CTX* c : free_) EVP_MD_CTX_free(c);
  }
  EVP_MD_CTX* acquire() {
    if (free_.empty()) return EVP_MD_CTX_new();
    EVP_MD_CTX* c = free_.back();
    free_.pop_back();
    return c;
  }
  void release(EVP_MD_CTX* c) {
    if (free_.size() < kKept) {
      free_.push_back(c);
    } else {
      EVP_MD_CTX_free(c);
    }
  }

 private:
  static constexpr std::size_t kKept = 8;
  std::vector<EVP_MD_CTX*> free_;
};
thread_local ContextPool context_pool;
}  // namespace

Sha256::Sha256() : ctx_(context_pool.acquire()) {
  if (ctx_ == nullptr) throw std::runtime_error("OpenSSL: EVP_MD_CTX_new failed");
  try {
    check(EVP_DigestInit_ex2(as_ctx(ctx_), sha256_md(), nullptr), "EVP_DigestInit_ex2");
  } catch (...) {
    EVP_MD_CTX_free(as_ctx(ctx_));
    throw;
  }
}

Sha256::~Sha256() { context_pool.release(as_ctx(ctx_)); }

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
