// The spec's own sync examples (spec note, section 8) under every profile.
// The scenarios, each with a drawing of its tree and the outcome each profile
// must reach, live in src/spec_examples.cpp.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "cryptarchia/spec_examples.hpp"

namespace cryptarchia {
namespace {

struct Case {
  std::size_t index;
  Profile profile;
};

// Names the case in test listings instead of dumping its bytes.
void PrintTo(const Case& c, std::ostream* os) {
  *os << "example " << c.index + 1 << " under " << to_string(c.profile);
}

const std::vector<Scenario>& examples() {
  static const std::vector<Scenario> all = spec_examples();
  return all;
}

class SpecExample : public ::testing::TestWithParam<Case> {};

TEST_P(SpecExample, EndsAsExpected) {
  const Scenario& s = examples()[GetParam().index];
  const Profile profile = GetParam().profile;
  ASSERT_TRUE(s.expected.count(profile)) << s.id << " has no expectation for " << to_string(profile);
  const ScenarioRun run = run_scenario(s, profile);
  std::string why;
  for (const std::string& m : run.mismatches) why += "\n  " + m;
  EXPECT_TRUE(run.mismatches.empty()) << s.id << " [" << to_string(profile) << "] "
                                      << s.description << why << "\n  result: "
                                      << run.result.summary();
}

TEST_P(SpecExample, IsDeterministic) {
  const Scenario& s = examples()[GetParam().index];
  const ScenarioRun a = run_scenario(s, GetParam().profile);
  const ScenarioRun b = run_scenario(s, GetParam().profile);
  EXPECT_EQ(a.result.tip, b.result.tip);
  EXPECT_EQ(a.result.forks, b.result.forks);
  EXPECT_EQ(a.result.tree, b.result.tree);
  EXPECT_EQ(a.result.requests, b.result.requests);
  EXPECT_EQ(a.result.steps, b.result.steps);
}

std::vector<Case> all_cases() {
  std::vector<Case> out;
  for (std::size_t i = 0; i < examples().size(); ++i) {
    for (const Profile p : kAllProfiles) out.push_back({i, p});
  }
  return out;
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  std::string name = examples()[info.param.index].id + "_" + std::string(to_string(info.param.profile));
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Section8, SpecExample, ::testing::ValuesIn(all_cases()), case_name);

TEST(SpecExamples, ThereAreThirteenWithDistinctIds) {
  std::set<std::string> ids;
  for (const Scenario& s : examples()) ids.insert(s.id);
  EXPECT_EQ(examples().size(), 13u);
  EXPECT_EQ(ids.size(), examples().size());
}

}  // namespace
}  // namespace cryptarchia
