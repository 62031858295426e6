// cryptarchia-generate-corpus: writes a corpus of generated vectors that
// together cover every class the generators produce (world shapes, views,
// faults, starts, modes, oracle verdicts), each with the outcome of every
// profile recorded. Deterministic for a given seed.
//
//   cryptarchia-generate-corpus --out vectors/corpus/generated [--seed 1] [--per-class 2]
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "cryptarchia/properties/case_export.hpp"
#include "cryptarchia/properties/drawing.hpp"
#include "cryptarchia/properties/generators.hpp"
#include "cryptarchia/properties/oracle.hpp"
#include "cryptarchia/vectors/vector_io.hpp"

using namespace cryptarchia;
using namespace cryptarchia::props;

int main(int argc, char** argv) {
  CLI::App app{"Write a generated vector corpus that covers every generator class."};
  std::string out;
  std::uint64_t seed = 1;
  int per_class = 2;
  int candidates = 3000;
  app.add_option("--out", out, "directory to write into")->required();
  app.add_option("--seed", seed, "RapidCheck random seed");
  app.add_option("--per-class", per_class, "cases kept per class")->check(CLI::PositiveNumber);
  app.add_option("--candidates", candidates, "cases generated to choose from")
      ->check(CLI::PositiveNumber);
  CLI11_PARSE(app, argc, argv);

  // Keep a case while it brings a class below its quota; small cases first
  // within the generation order, so the corpus stays readable and small.
  rc::Random random(seed);
  const rc::Gen<SyncCase> gen = gen_case();
  std::map<std::string, int> kept_per_class;
  std::vector<SyncCase> kept;
  for (int i = 0; i < candidates; ++i) {
    SyncCase c = gen(random.split(), 100).value();
    std::set<std::string> classes;
    for (const std::string& t : c.tags()) classes.insert(t);
    classes.insert("oracle:" + judge(c.world, obtainable_from_well_behaved(c)).kind);
    bool useful = false;
    for (const std::string& t : classes) useful |= kept_per_class[t] < per_class;
    if (!useful || c.world.blocks.size() > 24) continue;
    for (const std::string& t : classes) ++kept_per_class[t];
    kept.push_back(std::move(c));
  }
  std::filesystem::create_directories(out);
  std::size_t bytes = 0;
  for (std::size_t n = 0; n < kept.size(); ++n) {
    char id[32];
    std::snprintf(id, sizeof id, "generated-%03zu", n);
    std::vector<std::string> tags = kept[n].tags();
    tags.push_back("oracle:" + judge(kept[n].world, obtainable_from_well_behaved(kept[n])).kind);
    Scenario s = case_vector(kept[n], id, "Generated case (seed " + std::to_string(seed) + ")\n" +
                                              draw(kept[n]),
                             tags, {Profile::Seed, Profile::Spec, Profile::Reference});
    s.reproduce = "cryptarchia-generate-corpus --out vectors/corpus/generated --seed " +
                  std::to_string(seed) + " --per-class " + std::to_string(per_class) +
                  " --candidates " + std::to_string(candidates);
    const std::string text = vectors::dump_vector(s);
    bytes += text.size();
    vectors::save_vector(s, std::filesystem::path(out) / (std::string(id) + ".json"));
  }
  std::printf("wrote %zu vector(s), %zu bytes, covering %zu classes:\n", kept.size(), bytes,
              kept_per_class.size());
  for (const auto& [t, n] : kept_per_class) std::printf("  %3d  %s\n", n, t.c_str());
  return 0;
}
