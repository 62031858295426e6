// The results of a `run`, and the three ways they are written: the human
// summary on stdout, JSON and JUnit XML. The files hold nothing that varies
// between runs (no times), so the same vectors always give the same bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace cryptarchia::harness {

enum class Outcome { Pass, Fail, XFail, Skip, Error };
std::string_view to_string(Outcome outcome);

struct CaseReport {
  std::string id;         // the vector id (the file name when it did not load)
  std::string file;       // as found under the paths given
  std::string classname;  // the vector's first tag, or "vectors"
  Outcome outcome = Outcome::Pass;
  std::string message;               // one line: why it failed, skipped or errored
  std::vector<std::string> details;  // the mismatches, one per line
  // What the implementation reached, when it ran the case.
  std::optional<std::string> end;
  std::optional<std::string> tip;  // full hex
  std::optional<std::uint64_t> requests;
  double seconds = 0;  // stdout, and JUnit with --junit-times
};

struct Totals {
  std::size_t passed = 0, failed = 0, xfailed = 0, skipped = 0, errors = 0;
};
Totals totals(const std::vector<CaseReport>& cases);

// One line per case (and its details), then how many of `cases` ran (the
// rest are stale expected failures, which run nothing), and
// "N passed, N failed, N xfailed, N skipped, N errors".
// Text an adapter wrote, safe to print: every control character (a newline
// too, unless `keep_newlines`) and DEL as \xNN, so that it can neither
// move the cursor nor colour the terminal.
std::string printable(std::string_view text, bool keep_newlines = false);
// One line per case; the message's further lines (an adapter's stderr) are
// each marked "    | ", so that none can pass for a line of the report.
void write_case_line(std::ostream& out, const CaseReport& c);
void write_summary(std::ostream& out, const std::vector<CaseReport>& cases, std::size_t ran,
                   double seconds);

// Whom a report is about, written into both report files.
struct ReportSubject {
  std::string implementation;  // "reference", or the adapter's name and version
  std::string judged_as;       // the profile outcomes were judged against, or "properties"
};
std::string to_json_report(const std::vector<CaseReport>& cases, const ReportSubject& subject);
// JUnit: `file` relative to the working directory when the file lies under
// it (CI systems link it to the checkout); with `times`, each testcase and
// the suite carry time="seconds" (off by default, so that the same run
// gives the same bytes).
struct JunitOptions {
  bool times = false;
};
std::string to_junit_report(const std::vector<CaseReport>& cases, const ReportSubject& subject,
                            JunitOptions options = {});

}  // namespace cryptarchia::harness
