// The variant examples (variant_examples.hpp, vectors/corpus/variants): each
// variant they pin changes the outcome against the plain profile, and the
// reference reaches exactly the outcomes written by hand, in every order of
// the fold's tips (no more, no fewer).
#include <gtest/gtest.h>

#include "cryptarchia/variant_examples.hpp"

namespace cryptarchia {
namespace {

TEST(VariantExamples, EveryStoredVariantChangesTheOutcomeAndIsReachedExactly) {
  std::size_t keys = 0;
  for (const Scenario& s : variant_examples()) {
    ASSERT_FALSE(s.expected_with_variants.empty()) << s.id;
    for (const auto& [as, expected] : s.expected_with_variants) {
      SCOPED_TRACE(s.id + " under " + to_string(as));
      ++keys;
      const Expectation* plain = s.expectation(RunAs(as.profile));
      ASSERT_NE(plain, nullptr);
      EXPECT_FALSE(same_outcomes(expected, *plain)) << "the variants change nothing here";
      // `absent` is a check of its own, which a run's outcome does not carry.
      Expectation written = expected;
      written.absent.clear();
      for (Expectation& alt : written.alternatives) alt.absent.clear();
      EXPECT_TRUE(same_outcomes(expectation_in_every_order(s, as), written));
      // The default order's run meets the whole expectation, `absent` included.
      const ScenarioRun run = run_scenario(s, as);
      EXPECT_TRUE(run.mismatches.empty()) << run.result.summary();
    }
  }
  EXPECT_GE(keys, 8u);
}

}  // namespace
}  // namespace cryptarchia
