// cryptarchia-spec-examples: runs the spec's sync examples (spec note,
// section 8) under every profile and prints one line per run. Exit status 0
// when every run ends as expected, 1 otherwise.
#include <cstdio>
#include <string>

#include "cryptarchia/spec_examples.hpp"

int main() {
  using namespace cryptarchia;
  int failures = 0;
  int passes = 0;
  for (const Scenario& s : spec_examples()) {
    std::printf("%s\n  %s\n", s.id.c_str(), s.description.c_str());
    for (const Profile p : kAllProfiles) {
      const ScenarioRun run = run_scenario(s, p);
      const bool ok = run.mismatches.empty();
      ok ? ++passes : ++failures;
      std::printf("  %-9s %-4s %s\n", std::string(to_string(p)).c_str(), ok ? "ok" : "FAIL",
                  run.result.summary().c_str());
      for (const std::string& m : run.mismatches) std::printf("            - %s\n", m.c_str());
    }
  }
  std::printf("\n%d passed, %d failed\n", passes, failures);
  return failures == 0 ? 0 : 1;
}
