// The errata as regressions. Each row of the errata matrix (the seed and spec
// profiles, and the reference profile with one erratum left uncorrected)
// must break exactly the properties docs/ERRATA.md lists for it: a property
// that stops finding a known erratum fails here, and so does a new failure.
// Fixed seeds make every cell deterministic; regenerate the evidence with
//   build/properties/cryptarchia-errata-matrix
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "cryptarchia/properties/errata_matrix.hpp"

namespace cryptarchia::props {
namespace {

const std::string P1 = "TipEndsAtHeaviestHonestChain";
const std::string P1b = "AnUnbeatenLocalTipStays";
const std::string P2 = "PeerOrderDoesNotMatter";
const std::string P3 = "SyncTerminates";
const std::string P4 = "NoInvalidBlockEntersTheTree";
const std::string P5 = "FaultsOnSomePeersChangeNothing";
const std::string P6a = "SyncingAgainChangesNothing";
const std::string P6b = "ResumingFromAnIntermediateStateReachesTheSameTip";
const std::string P7 = "CheckpointsLeadToTheTipOfASyncFromGenesis";
const std::string P9 = "TheTreeHoldsWhatTheSpecKeeps";
const std::string P10 = "OnePeerSyncEndsWhereTheSpecFoldEnds";

// What each row breaks (docs/ERRATA.md, "The matrix"). A property listed
// under `judged_never` could not be judged: no generated case met its
// precondition (with progress-judged-by-peer-claims no sync ever completes).
struct Row {
  std::set<std::string> breaks;
  std::set<std::string> judged_never;
};
const std::map<std::string, Row> kRows = {
    // P6a on seed, spec and stream-starts-at-local-tip-slot: its second half
    // (a sync with other peers after a completed one, issue 17 item 6) streams
    // from the tip's slot and misses the heavier chain below it.
    {"seed", {{P1, P1b, P2, P3, P4, P5, P6a, P6b, P7, P9, P10}, {}}},
    {"spec", {{P1, P1b, P2, P3, P5, P6a, P6b, P7, P9, P10}, {}}},
    {"reference", {{}, {}}},
    {"reference+progress-judged-by-peer-claims", {{P1, P1b, P3, P7, P10}, {P6a, P6b, P9}}},
    {"reference+stream-starts-at-local-tip-slot", {{P1, P5, P6a, P6b, P7, P9}, {}}},
    {"reference+one-peer-per-tip-group", {{P1, P2, P5, P9}, {}}},
    {"reference+backward-walk-visits-each-peer-once", {{P2}, {}}},
    {"reference+peer-failures-outside-streams-abort-sync", {{P1, P1b, P5, P6a, P6b, P7}, {}}},
    {"reference+checkpoint-block-fetched-again", {{P1, P7, P9}, {}}},
    // The real node's IBD (docs/ERRATA.md, "The ibd row"): its four errata,
    // and P9, P10, which ask for the spec's whole tree and its slot-order
    // fold, which IBD does not promise. It has no checkpoint start: P7 is
    // never judged.
    {"ibd", {{P1, P1b, P2, P3, P5, P6a, P6b, P9, P10}, {P7}}},
};

// A listed failure must show within these. 600 since the generator gaps of
// issue 17 item 6 were closed: the small tier spreads over more classes, and
// reference+stream-starts-at-local-tip-slot first breaks
// FaultsOnSomePeersChangeNothing at case 523 of the matrix seed (median 120
// over five seeds; docs/STRENGTH.md, "Generator gaps closed").
constexpr int kCasesToFail = 600;
constexpr int kCasesToHold = 200;  // an unlisted property must hold this long
// A row whose every run spins until the budget makes "holds" expensive.
constexpr int kCasesToHoldWhenSpinning = 20;

class ErrataMatrix : public ::testing::TestWithParam<std::string> {};

TEST_P(ErrataMatrix, BreaksExactlyTheListedProperties) {
  const std::string& name = GetParam();
  const Row& expected = kRows.at(name);
  for (const MatrixRow& row : matrix_rows()) {
    if (row.name != name) continue;
    for (const PropertyDef& p : sync_properties()) {
      const bool listed = expected.breaks.count(p.name) != 0;
      const bool spins = name == "reference+progress-judged-by-peer-claims";
      const int cases = listed ? kCasesToFail : spins ? kCasesToHoldWhenSpinning : kCasesToHold;
      const CellResult cell = check_cell(row, p, cases, /*shrink=*/false);
      if (expected.judged_never.count(p.name)) {
        EXPECT_TRUE(cell.gave_up) << name << " / " << p.name << ": " << cell.message;
      } else if (listed) {
        EXPECT_TRUE(cell.failed) << name << " no longer breaks " << p.name << " within " << cases
                                 << " cases (seed " << kMatrixSeed << ")";
      } else {
        EXPECT_FALSE(cell.failed || cell.gave_up)
            << name << " now breaks " << p.name << ": " << cell.message;
      }
    }
    return;
  }
  FAIL() << "no matrix row named " << name;
}

std::vector<std::string> row_names() {
  std::vector<std::string> out;
  for (const auto& [name, row] : kRows) out.push_back(name);
  return out;
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string out = info.param;
  for (char& ch : out) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(Rows, ErrataMatrix, ::testing::ValuesIn(row_names()), test_name);

TEST(ErrataMatrix, EveryCorrectedSyncErratumHasARow) {
  for (const ErratumInfo& e : errata()) {
    if (!e.in_spec || !e.corrected_by_reference) continue;
    EXPECT_TRUE(kRows.count("reference+" + std::string(e.name))) << e.name;
  }
  EXPECT_EQ(matrix_rows().size(), kRows.size());
}

}  // namespace
}  // namespace cryptarchia::props

#include <filesystem>

#include "cryptarchia/vectors/vector_io.hpp"

namespace cryptarchia::props {
namespace {

// Every erratum has a minimal vector in the corpus (tagged erratum:<name>)
// on which a profile that has the erratum ends differently from one that
// does not. Regenerate: cryptarchia-errata-matrix --export vectors/corpus/errata
TEST(ErrataVectors, EveryErratumHasAMinimalVectorThatShowsIt) {
  std::map<std::string, std::vector<Scenario>> by_erratum;
  for (const auto& file : vectors::find_vectors(CSC_CORPUS_DIR)) {
    const Scenario s = vectors::load_vector(file);
    for (const std::string& tag : s.tags) {
      if (tag.rfind("erratum:", 0) == 0) by_erratum[tag.substr(8)].push_back(s);
    }
  }
  const auto differs = [](const Expectation& a, const Expectation& b) {
    return a.end != b.end || a.tip != b.tip || a.tree != b.tree;
  };
  for (const ErratumInfo& e : errata()) {
    const auto it = by_erratum.find(std::string(e.name));
    ASSERT_NE(it, by_erratum.end()) << "no vector demonstrates " << e.name;
    if (!e.corrected_by_reference) continue;  // shared by every profile
    bool shown = false;
    for (const Scenario& s : it->second) {
      const Expectation& reference = s.expected.at(Profile::Reference);
      for (const Profile p : {Profile::Seed, Profile::Spec}) {
        const bool has_it = p == Profile::Seed ? e.in_seed : e.in_spec;
        if (has_it && s.expected.count(p) && differs(s.expected.at(p), reference)) shown = true;
      }
    }
    EXPECT_TRUE(shown) << "no vector of " << e.name << " tells its profiles apart";
  }
}

}  // namespace
}  // namespace cryptarchia::props

namespace cryptarchia::props {
namespace {

// Property 2 for a single backfill of a fork tip: the reference holds it;
// the seed, the spec and the reference with backward-walk-visits-each-peer-once
// kept break it.
bool backfill_order_fails(Profile profile, std::vector<Erratum> keep, int cases) {
  EngineOptions options;
  options.cases = cases;
  options.seed = kMatrixSeed;
  options.shrink = false;
  const PropertyVerdict v = run_cases(
      "BackfillOrderDoesNotMatter",
      CaseShape{.faults = false, .invalid = true, .checkpoints = false, .online = true},
      [&](const SyncCase& c, CaseContext& ctx) {
        backfill_order_does_not_matter(profile, keep, c, ctx);
      },
      options);
  EXPECT_NE(v.outcome, Outcome::Error) << v.message;
  return v.outcome == Outcome::Fails;
}

TEST(BackfillOrder, ReferenceBackfillDoesNotDependOnPeerOrder) {
  EXPECT_FALSE(backfill_order_fails(Profile::Reference, {}, 300));
}

TEST(BackfillOrder, SeedAndSpecBackfillsDependOnPeerOrder) {
  EXPECT_TRUE(backfill_order_fails(Profile::Seed, {}, 300));
  EXPECT_TRUE(backfill_order_fails(Profile::Spec, {}, 300));
  EXPECT_TRUE(
      backfill_order_fails(Profile::Reference, {Erratum::BackwardWalkVisitsEachPeerOnce}, 300));
}

}  // namespace
}  // namespace cryptarchia::props
