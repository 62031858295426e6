// The ibd examples (ibd_examples.hpp, vectors/corpus/ibd): every profile
// reaches exactly the outcome written by hand, in every order the profile
// leaves open, and the server fault each example pins changes the ibd
// outcome (the same peers without it end elsewhere).
#include <gtest/gtest.h>

#include "cryptarchia/ibd_examples.hpp"

namespace cryptarchia {
namespace {

TEST(IbdExamples, EveryProfileReachesTheHandWrittenOutcome) {
  std::size_t checked = 0;
  for (const Scenario& s : ibd_examples()) {
    ASSERT_EQ(s.expected.count(Profile::Ibd), 1u) << s.id;
    for (const auto& [profile, expected] : s.expected) {
      SCOPED_TRACE(s.id + " as " + std::string(to_string(profile)));
      const ScenarioRun run = run_scenario(s, RunAs(profile));
      EXPECT_TRUE(run.mismatches.empty()) << run.result.summary();
      Expectation written = expected;
      written.absent.clear();  // a check of its own; outcomes do not carry it
      EXPECT_TRUE(same_outcomes(expectation_in_every_order(s, RunAs(profile)), written));
      ++checked;
    }
  }
  EXPECT_GE(checked, 6u);
}

TEST(IbdExamples, TheServerFaultChangesTheIbdOutcome) {
  for (Scenario s : ibd_examples()) {
    SCOPED_TRACE(s.id);
    const Expectation with_fault = s.expected.at(Profile::Ibd);
    for (ScenarioPeer& p : s.peers) p.faults.clear();
    EXPECT_FALSE(run_scenario(s, RunAs(Profile::Ibd)).mismatches.empty())
        << "without the fault the ibd outcome is the same: the example pins nothing";
  }
}

}  // namespace
}  // namespace cryptarchia
