// The property engine says no more than it saw: untested when no case met
// the precondition, weak when too few did, error when the implementation
// could not run, fails with a shrunk counterexample, and the same seed
// always gives the same run.
#include <gtest/gtest.h>

#include "cryptarchia/properties/property_engine.hpp"

namespace cryptarchia::props {
namespace {

EngineOptions options(int cases, std::uint64_t seed = 3) {
  EngineOptions o;
  o.cases = cases;
  o.seed = seed;
  return o;
}

TEST(PropertyEngine, AlwaysTrueHolds) {
  const PropertyVerdict v =
      run_cases("Always", CaseShape{}, [](const SyncCase&, CaseContext&) {}, options(50));
  EXPECT_EQ(v.outcome, Outcome::Holds);
  EXPECT_EQ(v.judged, 50);
  EXPECT_EQ(v.generated, 50);
  EXPECT_EQ(v.discarded, 0);
}

TEST(PropertyEngine, APreconditionThatNeverHoldsIsUntested) {
  const PropertyVerdict v = run_cases(
      "Never", CaseShape{}, [](const SyncCase&, CaseContext&) { require(false, "never"); },
      options(20));
  EXPECT_EQ(v.outcome, Outcome::Untested);
  EXPECT_EQ(v.judged, 0);
  EXPECT_EQ(v.discarded, 200);  // cases x max_discard_ratio, then it gives up
}

TEST(PropertyEngine, APreconditionThatRarelyHoldsIsWeak) {
  // Met in about 1 case of 20: under the 10 % health threshold.
  const PropertyVerdict v = run_cases(
      "Rarely", CaseShape{},
      [](const SyncCase&, CaseContext& ctx) { require(ctx.choose_below(20) == 0, "rare"); },
      options(20));
  EXPECT_EQ(v.outcome, Outcome::Weak) << v.summary();
  EXPECT_GT(v.judged, 0);
  EXPECT_LT(v.precondition_share(), 0.10);
}

TEST(PropertyEngine, AnImplementationErrorIsAnErrorNotAPassOrAFailure) {
  const PropertyVerdict v = run_cases(
      "Erring", CaseShape{},
      [](const SyncCase&, CaseContext&) { throw ImplementationError("adapter crashed"); },
      options(20));
  EXPECT_EQ(v.outcome, Outcome::Error);
  EXPECT_EQ(v.errored, 1);
  EXPECT_EQ(v.judged, 0);
  EXPECT_EQ(v.message, "adapter crashed");
  EXPECT_TRUE(v.counterexample.has_value());
}

TEST(PropertyEngine, AnEscapingExceptionFailsTheProperty) {
  const PropertyVerdict v = run_cases(
      "Throwing", CaseShape{},
      [](const SyncCase&, CaseContext&) { throw std::logic_error("bug"); }, options(20));
  EXPECT_EQ(v.outcome, Outcome::Fails);
  EXPECT_NE(v.message.find("bug"), std::string::npos);
}

// A claim that fails on worlds of at least 3 blocks shrinks to exactly 3.
TEST(PropertyEngine, AFailureShrinksToASmallCounterexample) {
  const auto check = [](const SyncCase& c, CaseContext&) {
    expect(c.world.blocks.size() < 3, "three blocks or more");
  };
  const PropertyVerdict v = run_cases("Small", CaseShape{}, check, options(100));
  ASSERT_EQ(v.outcome, Outcome::Fails);
  ASSERT_TRUE(v.counterexample.has_value());
  EXPECT_EQ(v.counterexample->world.blocks.size(), 3u);
  EXPECT_GT(v.shrink_steps, 0);
  EXPECT_EQ(v.message, "three blocks or more");
}

TEST(PropertyEngine, TheSameSeedGivesTheSameRun) {
  const auto check = [](const SyncCase& c, CaseContext& ctx) {
    require(ctx.choose_below(3) != 0, "a third discarded");
    expect(c.world.blocks.size() < 9, "nine blocks or more");
  };
  const PropertyVerdict a = run_cases("Same", CaseShape{}, check, options(200, 11));
  const PropertyVerdict b = run_cases("Same", CaseShape{}, check, options(200, 11));
  EXPECT_EQ(a.outcome, b.outcome);
  EXPECT_EQ(a.generated, b.generated);
  EXPECT_EQ(a.discarded, b.discarded);
  EXPECT_EQ(a.passed_before_failure, b.passed_before_failure);
  ASSERT_TRUE(a.counterexample && b.counterexample);
  EXPECT_EQ(a.counterexample->scenario.local_blocks, b.counterexample->scenario.local_blocks);
  EXPECT_EQ(a.counterexample->world.blocks.size(), b.counterexample->world.blocks.size());
  // Generation does not depend on what the property does with a case.
  std::vector<std::size_t> sizes_a, sizes_b;
  run_cases("Record", CaseShape{},
            [&](const SyncCase& c, CaseContext&) { sizes_a.push_back(c.world.blocks.size()); },
            options(30, 11));
  run_cases("Record", CaseShape{},
            [&](const SyncCase& c, CaseContext&) {
              sizes_b.push_back(c.world.blocks.size());
              require(sizes_b.size() % 2 == 0, "every other one");
            },
            options(15, 11));
  sizes_a.resize(sizes_b.size());
  EXPECT_EQ(sizes_a, sizes_b);
}

TEST(PropertyEngine, TagsCountJudgedCases) {
  const PropertyVerdict v = run_cases(
      "Tagged", CaseShape{},
      [](const SyncCase&, CaseContext& ctx) { ctx.tag(ctx.choose_below(2) ? "odd" : "even"); },
      options(40));
  EXPECT_EQ(v.tags.at("odd") + v.tags.at("even"), 40);
}

}  // namespace
}  // namespace cryptarchia::props
