// The JUnit and JSON reports.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

#include "cli_test_support.hpp"
#include "cryptarchia/vectors/vector_io.hpp"
#include "report.hpp"

namespace cryptarchia::harness::test {
namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(CliReports, JUnitHoldsOneTestcasePerVectorWithTheCounts) {
  const auto dir = scratch_dir("junit");
  save_in(dir, load_spec("spec-01-single-chain-from-genesis"));
  Scenario wrong = load_spec("spec-03-forks-from-genesis");
  wrong.id = "wrong-tip";
  wrong.expected[Profile::Reference].tip = wrong.genesis.header.id();
  save_in(dir, wrong);
  Scenario unexpected = load_spec("spec-02-single-chain-from-middle");
  unexpected.expected.erase(Profile::Reference);
  save_in(dir, unexpected);
  write_text(dir / "zz-broken.json", "[]");
  const auto xml = dir / "out.xml";
  ASSERT_EQ(run_cli({"run", dir.string(), "--junit", xml.string()}).code, 1);
  const std::string text = read_text(xml);
  EXPECT_EQ(text.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0), 0u);
  EXPECT_NE(text.find("<testsuite name=\"cryptarchia-sync\" tests=\"4\" failures=\"1\" "
                      "errors=\"1\" skipped=\"1\">"),
            std::string::npos)
      << text;
  EXPECT_EQ(count(text, "<testcase "), 4u);
  EXPECT_EQ(count(text, "<failure "), 1u);
  EXPECT_EQ(count(text, "<error "), 1u);
  EXPECT_EQ(count(text, "<skipped "), 1u);
  EXPECT_EQ(count(text, "classname=\"spec-example\""), 3u);
  // Every element opened is closed.
  EXPECT_EQ(count(text, "<testsuite "), count(text, "</testsuite>"));
  EXPECT_EQ(count(text, "<failure "), count(text, "</failure>"));
  EXPECT_EQ(count(text, "<error "), count(text, "</error>"));
}

TEST(CliReports, JUnitEscapesMarkup) {
  CaseReport c;
  c.id = "a<b";
  c.classname = "x&y";
  c.outcome = Outcome::Fail;
  c.message = "\"quoted\" 'and' <tagged>\x01";
  c.details = {"tip: expected <a>, got &b", "bytes \xff\xc3- then \xc3\xa9"};
  const std::string text = to_junit_report({c}, {"adapter 1.0", "spec"});
  EXPECT_NE(text.find("name=\"a&lt;b\""), std::string::npos) << text;
  EXPECT_NE(text.find("classname=\"x&amp;y\""), std::string::npos);
  EXPECT_NE(text.find("message=\"&quot;quoted&quot; &apos;and&apos; &lt;tagged&gt;?\""),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("tip: expected &lt;a&gt;, got &amp;b"), std::string::npos);
  EXPECT_EQ(text.find("<tagged>"), std::string::npos);
  EXPECT_NE(text.find("bytes ?" "?- then \xc3\xa9"), std::string::npos) << text;
}

// A CI system links `file` to the checkout, so it is relative to the
// working directory where the file lies under it, and absolute elsewhere.
TEST(CliReports, JUnitFilesAreRelativeToTheWorkingDirectory) {
  const auto cwd = std::filesystem::current_path();
  CaseReport inside;
  inside.id = "inside";
  inside.file = (cwd / "some" / "dir" / ".." / "v.json").string();
  CaseReport outside;
  outside.id = "outside";
  outside.file = "/nonexistent-root-dir/v.json";
  CaseReport relative;
  relative.id = "relative";
  relative.file = "vectors/x.json";
  const std::string text = to_junit_report({inside, outside, relative}, {"reference", "spec"});
  EXPECT_NE(text.find("name=\"inside\" file=\"some/v.json\""), std::string::npos) << text;
  EXPECT_NE(text.find("file=\"/nonexistent-root-dir/v.json\""), std::string::npos) << text;
  EXPECT_NE(text.find("file=\"vectors/x.json\""), std::string::npos) << text;
}

