// `harness replay --adapter`: the same readable trace as in-process, and
// `replay --diff`: where an adapter's requests depart from the in-process
// profile's.
#include <gtest/gtest.h>

#include <sstream>

#include "cli_test_support.hpp"
#include "trace_diff.hpp"

namespace cryptarchia::harness::test {
namespace {

using Lines = std::vector<std::string>;

// The trace lines of a replay's output: those naming a peer ("  p<i> ...").
Lines trace_of(const std::string& out) {
  Lines lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("  p", 0) == 0) lines.push_back(line);
  }
  return lines;
}

TEST(TraceDiff, FindsTheFirstDepartureOrNone) {
  EXPECT_EQ(first_departure({"a", "b"}, {"a", "b"}), std::nullopt);
  EXPECT_EQ(first_departure({}, {}), std::nullopt);
  EXPECT_EQ(first_departure({"a", "b", "c"}, {"a", "x", "c"}), 1u);
  EXPECT_EQ(first_departure({"a"}, {"a", "b"}), 1u);
  EXPECT_EQ(first_departure({"a", "b"}, {"a"}), 1u);
  EXPECT_EQ(first_departure({}, {"a"}), 0u);
}

TEST(TraceDiff, ShowsSharedContextThenEachSide) {
  const Lines a{"1", "2", "3", "4", "5", "mine", "7"};
  const Lines b{"1", "2", "3", "4", "5", "yours"};
  std::ostringstream out;
  write_departure(out, {"adapter", a}, {"in-process", b}, 5, 2);
  EXPECT_EQ(out.str(),
            "  #4 both:       4\n"
            "  #5 both:       5\n"
            "  #6 adapter:    mine\n"
            "  #7 adapter:    7\n"
            "  #6 in-process: yours\n");
  std::ostringstream ended;
  write_departure(ended, {"adapter", Lines{"1"}}, {"in-process", Lines{"1", "2"}}, 1, 3);
  EXPECT_EQ(ended.str(),
            "  #1 both:       1\n"
            "  #2 adapter:    (no more requests)\n"
            "  #2 in-process: 2\n");
}

TEST(CliReplayDiff, DiffWithoutAnAdapterIsAUsageError) {
  const CliResult r =
      run_cli({"replay", spec_vector("spec-05-forks-by-backfilling").string(), "--diff"});
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.err.find("--diff"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--adapter"), std::string::npos) << r.err;
}

#ifdef CSC_REFERENCE_ADAPTER
std::string reference_adapter(const std::string& profile) {
  return std::string("'") + CSC_REFERENCE_ADAPTER + "' --profile " + profile;
}

TEST(CliReplayDiff, AdapterReplayPrintsTheSameTraceAsInProcess) {
  for (const char* id : {"spec-05-forks-by-backfilling", "spec-11-dishonest-checkpoint"}) {
    const std::string file = spec_vector(id).string();
    const CliResult in = run_cli({"replay", file, "--impl", "spec"});
    const CliResult ad =
        run_cli({"replay", file, "--impl", "spec", "--adapter", reference_adapter("spec")});
    ASSERT_EQ(in.code, 0) << in.out;
    EXPECT_EQ(ad.code, 0) << ad.out << ad.err;
    EXPECT_FALSE(trace_of(in.out).empty()) << in.out;
    EXPECT_EQ(trace_of(ad.out), trace_of(in.out)) << id << ":\n" << ad.out;
    EXPECT_EQ(ad.out.find("harness: {"), std::string::npos) << "no raw protocol lines:\n" << ad.out;
  }
}

TEST(CliReplayDiff, AnAdapterOfTheSameProfileAgrees) {
  const auto file = spec_vector("spec-06-multiple-peers-from-genesis");
  const CliResult r =
      run_cli({"replay", file.string(), "--adapter", reference_adapter("reference"), "--diff"});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("requests agree with in-process reference"), std::string::npos) << r.out;
}

TEST(CliReplayDiff, AnAdapterOfAnotherProfileDepartsAtItsFirstOtherRequest) {
  // Judged as the reference (--impl overrides the "spec" its hello says it
  // follows), the spec profile asks the peer's tip first where the
  // reference opens a stream from slot 0.
  const auto file = corpus_dir() / "errata" / "erratum-stream-starts-at-local-tip-slot.json";
  const CliResult r = run_cli({"replay", file.string(), "--impl", "reference", "--adapter",
                               reference_adapter("spec"), "--diff"});
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("the adapter departs from in-process reference at request 1 "),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  #1 adapter:              p0 p0: tip -> "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  #1 in-process reference: p0 p0: blocks_from(slot 0) -> stream #0"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("in-process reference result: completed"), std::string::npos) << r.out;
}
#endif

// An adapter that asks peer 0's tip, then answers garbage.
std::filesystem::path erring_adapter(const std::filesystem::path& dir) {
  const auto file = dir / "erring-adapter";
  write_text(file,
             "#!/bin/sh\n"
             "echo '{\"type\":\"hello\",\"protocol\":\"1.0\",\"implementation\":"
             "{\"name\":\"erring\",\"version\":\"0\"},\"features\":[]}'\n"
             "read welcome; read case; read sync\n"
             "echo '{\"type\":\"tip\",\"peer\":0}'\n"
             "read answer\n"
             "echo 'not json'\n"
             "read rest\n");
  std::filesystem::permissions(file, std::filesystem::perms::owner_all);
  return file;
}

TEST(CliReplayDiff, AnAdapterErrorShowsTheTraceAndTheLastProtocolLines) {
#ifndef CSC_REFERENCE_ADAPTER
  GTEST_SKIP() << "built without the adapter client (harness/adapter.cmake)";
#endif
  const auto adapter = erring_adapter(scratch_dir("replay-erring")).string();
  const std::string file = spec_vector("spec-06-multiple-peers-from-genesis").string();
  const CliResult replay = run_cli({"replay", file, "--adapter", adapter});
  EXPECT_EQ(replay.code, 1) << replay.out << replay.err;
  EXPECT_EQ(trace_of(replay.out).size(), 1u) << replay.out;
  EXPECT_NE(replay.out.find("the last protocol lines exchanged with the adapter:\n"),
            std::string::npos)
      << replay.out;
  EXPECT_NE(replay.out.find("  adapter: not json\n"), std::string::npos) << replay.out;
  // Its one request is the in-process reference's first too, but it erred.
  const CliResult diff = run_cli({"replay", file, "--adapter", adapter, "--diff"});
  EXPECT_EQ(diff.code, 1) << diff.out << diff.err;
  EXPECT_NE(diff.out.find("adapter result: error: "), std::string::npos) << diff.out;
}

}  // namespace
}  // namespace cryptarchia::harness::test
