// `harness run`: the corpus against the in-process profiles, bad files and
// bad arguments.
#include <gtest/gtest.h>

#include "cli_test_support.hpp"
#include "cryptarchia/vectors/vector_io.hpp"

namespace cryptarchia::harness::test {
namespace {

std::size_t corpus_size() { return vectors::find_vectors(corpus_dir()).size(); }

TEST(CliRun, CorpusPassesAgainstTheReferenceInProcess) {
  const CliResult r = run_cli({"run", corpus_dir().string()});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(summary_line(r.out),
            std::to_string(corpus_size()) + " passed, 0 failed, 0 xfailed, 0 skipped, 0 errors");
}

TEST(CliRun, CorpusPassesUnderEveryProfile) {
  for (const char* impl : {"spec", "seed"}) {
    const CliResult r = run_cli({"run", corpus_dir().string(), "--impl", impl});
    EXPECT_EQ(r.code, 0) << impl << "\n" << r.out << r.err;
  }
}

TEST(CliRun, MalformedVectorIsAnErrorNamingTheFileAndTheRunContinues) {
  const auto dir = scratch_dir("malformed");
  save_in(dir, load_spec("spec-01-single-chain-from-genesis"));
  write_text(dir / "broken.json", "{\"format\": \"cryptarchia-sync-vector\",");
  const auto json = dir / "out.json";
  const CliResult r = run_cli({"run", dir.string(), "--json", json.string()});
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("ERROR broken"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find((dir / "broken.json").string()), std::string::npos) << r.out;
  EXPECT_EQ(summary_line(r.out), "1 passed, 0 failed, 0 xfailed, 0 skipped, 1 errors");
}

TEST(CliRun, WrongExpectationFailsWithItsDifferences) {
  const auto dir = scratch_dir("wrong-expectation");
  Scenario s = load_spec("spec-03-forks-from-genesis");
  s.id = "wrong-tip";
  s.expected[Profile::Reference].tip = s.genesis.header.id();
  save_in(dir, s);
  const CliResult r = run_cli({"run", dir.string()});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("FAIL wrong-tip"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("- tip: expected " + s.genesis.header.id().short_hex()), std::string::npos)
      << r.out;
  EXPECT_EQ(summary_line(r.out), "0 passed, 1 failed, 0 xfailed, 0 skipped, 0 errors");
}

TEST(CliRun, VectorWithoutAnExpectationForTheProfileIsSkipped) {
  const auto dir = scratch_dir("no-expectation");
  Scenario s = load_spec("spec-01-single-chain-from-genesis");
  s.expected.erase(Profile::Seed);
  save_in(dir, s);
  const CliResult r = run_cli({"run", dir.string(), "--impl", "seed"});
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(summary_line(r.out), "0 passed, 0 failed, 0 xfailed, 1 skipped, 0 errors");
}

TEST(CliRun, FiltersByIdAndTag) {
  const CliResult by_id = run_cli({"run", corpus_dir().string(), "--id",
                                   "spec-01-single-chain-from-genesis", "--id",
                                   "spec-02-single-chain-from-middle"});
  EXPECT_EQ(by_id.code, 0) << by_id.out << by_id.err;
  EXPECT_EQ(summary_line(by_id.out), "2 passed, 0 failed, 0 xfailed, 0 skipped, 0 errors");
  const CliResult by_tag = run_cli({"run", "--tag", "spec-example", corpus_dir().string()});
  EXPECT_EQ(by_tag.code, 0) << by_tag.err;
  EXPECT_EQ(summary_line(by_tag.out), "13 passed, 0 failed, 0 xfailed, 0 skipped, 0 errors");
}

TEST(CliRun, UsageErrorsExitWithTwo) {
  EXPECT_EQ(run_cli({"run"}).code, 2);
  EXPECT_EQ(run_cli({}).code, 2);
  EXPECT_EQ(run_cli({"run", "/nonexistent/vectors"}).code, 2);
  EXPECT_EQ(run_cli({"run", scratch_dir("empty").string()}).code, 2);
  EXPECT_EQ(run_cli({"run", corpus_dir().string(), "--impl", "other"}).code, 2);
  const CliResult unknown_id = run_cli({"run", corpus_dir().string(), "--id", "no-such-vector"});
  EXPECT_EQ(unknown_id.code, 2);
  EXPECT_NE(unknown_id.err.find("no-such-vector"), std::string::npos);
  EXPECT_EQ(run_cli({"run", corpus_dir().string(), "--adapter", "'unbalanced"}).code, 2);
  const CliResult timeout = run_cli({"run", corpus_dir().string(), "--timeout", "0"});
  EXPECT_EQ(timeout.code, 2);
  EXPECT_NE(timeout.err.find("--timeout"), std::string::npos) << timeout.err;
}

TEST(CliRun, ASelectorThatSelectsNothingIsAUsageErrorNamingIt) {
  const CliResult tag = run_cli({"run", corpus_dir().string(), "--tag", "no-such-tag"});
  EXPECT_EQ(tag.code, 2) << tag.out;
  EXPECT_NE(tag.err.find("--tag no-such-tag: no vector has this tag"), std::string::npos)
      << tag.err;
  // One tag that matches and one that does not: the misspelt one is named.
  const CliResult one_bad =
      run_cli({"run", corpus_dir().string(), "--tag", "spec-example", "--tag", "spec-exmaple"});
  EXPECT_EQ(one_bad.code, 2) << one_bad.out;
  EXPECT_NE(one_bad.err.find("--tag spec-exmaple"), std::string::npos) << one_bad.err;
  // An id and a tag that exist, but never on the same vector.
  const CliResult both = run_cli({"run", corpus_dir().string(), "--id",
                                  "spec-01-single-chain-from-genesis", "--tag",
                                  "erratum:backward-walk-visits-each-peer-once"});
  EXPECT_EQ(both.code, 2) << both.out;
  EXPECT_NE(both.err.find("--id spec-01-single-chain-from-genesis "
                           "--tag erratum:backward-walk-visits-each-peer-once: no vector"),
            std::string::npos)
      << both.err;
  EXPECT_EQ(both.out.find("harness run:"), std::string::npos) << "nothing runs: " << both.out;
}

TEST(CliRun, HelpExitsWithZero) {
  const CliResult r = run_cli({"run", "--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("--expected-failures"), std::string::npos);
}

}  // namespace
}  // namespace cryptarchia::harness::test
