// The one place that drives generation and shrinking. It uses RapidCheck's
// generators and shrink trees (public API) and reads RapidCheck's RC_PARAMS
// configuration (rc::detail, here only); it does not use RapidCheck's test
// runner, so no failure text is parsed and no counterexample is passed
// through a side channel: the failing input is the engine's own value.
#include "cryptarchia/properties/property_engine.hpp"

#include <rapidcheck.h>
#include <rapidcheck/detail/Configuration.h>

#include <algorithm>
#include <cstdio>

#include "cryptarchia/properties/oracle.hpp"

namespace cryptarchia::props {

std::string_view to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::Holds: return "holds";
    case Outcome::Weak: return "weak";
    case Outcome::Untested: return "untested";
    case Outcome::Fails: return "fails";
    case Outcome::Error: return "error";
  }
  return "?";
}

double PropertyVerdict::precondition_share() const {
  return generated == 0 ? 0.0 : static_cast<double>(judged) / generated;
}

std::string PropertyVerdict::summary() const {
  char share[32];
  std::snprintf(share, sizeof share, "%.0f%%", 100.0 * precondition_share());
  std::string out = std::string(to_string(outcome)) + " " + property + " (" +
                    std::to_string(judged) + " judged, " + std::to_string(discarded) +
                    " discarded by the precondition, precondition met in " + share;
  if (errored) out += ", " + std::to_string(errored) + " errored";
  if (outcome == Outcome::Fails) {
    out += "; failed after " + std::to_string(passed_before_failure) + " passing, shrunk " +
           std::to_string(shrink_steps) + " times";
  }
  return out + "; seed " + std::to_string(seed) + ")";
}

namespace {

// A generated input: the case and the choices a property draws from it.
struct Input {
  SyncCase c;
  std::uint64_t choice = 0;
};

rc::Gen<Input> gen_input(const CaseShape& shape, const Variants& follows) {
  return rc::gen::map(
      rc::gen::pair(gen_case(shape),
                    rc::gen::resize(100, rc::gen::inRange<std::uint64_t>(0, 1u << 20))),
      [follows](std::pair<SyncCase, std::uint64_t> p) {
        Input in{std::move(p.first), p.second};
        in.c.world.rules = follows;  // after generation: the peers stay spec nodes
        return in;
      });
}

enum class CaseEnd { Passed, Discarded, Failed, Errored };

struct CaseRun {
  CaseEnd end = CaseEnd::Passed;
  std::string message;
  std::vector<std::string> tags;
};

CaseRun run_one(const CaseCheck& check, const Input& in) {
  CaseContext ctx(in.choice);
  try {
    check(in.c, ctx);
    return {CaseEnd::Passed, "", ctx.tags()};
  } catch (const CaseDiscarded& d) {
    return {CaseEnd::Discarded, d.why, {}};
  } catch (const CaseFailed& f) {
    return {CaseEnd::Failed, f.message, {}};
  } catch (const ImplementationError& e) {
    return {CaseEnd::Errored, e.what(), {}};
  } catch (const std::exception& e) {
    // NodeUnderTest::sync must not throw for anything a case does: an
    // exception that escapes it is the implementation's failure.
    return {CaseEnd::Failed, std::string("an exception escaped: ") + e.what(), {}};
  }
}

}  // namespace

