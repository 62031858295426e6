// `harness mutants`: the suite's strength through the subprocess route. For
// each mutant the adapter lists, start the adapter with `--mutant NAME` and
// run the property suite and the vectors against it, as a team plugging in
// its own implementation would (docs/STRENGTH.md). Needs an adapter that
// knows the catalogue: cryptarchia-mutant-adapter.
#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>
#include <sstream>

#include "cli.hpp"
#include "cryptarchia/harness/subprocess.hpp"
#include "cryptarchia/properties/mutation_runner.hpp"
#include "run_case.hpp"
#include "vector_selection.hpp"

namespace cryptarchia::harness {

namespace {


// `CMD --list-mutants`: one mutant per line, its name and then its flags.
std::vector<props::CatalogueEntry> list_mutants(const std::vector<std::string>& adapter) {
  // A bounded wait: an adapter that ignores the option must not hang us.
  const std::string command = "timeout 60 " + shell_words(adapter) + " --list-mutants";
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
  std::vector<props::CatalogueEntry> out;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    props::CatalogueEntry m;
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
    const Shard shard = parse_shard(options.shard);
    std::vector<props::CatalogueEntry> mutants;
    std::size_t position = 0;  // in the adapter's list: the k-th goes to shard k mod n
    for (const props::CatalogueEntry& m : list_mutants(adapter)) {
      if (position++ % shard.count != shard.index) continue;
      const bool named = std::find(options.mutants.begin(), options.mutants.end(), m.name) !=
                         options.mutants.end();
      if (options.mutants.empty() ? !m.equivalent : named) mutants.push_back(m);
    }
    for (const std::string& n : options.mutants) {
      if (std::none_of(mutants.begin(), mutants.end(),
                       [&](const props::CatalogueEntry& m) { return m.name == n; })) {
        if (shard.count > 1) continue;  // another shard may hold it
        throw UsageError("--mutant: the adapter has no mutant named '" + n + "'");
      }
    }
    std::vector<LoadedVector> vectors;
    for (const auto& file : find_vector_files(options.vector_paths)) vectors.push_back(load(file));
    refuse_repeated_ids(vectors);

    const auto argv_of = [&adapter](const std::string& name) {
      std::vector<std::string> argv = adapter;
      if (name != "none") {
        argv.push_back("--mutant");
        argv.push_back(name);
      }
      return argv;
    };
    const props::MutantTarget target{
        [&](const std::string& name) { return adapter_node_factory(argv_of(name)); },
        [&](const std::string& name) { return check_vectors(argv_of(name), vectors); }};
    // Large worlds cost about 20 times more through an adapter than in
    // process (docs/STRENGTH.md), so they are asked for by name.
    std::vector<props::PropertyDef> properties;
    // The schedule properties first, as in-process (mutation_properties()).
    if (options.tier != "large") {
      properties = props::schedule_properties();
      properties.insert(properties.end(), props::sync_properties().begin(),
                        props::sync_properties().end());
    }
    if (options.tier != "small") {
      properties.insert(properties.end(), props::large_tier_properties().begin(),
                        props::large_tier_properties().end());
    }

    const int status = props::run_catalogue(mutants, properties, target,
                                            options.mutation, options.markdown, false, out, err);
    return status == 2 ? kExitUsage : status;
  });
}

}  // namespace cryptarchia::harness
