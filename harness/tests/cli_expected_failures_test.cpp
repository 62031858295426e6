// --expected-failures: known failures are xfail, fixed ones are XPASS.
#include <gtest/gtest.h>

#include "cli_test_support.hpp"
#include "expected_failures.hpp"
#include "vector_selection.hpp"

namespace cryptarchia::harness::test {
namespace {

// A directory with one vector that passes and one whose expectation is wrong.
std::filesystem::path passing_and_failing(const std::string& name) {
  const auto dir = scratch_dir(name);
  save_in(dir, load_spec("spec-01-single-chain-from-genesis"));
  Scenario wrong = load_spec("spec-03-forks-from-genesis");
  wrong.id = "wrong-tip";
  wrong.expected[Profile::Reference].tip = wrong.genesis.header.id();
  save_in(dir, wrong);
  return dir;
}

TEST(CliExpectedFailures, AListedFailureIsAnXfail) {
  const auto dir = passing_and_failing("xfail");
  write_text(dir / "xfail.txt", "# known\n\nwrong-tip   the tip is wrong on purpose\n");
  const auto xml = dir / "out.xml";
  const CliResult r = run_cli({"run", dir.string(), "--expected-failures",
                               (dir / "xfail.txt").string(), "--junit", xml.string()});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("XFAIL wrong-tip"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("the tip is wrong on purpose"), std::string::npos) << r.out;
  EXPECT_EQ(summary_line(r.out), "1 passed, 0 failed, 1 xfailed, 0 skipped, 0 errors");
  EXPECT_NE(read_text(xml).find("<skipped message=\"xfail: "), std::string::npos);
}

TEST(CliExpectedFailures, AListedVectorThatPassesIsAnXpassFailure) {
  const auto dir = passing_and_failing("xpass");
  write_text(dir / "xfail.txt",
             "wrong-tip the tip is wrong on purpose\n"
             "spec-01-single-chain-from-genesis was broken once\n");
  const CliResult r =
      run_cli({"run", dir.string(), "--expected-failures", (dir / "xfail.txt").string()});
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("FAIL spec-01-single-chain-from-genesis"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("XPASS: no longer fails"), std::string::npos) << r.out;
  EXPECT_EQ(summary_line(r.out), "0 passed, 1 failed, 1 xfailed, 0 skipped, 0 errors");
}

TEST(CliExpectedFailures, AnEntryNamingNoVectorOfTheRunIsStale) {
  const auto dir = passing_and_failing("stale");
  write_text(dir / "xfail.txt",
             "wrong-tip the tip is wrong on purpose\n"
             "spec-99-removed-long-ago it was broken once\n");
  const auto json = dir / "out.json";
  const CliResult r = run_cli({"run", dir.string(), "--expected-failures",
                               (dir / "xfail.txt").string(), "--json", json.string()});
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("FAIL spec-99-removed-long-ago"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("stale expected failure: spec-99-removed-long-ago (it was broken once) "
                       "names no vector of this run"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(summary_line(r.out), "1 passed, 1 failed, 1 xfailed, 0 skipped, 0 errors");
  EXPECT_NE(r.out.find("ran 2 case(s) in "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("; 1 stale expected failure(s)\n"), std::string::npos) << r.out;
  const auto stale = records(json).at("spec-99-removed-long-ago");
  EXPECT_EQ(stale["outcome"], "fail");
  EXPECT_EQ(stale["file"], (dir / "xfail.txt").string());
}

TEST(CliExpectedFailures, AnEntryOutsideTheSelectionIsStaleButNotInAShard) {
  const auto dir = passing_and_failing("stale-selection");
  write_text(dir / "xfail.txt", "wrong-tip the tip is wrong on purpose\n");
  const std::string list = (dir / "xfail.txt").string();
  const CliResult filtered = run_cli({"run", dir.string(), "--expected-failures", list, "--id",
                                      "spec-01-single-chain-from-genesis"});
  EXPECT_EQ(filtered.code, 1) << filtered.out;
  EXPECT_NE(filtered.out.find("stale expected failure: wrong-tip"), std::string::npos);
  // Another shard may hold the vector: not stale there.
  for (const char* shard : {"0/2", "1/2"}) {
    const CliResult r =
        run_cli({"run", dir.string(), "--expected-failures", list, "--shard", shard});
    EXPECT_EQ(r.code, 0) << shard << ": " << r.out;
    EXPECT_EQ(r.out.find("stale"), std::string::npos) << shard << ": " << r.out;
  }
}

TEST(CliExpectedFailures, AnEntryWithoutAReasonIsAUsageErrorNamingTheLine) {
  const auto dir = passing_and_failing("no-reason");
  write_text(dir / "xfail.txt", "# header\nwrong-tip reason\nspec-01-single-chain-from-genesis\n");
  const CliResult r =
      run_cli({"run", dir.string(), "--expected-failures", (dir / "xfail.txt").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("xfail.txt:3"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("no reason"), std::string::npos) << r.err;
}

TEST(CliExpectedFailures, ParsesCommentsBlanksAndTabs) {
  const ExpectedFailures xf = parse_expected_failures(
      "  # comment\r\n\t\na\tfirst reason \r\nb  second  reason\n", "f");
  ASSERT_EQ(xf.size(), 2u);
  EXPECT_EQ(xf.at("a"), "first reason");
  EXPECT_EQ(xf.at("b"), "second  reason");
  EXPECT_THROW(parse_expected_failures("a x\na y\n", "f"), UsageError);
  EXPECT_EQ(run_cli({"run", corpus_dir().string(), "--expected-failures", "/nonexistent"}).code, 2);
}

}  // namespace
}  // namespace cryptarchia::harness::test
