// cryptarchia-export-spec-examples: writes the spec's sync examples
// (spec_examples()), or with --variants the follower variants' examples
// (variant_examples()), or with --ibd the real node's server faults
// (ibd_examples()), as vector files <id>.json into a directory, or with
// --check verifies that the directory holds exactly those files, byte for byte.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "cryptarchia/ibd_examples.hpp"
#include "cryptarchia/spec_examples.hpp"
#include "cryptarchia/variant_examples.hpp"
#include "cryptarchia/vectors/vector_io.hpp"

namespace {

namespace fs = std::filesystem;
using namespace cryptarchia;

// A set of examples, the flag that selects it and where its committed
// corpus lives, relative to the repository root.
struct ExampleSet {
  const char* flag;  // "" for the default set
  std::vector<Scenario> (*examples)();
  const char* corpus_dir;
};
const ExampleSet kSpecSet{"", spec_examples, "vectors/corpus/spec"};
const ExampleSet kVariantSet{"--variants", variant_examples, "vectors/corpus/variants"};
const ExampleSet kIbdSet{"--ibd", ibd_examples, "vectors/corpus/ibd"};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

int check(const fs::path& dir, const std::vector<Scenario>& examples, const char* corpus_dir,
          const char* command) {
  int drift = 0;
  std::set<fs::path> expected;
  for (const Scenario& s : examples) {
    const fs::path file = dir / (s.id + ".json");
    expected.insert(file);
    if (!fs::exists(file)) {
      std::printf("missing: %s\n", file.c_str());
      ++drift;
    } else if (read_file(file) != vectors::dump_vector(s)) {
      std::printf("differs: %s\n", file.c_str());
      ++drift;
    }
  }
  for (const fs::path& file : vectors::find_vectors(dir)) {
    if (!expected.count(file)) {
      std::printf("not an example of this set: %s\n", file.c_str());
      ++drift;
    }
  }
  if (drift != 0) {
    std::printf(
        "%d file(s) out of date; regenerate with: %s --out %s\n", drift, command, corpus_dir);
    return 1;
  }
  std::printf("%zu example vector(s) up to date in %s\n", examples.size(), dir.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Write the spec's sync examples as vector files, or check them."};
  fs::path out;
  bool check_only = false;
  app.add_option("--out", out, "directory of the vector files")->required();
  app.add_flag("--check", check_only, "compare with the files instead of writing them");
  bool variants = false;
  app.add_flag("--variants", variants,
               "the follower variants' examples (docs/VARIANTS.md) instead of the spec's");
  bool ibd = false;
  app.add_flag("--ibd", ibd,
               "the real node's server faults (off-path blocks, a Bootstrapping server) "
               "instead of the spec's")
      ->excludes("--variants");
  CLI11_PARSE(app, argc, argv);

  const ExampleSet& set = variants ? kVariantSet : ibd ? kIbdSet : kSpecSet;
  std::vector<Scenario> examples = set.examples();
  const char* corpus_dir = set.corpus_dir;
  const std::string command =
      std::string("cryptarchia-export-spec-examples") + (*set.flag ? " " : "") + set.flag;
  for (Scenario& s : examples) {
    if (s.reproduce.empty()) s.reproduce = command + " --out " + corpus_dir;
  }
  try {
    if (check_only) return check(out, examples, corpus_dir, command.c_str());
    fs::create_directories(out);
    for (const Scenario& s : examples) vectors::save_vector(s, out / (s.id + ".json"));
    std::printf("wrote %zu vector(s) to %s\n", examples.size(), out.c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  return 0;
}
