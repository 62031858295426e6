// A sync scenario: everything one run needs (config, genesis, the local
// start, the peers in order) and what each profile is expected to end with.
// It is the in-memory form of a test vector.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cryptarchia/faults.hpp"
#include "cryptarchia/follower.hpp"
#include "cryptarchia/peer.hpp"
#include "cryptarchia/schedule.hpp"
#include "cryptarchia/sync.hpp"

namespace cryptarchia {

struct ScenarioPeer {
  std::string name;
  std::shared_ptr<const PeerView> view;
  std::vector<Fault> faults;  // empty for a well-behaved peer
};

// What a run must end with. Unset fields are not checked.
struct Expectation {
  SyncEnd end = SyncEnd::Completed;
  std::optional<Exhausted> exhausted;  // BudgetExceeded: what ran out
  std::optional<SyncAbort::Kind> abort_kind;
  std::optional<BlockStatus> block_status;  // of the block that made it abort
  std::optional<Id> failing_block;
  std::optional<std::size_t> failing_peer;  // index of the peer whose failure aborted it
  std::optional<Id> tip;
  std::optional<std::vector<Id>> forks;  // exact order
  std::optional<std::vector<Id>> tree;   // exact set (any order)
  std::vector<Id> absent;                // ids that must not be in the tree
  // Other outcomes that are right too, where the spec leaves a choice open
  // (the order of same-slot orphans): a run matches the expectation if it
  // matches this one or any alternative. Alternatives have none of their own.
  std::vector<Expectation> alternatives;
};

// What a run follows: a profile, and the follower variants of the local
// node (variants.hpp; none: the spec's fork choice). Written
// "spec+fold-over-all-tips" (to_string), the form vector keys and reports use.
struct RunAs {
  Profile profile = Profile::Reference;
  Variants variants;
  RunAs() = default;
  RunAs(Profile p, Variants v = {}) : profile(p), variants(v) {}  // NOLINT: a profile is a RunAs
  friend bool operator==(const RunAs&, const RunAs&) = default;
  friend auto operator<=>(const RunAs&, const RunAs&) = default;
};
std::string to_string(const RunAs& as);
// "profile" or "profile+variant+...", the variants in the order of
// variants() (so each set has one spelling); nullopt, with `error` saying
// why, for anything else.
std::optional<RunAs> parse_run_as(std::string_view text, std::string* error = nullptr);

struct Scenario {
  std::string id;
  std::string description;
  std::vector<std::string> tags;  // generator classes, errata demonstrated
  std::string reproduce;          // the command that regenerates or replays it
  Config config;
  GenesisState genesis;
  Mode mode = Mode::Bootstrapping;
  std::vector<BlockHeader> local_blocks;  // fed to the local follower's on_block, in order
  std::optional<Checkpoint> checkpoint;
  std::vector<ScenarioPeer> peers;
  std::map<Profile, Expectation> expected;  // profiles without an entry are not checked
  // Outcomes under follower variants, where they differ from the profile's
  // own (keys with variants; the plain profile is in `expected`).
  std::map<RunAs, Expectation> expected_with_variants;
  Budget budget;                            // what a run may spend
  // Peers that change during the sync (schedule.hpp); empty: every peer
  // answers from its view all through the sync, as before.
  std::vector<ScheduleEvent> schedule;

  // The local follower at the start of the sync.
  [[nodiscard]] Follower make_local(FollowerOptions options = {}) const;
  // The stored expectation for `as`: expected[profile] without variants,
  // expected_with_variants[as] with; nullptr when there is none.
  [[nodiscard]] const Expectation* expectation(const RunAs& as) const;
};

struct ScenarioRun {
  SyncResult result;
  std::vector<std::string> mismatches;  // empty when the expectation held
  std::optional<std::size_t> matched;   // 0: the expectation itself; i: its alternative i - 1
};

// Fresh peers for one run, in scenario order (faulty ones wrapped in
// FaultyPeer), and the list of them that sync() takes.
struct ScenarioPeers {
  std::vector<std::unique_ptr<Peer>> owned;
  std::vector<Peer*> list;
  // With a schedule: the peers' shared virtual clock (its log says what the
  // peers saw); nullptr without one.
  std::shared_ptr<ScheduleClock> clock;
};
ScenarioPeers make_peers(const Scenario& scenario);

// Runs the scenario under `profile` with fresh peers and the scenario's
// budget; checks the expectation for that profile when there is one.
// `orphan_order` orders same-slot orphans (SyncOptions::orphan_order).
// With variants, the local follower follows them; `orphan_order` also
// picks the fold's result where FoldOverAllTips leaves a choice
// (FollowerOptions::choose_fold_result), so that exploring it explores both.
ScenarioRun run_scenario(const Scenario& scenario, const RunAs& as,
                         const OrphanChooser& orphan_order = {});
// The local follower run_scenario starts from.
Follower make_local_follower(const Scenario& scenario, const Variants& variants,
                             const OrphanChooser& fold_choice = {});

// The differences between a result and one expectation, leaving its
// alternatives aside. The tree is taken from `result.tree` (sorted ids), so
// the result must have been collected with SyncOptions::collect_tree.
std::vector<std::string> check_expectation(const Expectation& expected, const SyncResult& result);

// A result against an expectation and its alternatives.
struct ExpectationMatch {
  std::optional<std::size_t> matched;   // 0: the expectation; i: alternative i - 1
  std::vector<std::string> mismatches;  // when none matched: the differences from the expectation
};
ExpectationMatch match_expectation(const Expectation& expected, const SyncResult& result);
// "the expectation" or "alternative i of n", for reports.
std::string matched_text(const Expectation& expected, std::size_t matched);

// Everything a run pins down: end, abort reasons (when known), tip, forks
// and tree (no alternatives).
Expectation expectation_of(const SyncResult& result);

// Whether two expectations allow the same outcomes: each one's outcome and
// alternatives, as sets.
bool same_outcomes(const Expectation& a, const Expectation& b);

// Runs the scenario under `as` once per order of same-slot orphans (and,
// with FoldOverAllTips, per result the fold can end on): depth first over
// the choices OrphanChooser is asked for, the default order first, at most `max_runs` times, and hands each run to `visit`.
struct OrderRuns {
  std::size_t runs = 0;   // orders tried
  bool complete = false;  // every order was tried within max_runs
};
OrderRuns for_each_orphan_order(const Scenario& scenario, const RunAs& as, std::size_t max_runs,
                                const std::function<void(const ScenarioRun&)>& visit);

// Every outcome the scenario can have under `profile` when same-slot orphans
// are backfilled in any order (for_each_orphan_order).
struct OrderOutcomes {
  std::vector<Expectation> outcomes;  // distinct; the default order's first
  std::size_t runs = 0;               // orders tried
  bool complete = false;              // every order was tried within max_runs
};
OrderOutcomes explore_orphan_orders(const Scenario& scenario, const RunAs& as,
                                    std::size_t max_runs = 5040);

// The expectation of a scenario under `profile` as the reference computes
// it: the default order's outcome, with the others every order can reach as
// alternatives. Throws std::runtime_error if the orders exceed `max_runs`.
Expectation expectation_in_every_order(const Scenario& scenario, const RunAs& as,
                                       std::size_t max_runs = 5040);

}  // namespace cryptarchia
