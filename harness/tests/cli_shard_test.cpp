// --shard: every vector in exactly one shard, and the shards' JSON records
// are exactly the unsharded run's.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"

namespace cryptarchia::harness::test {
namespace {


TEST(CliShard, ShardsPartitionTheRunAndAgreeWithIt) {
  const auto dir = scratch_dir("shards");
  const auto whole_file = dir / "whole.json";
  ASSERT_EQ(run_cli({"run", corpus_dir().string(), "--json", whole_file.string()}).code, 0);
  const auto whole = records(whole_file);
  ASSERT_FALSE(whole.empty());

  std::map<std::string, nlohmann::json> joined;
  for (int i = 0; i < 3; ++i) {
    const auto file = dir / ("shard-" + std::to_string(i) + ".json");
    const CliResult r = run_cli({"run", corpus_dir().string(), "--shard",
                                 std::to_string(i) + "/3", "--json", file.string()});
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    for (auto& [id, record] : records(file)) {
      EXPECT_TRUE(joined.emplace(id, record).second) << id << " is in two shards";
    }
  }
  EXPECT_EQ(joined, whole);
}

TEST(CliShard, ReportsAreByteIdenticalAcrossRuns) {
  const auto dir = scratch_dir("identical");
  for (const char* name : {"a", "b"}) {
    ASSERT_EQ(run_cli({"run", corpus_dir().string(), "--json", (dir / name).string() + ".json",
                       "--junit", (dir / name).string() + ".xml"})
                  .code,
              0);
  }
  EXPECT_EQ(read_text(dir / "a.json"), read_text(dir / "b.json"));
  EXPECT_EQ(read_text(dir / "a.xml"), read_text(dir / "b.xml"));
}

TEST(CliShard, MoreShardsThanVectorsLeavesSomeEmpty) {
  const CliResult r = run_cli({"run", spec_vector("spec-01-single-chain-from-genesis").string(),
                               "--shard", "1/2"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(summary_line(r.out), "0 passed, 0 failed, 0 xfailed, 0 skipped, 0 errors");
}

TEST(CliShard, BadShardIsAUsageError) {
  for (const char* bad : {"3/3", "0/0", "1", "a/b", "-1/2", "1/2/3", "/2", "", "1/0"}) {
    const CliResult r = run_cli({"run", corpus_dir().string(), "--shard", bad});
    EXPECT_EQ(r.code, 2) << bad;
    EXPECT_NE(r.err.find("--shard"), std::string::npos) << bad << ": " << r.err;
  }
}

}  // namespace
}  // namespace cryptarchia::harness::test
