// cryptarchia-errata-matrix: which property each profile, and the reference
// profile with one erratum left uncorrected, breaks; with the minimal
// counterexample RapidCheck shrank to. Its output is the evidence in
// docs/ERRATA.md. Deterministic: a fixed RapidCheck seed per cell.
//
//   cryptarchia-errata-matrix [cases-per-cell]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "cryptarchia/properties/drawing.hpp"
#include "cryptarchia/properties/errata_matrix.hpp"

int main(int argc, char** argv) {
  using namespace cryptarchia;
  using namespace cryptarchia::props;
  const int cases = argc > 1 ? std::atoi(argv[1]) : 300;
  for (const MatrixRow& row : matrix_rows()) {
    std::printf("## %s\n", row.name.c_str());
    std::fflush(stdout);
    for (const PropertyDef& p : sync_properties()) {
      const auto started = std::chrono::steady_clock::now();
      const CellResult cell = check_cell(row, p, cases);
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      std::printf("- %-52s %s", p.name.c_str(),
                  cell.failed ? "FAILS" : cell.gave_up ? "cannot be judged (no case qualified)" : "holds");
      if (cell.failed) std::printf(" after %d case(s)", cell.cases_until_failure);
      std::printf("  [%.1f s]\n", seconds);
      std::fflush(stdout);
      if (cell.failed && cell.counterexample) {
        std::printf("%s  why: %s\n", draw(*cell.counterexample).c_str(), cell.message.c_str());
      }
    }
  }
  return 0;
}
