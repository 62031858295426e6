// The expectation a case is judged by when the implementation follows
// follower variants (docs/VARIANTS.md) the vector may not store an
// expectation for.
#pragma once

#include <optional>
#include <string>

#include "cryptarchia/scenario.hpp"

namespace cryptarchia::harness {

struct JudgedExpectation {
  std::optional<Expectation> expectation;  // unset: nothing to judge by (see `skip`, `error`)
  // Where it came from, for reports; empty for the vector's own
  // expectation of a plain profile.
  std::string basis;
  std::string skip;   // why there is none (the vector does not pin the profile)
  std::string error;  // the harness could not compute one
};

// The vector's expectation for `as` when it stores one. Otherwise, for a
// profile with variants whose plain profile the vector pins, the in-process
// profile computes every outcome with and without the variants (every
// order of same-slot orphans and of the fold's tips): where they are the
// same, the variants change nothing on this vector and its plain
// expectation holds; where they differ, the outcomes with the variants are
// the expectation, and `basis` says so.
JudgedExpectation expectation_for(const Scenario& scenario, const RunAs& as);

}  // namespace cryptarchia::harness
