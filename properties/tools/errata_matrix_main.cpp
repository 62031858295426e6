// cryptarchia-errata-matrix: which property each profile, and the reference
// profile with one erratum left uncorrected, breaks; with the minimal
// counterexample RapidCheck shrank to. Its output is the evidence in
// docs/ERRATA.md; with --export it writes each erratum's minimal vector.
// Deterministic: a fixed RapidCheck seed per cell.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <map>
#include <string>

#include "cryptarchia/properties/case_export.hpp"
#include "cryptarchia/properties/drawing.hpp"
#include "cryptarchia/properties/errata_matrix.hpp"
#include "cryptarchia/vectors/vector_io.hpp"

using namespace cryptarchia;
using namespace cryptarchia::props;

namespace {

void export_vector(const std::string& dir, const std::string& name, const SyncCase& c,
                   const std::string& why, const std::vector<std::string>& extra_tags) {
  std::vector<std::string> tags{"erratum:" + name};
  tags.insert(tags.end(), extra_tags.begin(), extra_tags.end());
  Scenario s = case_vector(c, "erratum-" + name, why + "\n" + draw(c), tags,
                           {Profile::Seed, Profile::Spec, Profile::Reference});
  s.reproduce = "cryptarchia-errata-matrix --export vectors/corpus/errata";
  const std::string file = dir + "/erratum-" + name + ".json";
  vectors::save_vector(s, file);
  const bool shows = s.expected.at(Profile::Spec).tip != s.expected.at(Profile::Reference).tip ||
                     s.expected.at(Profile::Spec).end != s.expected.at(Profile::Reference).end ||
                     s.expected.at(Profile::Spec).tree != s.expected.at(Profile::Reference).tree ||
                     s.expected.at(Profile::Seed).end != s.expected.at(Profile::Reference).end ||
                     s.expected.at(Profile::Seed).tree != s.expected.at(Profile::Reference).tree;
  std::printf("wrote %s (%zu blocks, %zu peers)%s\n", file.c_str(), c.world.blocks.size(),
              c.peers.size(), shows ? "" : "  WARNING: profiles agree on it");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Run the errata matrix: properties x profiles, with minimal counterexamples."};
  int cases = 300;
  std::string export_dir;
  app.add_option("--cases", cases, "cases per cell")->check(CLI::PositiveNumber);
  app.add_option("--export", export_dir, "write each erratum's minimal vector into this directory");
  CLI11_PARSE(app, argc, argv);

  std::map<std::pair<std::string, std::string>, CellResult> cells;
  for (const MatrixRow& row : matrix_rows()) {
    std::printf("## %s\n", row.name.c_str());
    for (const PropertyDef& p : sync_properties()) {
      const auto started = std::chrono::steady_clock::now();
      const CellResult cell = check_cell(row, p, cases);
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      const char* what = cell.outcome == Outcome::Fails    ? "FAILS"
                         : cell.outcome == Outcome::Error  ? "ERROR"
                         : cell.outcome == Outcome::Weak   ? "weak (precondition met in under 10 % of cases)"
                         : cell.outcome == Outcome::Untested ? "untested (no case met the precondition)"
                                                             : "holds";
      std::printf("- %-52s %s", p.name.c_str(), what);
      if (cell.failed) std::printf(" after %d case(s)", cell.cases_until_failure);
      std::printf("  [%.1f s]\n", seconds);
      if (cell.failed && cell.counterexample) {
        std::printf("%s  why: %s\n", draw(*cell.counterexample).c_str(), cell.message.c_str());
      }
      std::fflush(stdout);
      cells[{row.name, p.name}] = cell;
    }
  }
  const std::optional<SyncCase> fold = fold_counterexample(10 * cases);
  std::printf("## follower: fold-result-can-be-beaten\n%s\n",
              fold ? draw(*fold).c_str() : "no counterexample found");

  if (export_dir.empty()) return 0;
  int missing = 0;
  for (const ErratumDemo& d : erratum_demos()) {
    const CellResult& cell = cells[{d.row, d.property}];
    if (!cell.counterexample) {
      std::printf("no counterexample for %s in %s / %s\n", std::string(to_string(d.erratum)).c_str(),
                  d.row.c_str(), d.property.c_str());
      ++missing;
      continue;
    }
    export_vector(export_dir, std::string(to_string(d.erratum)), *cell.counterexample,
                  std::string(info(d.erratum).summary) + "\nShrunk counterexample to " +
                      d.property + " in " + d.row + ":\n" + cell.message,
                  {"property:" + d.property});
  }
  if (fold) {
    export_vector(export_dir, "fold-result-can-be-beaten", *fold,
                  std::string(info(Erratum::FoldResultCanBeBeaten).summary) +
                      "\nThe local node holds every block (fed in this order); no peer.",
                  {"follower"});
  } else {
    ++missing;
  }
  return missing == 0 ? 0 : 1;
}
