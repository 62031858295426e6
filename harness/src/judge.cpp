#include "judge.hpp"

#include <algorithm>
#include <unordered_set>

namespace cryptarchia::harness {

std::vector<std::string> end_state_inconsistencies(const SyncResult& result,
                                                   const BlockCatalogue& blocks,
                                                   const Variants& follows) {
  std::vector<std::string> bad;
  const std::unordered_set<Id> tree(result.tree.begin(), result.tree.end());
  const auto name = [&](const Id& id) {
    return blocks.headers.count(id) ? blocks.label(id) : id.short_hex();
  };
  if (tree.count(result.tip) == 0) {
    bad.push_back("end state: the tip " + name(result.tip) + " is not in the tree");
  }
  std::unordered_set<Id> forks;
  for (const Id& f : result.forks) {
    if (!forks.insert(f).second) bad.push_back("end state: fork " + name(f) + " is listed twice");
    if (tree.count(f) == 0) bad.push_back("end state: fork " + name(f) + " is not in the tree");
    if (f == result.tip) bad.push_back("end state: the tip " + name(f) + " is listed as a fork");
  }
  if (follows.has(Variant::ReappliedBlockBecomesTip)) return bad;
  for (const Id& id : result.tree) {
    const auto it = blocks.headers.find(id);
    if (it == blocks.headers.end() || id == blocks.genesis) continue;
    if (forks.count(it->second.parent) != 0) {
      bad.push_back("end state: fork " + name(it->second.parent) + " is not a leaf: " + name(id) +
                    " in the tree is its child");
    }
  }
  return bad;
}

Verdict judge(const Scenario& scenario, const Expectation& expected, const CaseOutcome& outcome,
              const Variants& follows) {
  const SyncResult& result = outcome.result;
  Verdict v;
  v.differences = end_state_inconsistencies(result, BlockCatalogue(scenario), follows);
  // A sync may abort before it asks anything (an invalid checkpoint, say),
  // but one that completed has learned its peers' chains only by asking, and
  // one that would not stop was kept going by what its peers told it.
  if (result.end != SyncEnd::Aborted && !scenario.peers.empty() &&
      scenario.budget.max_requests > 0 && result.requests.requests() == 0) {
    v.differences.push_back("requests: a sync that ended " + std::string(to_string(result.end)) +
                            " made none, to any of the " +
                            std::to_string(scenario.peers.size()) + " peer(s)");
  }
  ExpectationMatch m = match_expectation(expected, result);
  v.differences.insert(v.differences.end(), m.mismatches.begin(), m.mismatches.end());
  if (outcome.budget_claimed && result.exhausted == Exhausted::Steps && m.matched) {
    const Expectation& e = *m.matched == 0 ? expected : expected.alternatives[*m.matched - 1];
    if (e.exhausted != Exhausted::Steps) {
      v.differences.push_back(
          "end: budget-exceeded, claimed after " + std::to_string(result.requests.requests()) +
          " request(s) though the harness refused none (budget: " +
          std::to_string(scenario.budget.max_requests) +
          " requests); only a vector whose expectation says the steps ran out accepts that");
    }
  }
  if (v.differences.empty()) v.matched = m.matched;
  return v;
}

}  // namespace cryptarchia::harness
