// One vector against one implementation, judged: the report of one case.
#pragma once

#include <string>
#include <vector>

#include "cryptarchia/harness/implementation.hpp"
#include "expected_failures.hpp"
#include "report.hpp"
#include "vector_selection.hpp"

namespace cryptarchia::harness {

// Never throws for anything the implementation does, except
// ProtocolVersionMismatch, which ends the whole run.
CaseReport run_case(Implementation& impl, const LoadedVector& vector);

// Turns a failure of a listed vector into an xfail, and a pass of one into
// a failure ("XPASS"), so that the list is kept up to date.
void apply_expected_failures(CaseReport& report, const ExpectedFailures& expected,
                             const std::string& list_file);

// A failing case for each entry of the list that names none of the cases
// run, so that a misspelt or removed vector does not hide in the list.
std::vector<CaseReport> stale_expected_failures(const std::vector<CaseReport>& run,
                                                const ExpectedFailures& expected,
                                                const std::string& list_file);

}  // namespace cryptarchia::harness
