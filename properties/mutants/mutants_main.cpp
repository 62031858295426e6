// cryptarchia-mutants: runs every property and, separately, the committed
// vector corpus against each mutant of the catalogue (impl/mutants/), in this
// process through the test-only library `cryptarchia_mutable`. Exits 1 when a
// mutant survives or when the unmutated reference fails anything (the table
// would mean nothing). docs/STRENGTH.md is written by
//   build/properties/mutants/cryptarchia-mutants --markdown docs/STRENGTH-table.md
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>

#include "cryptarchia/mutants.hpp"
#include "cryptarchia/properties/mutation_runner.hpp"
#include "cryptarchia/vectors/vector_io.hpp"

namespace {

using namespace cryptarchia;
using namespace cryptarchia::props;

// The corpus's reference-profile expectations, run with the active mutant.
VectorCheck check_corpus(const std::vector<Scenario>& corpus) {
  VectorCheck out;
  for (const Scenario& s : corpus) {
    if (s.expected.count(Profile::Reference) == 0) continue;
    ++out.run;
    try {
      if (!run_scenario(s, Profile::Reference).mismatches.empty()) out.failing.push_back(s.id);
    } catch (const std::exception&) {
      out.failing.push_back(s.id);  // the vector's local start no longer loads: noticed
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Measure which properties and vectors kill each mutant of the catalogue."};
  std::vector<std::string> names;
  MutationOptions options;
  std::string corpus_dir = CSC_CORPUS_DIR;
  std::string markdown;
  bool include_equivalent = false;
  bool list = false;
  bool show = false;
  std::vector<std::string> only_properties;
  app.add_option("--mutant", names, "only these mutants (default: the whole catalogue)");
  app.add_flag("--quick", options.quick,
               "one seed, stop at the first killing property, no shrinking (the CI check)");
  app.add_option("--cases", options.cases, "generated cases per property and seed (first rung)")
      ->check(CLI::PositiveNumber);
  app.add_option("--max-cases", options.max_cases, "the last rung of the ladder of cases")
      ->check(CLI::PositiveNumber);
  app.add_option("--seeds", options.seeds, "seeds per property")->check(CLI::Range(1, 50));
  app.add_option("--seed", options.first_seed, "the first seed");
  app.add_option("--timeout", options.timeout_seconds, "seconds per mutant before it counts as a hang")
      ->check(CLI::PositiveNumber);
  app.add_option("--corpus", corpus_dir, "the vector corpus to replay");
  app.add_option("--markdown", markdown, "also write the table as Markdown to this file");
  app.add_flag("--include-equivalent", include_equivalent,
               "also run the mutants proven equivalent (they may survive)");
  app.add_flag("--list", list, "list the catalogue and exit");
  app.add_flag("--show", show, "print each mutant's shrunk counterexample");
  app.add_option("--property", only_properties, "only these properties (default: all)");
  CLI11_PARSE(app, argc, argv);

  std::vector<mutants::Mutant> selected;
  if (names.empty()) {
    for (const mutants::MutantInfo& m : mutants::catalogue()) {
      if (!m.equivalent || include_equivalent) selected.push_back(m.id);
    }
  } else {
    for (const std::string& n : names) {
      const auto m = mutants::parse_mutant(n);
      if (!m || *m == mutants::Mutant::None) {
        std::cerr << "cryptarchia-mutants: --mutant: no mutant named '" << n
                  << "' (see --list)\n";
        return 2;
      }
      selected.push_back(*m);
    }
  }
  if (list) {
    for (const mutants::MutantInfo& m : mutants::catalogue()) {
      std::printf("%-46s %-11s %s%s\n", std::string(m.name).c_str(), std::string(m.area).c_str(),
                  std::string(m.bug).c_str(), m.equivalent ? " [equivalent]" : "");
    }
    return 0;
  }

  std::vector<Scenario> corpus;
  try {
    for (const auto& file : vectors::find_vectors(corpus_dir)) corpus.push_back(vectors::load_vector(file));
  } catch (const vectors::VectorError& e) {
    std::cerr << "cryptarchia-mutants: " << e.what() << "\n";
    return 2;
  }

  std::vector<PropertyDef> properties;
  for (const PropertyDef& p : mutation_properties()) {
    if (only_properties.empty() ||
        std::find(only_properties.begin(), only_properties.end(), p.name) != only_properties.end()) {
      properties.push_back(p);
    }
  }
  if (properties.size() < std::max<std::size_t>(1, only_properties.size())) {
    std::cerr << "cryptarchia-mutants: --property: unknown property name\n";
    return 2;
  }

  const NodeFactory reference = profile_node(Profile::Reference);
  std::vector<CatalogueEntry> entries;
  for (const mutants::Mutant m : selected) {
    const mutants::MutantInfo& info = mutants::info(m);
    entries.push_back({std::string(info.name), std::string(info.bug), info.vectors_only,
                       info.equivalent});
  }
  // The mutant is switched in inside the runner's child process.
  const MutantTarget target{
      [reference](const std::string& name) -> NodeFactory {
        const mutants::Mutant m = *mutants::parse_mutant(name);
        return [reference, m](const Scenario& s) {
          mutants::activate(m);
          return reference(s);
        };
      },
      [&corpus](const std::string& name) {
        mutants::activate(*mutants::parse_mutant(name));
        return check_corpus(corpus);
      }};
  return run_catalogue(entries, properties, target, options, markdown, show, std::cout, std::cerr);
}
