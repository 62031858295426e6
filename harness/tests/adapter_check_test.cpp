// `harness check`: a verdict per property that claims no more than was
// tested. The reference behind the adapter holds every property with every
// precondition met often enough; the spec fails exactly its errata-matrix
// row; an adapter that errs holds nothing; expected failures and reports.
#include <gtest/gtest.h>

#include <regex>

#include <algorithm>
#include <fstream>
#include <tuple>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "adapter_test_support.hpp"
#include "cli.hpp"
#include "cryptarchia/harness/check.hpp"
#include "cryptarchia/properties/property_engine.hpp"

namespace cryptarchia::harness {
namespace {

using namespace testing;

std::size_t json_files(const std::filesystem::path& dir) {
  std::size_t n = 0;
  if (!std::filesystem::exists(dir)) return 0;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    n += e.path().extension() == ".json";
  return n;
}

struct CheckRun {
  int status = 0;
  std::string out, err;
  nlohmann::json report;  // the --json report, when one was written
  std::filesystem::path failures;  // the --out directory
  // property -> verdict
  [[nodiscard]] std::map<std::string, std::string> verdicts() const {
    std::map<std::string, std::string> v;
    if (report.is_object()) {
      for (const auto& r : report.at("results")) v[r.at("id")] = r.at("verdict");
    }
    return v;
  }
};

CheckRun check(CheckOptions options, const std::string& name, bool progress = false) {
  const auto dir = test_dir(name);
  options.out_dir = (dir / "failures").string();
  options.json_file = (dir / "report.json").string();
  options.progress = progress;
  CheckRun run;
  run.failures = options.out_dir;
  std::ostringstream out, err;
  run.status = run_check(options, out, err);
  run.out = out.str();
  run.err = err.str();
  if (std::ifstream in(options.json_file); in) run.report = nlohmann::json::parse(in);
  return run;
}

const std::set<std::string> kAll = {
    "TipEndsAtHeaviestHonestChain", "AnUnbeatenLocalTipStays", "PeerOrderDoesNotMatter",
    "SyncTerminates", "NoInvalidBlockEntersTheTree", "FaultsOnSomePeersChangeNothing",
    "SyncingAgainChangesNothing", "ResumingFromAnIntermediateStateReachesTheSameTip",
    "CheckpointsLeadToTheTipOfASyncFromGenesis", "TheTreeHoldsWhatTheSpecKeeps",
    "OnePeerSyncEndsWhereTheSpecFoldEnds"};
// Peers that change during the sync (issue 17 item 3): small tier only.
const std::set<std::string> kSchedules = {"TipEndsAtHeaviestChainOfChangingPeers",
                                          "SyncTerminatesWhilePeersChange",
                                          "NoInvalidBlockEntersWhilePeersChange"};
// What `check` runs by default: the small tier's properties and the schedules.
std::set<std::string> default_properties() {
  std::set<std::string> all = kAll;
  all.insert(kSchedules.begin(), kSchedules.end());
  return all;
}

TEST(HarnessCheck, ReferenceAdapterHoldsEveryPropertyNoneUntestedOrWeak) {
  const CheckRun run =
      check(CheckOptions{.adapter = reference_adapter(Profile::Reference), .cases = 30},
            "check-reference");
  EXPECT_EQ(run.status, 0) << run.out << run.err;
  const auto verdicts = run.verdicts();
  ASSERT_EQ(verdicts.size(), default_properties().size()) << run.out;
  for (const auto& [property, verdict] : verdicts) EXPECT_EQ(verdict, "holds") << property;
  // The harness played the schedules: their cases were judged through the adapter.
  for (const std::string& p : kSchedules) EXPECT_TRUE(verdicts.count(p)) << p;
  // Every precondition met in at least 20 % of generated cases.
  for (const auto& r : run.report.at("results")) {
    const double share = r.at("judged").get<double>() / r.at("generated").get<double>();
    EXPECT_GE(share, 0.20) << r.at("id");
  }
  EXPECT_EQ(json_files(run.failures), 0u);
  EXPECT_EQ(run.report.at("judged_as"), "properties");
}

// --tier large runs every property again on the large tier of worlds, as
// Name@large; the reference holds them all, and a tier that does not exist
// is a usage error, not an empty run.
TEST(HarnessCheck, LargeTierRunsEveryPropertyOnLargeWorlds) {
  const CheckRun run = check(
      CheckOptions{.adapter = reference_adapter(Profile::Reference), .cases = 1, .tier = "large"},
      "check-large");
  EXPECT_EQ(run.status, 0) << run.out << run.err;
  std::set<std::string> names;
  for (const auto& [property, verdict] : run.verdicts()) {
    names.insert(property);
    EXPECT_EQ(verdict, "holds") << property;
  }
  std::set<std::string> expected;
  for (const std::string& p : kAll) expected.insert(p + "@large");
  EXPECT_EQ(names, expected) << run.out;

  const CheckRun bad = check(
      CheckOptions{.adapter = reference_adapter(Profile::Reference), .cases = 3, .tier = "huge"},
      "check-bad-tier");
  EXPECT_EQ(bad.status, 2) << bad.out << bad.err;
  EXPECT_NE(bad.err.find("--tier huge"), std::string::npos) << bad.err;
}

// An adapter that says it follows follower variants is judged by them: the
// oracle takes them as its rules (World::rules), so the reference following
// the real node's engine holds everything, and the report says what it was
// judged by. The same node hiding its variants is judged by the spec's rules
// and fails, so the verdict depends on the declaration, as it must.
TEST(HarnessCheck, AnAdapterThatFollowsVariantsIsJudgedByThem) {
  std::vector<std::string> adapter = reference_adapter(Profile::Reference);
  adapter.insert(adapter.end(), {"--variants",
                                 "density-window-includes-bound,fork-choice-on-every-block,"
                                 "fold-over-all-tips,slot-after-parent"});
  const CheckRun run = check(CheckOptions{.adapter = adapter, .cases = 30}, "check-variants");
  EXPECT_EQ(run.status, 0) << run.out << run.err;
  for (const auto& [property, verdict] : run.verdicts()) EXPECT_EQ(verdict, "holds") << property;
  EXPECT_EQ(run.report.at("follows"),
            "reference+density-window-includes-bound+fork-choice-on-every-block+"
            "fold-over-all-tips+slot-after-parent");
  EXPECT_NE(run.out.find("judged as it follows reference+density-window-includes-bound"),
            std::string::npos)
      << run.out;

  adapter.emplace_back("--hide-variants");
  const CheckRun hidden = check(
      CheckOptions{.adapter = adapter, .cases = 100, .shrink = false}, "check-hidden-variants");
  EXPECT_EQ(hidden.status, 1) << hidden.out << hidden.err;
  EXPECT_FALSE(hidden.report.contains("follows"));
  EXPECT_EQ(hidden.verdicts().at("OnePeerSyncEndsWhereTheSpecFoldEnds"), "fails") << hidden.out;
}

// The real node has no checkpoint start: an adapter that says it follows
// the ibd profile gets no case with a checkpoint, so the checkpoint property
// is untested (an error of the check, exit 1), never failed nor passed.
TEST(HarnessCheck, AnIbdAdapterLeavesTheCheckpointPropertyUntested) {
  const CheckRun run =
      check(CheckOptions{.adapter = reference_adapter(Profile::Ibd), .cases = 10,
                         .properties = {"CheckpointsLeadToTheTipOfASyncFromGenesis"}},
            "check-ibd-checkpoints");
  EXPECT_EQ(run.status, 1) << run.out << run.err;
  EXPECT_EQ(run.verdicts().at("CheckpointsLeadToTheTipOfASyncFromGenesis"), "untested")
      << run.out;
}

// The spec profile behind the adapter breaks exactly the properties of its
// errata-matrix row (docs/ERRATA.md), P6b included, at the matrix's 300 cases.
TEST(HarnessCheck, SpecAdapterFailsExactlyTheSpecRowAndSavesVectors) {
  // A spinning spec sync takes over 10 s per case under the sanitizers.
  const CheckRun run = check(CheckOptions{.adapter = reference_adapter(Profile::Spec),
                                          .cases = 300, .shrink = false, .timeout_seconds = 300},
                             "check-spec");
  EXPECT_EQ(run.status, 1);
  std::set<std::string> failing, holding;
  for (const auto& [property, verdict] : run.verdicts()) {
    (verdict == "fails" ? failing : holding).insert(property);
    EXPECT_TRUE(verdict == "fails" || verdict == "holds") << property << ": " << verdict;
  }
  const std::set<std::string> spec_row = {
      "TipEndsAtHeaviestHonestChain", "AnUnbeatenLocalTipStays", "PeerOrderDoesNotMatter",
      "SyncTerminates", "FaultsOnSomePeersChangeNothing", "SyncingAgainChangesNothing",
      "ResumingFromAnIntermediateStateReachesTheSameTip",
      "CheckpointsLeadToTheTipOfASyncFromGenesis", "TheTreeHoldsWhatTheSpecKeeps",
      "OnePeerSyncEndsWhereTheSpecFoldEnds",
      // With peers changing: P1 and P3 fail as they do on static peers (a
      // tip request of a peer that has not joined aborts the spec's sync).
      "TipEndsAtHeaviestChainOfChangingPeers", "SyncTerminatesWhilePeersChange"};
  EXPECT_EQ(failing, spec_row) << run.out;
  EXPECT_EQ(json_files(run.failures), spec_row.size());
}

// The harness plays the schedules (peers that change during the sync) for
// the adapter exactly as the peers do in-process: at one seed, the
// reference behind the adapter meets each precondition in the same cases
// and holds every schedule property, as in-process.
TEST(HarnessCheck, TheHarnessPlaysSchedulesAsTheyRunInProcess) {
  CheckOptions options{.adapter = reference_adapter(Profile::Reference), .cases = 60};
  options.properties.assign(kSchedules.begin(), kSchedules.end());
  const CheckRun run = check(options, "check-schedules");
  EXPECT_EQ(run.status, 0) << run.out << run.err;
  ASSERT_EQ(run.verdicts().size(), kSchedules.size()) << run.out;
  for (const auto& r : run.report.at("results")) {
    const std::string name = r.at("id");
    EXPECT_EQ(r.at("verdict"), "holds") << name;
    props::EngineOptions in_process;
    in_process.cases = 60;
    in_process.seed = options.seed;
    const props::PropertyVerdict v = props::run_property(
        props::property(name), props::profile_node(Profile::Reference), in_process);
    EXPECT_EQ(v.outcome, props::Outcome::Holds) << name;
    EXPECT_EQ(r.at("judged").get<int>(), v.judged) << name;
    EXPECT_EQ(r.at("discarded").get<int>(), v.discarded) << name;
  }
}

// An adapter that answers every sync with garbage could not run a single
// case: no property holds, every one is an error, and check exits 1.
TEST(HarnessCheck, AnAdapterThatErrsOnEverySyncHoldsNothing) {
  const auto script = write_script(test_dir("check-garbage"), "adapter",
                                   hello_lines() +
                                       "while read line; do\n"
                                       "  case \"$line\" in *'\"sync\"'*) echo 'not json';; esac\n"
                                       "done");
  const CheckRun run =
      check(CheckOptions{.adapter = {script.string()}, .cases = 5, .timeout_seconds = 5},
            "check-garbage-run");
  EXPECT_EQ(run.status, 1);
  const auto verdicts = run.verdicts();
  ASSERT_EQ(verdicts.size(), default_properties().size()) << run.out << run.err;
  for (const auto& [property, verdict] : verdicts) EXPECT_EQ(verdict, "error") << property;
  EXPECT_NE(run.out.find("0 hold,"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find(std::to_string(default_properties().size()) + " errors"), std::string::npos)
      << run.out;
  EXPECT_EQ(run.out.find("all properties hold"), std::string::npos) << run.out;
  EXPECT_EQ(run.report.at("summary").at("passed"), 0);
  // Each erroring case is saved, so the error can be replayed.
  EXPECT_EQ(json_files(run.failures), default_properties().size());
}

TEST(HarnessCheck, ExpectedFailuresTurnFailuresIntoXfailsAndStaleEntriesFail) {
  const auto dir = test_dir("check-xfail");
  const auto list = dir / "expected.txt";
  std::ofstream(list) << "# the spec's errata\n"
                         "SyncTerminates progress-judged-by-peer-claims\n";
  CheckOptions options{.adapter = reference_adapter(Profile::Spec), .cases = 20,
                       .shrink = false, .properties = {"SyncTerminates"}};
  options.expected_failures_file = list.string();
  const CheckRun xfail = check(options, "check-xfail-run");
  EXPECT_EQ(xfail.status, 0) << xfail.out;
  EXPECT_NE(xfail.out.find("1 fail as expected"), std::string::npos) << xfail.out;
  EXPECT_EQ(xfail.report.at("summary").at("xfailed"), 1);

  // Listed but holding (XPASS) fails, and so does an entry for no property.
  std::ofstream(list) << "NoInvalidBlockEntersTheTree listed by mistake\n";
  options.properties = {"NoInvalidBlockEntersTheTree"};
  const CheckRun xpass = check(options, "check-xpass-run");
  EXPECT_EQ(xpass.status, 1);
  EXPECT_NE(xpass.out.find("XPASS"), std::string::npos) << xpass.out;

  std::ofstream(list) << "NoSuchProperty a typo\n";
  const CheckRun stale = check(options, "check-stale-run");
  EXPECT_EQ(stale.status, 1);
  EXPECT_NE(stale.out.find("stale expected failure: NoSuchProperty"), std::string::npos)
      << stale.out;
}

TEST(HarnessCheck, AnUnknownPropertyIsAUsageError) {
  const CheckRun run = check(CheckOptions{.adapter = reference_adapter(), .cases = 1,
                                          .properties = {"NoSuchProperty"}},
                             "check-unknown");
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("--property NoSuchProperty"), std::string::npos) << run.err;
}

// The same seed gives the same report, however many adapters run at once;
// another seed gives other cases.
TEST(HarnessCheck, ReportsAreDeterministicAcrossJobs) {
  CheckOptions options{.adapter = reference_adapter(Profile::Spec), .cases = 20, .shrink = false};
  options.properties = {"PeerOrderDoesNotMatter", "SyncTerminates", "SyncingAgainChangesNothing"};
  const CheckRun one = check(options, "check-jobs-1");
  options.jobs = 3;
  const CheckRun three = check(options, "check-jobs-3");
  ASSERT_TRUE(one.report.is_object() && three.report.is_object());
  // The runs write into folders of their own; the files are named alike.
  const auto results = [](nlohmann::json r) {
    for (auto& x : r.at("results")) {
      x["file"] = std::filesystem::path(x.at("file").get<std::string>()).filename().string();
    }
    return r.at("results").dump();
  };
  EXPECT_EQ(results(one.report), results(three.report));
  EXPECT_EQ(one.status, three.status);
}

// Progress goes to stderr as whole lines, one at least when a property ends;
// stdout keeps only the verdicts.
TEST(HarnessCheck, ReportsProgressOnStderr) {
  const CheckRun run = check(CheckOptions{.adapter = reference_adapter(), .cases = 5,
                                          .properties = {"SyncTerminates"}},
                             "check-progress", /*progress=*/true);
  EXPECT_EQ(run.status, 0) << run.out << run.err;
  EXPECT_NE(run.err.find("check: SyncTerminates: 5/5 cases judged (5 generated)"),
            std::string::npos)
      << run.err;
  EXPECT_EQ(run.err.back(), '\n');
  EXPECT_EQ(run.out.find("cases judged ("), std::string::npos) << run.out;
}

TEST(HarnessCheck, WritesAJUnitReport) {
  const auto dir = test_dir("check-junit");
  CheckOptions options{.adapter = reference_adapter(Profile::Spec), .cases = 5, .shrink = false,
                       .properties = {"SyncTerminates", "NoInvalidBlockEntersTheTree"}};
  options.junit_file = (dir / "report.xml").string();
  const CheckRun run = check(options, "check-junit-run");
  std::ifstream in(options.junit_file);
  std::stringstream xml;
  xml << in.rdbuf();
  EXPECT_NE(xml.str().find("name=\"SyncTerminates\""), std::string::npos) << xml.str();
  EXPECT_NE(xml.str().find("<failure"), std::string::npos) << xml.str();
  EXPECT_NE(xml.str().find("<property name=\"judged_as\" value=\"properties\"/>"),
            std::string::npos)
      << xml.str();
  EXPECT_EQ(xml.str().find("time=\""), std::string::npos) << xml.str();

  // With --junit-times every property carries the seconds it took.
  options.junit_times = true;
  options.junit_file = (dir / "timed.xml").string();
  check(options, "check-junit-timed");
  std::ifstream timed_in(options.junit_file);
  std::stringstream timed;
  timed << timed_in.rdbuf();
  const std::regex property_time("<testcase classname=\"properties\" name=\"SyncTerminates\""
                                 "[^>]* time=\"[0-9]+\\.[0-9]{3}\"");
  EXPECT_TRUE(std::regex_search(timed.str(), property_time)) << timed.str();
}

TEST(HarnessCheck, VersionMismatchIsExitStatusThree) {
  const auto script =
      write_script(test_dir("check-major"), "adapter", hello_lines("7.1") + "sleep 5");
  EXPECT_EQ(check(CheckOptions{.adapter = {script.string()}, .cases = 1}, "check-major-out").status,
            3);
}

TEST(HarnessCheck, AnAdapterThatDoesNotStartIsExitStatusTwo) {
  EXPECT_EQ(check(CheckOptions{.adapter = {"/nonexistent/adapter"}, .cases = 1}, "check-none").status,
            2);
}

}  // namespace
}  // namespace cryptarchia::harness

