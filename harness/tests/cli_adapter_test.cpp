// `harness run --adapter`: the C++ reference adapter reaches the same
// verdicts as the reference in-process (when the adapter client is built).
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "cli_test_support.hpp"
#include "vector_selection.hpp"

namespace cryptarchia::harness::test {
namespace {

TEST(CliAdapter, ReferenceAdapterAgreesWithTheInProcessReference) {
#ifndef CSC_REFERENCE_ADAPTER
  GTEST_SKIP() << "built without the adapter client (harness/adapter.cmake)";
#else
  const auto dir = scratch_dir("adapter");
  const auto in_json = dir / "in-process.json";
  const auto ad_json = dir / "adapter.json";
  const CliResult in = run_cli({"run", corpus_dir().string(), "--json", in_json.string()});
  const CliResult ad = run_cli({"run", corpus_dir().string(), "--adapter",
                                std::string("'") + CSC_REFERENCE_ADAPTER + "'", "--json",
                                ad_json.string()});
  ASSERT_EQ(in.code, 0) << in.out;
  EXPECT_EQ(ad.code, 0) << ad.out << ad.err;
  EXPECT_EQ(summary_line(ad.out), summary_line(in.out));
  const auto in_doc = nlohmann::json::parse(read_text(in_json));
  const auto ad_doc = nlohmann::json::parse(read_text(ad_json));
  ASSERT_EQ(in_doc["results"].size(), ad_doc["results"].size());
  for (std::size_t i = 0; i < in_doc["results"].size(); ++i) {
    const auto& a = in_doc["results"][i];
    const auto& b = ad_doc["results"][i];
    EXPECT_EQ(a["id"], b["id"]);
    EXPECT_EQ(a["outcome"], b["outcome"]) << a["id"];
    EXPECT_EQ(a["tip"], b["tip"]) << a["id"];
    EXPECT_EQ(a["end"], b["end"]) << a["id"];
  }
#endif
}

// A vector with a schedule (format 1.2): the harness plays it for the
// adapter as the peers do in-process. spec-01's only peer joins at time 1,
// after the reference's first stream failed: the sync ends at genesis,
// where without the schedule it ends at the last block.
TEST(CliAdapter, TheHarnessPlaysAVectorsSchedule) {
#ifndef CSC_REFERENCE_ADAPTER
  GTEST_SKIP() << "built without the adapter client (harness/adapter.cmake)";
#else
  Scenario s = load_spec("spec-01-single-chain-from-genesis");
  s.id = "schedule-late-join";
  s.expected.clear();
  s.schedule = {{1, 0, ScheduleEventKind::Join, nullptr, 0}};
  s.expected[Profile::Reference] = expectation_in_every_order(s, Profile::Reference);
  ASSERT_EQ(s.expected[Profile::Reference].tip, s.genesis.header.id());
  const auto dir = scratch_dir("adapter-schedule");
  const auto file = save_in(dir, s);
  EXPECT_NE(read_text(file).find("\"schedule\""), std::string::npos);
  const CliResult in = run_cli({"run", file.string(), "--impl", "reference"});
  EXPECT_EQ(in.code, 0) << in.out << in.err;
  const CliResult ad = run_cli({"run", file.string(), "--adapter",
                                std::string("'") + CSC_REFERENCE_ADAPTER + "'"});
  EXPECT_EQ(ad.code, 0) << ad.out << ad.err;
  EXPECT_EQ(summary_line(ad.out), summary_line(in.out));
#endif
}

TEST(CliAdapter, AdapterThatCannotStartIsAHarnessError) {
  const CliResult r = run_cli({"run", spec_vector("spec-01-single-chain-from-genesis").string(),
                               "--adapter", "/nonexistent/adapter --flag"});
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  EXPECT_FALSE(r.err.empty());
}

// Protocol 1.1: the reference adapter with --profile ibd sends `download`
// requests, and the harness serves them as its peers do in-process, faults
// included: the same verdict, tip and end for every vector of the errata,
// those without an ibd expectation included.
TEST(CliAdapter, TheReferenceAdapterJudgedAsIbdAgreesWithTheInProcessIbd) {
#ifndef CSC_REFERENCE_ADAPTER
  GTEST_SKIP() << "built without the adapter client (harness/adapter.cmake)";
#else
  const auto dir = scratch_dir("adapter-ibd");
  const auto in_json = dir / "in-process.json";
  const auto ad_json = dir / "adapter.json";
  const std::string errata = (corpus_dir() / "errata").string();
  const CliResult in = run_cli({"run", errata, "--impl", "ibd", "--json", in_json.string()});
  const CliResult ad = run_cli({"run", errata, "--impl", "ibd", "--adapter",
                                std::string("'") + CSC_REFERENCE_ADAPTER + "' --profile ibd",
                                "--json", ad_json.string()});
  EXPECT_EQ(ad.code, in.code) << in.out << ad.out << ad.err;
  EXPECT_EQ(summary_line(ad.out), summary_line(in.out));
  const auto in_doc = nlohmann::json::parse(read_text(in_json));
  const auto ad_doc = nlohmann::json::parse(read_text(ad_json));
  ASSERT_EQ(in_doc["results"].size(), ad_doc["results"].size());
  std::size_t passed = 0;
  for (std::size_t i = 0; i < in_doc["results"].size(); ++i) {
    const auto& a = in_doc["results"][i];
    const auto& b = ad_doc["results"][i];
    EXPECT_EQ(a["id"], b["id"]);
    EXPECT_EQ(a["outcome"], b["outcome"]) << a["id"];
    EXPECT_EQ(a["tip"], b["tip"]) << a["id"];
    EXPECT_EQ(a["end"], b["end"]) << a["id"];
    EXPECT_EQ(a["requests"], b["requests"]) << a["id"];
    if (b["outcome"] == "pass") ++passed;
  }
  // The four ibd errata are judged, and pass, through the adapter.
  EXPECT_GE(passed, 4u) << ad.out;
#endif
}

// An adapter judged as ibd that cannot send `download` (a 1.0 hello, no
// feature) is an error of every case, naming the adapter and the feature:
// never a pass, nor a skip that leaves the run green.
TEST(CliAdapter, AnAdapterJudgedAsIbdWithoutTheDownloadFeatureErrsOnEveryCase) {
  const auto dir = scratch_dir("adapter-ibd-undeclared");
  const auto script = dir / "adapter";
  write_text(script,
             "#!/bin/sh\n"
             R"(echo '{"type":"hello","protocol":"1.0","implementation":{"name":"old-node",)"
             R"("version":"9"},"features":["checkpoint","online","sync-again"]}')"
             "\nread welcome\ncat >/dev/null\n");
  std::filesystem::permissions(script, std::filesystem::perms::owner_all);
  const std::string vector =
      (corpus_dir() / "errata" / "erratum-ibd-empty-batch-asked-again-forever.json").string();
  const CliResult r = run_cli({"run", vector, "--impl", "ibd", "--adapter", script.string()});
  EXPECT_NE(r.code, 0) << r.out << r.err;
  EXPECT_NE(summary_line(r.out).find("1 errors"), std::string::npos) << r.out;
  const std::string all = r.out + r.err;
  EXPECT_NE(all.find("old-node 9 is judged as ibd"), std::string::npos) << all;
  EXPECT_NE(all.find("does not declare the feature \"download\""), std::string::npos) << all;
}

TEST(CliAdapter, SplitsTheAdapterCommandLikeAShell) {
  using Words = std::vector<std::string>;
  EXPECT_EQ(split_command("  python3   a.py  "), (Words{"python3", "a.py"}));
  EXPECT_EQ(split_command("a 'b c' \"d\\\"e\" f\\ g ''"), (Words{"a", "b c", "d\"e", "f g", ""}));
  EXPECT_THROW(split_command("a\\"), UsageError);
  const CliResult r = run_cli({"run", corpus_dir().string(), "--adapter", "\"unterminated"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("unbalanced"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace cryptarchia::harness::test
