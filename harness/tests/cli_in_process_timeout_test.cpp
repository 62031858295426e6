// Issue 12, item 16: the in-process route (`--impl`) had no wall-clock
// limit, only the vector's budget: generated-019 with the largest budget
// the loader allows keeps the spec profile spinning for about 20 s. It now
// honours the same --timeout as an adapter (default 10 s): the sync is
// stopped at its next step or request past the deadline, and the case is an
// error that says so.
#include <gtest/gtest.h>

#include <chrono>

#include "cli_test_support.hpp"
#include "cryptarchia/vectors/vector_io.hpp"

namespace cryptarchia::harness::test {
namespace {

TEST(InProcessTimeout, ASpinningInProcessSyncIsStoppedAtTheTimeout) {
  const auto dir = scratch_dir("in-process-timeout");
  Scenario s = vectors::load_vector(corpus_dir() / "generated" / "generated-019.json");
  s.budget = Budget{10'000'000, 100'000'000};  // the largest the loader takes
  const auto file = save_in(dir, s);
  const auto t0 = std::chrono::steady_clock::now();
  const CliResult r = run_cli({"run", file.string(), "--impl", "spec", "--timeout", "0.5"});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("ERROR generated-019"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("timed out after 0.5 s (--timeout): the in-process spec sync was stopped"),
            std::string::npos)
      << r.out;
  EXPECT_LT(seconds, 5.0);
}

TEST(InProcessTimeout, TheCorpusRunsWellWithinTheDefault) {
  const CliResult r = run_cli({"run", corpus_dir().string(), "--impl", "spec"});
  EXPECT_EQ(r.code, 0) << r.out;
}

}  // namespace
}  // namespace cryptarchia::harness::test
