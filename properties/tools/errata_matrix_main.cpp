// cryptarchia-errata-matrix: which property each profile, and the reference
// profile with one erratum left uncorrected, breaks; with the minimal
// counterexample RapidCheck shrank to. Its output is the evidence in
// docs/ERRATA.md; with --export it writes each erratum's minimal vector.
// Deterministic: a fixed RapidCheck seed per cell.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>

#include "cryptarchia/properties/case_export.hpp"
#include "cryptarchia/properties/drawing.hpp"
#include "cryptarchia/properties/errata_matrix.hpp"
#include "cryptarchia/properties/sync_properties.hpp"
#include "cryptarchia/vectors/vector_io.hpp"

using namespace cryptarchia;
using namespace cryptarchia::props;

namespace {

void export_vector(const std::string& dir, const std::string& name, const SyncCase& c,
                   const std::string& why, const std::vector<std::string>& extra_tags) {
  std::vector<std::string> tags{"erratum:" + name};
  tags.insert(tags.end(), extra_tags.begin(), extra_tags.end());
  const bool ibd = parse_erratum(name) && info(*parse_erratum(name)).in_ibd;
  Scenario s = ibd ? case_vector(c, "erratum-" + name, why + "\n" + draw(c), tags,
                                 {Profile::Seed, Profile::Spec, Profile::Reference, Profile::Ibd})
                   : case_vector(c, "erratum-" + name, why + "\n" + draw(c), tags,
                                 {Profile::Seed, Profile::Spec, Profile::Reference});
  s.reproduce = "cryptarchia-errata-matrix --export vectors/corpus/errata";
  const std::string file = dir + "/erratum-" + name + ".json";
  vectors::save_vector(s, file);
  const bool shows = ibd || s.expected.at(Profile::Spec).tip != s.expected.at(Profile::Reference).tip ||
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
  std::vector<std::string> only_rows;
  app.add_option("--row", only_rows, "run only this row (repeatable; not with --export)");
  std::string dump_dir;
  app.add_option("--dump", dump_dir,
                 "write every failing cell's counterexample into this directory as a vector "
                 "<row>--<property>.json, with every profile's outcome as expectation");
  std::string suite = "sync";
  app.add_option("--suite", suite,
                 "which properties: sync (the matrix), large (the large tier) or schedule (peers "
                 "that change during the sync); other than sync only with --row")
      ->check(CLI::IsMember({"sync", "large", "schedule"}));
  CLI11_PARSE(app, argc, argv);
  if (suite != "sync" && only_rows.empty()) {
    std::fprintf(stderr, "--suite %s needs --row: the matrix and its export are the sync suite's\n",
                 suite.c_str());
    return 2;
  }
  const std::vector<PropertyDef>& properties = suite == "large"      ? large_tier_properties()
                                               : suite == "schedule" ? schedule_properties()
                                                                     : sync_properties();
  if (!only_rows.empty() && !export_dir.empty()) {
    std::fprintf(stderr, "--row and --export do not go together: the export needs every row\n");
    return 2;
  }
  std::vector<std::string> unknown = only_rows;
  for (const MatrixRow& row : matrix_rows()) std::erase(unknown, row.name);
  if (!unknown.empty()) {
    std::fprintf(stderr, "no matrix row named \"%s\"\n", unknown.front().c_str());
    return 2;
  }

  std::map<std::pair<std::string, std::string>, CellResult> cells;
  for (const MatrixRow& row : matrix_rows()) {
    if (!only_rows.empty() && std::find(only_rows.begin(), only_rows.end(), row.name) == only_rows.end()) {
      continue;
    }
    std::printf("## %s\n", row.name.c_str());
    for (const PropertyDef& p : properties) {
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
      if (cell.failed && cell.counterexample && !dump_dir.empty()) {
        std::string id = row.name + "--" + p.name;
        for (char& ch : id) {  // vector ids: letters, digits, - _ .
          if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '_') ch = '.';
        }
        Scenario s = case_vector(*cell.counterexample, id,
                                 "Counterexample to " + p.name + " in the " + row.name +
                                     " row of the errata matrix:\n" + cell.message + "\n" +
                                     draw(*cell.counterexample),
                                 {"property:" + p.name},
                                 {Profile::Seed, Profile::Spec, Profile::Reference, Profile::Ibd});
        s.reproduce = "cryptarchia-errata-matrix --row " + row.name + " --dump DIR";
        std::filesystem::create_directories(dump_dir);
        vectors::save_vector(s, dump_dir + "/" + id + ".json");
      }
      std::fflush(stdout);
      cells[{row.name, p.name}] = cell;
    }
  }
  if (!only_rows.empty()) return 0;
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
    if (d.adapt) {
      export_vector(export_dir, std::string(to_string(d.erratum)), d.adapt(*cell.counterexample),
                    std::string(info(d.erratum).summary) + "\n" + d.why,
                    {"property:" + d.adapted_breaks});
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