PropertyVerdict run_cases(const std::string& name, const CaseShape& shape, const CaseCheck& check,
                          const EngineOptions& options) {
  PropertyVerdict v;
  v.property = name;
  v.seed = options.seed;
  const rc::Gen<Input> gen = gen_input(shape, options.follows);
  rc::Random random(options.seed);
  const int cases = std::max(options.cases, 1);
  const int max_discarded = cases * std::max(options.max_discard_ratio, 1);
  while (v.judged < cases && v.discarded < max_discarded) {
    const int size = std::min(options.max_size, v.generated * (options.max_size + 1) / cases);
    const rc::Shrinkable<Input> shrinkable = gen(random.split(), size);
    const Input input = shrinkable.value();
    ++v.generated;
    const CaseRun run = run_one(check, input);
    switch (run.end) {
      case CaseEnd::Passed:
        ++v.judged;
        for (const std::string& t : run.tags) ++v.tags[t];
        if (options.progress) options.progress(v.generated, v.judged);
        continue;
      case CaseEnd::Discarded:
        ++v.discarded;
        if (options.progress) options.progress(v.generated, v.judged);
        continue;
      case CaseEnd::Errored:
        // Nothing was judged; the case shows what the implementation could
        // not run. It is not shrunk: through an adapter an error is often a
        // timeout, and every try would cost one.
        ++v.errored;
        v.outcome = Outcome::Error;
        v.message = run.message;
        v.counterexample = input.c;
        return v;
      case CaseEnd::Failed: break;
    }
    v.outcome = Outcome::Fails;
    v.passed_before_failure = v.judged;
    ++v.judged;
    v.message = run.message;
    rc::Shrinkable<Input> smallest = shrinkable;
    SyncCase smallest_case = input.c;
    int evaluations = 0;
    bool shrunk = options.shrink;
    while (shrunk && evaluations < options.max_shrink_runs) {
      shrunk = false;
      rc::Seq<rc::Shrinkable<Input>> candidates = smallest.shrinks();
      while (rc::Maybe<rc::Shrinkable<Input>> candidate = candidates.next()) {
        if (++evaluations > options.max_shrink_runs) break;
        const Input smaller = candidate->value();
        const CaseRun r = run_one(check, smaller);
        if (r.end != CaseEnd::Failed) continue;
        smallest = *candidate;
        smallest_case = smaller.c;
        v.message = r.message;
        ++v.shrink_steps;
        shrunk = true;
        break;
      }
    }
    v.counterexample = std::move(smallest_case);
    return v;
  }
  if (v.judged == 0) {
    v.outcome = Outcome::Untested;
  } else if (v.precondition_share() < options.weak_share) {
    v.outcome = Outcome::Weak;
  } else {
    v.outcome = Outcome::Holds;
  }
  return v;
}

namespace {
// Whether the local node could be where the case starts it under the rules
// it follows: the generators draw local blocks and checkpoints valid for the
// spec, and a node that refuses a slot not after its parent's (or any other
// variant's rule) never stored such a block, nor trusts a checkpoint above
// one unless the case means its ancestry to be invalid.
bool local_start_possible_under_rules(const SyncCase& c) {
  if (c.world.rules.empty()) return true;
  const std::vector<bool> valid = valid_blocks(c.world);
  const auto possible = [&](std::size_t i) { return valid[i] || !c.world.blocks[i].honest; };
  if (!std::all_of(c.local.blocks.begin(), c.local.blocks.end(), possible)) return false;
  if (!c.local.checkpoint) return true;
  const std::vector<std::size_t> chain = c.world.chain_of(*c.local.checkpoint);
  return std::all_of(chain.begin(), chain.end(), possible);
}
}  // namespace

PropertyVerdict run_property(const PropertyDef& p, const NodeFactory& factory,
                             const EngineOptions& options) {
  CaseShape shape = p.shape;
  if (!options.checkpoints) shape.checkpoints = false;
  return run_cases(
      p.name, shape,
      [&](const SyncCase& c, CaseContext& ctx) {
        require(local_start_possible_under_rules(c),
                "the local start is possible under the followed variants");
        p.body(factory, c, ctx);
      },
      options);
}

EngineOptions options_from_rc_params(EngineOptions defaults) {
  const rc::detail::TestParams& params = rc::detail::configuration().testParams;
  EngineOptions out = std::move(defaults);
  if (params.seed != 0) out.seed = params.seed;
  out.cases = params.maxSuccess;
  out.max_size = params.maxSize;
  out.max_discard_ratio = params.maxDiscardRatio;
  out.shrink = !params.disableShrinking;
  return out;
}

}  // namespace cryptarchia::props
