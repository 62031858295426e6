#include "expectation_for.hpp"

#include <exception>

namespace cryptarchia::harness {

JudgedExpectation expectation_for(const Scenario& scenario, const RunAs& as) {
  JudgedExpectation out;
  if (const Expectation* stored = scenario.expectation(as)) {
    out.expectation = *stored;
    if (!as.variants.empty()) out.basis = "the vector's expectation for " + to_string(as);
    return out;
  }
  const Expectation* plain = scenario.expectation(RunAs(as.profile));
  if (!plain) {
    out.skip = "no expectation for profile " + std::string(to_string(as.profile));
    return out;
  }
  try {
    Expectation with = expectation_in_every_order(scenario, as);
    const Expectation without = expectation_in_every_order(scenario, RunAs(as.profile));
    if (same_outcomes(with, without)) {
      out.expectation = *plain;
      out.basis = "the expectation for " + std::string(to_string(as.profile)) + " (the in-process " +
                  std::string(to_string(as.profile)) + " ends the same with the variants " +
                  to_string(as.variants) + " as without)";
    } else {
      out.expectation = std::move(with);
      out.basis = "the in-process " + to_string(as) +
                  "'s outcomes (the vector stores none for these variants, and they change "
                  "its outcome)";
    }
  } catch (const std::exception& e) {
    out.error = "cannot compute the expectation for " + to_string(as) + ": " + e.what();
  }
  return out;
}

}  // namespace cryptarchia::harness
