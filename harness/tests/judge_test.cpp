// The judge's rules, one at a time: each test starts from an outcome the
// judge accepts (the profile's own result on a corpus vector) and changes
// one thing an adapter could get wrong, which must turn the verdict to fail.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "judge.hpp"
#include "cryptarchia/vectors/vector_io.hpp"

namespace cryptarchia::harness {
namespace {

Scenario corpus(const std::string& relative) {
  return vectors::load_vector(std::string(CSC_CORPUS_DIR) + "/" + relative);
}

// The in-process profile's outcome on the scenario, as an adapter would
// report it.
CaseOutcome outcome_of(const Scenario& s, Profile profile) {
  CaseOutcome o;
  o.result = run_scenario(s, profile).result;
  return o;
}

bool mentions(const Verdict& v, const std::string& text) {
  return std::any_of(v.differences.begin(), v.differences.end(),
                     [&](const std::string& d) { return d.find(text) != std::string::npos; });
}

// Keeps the failing line and every difference in the failure message.
#define EXPECT_FAILS_WITH(verdict, text)                                          \
  do {                                                                            \
    const Verdict& v_ = (verdict);                                                \
    std::string all_;                                                             \
    for (const std::string& d_ : v_.differences) all_ += "\n  " + d_;             \
    EXPECT_TRUE(mentions(v_, text)) << "wanted a difference naming \"" << (text) \
                                    << "\", got:" << all_;                        \
  } while (0)

// spec-03: g - a1 - a2 - a3 and g - b1 - b2 (the lighter fork).
TEST(Judge, TheProfilesOwnOutcomePasses) {
  for (const char* file : {"spec/spec-03-forks-from-genesis.json",
                           "spec/spec-13-checkpoint-invalid-ancestry.json",
                           "errata/erratum-progress-judged-by-peer-claims.json"}) {
    const Scenario s = corpus(file);
    for (const auto& [profile, expected] : s.expected) {
      const Verdict v = judge(s, expected, outcome_of(s, profile));
      EXPECT_TRUE(v.differences.empty()) << file << " " << to_string(profile);
      EXPECT_EQ(v.matched, std::optional<std::size_t>(0)) << file;
    }
  }
}

TEST(Judge, TheTipListedAsAForkFails) {
  const Scenario s = corpus("spec/spec-03-forks-from-genesis.json");
  CaseOutcome o = outcome_of(s, Profile::Spec);
  ASSERT_FALSE(o.result.forks.empty());
  o.result.forks.push_back(o.result.tip);
  EXPECT_FAILS_WITH(judge(s, s.expected.at(Profile::Spec), o), "is listed as a fork");
}

TEST(Judge, AForkListedTwiceFails) {
  const Scenario s = corpus("spec/spec-03-forks-from-genesis.json");
  CaseOutcome o = outcome_of(s, Profile::Spec);
  ASSERT_FALSE(o.result.forks.empty());
  o.result.forks.push_back(o.result.forks.front());
  EXPECT_FAILS_WITH(judge(s, s.expected.at(Profile::Spec), o), "is listed twice");
}

TEST(Judge, ATipOutsideTheTreeFails) {
  const Scenario s = corpus("spec/spec-03-forks-from-genesis.json");
  CaseOutcome o = outcome_of(s, Profile::Spec);
  o.result.tree.erase(std::find(o.result.tree.begin(), o.result.tree.end(), o.result.tip));
  EXPECT_FAILS_WITH(judge(s, s.expected.at(Profile::Spec), o), "is not in the tree");
}

// A fork's parent reported as a fork too: a block of the tree is its child.
TEST(Judge, AForkThatIsNotALeafFails) {
  const Scenario s = corpus("spec/spec-03-forks-from-genesis.json");
  CaseOutcome o = outcome_of(s, Profile::Spec);
  ASSERT_FALSE(o.result.forks.empty());
  const BlockCatalogue blocks(s);
  const Id parent = blocks.headers.at(o.result.forks.front()).parent;
  ASSERT_NE(parent, blocks.genesis);
  o.result.forks.push_back(parent);
  EXPECT_FAILS_WITH(judge(s, s.expected.at(Profile::Spec), o), "is not a leaf");
}

// A node that re-applies known blocks (reapplied-block-becomes-tip) keeps
// interior blocks among its tips: the same end state is no inconsistency
// when judged by that variant (the vector still decides which forks).
TEST(Judge, AForkWithChildrenIsNoInconsistencyForANodeThatReappliesBlocks) {
  const Scenario s = corpus("spec/spec-03-forks-from-genesis.json");
  CaseOutcome o = outcome_of(s, Profile::Spec);
  const BlockCatalogue blocks(s);
  o.result.forks.push_back(blocks.headers.at(o.result.forks.front()).parent);
  Variants reapplied = Variants::engine();
  reapplied.add(Variant::ReappliedBlockBecomesTip);
  EXPECT_TRUE(end_state_inconsistencies(o.result, blocks, reapplied).empty());
  EXPECT_FALSE(end_state_inconsistencies(o.result, blocks, Variants::engine()).empty());
  EXPECT_FALSE(mentions(judge(s, s.expected.at(Profile::Spec), o, reapplied), "is not a leaf"));
}

// spec-13 pins the abort kind: an abort that does not say why fails it even
// though the end, tip, forks and tree are right.
TEST(Judge, AnAbortWithoutItsPinnedKindFails) {
  const Scenario s = corpus("spec/spec-13-checkpoint-invalid-ancestry.json");
  const Expectation& expected = s.expected.at(Profile::Spec);
  ASSERT_EQ(expected.end, SyncEnd::Aborted);
  ASSERT_TRUE(expected.abort_kind.has_value());
  CaseOutcome o = outcome_of(s, Profile::Spec);
  ASSERT_TRUE(o.result.abort.has_value());
  o.result.abort->details_known = false;
  EXPECT_FAILS_WITH(judge(s, expected, o), "did not say why it aborted");
}

// A budget-exceeded the harness never caused, with requests left, where the
// expectation says the requests ran out.
TEST(Judge, AnUnrefusedBudgetClaimWithRequestsLeftFails) {
  const Scenario s = corpus("generated/generated-000.json");
  Expectation expected = s.expected.at(Profile::Spec);
  ASSERT_EQ(expected.end, SyncEnd::BudgetExceeded);
  ASSERT_EQ(expected.exhausted, Exhausted::Requests);
  CaseOutcome o = outcome_of(s, Profile::Spec);
  o.result.requests = RequestCounts{1, 1, 0, 3};
  o.result.exhausted = Exhausted::Steps;
  o.budget_claimed = true;
  EXPECT_FAILS_WITH(judge(s, expected, o), "exhausted: expected requests, got steps");
  // A 1.0 vector does not say what ran out: the claim itself fails.
  expected.exhausted.reset();
  EXPECT_FAILS_WITH(judge(s, expected, o), "though the harness refused none");
}

// Where the spec itself spins without asking (generated-019, seed), the
// claim is accepted, but only from an adapter that asked something.
TEST(Judge, ABudgetClaimWhereTheStepsRunOutPassesOnlyAfterRequests) {
  const Scenario s = corpus("generated/generated-019.json");
  const Expectation& expected = s.expected.at(Profile::Seed);
  ASSERT_EQ(expected.exhausted, Exhausted::Steps);
  CaseOutcome o = outcome_of(s, Profile::Seed);
  o.budget_claimed = true;
  EXPECT_TRUE(judge(s, expected, o).differences.empty());
  o.result.requests = RequestCounts{};
  EXPECT_FAILS_WITH(judge(s, expected, o), "made none, to any of the 1 peer(s)");
}

TEST(Judge, ACompletedSyncThatAskedNothingFails) {
  const Scenario s = corpus("spec/spec-01-single-chain-from-genesis.json");
  CaseOutcome o = outcome_of(s, Profile::Spec);
  ASSERT_EQ(o.result.end, SyncEnd::Completed);
  o.result.requests = RequestCounts{};
  EXPECT_FAILS_WITH(judge(s, s.expected.at(Profile::Spec), o), "made none");
}

// An alternative outcome matches, and the verdict says which one matched.
// No committed vector has alternatives since the generator gaps of issue 17
// item 6 were closed (the regenerated corpus has no seed-profile case whose
// same-slot orphans end differently by order), so the expectation is made
// here: its first outcome is the seed's on generated-001 with the forks in
// the other order, its alternative 1 the seed's own.
TEST(Judge, AnAlternativeMatchIsNamed) {
  const Scenario s = corpus("generated/generated-001.json");
  const Expectation& real = s.expected.at(Profile::Seed);
  ASSERT_TRUE(real.forks && real.forks->size() >= 2);
  Expectation expected = real;
  std::reverse(expected.forks->begin(), expected.forks->end());
  expected.alternatives = {real};
  CaseOutcome o;
  const Expectation& other = expected.alternatives[0];
  ASSERT_TRUE(other.tip && other.forks && other.tree);
  o.result.end = other.end;
  o.result.tip = *other.tip;
  o.result.forks = *other.forks;
  o.result.tree = *other.tree;
  o.result.requests = RequestCounts{1, 1, 0, 0};
  const Verdict v = judge(s, expected, o);
  EXPECT_TRUE(v.differences.empty());
  EXPECT_EQ(v.matched, std::optional<std::size_t>(1));
}

// Every in-process result over the whole corpus is a consistent end state:
// the consistency rules reject nothing a faithful profile can reach.
TEST(Judge, EveryProfileEndsConsistentlyOnTheCorpus) {
  int judged = 0;
  for (const auto& file : vectors::find_vectors(CSC_CORPUS_DIR)) {
    const Scenario s = vectors::load_vector(file);
    const BlockCatalogue blocks(s);
    for (Profile p : {Profile::Seed, Profile::Spec, Profile::Reference}) {
      const SyncResult r = run_scenario(s, p).result;
      const auto bad = end_state_inconsistencies(r, blocks);
      EXPECT_TRUE(bad.empty()) << file << " " << to_string(p) << ": " << bad.front();
      ++judged;
    }
  }
  EXPECT_GE(judged, 3 * 40);
}

}  // namespace
}  // namespace cryptarchia::harness
