// cryptarchia-mutants: runs every property and, separately, the committed
// vector corpus against each mutant of the catalogue (impl/mutants/), in this
// process through the test-only library `cryptarchia_mutable`. Exits 1 when a
// mutant survives or when the unmutated reference fails anything (the table
// would mean nothing). docs/STRENGTH.md is written by
//   build/properties/mutants/cryptarchia-mutants --markdown docs/STRENGTH-table.md
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <fstream>
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
  const std::vector<PropertyDef> no_properties;
  const auto run = [&](mutants::Mutant m, const std::string& name) {
    const bool vectors_only = m != mutants::Mutant::None && mutants::info(m).vectors_only;
    return measure_mutant(
        name, options.quick && vectors_only ? no_properties : properties,
        [reference, m](const Scenario& s) {
          mutants::activate(m);  // in the runner's child process
          return reference(s);
        },
        [&corpus, m] {
          mutants::activate(m);
          return check_corpus(corpus);
        },
        options);
  };

  // The unmutated reference must pass everything, or the table means nothing.
  MutationOptions baseline_options = options;
  baseline_options.quick = true;
  baseline_options.max_cases = baseline_options.cases;  // one rung: it must hold there
  const MutantReport baseline = [&] {
    std::swap(options, baseline_options);
    MutantReport r = run(mutants::Mutant::None, "none");
    std::swap(options, baseline_options);
    return r;
  }();
  if (baseline.killed()) {
    std::cerr << "cryptarchia-mutants: the unmutated reference fails the suite:\n"
              << mutation_table_text({baseline});
    return 1;
  }
  std::printf("baseline: the unmutated reference passes %zu properties and %d vectors\n",
              baseline.properties.size(), baseline.vectors_run);

  std::vector<MutantReport> reports;
  std::vector<std::string> descriptions;
  int survivors = 0;
  for (const mutants::Mutant m : selected) {
    const mutants::MutantInfo& info = mutants::info(m);
    reports.push_back(run(m, std::string(info.name)));
    descriptions.emplace_back(info.bug);
    std::fputs(mutation_table_text({reports.back()}).c_str(), stdout);
    if (show) {
      for (const PropertyKill& p : reports.back().properties) {
        if (!p.counterexample.empty()) {
          std::printf("  %s, shrunk counterexample:\n%s\n", p.property.c_str(), p.counterexample.c_str());
        }
      }
    }
    std::fflush(stdout);
    // The quick check asks the properties, not only the vectors, to see every
    // mutant but those only vectors can see.
    const MutantReport& r = reports.back();
    const bool missed = info.vectors_only ? !r.killed()
                                          : !r.crash.empty() ? false : !r.killed_by_properties();
    if (missed && !info.equivalent) {
      ++survivors;
      std::printf("  MISSED: %s\n", info.vectors_only ? "no vector kills it"
                                                       : "no property kills it");
    }
  }
  std::printf("\n%s", mutation_table_text(reports).c_str());
  if (!markdown.empty()) {
    std::ofstream out(markdown);
    out << mutation_table_markdown(reports, descriptions);
    if (!out) {
      std::cerr << "cryptarchia-mutants: cannot write " << markdown << "\n";
      return 2;
    }
  }
  if (survivors > 0) {
    std::printf("%d mutant(s) missed: the suite does not see these bugs\n", survivors);
    return 1;
  }
  return 0;
}
