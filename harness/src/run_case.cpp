#include "run_case.hpp"

#include <chrono>
#include <exception>
#include <set>

#include "cryptarchia/harness/subprocess.hpp"
#include "expectation_for.hpp"
#include "judge.hpp"

namespace cryptarchia::harness {

namespace {

void fill_from_outcome(CaseReport& report, const Scenario& scenario, const Expectation& expected,
                       const std::string& basis, const Variants& follows,
                       const CaseOutcome& outcome) {
  const bool fold_order_open = follows.has(Variant::FoldOverAllTips);
  switch (outcome.kind) {
    case CaseOutcome::Kind::Skipped:
      report.outcome = Outcome::Skip;
      report.message = "skipped by the implementation: " + outcome.message;
      return;
    case CaseOutcome::Kind::Error:
      report.outcome = Outcome::Error;
      report.message = outcome.message.empty() ? "the implementation failed" : outcome.message;
      return;
    case CaseOutcome::Kind::Ran: break;
  }
  const SyncResult& r = outcome.result;
  report.end = std::string(to_string(r.end));
  report.tip = r.tip.hex();
  report.requests = r.requests.requests();
  const Verdict verdict = judge(scenario, expected, outcome, follows);
  report.details = verdict.differences;
  if (report.details.empty()) {
    report.outcome = Outcome::Pass;
    if (verdict.matched && *verdict.matched != 0) {
      report.message = "matched " + matched_text(expected, *verdict.matched) +
                       (fold_order_open
                            ? " (the order of same-slot orphans, or of the tips the fold over "
                              "all tips visits, is left open)"
                            : " (the spec leaves the order of same-slot orphans open)");
    }
  } else {
    report.outcome = Outcome::Fail;
    report.message = std::to_string(report.details.size()) + " difference(s) from the expectation";
  }
  if (!basis.empty()) {
    report.message += std::string(report.message.empty() ? "" : "; ") + "judged by " + basis;
  }
}

}  // namespace

CaseReport run_case(Implementation& impl, const LoadedVector& vector) {
  CaseReport report;
  report.file = vector.file.string();
  report.classname = "vectors";
  if (!vector.scenario) {
    report.id = vector.file.stem().string();
    report.outcome = Outcome::Error;
    report.message = "cannot load: " + vector.load_error;
    return report;
  }
  const Scenario& s = *vector.scenario;
  report.id = s.id;
  if (!s.tags.empty()) report.classname = s.tags.front();
  const JudgedExpectation expected = expectation_for(s, impl.judged_as());
  if (!expected.error.empty()) {
    report.outcome = Outcome::Error;
    report.message = expected.error;
    return report;
  }
  if (!expected.expectation) {
    report.outcome = Outcome::Skip;
    report.message = expected.skip;
    return report;
  }
  const auto start = std::chrono::steady_clock::now();
  try {
    fill_from_outcome(report, s, *expected.expectation, expected.basis,
                      impl.judged_as().variants, impl.run(s, false));
  } catch (const ProtocolVersionMismatch&) {
    throw;
  } catch (const std::exception& e) {
    report.outcome = Outcome::Error;
    report.message = std::string("the harness could not run the case: ") + e.what();
  }
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

void apply_expected_failures(CaseReport& report, const ExpectedFailures& expected,
                             const std::string& list_file) {
  const auto it = expected.find(report.id);
  if (it == expected.end()) return;
  if (report.outcome == Outcome::Fail || report.outcome == Outcome::Error) {
    report.outcome = Outcome::XFail;
    report.message = "expected failure (" + it->second + "): " + report.message;
  } else if (report.outcome == Outcome::Pass) {
    report.outcome = Outcome::Fail;
    report.message = "XPASS: no longer fails; remove it from " + list_file + " (listed because: " +
                     it->second + ")";
  }
}

std::vector<CaseReport> stale_expected_failures(const std::vector<CaseReport>& run,
                                                const ExpectedFailures& expected,
                                                const std::string& list_file) {
  std::set<std::string> ids;
  for (const CaseReport& c : run) ids.insert(c.id);
  std::vector<CaseReport> out;
  for (const StaleEntry& entry : stale_entries(expected, ids, "vector of this run")) {
    CaseReport report;
    report.id = entry.id;
    report.file = list_file;
    report.classname = "expected-failures";
    report.outcome = Outcome::Fail;
    report.message = entry.message + "; remove it from " + list_file;
    out.push_back(std::move(report));
  }
  return out;
}

}  // namespace cryptarchia::harness
