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
  clear_last_failing_case();
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
    // RapidCheck prefixes the source location of RC_FAIL; keep the message.
    const std::string marker = "RC_FAIL(message)";
    const auto at = failure.description.find(marker);
    cell.message = at == std::string::npos ? failure.description
                                           : failure.description.substr(at + marker.size());
    cell.message.erase(0, cell.message.find_first_not_of('\n'));
    if (const SyncCase* c = last_failing_case()) cell.counterexample = *c;
  } else if (result.match(gave_up)) {
    cell.gave_up = true;
    cell.message = "gave up: " + gave_up.description;
  }
  return cell;
}

}  // namespace cryptarchia::props

#include <algorithm>

#include "cryptarchia/properties/oracle.hpp"

namespace cryptarchia::props {

namespace {
// The local start of a fold case: every honest block, in slot order (the
// order a stream delivers them in), parents first within a slot.
LocalStart all_honest_blocks(const World& w) {
  LocalStart s;
  s.kind = "all-honest-blocks";
  for (std::size_t i = 0; i < w.blocks.size(); ++i) {
    if (w.blocks[i].honest) s.blocks.push_back(i);
  }
  std::stable_sort(s.blocks.begin(), s.blocks.end(), [&](std::size_t a, std::size_t b) {
    return w.blocks[a].header.slot < w.blocks[b].header.slot;
  });
  return s;
}
}  // namespace

std::optional<SyncCase> fold_counterexample(int cases, std::uint64_t seed) {
  rc::detail::TestParams params;
  params.seed = seed;
  params.maxSuccess = cases;
  std::optional<SyncCase> found;
  const auto result = rc::detail::checkTestable(
      [&] {
        SyncCase c = *gen_case(CaseShape{false, false, false, false});
        c.local = all_honest_blocks(c.world);
        c.peers.clear();
        c.scenario = make_scenario(c.world, c.peers, c.local);
        const Follower local = c.scenario.make_local();
        std::vector<std::size_t> all(c.local.blocks);
        const Verdict v = judge(c.world, all);
        if (!v.acceptable.empty() && !v.is_acceptable(c.world, local.tip_id())) {
          found = c;
          RC_FAIL("the fold ended at a tip that another tip beats");
        }
      },
      rc::detail::TestMetadata{}, params);
  return result.template is<rc::detail::FailureResult>() ? found : std::nullopt;
}

std::vector<ErratumDemo> erratum_demos() {
  return {
      // Shown on the spec profile itself: with the reference's other
      // corrections this erratum makes every sync spin, which hides how it
      // shows in the spec.
      {Erratum::ProgressJudgedByPeerClaims, "spec", "SyncTerminates"},
      {Erratum::StreamStartsAtLocalTipSlot, "reference+stream-starts-at-local-tip-slot",
       "TipEndsAtHeaviestHonestChain"},
      {Erratum::OnePeerPerTipGroup, "reference+one-peer-per-tip-group", "PeerOrderDoesNotMatter"},
      {Erratum::BackwardWalkVisitsEachPeerOnce, "reference+backward-walk-visits-each-peer-once",
       "PeerOrderDoesNotMatter"},
      {Erratum::PeerFailuresOutsideStreamsAbortSync,
       "reference+peer-failures-outside-streams-abort-sync", "FaultsOnSomePeersChangeNothing"},
      {Erratum::CheckpointBlockFetchedAgain, "reference+checkpoint-block-fetched-again",
       "CheckpointsLeadToTheTipOfASyncFromGenesis"},
      {Erratum::SeedTakesCheckpointOnTrust, "seed", "NoInvalidBlockEntersTheTree"},
  };
}

}  // namespace cryptarchia::props
