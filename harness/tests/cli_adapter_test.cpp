// `harness run --adapter`: the C++ reference adapter reaches the same
// verdicts as the reference in-process (when the adapter client is built).
#include <gtest/gtest.h>

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

// The ibd profile runs in-process; protocol 1.0 has no download request, so
// an adapter cannot be judged as ibd, and asking for it is a usage error,
// not a run in which every case errs.
TEST(CliAdapter, TheIbdProfileRunsInProcessOnlyForNow) {
  const std::string vector =
      (corpus_dir() / "errata" / "erratum-ibd-empty-batch-asked-again-forever.json").string();
  const CliResult in = run_cli({"run", vector, "--impl", "ibd"});
  EXPECT_EQ(in.code, 0) << in.out << in.err;
  EXPECT_NE(in.out.find("1 passed"), std::string::npos) << in.out;
  const CliResult ad = run_cli({"run", vector, "--impl", "ibd", "--adapter", "/bin/true"});
  EXPECT_EQ(ad.code, 2) << ad.out << ad.err;
  EXPECT_NE(ad.err.find("in-process only"), std::string::npos) << ad.err;
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
