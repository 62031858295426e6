#include "cryptarchia/properties/errata_matrix.hpp"

#include <rapidcheck.h>

namespace cryptarchia::props {

std::vector<MatrixRow> matrix_rows() {
  std::vector<MatrixRow> rows{{"seed", profile_node(Profile::Seed)},
                              {"spec", profile_node(Profile::Spec)},
                              {"reference", profile_node(Profile::Reference)}};
  for (const ErratumInfo& e : errata()) {
    if (!e.in_spec || !e.corrected_by_reference) continue;
    rows.push_back({"reference+" + std::string(e.name), profile_node(Profile::Reference, {e.id})});
  }
  return rows;
}

CellResult check_cell(const MatrixRow& row, const PropertyDef& p, int cases, bool shrink,
                      std::uint64_t seed) {
  rc::detail::TestParams params;
  params.disableShrinking = !shrink;
  params.seed = seed;
  params.maxSuccess = cases;
  params.maxSize = 100;
  rc::detail::TestMetadata metadata;
  metadata.id = row.name + "/" + p.name;
  metadata.description = p.name;
  const auto result =
      rc::detail::checkTestable([&] { check_one(p, row.factory); }, metadata, params);
  CellResult cell;
  rc::detail::FailureResult failure;
  rc::detail::GaveUpResult gave_up;
  if (result.match(failure)) {
    cell.failed = true;
    cell.cases_until_failure = failure.numSuccess;
    cell.message = failure.description;
    if (const SyncCase* c = last_failing_case()) cell.counterexample = *c;
  } else if (result.match(gave_up)) {
    cell.gave_up = true;
    cell.message = "gave up: " + gave_up.description;
  }
  return cell;
}

}  // namespace cryptarchia::props
