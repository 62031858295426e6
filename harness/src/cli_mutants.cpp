// `harness mutants`: the suite's strength through the subprocess route. For
// each mutant the adapter lists, start the adapter with `--mutant NAME` and
// run the property suite and the vectors against it, as a team plugging in
// its own implementation would (docs/STRENGTH.md). Needs an adapter that
// knows the catalogue: cryptarchia-mutant-adapter.
#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "cli.hpp"
#include "cryptarchia/harness/subprocess.hpp"
#include "cryptarchia/properties/mutation_runner.hpp"
#include "run_case.hpp"

namespace cryptarchia::harness {

namespace {

struct ListedMutant {
  std::string name;
  bool vectors_only = false;
  bool equivalent = false;
};

// `CMD --list-mutants`: one mutant per line, its name and then its flags.
std::vector<ListedMutant> list_mutants(const std::vector<std::string>& adapter) {
  std::string command;
  for (const std::string& a : adapter) {
    std::string quoted = "'";
    for (const char c : a) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    command += quoted + "' ";
  }
  // A bounded wait: an adapter that ignores the option must not hang us.
  command = "timeout 60 " + command + "--list-mutants";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
  if (!pipe) throw UsageError("cannot start the adapter to list its mutants");
  std::string text;
  std::array<char, 4096> buf{};
  while (const std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe.get())) {
    text.append(buf.data(), n);
  }
  const int status = ::pclose(pipe.release());
  if (status != 0) {
    throw UsageError("the adapter does not list mutants (" + command +
                     " failed): use cryptarchia-mutant-adapter");
  }
  std::vector<ListedMutant> out;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    ListedMutant m;
    if (!(words >> m.name)) continue;
    for (std::string flag; words >> flag;) {
      if (flag == "vectors-only") m.vectors_only = true;
      if (flag == "equivalent") m.equivalent = true;
    }
    out.push_back(m);
  }
  if (out.empty()) throw UsageError("the adapter listed no mutants");
  return out;
}

props::VectorCheck check_vectors(const std::vector<std::string>& adapter,
                                 const std::vector<LoadedVector>& vectors) {
  props::VectorCheck out;
  std::unique_ptr<Implementation> impl = subprocess(adapter);
  for (const LoadedVector& v : vectors) {
    const CaseReport r = run_case(*impl, v);
    if (r.outcome == Outcome::Skip) continue;
    ++out.run;
    if (r.outcome != Outcome::Pass) out.failing.push_back(r.id);
  }
  return out;
}

}  // namespace

int mutants_command(const MutantsOptions& options, std::ostream& out, std::ostream& err) {
  return exit_status_of("mutants", err, [&] {
    const std::vector<std::string> adapter = split_command(options.adapter);
    std::vector<ListedMutant> mutants;
    for (const ListedMutant& m : list_mutants(adapter)) {
      const bool named = std::find(options.mutants.begin(), options.mutants.end(), m.name) !=
                         options.mutants.end();
      if (options.mutants.empty() ? !m.equivalent : named) mutants.push_back(m);
    }
    for (const std::string& n : options.mutants) {
      if (std::none_of(mutants.begin(), mutants.end(),
                       [&](const ListedMutant& m) { return m.name == n; })) {
        throw UsageError("--mutant: the adapter has no mutant named '" + n + "'");
      }
    }
    std::vector<LoadedVector> vectors;
    for (const auto& file : find_vector_files(options.vector_paths)) vectors.push_back(load(file));

    const auto measure = [&](const std::string& name, bool vectors_only) {
      std::vector<std::string> argv = adapter;
      if (name != "none") {
        argv.push_back("--mutant");
        argv.push_back(name);
      }
      const std::vector<props::PropertyDef> none;
      return props::measure_mutant(
          name, options.mutation.quick && vectors_only ? none : props::mutation_properties(),
          adapter_node_factory(argv), [&, argv] { return check_vectors(argv, vectors); },
          options.mutation);
    };
    props::MutationOptions baseline_options = options.mutation;
    baseline_options.quick = true;
    baseline_options.max_cases = baseline_options.cases;  // one rung: it must hold there
    const props::MutantReport baseline = props::measure_mutant(
        "none", props::mutation_properties(), adapter_node_factory(adapter),
        [&] { return check_vectors(adapter, vectors); }, baseline_options);
    if (baseline.killed()) {
      err << "harness mutants: the adapter without a mutant already fails the suite:\n"
          << props::mutation_table_text({baseline});
      return kExitFailed;
    }
    out << "baseline: the adapter without a mutant passes " << baseline.properties.size()
        << " properties and " << baseline.vectors_run << " vectors\n";
    std::vector<props::MutantReport> reports;
    std::vector<std::string> descriptions;
    int missed = 0;
    for (const ListedMutant& m : mutants) {
      reports.push_back(measure(m.name, m.vectors_only));
      descriptions.emplace_back();
      out << props::mutation_table_text({reports.back()}) << std::flush;
      const props::MutantReport& r = reports.back();
      const bool seen = m.vectors_only ? r.killed() : (!r.crash.empty() || r.killed_by_properties());
      if (!seen && !m.equivalent) ++missed;
    }
    out << "\n" << props::mutation_table_text(reports);
    if (!options.markdown.empty()) {
      std::ofstream md(options.markdown);
      md << props::mutation_table_markdown(reports, descriptions);
      if (!md) throw UsageError("cannot write " + options.markdown);
    }
    if (missed > 0) {
      out << missed << " mutant(s) missed through the adapter\n";
      return kExitFailed;
    }
    return kExitOk;
  });
}

}  // namespace cryptarchia::harness
