// Consensus parameters: k (security depth, in blocks) and s (density window,
// in slots). The spec derives s = 3 * floor(k / f) from the active slot
// coefficient f; tests may also give s directly.
#pragma once

#include <cstdint>

namespace cryptarchia {

struct Config {
  std::uint64_t k = 1;
  std::uint64_t s = 6;

  // s = 3 * floor(k / f). Throws std::invalid_argument unless 0 < f <= 1.
  static Config from_active_slot_coeff(std::uint64_t k, double f);
  static Config with_s(std::uint64_t k, std::uint64_t s) { return Config{k, s}; }
  // The spec's test configuration: k = 1, f = 0.5, hence s = 6.
  static Config spec_test() { return from_active_slot_coeff(1, 0.5); }

  friend bool operator==(const Config&, const Config&) = default;
};

}  // namespace cryptarchia
