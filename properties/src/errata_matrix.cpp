#include "cryptarchia/properties/errata_matrix.hpp"

#include <map>


namespace cryptarchia::props {

std::vector<MatrixRow> matrix_rows() {
  std::vector<MatrixRow> rows{{"seed", profile_node(Profile::Seed)},
                              {"spec", profile_node(Profile::Spec)},
                              {"reference", profile_node(Profile::Reference)},
                              {"ibd", profile_node(Profile::Ibd), /*checkpoints=*/false}};
  for (const ErratumInfo& e : errata()) {
    if (!e.in_spec || !e.corrected_by_reference) continue;
    rows.push_back({"reference+" + std::string(e.name), profile_node(Profile::Reference, {e.id})});
  }
  return rows;
}

CellResult check_cell(const MatrixRow& row, const PropertyDef& p, int cases, bool shrink,
                      std::uint64_t seed) {
  EngineOptions options;
  options.cases = cases;
  options.seed = seed;
  options.shrink = shrink;
  options.checkpoints = row.checkpoints;
  const PropertyVerdict v = run_property(p, row.factory, options);
  CellResult cell;
  cell.outcome = v.outcome;
  cell.failed = v.outcome == Outcome::Fails || v.outcome == Outcome::Error;
  cell.gave_up = v.outcome == Outcome::Untested;
  cell.cases_until_failure = v.passed_before_failure;
  cell.message = v.outcome == Outcome::Error ? "error: " + v.message : v.message;
  if (cell.failed) cell.counterexample = v.counterexample;
  return cell;
}

}  // namespace cryptarchia::props

#include <algorithm>

#include "cryptarchia/properties/oracle.hpp"

namespace cryptarchia::props {

namespace {
// The local start of a fold case: every honest block, in slot order (the
// order a stream delivers them in), parents first within a slot; a child at
// or below its parent's slot (the generators make some) comes right after
// its parent, as a backfill would deliver it.
LocalStart all_honest_blocks(const World& w) {
  LocalStart s;
  s.kind = "all-honest-blocks";
  std::vector<std::size_t> by_slot;
  for (std::size_t i = 0; i < w.blocks.size(); ++i) {
    if (w.blocks[i].honest) by_slot.push_back(i);
  }
  std::stable_sort(by_slot.begin(), by_slot.end(), [&](std::size_t a, std::size_t b) {
    return w.blocks[a].header.slot < w.blocks[b].header.slot;
  });
  std::vector<bool> placed(w.blocks.size(), false);
  std::multimap<std::size_t, std::size_t> waiting;  // parent -> children seen before it
  std::vector<std::size_t> ready;
  for (const std::size_t i : by_slot) {
    const auto parent = w.blocks[i].parent;
    if (parent && !placed[*parent]) {
      waiting.emplace(*parent, i);
      continue;
    }
    ready.push_back(i);
    while (!ready.empty()) {
      const std::size_t b = ready.back();
      ready.pop_back();
      placed[b] = true;
      s.blocks.push_back(b);
      const auto [first, last] = waiting.equal_range(b);
      for (auto it = first; it != last; ++it) ready.push_back(it->second);
      waiting.erase(first, last);
    }
  }
  return s;
}
}  // namespace

std::optional<SyncCase> fold_counterexample(int cases, std::uint64_t seed) {
  EngineOptions options;
  options.cases = cases;
  options.seed = seed;
  const PropertyVerdict v = run_cases(
      "FoldEndsAtAnUnbeatenTip", CaseShape{.faults = false, .invalid = false,
                                           .checkpoints = false, .online = false},
      [](const SyncCase& generated, CaseContext&) {
        SyncCase c = generated;
        c.local = all_honest_blocks(c.world);
        c.peers.clear();
        c.scenario = make_scenario(c.world, c.peers, c.local);
        const Follower local = c.scenario.make_local();
        const Verdict v = judge(c.world, c.local.blocks);
        expect(v.acceptable.empty() || v.is_acceptable(c.world, local.tip_id()),
               "the fold ended at a tip that another tip beats");
      },
      options);
  if (v.outcome != Outcome::Fails || !v.counterexample) return std::nullopt;
  // The counterexample as the search ran it: every honest block local.
  SyncCase c = *v.counterexample;
  c.local = all_honest_blocks(c.world);
  c.peers.clear();
  c.scenario = make_scenario(c.world, c.peers, c.local);
  return c;
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
      // The real node's IBD, shown on the ibd profile.
      {Erratum::IbdEmptyBatchAskedAgainForever, "ibd", "SyncTerminates"},
      {Erratum::IbdPeerDelayedBehindAFailedDownload, "ibd", "FaultsOnSomePeersChangeNothing"},
      {Erratum::IbdFailedPeerDroppedForGood, "ibd", "SyncingAgainChangesNothing"},
      // P1's counterexample (one peer that cannot serve its tip) leaves the
      // reference at genesis, where a node that does nothing also ends: the
      // vector is P5's counterexample with its well-behaved peer removed and
      // the faulty one failing only its second tip request, so the node has
      // the best chain when IBD gives up.
      {Erratum::IbdAllPeersFailedShutsDown, "ibd", "FaultsOnSomePeersChangeNothing",
       [](const SyncCase& from) {
         SyncCase c = from;
         c.peers.resize(1);
         c.peers[0].faults = {{RequestKind::Tip, 1, FaultKind::FailCall, 0}};
         c.scenario = make_scenario(c.world, c.peers, c.local);
         return c;
       },
       "Made from the shrunk counterexample to FaultsOnSomePeersChangeNothing in ibd: its "
       "first peer alone, failing only its second tip request: the sync does not complete.",
       "TipEndsAtHeaviestHonestChain"},
  };
}

}  // namespace cryptarchia::props
