// `harness replay FILE`: one vector step by step: the drawing, every
// request, answer and failure, the result and its difference from the
// expectation. With --diff, an adapter's requests against the in-process
// profile's (cli_replay_diff.cpp).
#include "cli.hpp"
#include "cryptarchia/harness/subprocess.hpp"
#include "cryptarchia/vectors/vector_io.hpp"
#include "expectation_for.hpp"
#include "judge.hpp"
#include "show.hpp"
#include "vector_selection.hpp"

namespace cryptarchia::harness {

namespace {

// The protocol lines before an adapter's error: enough to see what it sent.
constexpr std::size_t kProtocolTail = 10;

int replay(const ReplayOptions& options, std::ostream& out) {
  Scenario s;
  try {
    s = vectors::load_vector(options.file);
  } catch (const vectors::VectorError& e) {
    throw UsageError(e.what());
  }
  if (options.diff) return replay_diff(s, options, out);
  const std::unique_ptr<Implementation> impl = make_implementation(options.impl);
  out << draw_text(s) << "\n";
  out << "replaying with " << impl->name() << " (judged as " << to_string(impl->judged_as())
      << "):\n";
  const CaseOutcome outcome = impl->run(s, true);
  for (const std::string& line : outcome.log) out << "  " << line << "\n";
  if (outcome.kind == CaseOutcome::Kind::Skipped) {
    out << "skipped: " << outcome.message << "\n";
    return kExitOk;
  }
  if (outcome.kind == CaseOutcome::Kind::Error) {
    out << "error: " << outcome.message << "\n";
    const std::vector<std::string>& lines = outcome.protocol_log;
    if (!lines.empty()) out << "the last protocol lines exchanged with the adapter:\n";
    for (std::size_t i = lines.size() > kProtocolTail ? lines.size() - kProtocolTail : 0;
         i < lines.size(); ++i) {
      out << "  " << lines[i] << "\n";
    }
    return kExitFailed;
  }
  out << "result: " << outcome.result.summary() << "\n";
  const JudgedExpectation expected = expectation_for(s, impl->judged_as());
  if (!expected.error.empty()) {
    out << "error: " << expected.error << "\n";
    return kExitFailed;
  }
  if (!expected.expectation) {
    out << expected.skip << ": nothing to compare\n";
    return kExitOk;
  }
  if (!expected.basis.empty()) out << "judged by " << expected.basis << "\n";
  const Verdict verdict = judge(s, *expected.expectation, outcome, impl->judged_as().variants);
  const std::vector<std::string>& diff = verdict.differences;
  if (diff.empty()) {
    out << "matches " << matched_text(*expected.expectation, verdict.matched.value_or(0)) << "\n";
    return kExitOk;
  }
  out << "differs from the expectation:\n";
  for (const std::string& d : diff) out << "  - " << d << "\n";
  return kExitFailed;
}

}  // namespace

int replay_command(const ReplayOptions& options, std::ostream& out, std::ostream& err) {
  return exit_status_of("replay", err, [&] { return replay(options, out); });
}

}  // namespace cryptarchia::harness
