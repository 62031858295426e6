// `harness run` against a hostile adapter and broken vector files (issue 7):
// every case ends, as an error with its reason, the run goes on to the next
// case, and the reports are byte-identical across runs and across --shard
// splits, errors included. The same for the C++ reference adapter on the
// whole corpus.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"

namespace cryptarchia::harness::test {
namespace {


// Runs `args` (whole, twice) and as `shards` shards; the two whole runs'
// JSON and JUnit reports must be byte-identical and the shards' records
// exactly the whole run's. Returns the whole run's records.
std::map<std::string, nlohmann::json> run_deterministic(const std::filesystem::path& dir,
                                                        std::vector<std::string> args, int shards,
                                                        int expected_code) {
  for (const char* name : {"a", "b"}) {
    std::vector<std::string> full = args;
    full.insert(full.end(), {"--json", (dir / name).string() + ".json", "--junit",
                             (dir / name).string() + ".xml"});
    const CliResult r = run_cli(full);
    EXPECT_EQ(r.code, expected_code) << r.out << r.err;
  }
  EXPECT_EQ(read_text(dir / "a.json"), read_text(dir / "b.json"));
  EXPECT_EQ(read_text(dir / "a.xml"), read_text(dir / "b.xml"));
  const auto whole = records(dir / "a.json");
  std::map<std::string, nlohmann::json> joined;
  for (int i = 0; i < shards; ++i) {
    const auto file = dir / ("shard-" + std::to_string(i) + ".json");
    std::vector<std::string> full = args;
    full.insert(full.end(), {"--shard", std::to_string(i) + "/" + std::to_string(shards),
                             "--json", file.string()});
    (void)run_cli(full);
    for (auto& [id, record] : records(file)) {
      EXPECT_TRUE(joined.emplace(id, record).second) << id << " is in two shards";
    }
  }
  EXPECT_EQ(joined, whole);
  return whole;
}

const char* const kHostileAdapter = R"(#!/bin/sh
echo '{"type":"hello","protocol":"1.0","implementation":{"name":"hostile","version":"0"},"features":["checkpoint","online","sync-again"]}'
read welcome
read c
read s
case "$c" in
  *spec-01-*) echo 'not json' ;;
  *spec-02-*) sleep 30 ;;
  *spec-03-*) echo boom >&2; exit 5 ;;
  *spec-04-*) echo '{"type":"tip","peer":42}' ;;
  *spec-05-*) echo '{"type":"skip","reason":"declined"}' ;;
  *) echo '{"type":"done","end":"completed","tip":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","forks":[],"tree":[]}' ;;
esac
sleep 30
)";

TEST(CliReliability, AHostileAdapterErrsOnEveryCaseAndTheRunGoesOnDeterministically) {
  const auto dir = scratch_dir("hostile-run");
  const auto vectors = dir / "vectors";
  std::filesystem::create_directories(vectors);
  for (const char* id :
       {"spec-01-single-chain-from-genesis", "spec-02-single-chain-from-middle",
        "spec-03-forks-from-genesis", "spec-04-forks-from-middle", "spec-05-forks-by-backfilling",
        "spec-06-multiple-peers-from-genesis"}) {
    std::filesystem::copy_file(spec_vector(id), vectors / (std::string(id) + ".json"));
  }
  const std::string whole = read_text(spec_vector("spec-07-reject-invalid-blocks"));
  write_text(vectors / "truncated.json", whole.substr(0, whole.size() / 3));
  const auto adapter = dir / "adapter.sh";
  write_text(adapter, kHostileAdapter);
  std::filesystem::permissions(adapter, std::filesystem::perms::owner_all);

  const CliResult r = run_cli(
      {"run", vectors.string(), "--adapter", adapter.string(), "--timeout", "0.5"});
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_EQ(summary_line(r.out), "0 passed, 0 failed, 0 xfailed, 1 skipped, 6 errors") << r.out;

  const auto results = run_deterministic(
      dir, {"run", vectors.string(), "--adapter", adapter.string(), "--timeout", "0.5"}, 2, 1);
  const std::map<std::string, std::pair<std::string, std::string>> want = {
      {"spec-01-single-chain-from-genesis", {"error", "not JSON: not json"}},
      {"spec-02-single-chain-from-middle", {"error", "timed out waiting for the adapter"}},
      {"spec-03-forks-from-genesis",
       {"error", "the adapter closed its stdout (it exited with status 5)\nadapter stderr (last "
                 "bytes):\nboom"}},
      {"spec-04-forks-from-middle", {"error", "a request for peer 42, which does not exist"}},
      {"spec-05-forks-by-backfilling", {"skip", "declined"}},
      {"spec-06-multiple-peers-from-genesis",
       {"error", "names a block the adapter was never given"}},
      {"truncated", {"error", "truncated.json: malformed JSON at byte"}},
  };
  ASSERT_EQ(results.size(), want.size());
  for (const auto& [id, expected] : want) {
    const auto it = results.find(id);
    ASSERT_NE(it, results.end()) << id;
    EXPECT_EQ(it->second["outcome"], expected.first) << id;
    EXPECT_NE(it->second["message"].get<std::string>().find(expected.second), std::string::npos)
        << id << ": " << it->second["message"];
    if (expected.first == "error") {
      EXPECT_TRUE(it->second["tip"].is_null()) << id;
    }
  }
}

TEST(CliReliability, ReferenceAdapterReportsAreByteIdenticalAcrossRunsAndShards) {
#ifndef CSC_REFERENCE_ADAPTER
  GTEST_SKIP() << "built without the adapter client (harness/adapter.cmake)";
#else
  const auto dir = scratch_dir("adapter-determinism");
  const auto results = run_deterministic(
      dir, {"run", corpus_dir().string(), "--adapter", std::string("'") + CSC_REFERENCE_ADAPTER + "'"},
      3, 0);
  EXPECT_GE(results.size(), 40u);
  for (const auto& [id, record] : results) EXPECT_EQ(record["outcome"], "pass") << id;
#endif
}

}  // namespace
}  // namespace cryptarchia::harness::test