// Times only on request: without --junit-times the report is byte-stable.
TEST(CliReports, JUnitTimesOnlyWithTheFlag) {
  const auto dir = scratch_dir("junit-times");
  save_in(dir, load_spec("spec-01-single-chain-from-genesis"));
  save_in(dir, load_spec("spec-03-forks-from-genesis"));
  const auto plain = dir / "plain.xml";
  const auto again = dir / "again.xml";
  const auto timed = dir / "timed.xml";
  ASSERT_EQ(run_cli({"run", dir.string(), "--junit", plain.string()}).code, 0);
  ASSERT_EQ(run_cli({"run", dir.string(), "--junit", again.string()}).code, 0);
  ASSERT_EQ(run_cli({"run", dir.string(), "--junit", timed.string(), "--junit-times"}).code, 0);
  EXPECT_EQ(read_text(plain), read_text(again));
  EXPECT_EQ(count(read_text(plain), "time=\""), 0u);
  const std::string text = read_text(timed);
  EXPECT_EQ(count(text, "time=\""), 3u) << text;  // the suite and both cases
  EXPECT_TRUE(std::regex_search(text, std::regex("<testcase [^>]*time=\"[0-9]+\\.[0-9]{3}\"")))
      << text;
  // The vectors lie under the working directory: no absolute paths.
  EXPECT_EQ(text.find("file=\"/"), std::string::npos) << text;
}

TEST(CliReports, JsonHoldsTheOutcomeOfEveryVector) {
  const auto dir = scratch_dir("json");
  const auto json = dir / "out.json";
  ASSERT_EQ(run_cli({"run", (corpus_dir() / "spec").string(), "--json", json.string()}).code, 0);
  const auto doc = nlohmann::json::parse(read_text(json));
  EXPECT_EQ(doc["suite"], "cryptarchia-sync");
  EXPECT_EQ(doc["implementation"], "reference");
  EXPECT_EQ(doc["judged_as"], "reference");
  EXPECT_EQ(doc["summary"]["passed"], 13);
  ASSERT_EQ(doc["results"].size(), 13u);
  const auto& first = doc["results"][0];
  EXPECT_EQ(first["id"], "spec-01-single-chain-from-genesis");
  EXPECT_EQ(first["outcome"], "pass");
  EXPECT_EQ(first["end"], "completed");
  EXPECT_TRUE(std::regex_match(first["tip"].get<std::string>(), std::regex("[0-9a-f]{64}")));
  EXPECT_GT(first["requests"].get<int>(), 0);
  EXPECT_EQ(first["file"], spec_vector("spec-01-single-chain-from-genesis").string());
}

TEST(CliReports, BothReportsRecordTheProfileJudgedAgainst) {
  const auto dir = scratch_dir("judged-as");
  const CliResult r = run_cli({"run", spec_vector("spec-01-single-chain-from-genesis").string(),
                               "--impl", "seed", "--json", (dir / "out.json").string(), "--junit",
                               (dir / "out.xml").string()});
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(nlohmann::json::parse(read_text(dir / "out.json"))["judged_as"], "seed");
  const std::string xml = read_text(dir / "out.xml");
  EXPECT_NE(xml.find("<property name=\"judged_as\" value=\"seed\"/>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<property name=\"implementation\" value=\"seed\"/>"), std::string::npos);
  // JUnit puts properties before the test cases.
  EXPECT_LT(xml.find("<properties>"), xml.find("<testcase "));
}

TEST(CliReports, UnwritableReportIsAHarnessError) {
  const CliResult r = run_cli({"run", spec_vector("spec-01-single-chain-from-genesis").string(),
                               "--json", "/nonexistent/dir/out.json"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("/nonexistent/dir/out.json"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace cryptarchia::harness::test
