// Issue 12, item 8: report files. A report is written whole or not at all
// (to a temporary file in its directory, then renamed over the path); a
// report path that is also the other report, an input vector or the
// expected-failures list is refused before anything runs; and a report
// that cannot be written is found before the run, not after it.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"

namespace cryptarchia::harness::test {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string spec01() { return spec_vector("spec-01-single-chain-from-genesis").string(); }

ino_t inode(const std::filesystem::path& file) {
  struct stat st {};
  return ::stat(file.c_str(), &st) == 0 ? st.st_ino : 0;
}

TEST(ReportFiles, AReportIsRenamedIntoPlaceAndLeavesNoTemporaryFile) {
  const auto dir = scratch_dir("report-rename");
  const auto json = dir / "report.json";
  write_text(json, "{\"old\": true}");
  const ino_t before = inode(json);
  const CliResult r = run_cli({"run", spec01(), "--json", json.string(), "--junit",
                               (dir / "report.xml").string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(inode(json), before) << "the report was written in place, not renamed into place";
  EXPECT_TRUE(nlohmann::json::parse(read_text(json), nullptr, false).is_object());
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 2u) << "a temporary file is left";
}

TEST(ReportFiles, TheSamePathForBothReportsIsRefusedBeforeTheRun) {
  const auto dir = scratch_dir("report-same");
  const auto both = dir / "report";
  const CliResult r = run_cli({"run", spec01(), "--json", both.string(), "--junit",
                               (dir / "." / "report").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(contains(r.err, "--json and --junit name the same file")) << r.err;
  EXPECT_FALSE(contains(r.out, "PASS")) << r.out;
  EXPECT_FALSE(std::filesystem::exists(both));
}

TEST(ReportFiles, AnInputOfTheRunIsNeverOverwritten) {
  const auto dir = scratch_dir("report-input");
  const auto vector = dir / "v.json";
  const std::string text = read_text(spec01());
  write_text(vector, text);
  const auto list = dir / "expected-failures.txt";
  write_text(list, "# none\n");
  for (const auto& [option, path] :
       {std::pair<std::string, std::filesystem::path>{"--json", vector},
        std::pair<std::string, std::filesystem::path>{"--junit", dir / ".." / dir.filename() / "v.json"},
        std::pair<std::string, std::filesystem::path>{"--json", list}}) {
    const CliResult r = run_cli({"run", dir.string(), "--expected-failures", list.string(), option,
                                 path.string()});
    EXPECT_EQ(r.code, 2) << option << " " << path;
    EXPECT_TRUE(contains(r.err, option + " " + path.string() + ": is an input of the run")) << r.err;
    EXPECT_FALSE(contains(r.out, "PASS")) << r.out;
  }
  EXPECT_EQ(read_text(vector), text);
  EXPECT_EQ(read_text(list), "# none\n");
}

TEST(ReportFiles, AReportThatCannotBeWrittenIsFoundBeforeTheRun) {
  const auto dir = scratch_dir("report-unwritable");
  const auto json = dir / "no-such-dir" / "report.json";
  const CliResult r = run_cli({"run", spec01(), "--json", json.string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(contains(r.err, "cannot write the JSON report to " + json.string())) << r.err;
  EXPECT_FALSE(contains(r.out, "PASS")) << "the run went ahead: " << r.out;
}

}  // namespace
}  // namespace cryptarchia::harness::test