namespace cryptarchia::harness {
namespace {

// --shard i/n splits the properties exactly (every property in one shard,
// none twice, the same verdicts as one machine), and `harness merge` makes
// the shards' reports into the unsharded one; the same holds for the order
// the shards are merged in. Overlapping shards or reports of different
// settings are refused with the file and the field.
TEST(HarnessCheck, ShardsSplitThePropertiesExactlyAndMergeIntoTheWholeReport) {
  const auto base = CheckOptions{.adapter = reference_adapter(Profile::Reference), .cases = 5};
  const CheckRun whole = check(base, "check-shard-whole");
  ASSERT_EQ(whole.status, 0) << whole.out << whole.err;
  // check() clears its directory each time: the shards' reports are kept here.
  const auto kept = test_dir("check-shard-reports");
  const auto keep = [&](const CheckRun& run, const std::string& name) {
    const auto path = kept / (name + ".json");
    std::ofstream(path) << run.report.dump(2);
    return path.string();
  };
  std::vector<std::string> shards;
  std::set<std::string> seen;
  std::size_t total = 0;
  for (int i = 0; i < 3; ++i) {
    CheckOptions o = base;
    o.shard = std::to_string(i) + "/3";
    const CheckRun part = check(o, "check-shard-" + std::to_string(i));
    EXPECT_EQ(part.status, 0) << part.out << part.err;
    EXPECT_NE(part.out.find("(shard " + std::to_string(i) + "/3)"), std::string::npos) << part.out;
    for (const auto& [property, verdict] : part.verdicts()) {
      EXPECT_TRUE(seen.insert(property).second) << property << " is in two shards";
      EXPECT_EQ(verdict, whole.verdicts().at(property)) << property;
      ++total;
    }
    shards.push_back(keep(part, "shard-" + std::to_string(i)));
  }
  EXPECT_EQ(total, whole.verdicts().size());

  const auto merged_of = [&](std::vector<std::string> reports, const std::string& name) {
    MergeOptions m{std::move(reports), (test_dir(name) / "merged.json").string()};
    std::ostringstream out, err;
    const int status = merge_command(m, out, err);
    std::ifstream in(m.json_file);
    std::stringstream text;
    text << in.rdbuf();
    return std::tuple{status, text.str(), err.str()};
  };
  const auto [status, merged, merge_err] = merged_of(shards, "check-shard-merged");
  ASSERT_EQ(status, 0) << merge_err;
  nlohmann::json expected = whole.report;
  auto& results = expected.at("results");
  std::sort(results.begin(), results.end(),
            [](const nlohmann::json& a, const nlohmann::json& b) { return a.at("id") < b.at("id"); });
  EXPECT_EQ(nlohmann::json::parse(merged), expected);
  const auto [status2, merged2, err2] =
      merged_of({shards[2], shards[0], shards[1]}, "check-shard-merged-other-order");
  EXPECT_EQ(status2, 0) << err2;
  EXPECT_EQ(merged2, merged);

  // The same shard twice overlaps.
  const auto [overlap, text3, err3] = merged_of({shards[0], shards[0]}, "check-shard-overlap");
  EXPECT_EQ(overlap, 2);
  EXPECT_NE(err3.find("the shards overlap"), std::string::npos) << err3;
  // A shard run with another seed is another run.
  CheckOptions other = base;
  other.shard = "1/3";
  other.seed = 7;
  const std::string other_seed = keep(check(other, "check-shard-other-seed"), "other-seed");
  const auto [mismatch, text4, err4] =
      merged_of({shards[0], other_seed, shards[2]}, "check-shard-mismatch");
  EXPECT_EQ(mismatch, 2);
  EXPECT_NE(err4.find("field 'seed'"), std::string::npos) << err4;
  EXPECT_NE(err4.find("other-seed.json"), std::string::npos) << err4;
}

}  // namespace
}  // namespace cryptarchia::harness
