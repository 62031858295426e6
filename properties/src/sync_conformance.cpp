#include "cryptarchia/properties/sync_conformance.hpp"

#include <algorithm>
#include <cstdio>

#include "cryptarchia/properties/case_export.hpp"
#include "cryptarchia/properties/drawing.hpp"
#include "cryptarchia/properties/property_engine.hpp"

namespace cryptarchia::props {

void check_in_gtest(const PropertyDef& p, const NodeFactory& factory, Tier tier,
                    const Variants& follows) {
  EngineOptions options = options_from_rc_params();
  options.follows = follows;
  PropertyDef at_tier = p;
  at_tier.shape.tier = tier;
  if (tier == Tier::Large) options.cases = std::max(5, options.cases / 2);
  report_in_gtest(run_property(at_tier, factory, options), p.claim);
}

void report_in_gtest(const PropertyVerdict& v, const std::string& claim) {
  const std::string& name = v.property;
  std::printf("%s\n", v.summary().c_str());
  for (const auto& [tag, n] : v.tags) {
    std::printf("  %5.1f%% %s\n", 100.0 * n / std::max(v.judged, 1), tag.c_str());
  }
  switch (v.outcome) {
    case Outcome::Holds: return;
    case Outcome::Weak:
      ADD_FAILURE() << name << " is weakly tested: " << v.summary();
      return;
    case Outcome::Untested:
      ADD_FAILURE() << name << " is untested: no generated case met its precondition ("
                    << v.summary() << ")";
      return;
    case Outcome::Error:
    case Outcome::Fails: break;
  }
  std::string where;
  if (v.counterexample) {
    // Keep the shrunk counterexample as a vector anyone can replay.
    try {
      const auto file = save_failure(failure_dir(), name, *v.counterexample, claim);
      where = "\ncounterexample saved as " + file.string() + "\nreplay it with: " +
              "build/harness/harness replay " + file.string();
    } catch (const std::exception& e) {
      where = std::string("\ncould not save the counterexample: ") + e.what();
    }
  }
  ADD_FAILURE() << v.summary() << "\n"
                << (v.outcome == Outcome::Error ? "the implementation could not run a case: "
                                                : "")
                << v.message << "\n"
                << (v.counterexample ? "case:\n" + draw(*v.counterexample) : std::string())
                << where << "\nrerun it with RC_PARAMS=\"seed=" << v.seed << "\"";
}

}  // namespace cryptarchia::props
