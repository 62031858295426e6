// Measures the suite's strength on one implementation bug (a mutant): which
// properties and which committed vectors notice it, after how many generated
// cases, and how small the shrunk counterexample is. The runner does not know
// how a mutant is switched in: the caller gives a node factory and a vector
// check that already run the mutant (in-process through the test-only
// library, or through an adapter process). See docs/STRENGTH.md.
#pragma once

#include <cstdint>
#include <functional>
#include <ostream>
#include <optional>
#include <string>
#include <vector>

#include "cryptarchia/properties/sync_properties.hpp"

namespace cryptarchia::props {

// Two modes. The full measurement runs every property for `seeds` seeds of
// `cases` cases; when no property kills the mutant in most seeds, it climbs
// the ladder 10x`cases`, 100x`cases`, ... up to `max_cases` to find the
// property that does and measures its cases-to-kill on every seed at that
// limit. The quick check (CI) takes one seed and climbs the same ladder, all
// properties at each rung, and stops at the first failure, without shrinking.
struct MutationOptions {
  int cases = 100;       // generated cases per property and seed (the first rung)
  int max_cases = 20000; // the ladder's last rung
  int seeds = 5;         // seeds per property (the median is taken over them)
  bool quick = false;
  std::uint64_t first_seed = 20261124;
  int timeout_seconds = 600;  // per mutant; a mutant that runs longer counts as a hang
};

// One property against one mutant.
struct PropertyKill {
  std::string property;
  // Per seed: generated cases up to and including the first failing one;
  // nullopt when the property held for all cases of that seed.
  std::vector<std::optional<int>> cases;
  // The shrunk counterexample of the first failing seed (blocks in the
  // world, peers).
  std::optional<std::size_t> blocks;
  std::optional<std::size_t> peers;
  int limit = 0;        // cases per seed this property was run for
  std::string message;  // the first failure's message, first line
  std::string counterexample;  // the shrunk case, drawn (see drawing.hpp), and the full message

  [[nodiscard]] bool killed() const;
  // Median over the seeds, counting a seed that did not fail as infinite;
  // nullopt when the median seed did not fail.
  [[nodiscard]] std::optional<double> median_cases() const;
};

struct MutantReport {
  std::string mutant;
  std::vector<PropertyKill> properties;      // in suite order; only those run
  std::vector<std::string> killing_vectors;  // vector ids whose expectation failed
  int vectors_run = 0;
  std::string crash;  // non-empty: the mutant crashed or hung the runner (a kill)

  [[nodiscard]] bool killed_by_properties() const;
  [[nodiscard]] bool killed_by_vectors() const { return !killing_vectors.empty(); }
  [[nodiscard]] bool killed() const {
    return !crash.empty() || killed_by_properties() || killed_by_vectors();
  }
  // The property with the lowest median cases-to-kill, if any killed.
  [[nodiscard]] const PropertyKill* best() const;
};

// Which committed vectors an implementation fails: the ids of the failing ones.
struct VectorCheck {
  int run = 0;
  std::vector<std::string> failing;
};

// Runs `properties` (the suite's, plus any extra) against `factory` and then
// `check_vectors`, in a child process so that a crash or a hang of the mutant
// is reported, not suffered. `factory` and `check_vectors` run in the child.
MutantReport measure_mutant(const std::string& name, const std::vector<PropertyDef>& properties,
                            const NodeFactory& factory,
                            const std::function<VectorCheck()>& check_vectors,
                            const MutationOptions& options);

// One mutant of a catalogue, as the runner needs it.
struct CatalogueEntry {
  std::string name;
  std::string bug;            // one sentence, for the Markdown table (may be empty)
  bool vectors_only = false;  // the properties cannot see it; the vectors must
  bool equivalent = false;    // proven equivalent: may survive
};

// How to run the implementation under test with a mutant switched in; the
// name "none" means without one. Both are called in the runner's child.
struct MutantTarget {
  std::function<NodeFactory(const std::string& mutant)> factory;
  std::function<VectorCheck(const std::string& mutant)> vectors;
};

// The whole measurement: the baseline first (it must pass every property at
// `options.cases` and every vector), then each entry, a row on `out` as it
// ends, the table at the end, and the Markdown table when `markdown` names a
// file. An entry is missed when no property sees it (a crash or hang counts
// as seen) or, for a vectors-only one, when nothing does. Returns 0 when
// nothing was missed, 1 when something was or the baseline failed, 2 when
// the Markdown file cannot be written.
int run_catalogue(const std::vector<CatalogueEntry>& entries,
                  const std::vector<PropertyDef>& properties, const MutantTarget& target,
                  const MutationOptions& options, const std::string& markdown, bool show,
                  std::ostream& out, std::ostream& err);

// Every property the mutation runner uses: the suite's, on both tiers of worlds.
const std::vector<PropertyDef>& mutation_properties();

// A table of reports: plain text for a terminal, Markdown for docs/STRENGTH.md.
std::string mutation_table_text(const std::vector<MutantReport>& reports);
std::string mutation_table_markdown(const std::vector<MutantReport>& reports,
                                    const std::vector<std::string>& descriptions);

}  // namespace cryptarchia::props
