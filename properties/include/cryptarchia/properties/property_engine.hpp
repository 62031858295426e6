// The property engine: the one function that runs a property on generated
// cases and says what it found. Every route uses it: the gtest typed suite,
// the errata matrix, `harness check` and the mutation runner.
//
// A verdict is a claim, so the engine separates what it saw:
//   holds     every case ran, the precondition held often enough, none failed;
//   weak      it held, but the precondition held in under `weak_share` of
//             the generated cases (too few to trust, as Hypothesis warns);
//   untested  no generated case met the precondition;
//   fails     a case failed: the shrunk counterexample comes with it;
//   error     the implementation under test could not run a case (an adapter
//             crashed, hung or broke the protocol): nothing was judged.
//
// Generation is the engine's own: case i of a run is generated from
// Random(seed) split i times, so a seed reproduces the whole run, whatever
// the implementation does.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "cryptarchia/properties/sync_properties.hpp"

namespace cryptarchia::props {

enum class Outcome { Holds, Weak, Untested, Fails, Error };
std::string_view to_string(Outcome outcome);

struct EngineOptions {
  int cases = 100;              // cases whose precondition holds, at most
  std::uint64_t seed = 20261124;
  bool shrink = true;
  int max_size = 100;           // RapidCheck size of the last case
  int max_discard_ratio = 10;   // give up after cases * ratio discarded cases
  double weak_share = 0.10;     // below this share of cases meeting the precondition: weak
  int max_shrink_runs = 2000;   // shrinking stops after this many evaluations
  // False for an implementation that cannot start from a checkpoint (the
  // ibd profile: the real node has no checkpoint start): no case with one
  // is generated, so a property about checkpoints stays untested.
  bool checkpoints = true;
  // The follower variants the implementation says it follows (an adapter's
  // hello, or a typed-suite type's follows()): every generated case's
  // World::rules, so that the oracle judges by them.
  Variants follows;
  // Called after each generated case (done counts discarded ones too).
  std::function<void(int done, int judged)> progress;
};

struct PropertyVerdict {
  std::string property;
  Outcome outcome = Outcome::Holds;
  std::uint64_t seed = 0;
  int generated = 0;   // cases generated
  int judged = 0;      // cases whose precondition held and that were judged
  int discarded = 0;   // cases whose precondition did not hold
  int errored = 0;     // cases the implementation could not run
  int passed_before_failure = 0;  // judged cases before the first failing one
  int shrink_steps = 0;           // successful shrinks of the failing case
  std::string message;            // why it failed, or the error
  std::optional<SyncCase> counterexample;  // the shrunk failing (or erroring) case
  std::map<std::string, int> tags;         // what the judged cases were (RC_TAG-like)

  // Share of generated cases that met the precondition (0 when none ran).
  [[nodiscard]] double precondition_share() const;
  // The line a report prints: "holds  P (100 cases, 3 discarded)".
  [[nodiscard]] std::string summary() const;
};

// A property's claim about one generated case, for properties that are not
// sync properties of one implementation (the errata searches).
using CaseCheck = std::function<void(const SyncCase&, CaseContext&)>;

// Runs `check` on cases of `shape`.
PropertyVerdict run_cases(const std::string& name, const CaseShape& shape, const CaseCheck& check,
                          const EngineOptions& options);

// Runs property `p` against the implementation `factory` makes.
PropertyVerdict run_property(const PropertyDef& p, const NodeFactory& factory,
                             const EngineOptions& options);

// The engine options that RapidCheck's RC_PARAMS asks for (seed, max_success,
// max_size, noshrink), so that the README's reproduction recipe holds for
// every route; a seed of 0 in RC_PARAMS means "the default seed".
EngineOptions options_from_rc_params(EngineOptions defaults = {});

}  // namespace cryptarchia::props
