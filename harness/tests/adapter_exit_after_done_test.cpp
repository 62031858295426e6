// Issue 12, item 7: an adapter that exits after each `done` (instead of
// waiting for the next case) got a different report on each run: whether
// `close` or the next `case` still fitted in the pipe before the exit was
// seen decided which case erred, and the error was blamed on a case the
// adapter never saw. Now its `done` stands, and a case whose adapter is
// found gone before it wrote anything for that case runs again, once, on
// a fresh adapter: every run gives the same report.
#include <gtest/gtest.h>

#include "adapter_test_support.hpp"

namespace cryptarchia::harness {
namespace {

using namespace testing;

TEST(ExitAfterDone, EveryCaseRunsAndEveryRunGivesTheSameReport) {
  const Scenario s = corpus_scenario("spec/spec-01-single-chain-from-genesis.json");
  const std::string genesis = s.genesis.header.id().hex();
  const auto script = write_script(
      test_dir("exit-after-done"), "adapter",
      hello_lines() + "read c\nread s\nprintf '%s\\n' '{\"type\":\"done\",\"end\":\"completed\","
                      "\"tip\":\"" + genesis + "\",\"forks\":[],\"tree\":[\"" + genesis +
          "\"]}'\nexit 0\n");
  AdapterLimits limits;
  limits.case_timeout_seconds = 5;
  for (int run = 0; run < 5; ++run) {
    auto adapter = subprocess({script.string()}, limits);
    for (int c = 0; c < 6; ++c) {
      const CaseOutcome out = adapter->run(s, false);
      EXPECT_EQ(out.kind, CaseOutcome::Kind::Ran) << "run " << run << ", case " << c << ": " << out.message;
      EXPECT_EQ(out.result.tip, s.genesis.header.id());
    }
  }
}

TEST(ExitAfterDone, AnAdapterThatDiesOnEveryCaseIsStillAnErrorOfThatCase) {
  const Scenario s = corpus_scenario("spec/spec-01-single-chain-from-genesis.json");
  const auto script = write_script(test_dir("dies-on-every-case"), "adapter",
                                   hello_lines() + "read c\nread s\necho boom >&2\nexit 139\n");
  auto adapter = subprocess({script.string()});
  for (int c = 0; c < 3; ++c) {
    const CaseOutcome out = adapter->run(s, false);
    EXPECT_EQ(out.kind, CaseOutcome::Kind::Error);
    EXPECT_NE(out.message.find("the adapter closed its stdout (it exited with status 139)"),
              std::string::npos)
        << out.message;
    EXPECT_NE(out.message.find("boom"), std::string::npos) << out.message;
  }
}

}  // namespace
}  // namespace cryptarchia::harness
