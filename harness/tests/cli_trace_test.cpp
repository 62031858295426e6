// in_process() and `harness replay`: the trace of requests and answers.
#include <gtest/gtest.h>

#include "cli_test_support.hpp"
#include "cryptarchia/harness/implementation.hpp"

namespace cryptarchia::harness::test {
namespace {

TEST(InProcess, RunsLikeRunScenarioWithoutReadingTheExpectation) {
  for (const char* id : {"spec-05-forks-by-backfilling", "spec-11-dishonest-checkpoint"}) {
    Scenario s = load_spec(id);
    for (const Profile profile : kAllProfiles) {
      const ScenarioRun reference = run_scenario(s, profile);
      Scenario blind = s;
      blind.expected.clear();
      const CaseOutcome outcome = in_process(profile)->run(blind, false);
      ASSERT_EQ(outcome.kind, CaseOutcome::Kind::Ran) << outcome.message;
      EXPECT_EQ(outcome.result.summary(), reference.result.summary()) << id;
      EXPECT_EQ(outcome.result.tree, reference.result.tree) << id;
      EXPECT_TRUE(outcome.log.empty());
    }
  }
}

TEST(InProcess, TraceLogsEveryRequestAndAnswerInOrder) {
  const Scenario s = load_spec("spec-06-multiple-peers-from-genesis");
  const CaseOutcome traced = in_process(Profile::Reference)->run(s, true);
  ASSERT_EQ(traced.kind, CaseOutcome::Kind::Ran);
  const CaseOutcome plain = in_process(Profile::Reference)->run(s, false);
  EXPECT_EQ(traced.result.summary(), plain.result.summary());
  std::size_t tips = 0, streams = 0, ends = 0;
  for (const std::string& line : traced.log) {
    if (line.find(": tip -> ") != std::string::npos) ++tips;
    if (line.find(": blocks_from(slot ") != std::string::npos) ++streams;
    if (line.find(": end") != std::string::npos) ++ends;
  }
  EXPECT_EQ(tips, traced.result.requests.tip);
  EXPECT_EQ(streams, traced.result.requests.blocks_from);
  EXPECT_GT(ends, 0u);
  ASSERT_FALSE(traced.log.empty());
  EXPECT_EQ(traced.log.front().rfind("p0 ", 0), 0u) << traced.log.front();
}

TEST(InProcess, TraceRecordsFailures) {
  const Scenario s = load_spec("spec-01-single-chain-from-genesis");
  Scenario faulty = s;
  faulty.peers[0].faults.push_back(Fault{RequestKind::BlocksFrom, 0, FaultKind::FailCall, 0});
  const CaseOutcome traced = in_process(Profile::Reference)->run(faulty, true);
  ASSERT_EQ(traced.kind, CaseOutcome::Kind::Ran);
  bool failure = false;
  for (const std::string& line : traced.log) failure |= line.find("FAILURE: ") != std::string::npos;
  EXPECT_TRUE(failure);
}

TEST(CliReplay, PrintsTheDrawingTheTraceAndTheVerdict) {
  const auto file = spec_vector("spec-04-forks-from-middle");
  const CliResult r = run_cli({"replay", file.string()});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("genesis:"), std::string::npos);
  EXPECT_NE(r.out.find("p0 peer: blocks_from(slot 0) -> stream #0"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("result: completed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("matches the expectation"), std::string::npos);
}

TEST(CliReplay, ShowsTheDifferenceFromTheExpectation) {
  const auto dir = scratch_dir("replay-diff");
  Scenario s = load_spec("spec-03-forks-from-genesis");
  s.id = "wrong-tip";
  s.expected[Profile::Seed].tip = s.genesis.header.id();
  const auto file = save_in(dir, s);
  const CliResult r = run_cli({"replay", file.string(), "--impl", "seed"});
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("differs from the expectation:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("- tip: expected"), std::string::npos) << r.out;
  EXPECT_EQ(run_cli({"replay", "/nonexistent.json"}).code, 2);
}

}  // namespace
}  // namespace cryptarchia::harness::test
