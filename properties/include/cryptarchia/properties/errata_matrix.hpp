// Runs properties against the rows of the errata matrix: the seed and spec
// profiles, the reference profile, and the reference profile with one
// erratum left uncorrected. Fixed seeds make every cell reproducible.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cryptarchia/errata.hpp"
#include "cryptarchia/properties/property_engine.hpp"

namespace cryptarchia::props {

struct MatrixRow {
  std::string name;  // "seed", "spec", "reference", "ibd", "reference+<erratum>"
  NodeFactory factory;
  bool checkpoints = true;  // false: no case starts from a checkpoint (EngineOptions)
};

std::vector<MatrixRow> matrix_rows();

struct CellResult {
  Outcome outcome = Outcome::Holds;
  bool failed = false;  // the property failed, or the implementation erred
  // No generated case met the property's precondition (for example, no sync
  // completed, so "syncing again" cannot be judged).
  bool gave_up = false;
  int cases_until_failure = 0;  // successful cases before the failing one
  std::string message;          // the failure's message (or "error: ..." for an error)
  std::optional<SyncCase> counterexample;
};

inline constexpr std::uint64_t kMatrixSeed = 20261124;

// Checks `p` against `row` on up to `cases` generated cases with a fixed
// seed; `shrink` false stops at the first failure as generated.
CellResult check_cell(const MatrixRow& row, const PropertyDef& p, int cases, bool shrink = true,
                      std::uint64_t seed = kMatrixSeed);

}  // namespace cryptarchia::props

namespace cryptarchia::props {

// The follower-level erratum fold-result-can-be-beaten, searched directly:
// feed every honest block of a world to one follower in world order and
// check that its tip is one no other tip beats. Returns the shrunk
// counterexample, if RapidCheck finds one within `cases`.
std::optional<SyncCase> fold_counterexample(int cases, std::uint64_t seed = kMatrixSeed);

// Which cell of the matrix demonstrates each erratum (its minimal vector).
struct ErratumDemo {
  Erratum erratum;
  std::string row;
  std::string property;
  // Where the shrunk counterexample would pass a node that does nothing
  // (every vector must fail one), the vector is this case made from it
  // instead, and `why` says how; unset: the counterexample itself.
  std::function<SyncCase(const SyncCase&)> adapt = {};
  std::string why = {};
  std::string adapted_breaks = {};  // the property the adapted case breaks
};
std::vector<ErratumDemo> erratum_demos();

}  // namespace cryptarchia::props
