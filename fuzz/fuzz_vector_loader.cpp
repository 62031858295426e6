// libFuzzer target: a vector file from arbitrary bytes. The loader must
// either accept it or throw VectorError; a vector it accepts must survive
// the canonical writer (dump, read back, dump again: the same text) and be
// drawable by `harness show` as text and as dot. Anything else (another
// exception, a crash, a sanitizer report, a hang) is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "cryptarchia/vectors/vector_io.hpp"
#include "show.hpp"

using namespace cryptarchia;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Scenario scenario;
  try {
    scenario = vectors::parse_vector(text, "fuzz.json");
  } catch (const vectors::VectorError&) {
    return 0;  // refused, with a file, a pointer and a reason: fine
  }
  const std::string once = vectors::dump_vector(scenario);
  const std::string twice = vectors::dump_vector(vectors::parse_vector(once, "fuzz-dump.json"));
  if (once != twice) {
    std::fputs("the canonical form of an accepted vector is not stable\n", stderr);
    std::abort();
  }
  (void)harness::draw_text(scenario);
  (void)harness::draw_dot(scenario);
  return 0;
}
