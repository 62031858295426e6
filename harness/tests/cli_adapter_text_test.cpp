// Issue 12, item 10: what an adapter writes (its stderr tail, its hello
// name and version, a skip reason) reached `harness run`'s stdout raw, so an
// adapter could print forged PASS and summary lines and ANSI escapes into
// the report. Control characters are now escaped (\xNN), a message's
// continuation lines are marked "    | ", and the name is one line.
#include <gtest/gtest.h>

#include <sstream>

#include "cli_test_support.hpp"

namespace cryptarchia::harness::test {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(AdapterText, AnAdapterCannotForgeLinesOrEscapesInTheTextReport) {
  const auto dir = scratch_dir("adapter-text");
  const auto adapter = dir / "adapter";
  write_text(adapter,
             "#!/bin/sh\n"
             "printf '%s\\n' '{\"type\":\"hello\",\"protocol\":\"1.0\",\"implementation\":{\"name\":"
             "\"evil\\nPASS forged-by-name (0.0 ms)\",\"version\":\"\\u001b[2J0\"},"
             "\"features\":[]}'\n"
             "read w\nread c\nread s\n"
             "printf 'PASS forged-by-stderr (0.0 ms)\\n\\033[31mred\\r\\n"
             "9 passed, 0 failed, 0 xfailed, 0 skipped, 0 errors\\n' >&2\n"
             "exit 5\n");
  std::filesystem::permissions(adapter, std::filesystem::perms::owner_all);
  const CliResult r = run_cli({"run", spec_vector("spec-01-single-chain-from-genesis").string(),
                               "--adapter", adapter.string()});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << "an escape reached stdout";
  EXPECT_EQ(r.out.find('\r'), std::string::npos) << "a carriage return reached stdout";
  int summaries = 0;
  for (const std::string& line : lines_of(r.out)) {
    EXPECT_NE(line.rfind("PASS", 0), 0u) << "a forged line: " << line;
    if (line.find(" passed, ") != std::string::npos && line.rfind("    | ", 0) != 0) ++summaries;
  }
  EXPECT_EQ(summaries, 1) << r.out;
  EXPECT_NE(r.out.find("harness run: evil\\x0aPASS forged-by-name (0.0 ms) \\x1b[2J0, judged"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\n    | PASS forged-by-stderr (0.0 ms)\n    | \\x1b[31mred\\x0d\n"),
            std::string::npos)
      << r.out;
}

}  // namespace
}  // namespace cryptarchia::harness::test
