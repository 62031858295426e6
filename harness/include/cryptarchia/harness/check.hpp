// `harness check`: the property suite against an adapter. Each property runs
// through the property engine (properties/property_engine.hpp) with the
// adapter as the node under test, and ends with one verdict: holds, fails,
// weak, untested or error. Every shrunk counterexample (and every case an
// adapter could not run) is saved as a vector.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace cryptarchia::harness {

struct CheckOptions {
  std::vector<std::string> adapter{};  // program and arguments
  int cases = 100;                   // judged cases per property
  std::string out_dir = "cryptarchia-failures";  // where counterexamples go
  bool shrink = true;                // false: save counterexamples as first found
  std::uint64_t seed = 20261124;     // the engine's seed (props::kMatrixSeed)
  double timeout_seconds = 10.0;     // wall-clock limit per adapter case
  int jobs = 1;                      // properties checked at once, one adapter each
  std::vector<std::string> properties{};  // only these (default: all of `tier`)
  std::string tier = "small";        // small, large (Name@large) or all
  std::string shard = "0/1";         // "i/n": the k-th chosen property goes to shard k mod n
  std::string junit_file{};
  bool junit_times = false;          // time attributes in the JUnit report
  std::string json_file{};
  std::string expected_failures_file{};  // "<Property> <reason>" lines
  bool progress = true;              // per-property progress lines on `err`
};

// Returns the process exit status: 0 every property holds (or fails as
// expected), 1 some property fails, errs, is weak or untested, or an
// expected failure is stale, 2 harness or usage error, 3 protocol version
// mismatch. Results go to `out`, progress and harness errors to `err`.
int run_check(const CheckOptions& options, std::ostream& out, std::ostream& err);
int run_check(const CheckOptions& options);

}  // namespace cryptarchia::harness
