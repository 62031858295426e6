#include "cryptarchia/config.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace cryptarchia {

Config Config::from_active_slot_coeff(std::uint64_t k, double f) {
  if (!(f > 0.0 && f <= 1.0)) {
    throw std::invalid_argument("active slot coefficient f must be in (0, 1], got " +
                                std::to_string(f));
  }
  const double base = std::floor(static_cast<double>(k) / f);
  if (!(base * 3.0 < 1.8e19)) throw std::invalid_argument("s = 3*floor(k/f) overflows 64 bits");
  return Config{k, 3 * static_cast<std::uint64_t>(base)};
}

}  // namespace cryptarchia
