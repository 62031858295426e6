// Judging one case: the outcome an implementation reached against the
// expectation of the profile it is judged as. Works from the SyncResult
// alone (an adapter has no Follower to inspect), and the scenario's blocks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "block_catalogue.hpp"
#include "cryptarchia/harness/implementation.hpp"
#include "cryptarchia/scenario.hpp"

namespace cryptarchia::harness {

struct Verdict {
  std::vector<std::string> differences;  // empty when the case passed
  std::optional<std::size_t> matched;    // which allowed outcome (match_expectation)
};

// The case's verdict (for a case the implementation ran): the end state must
// be consistent (end_state_inconsistencies), a sync that completed against
// peers must have asked them something, a budget-exceeded the harness never
// caused passes only where the expectation says the steps ran out, and the
// result must match the expectation or one of its alternatives. Abort reasons the
// expectation pins must be reported: an adapter that does not say why it
// aborted fails a vector that pins them.
// `follows`: the variants the implementation is judged as following; with
// reapplied-block-becomes-tip a fork may have children (end_state_inconsistencies).
Verdict judge(const Scenario& scenario, const Expectation& expected, const CaseOutcome& outcome,
              const Variants& follows = {});

// What any end state must satisfy, whatever a vector expects: the tip and
// every fork are in the tree, the forks are distinct, the tip is not among
// them, and no stored block is a child of a fork (forks are leaves). Parents
// come from `blocks`; ids it does not know are not checked for leaves. A node
// that follows reapplied-block-becomes-tip keeps re-received interior blocks
// among its tips (docs/VARIANTS.md, phantom tips): then forks need not be leaves.
std::vector<std::string> end_state_inconsistencies(const SyncResult& result,
                                                   const BlockCatalogue& blocks,
                                                   const Variants& follows = {});

}  // namespace cryptarchia::harness
