#include "cryptarchia/scenario.hpp"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace cryptarchia {

Follower Scenario::make_local() const {
  Follower local(genesis, config, mode);
  for (const BlockHeader& b : local_blocks) local.on_block(b);
  return local;
}

namespace {
std::string ids_text(const std::vector<Id>& ids) {
  std::string out = "[";
  for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? ", " : "") + ids[i].short_hex();
  return out + "]";
}
}  // namespace

std::vector<std::string> check_expectation(const Expectation& expected, const SyncResult& result) {
  std::vector<std::string> bad;
  const auto mismatch = [&](const std::string& what, const std::string& want,
                            const std::string& got) {
    bad.push_back(what + ": expected " + want + ", got " + got);
  };
  if (result.end != expected.end) {
    std::string got(to_string(result.end));
    if (result.abort) got += " (" + result.abort->message + ")";
    if (!result.detail.empty()) got += " (" + result.detail + ")";
    mismatch("end", std::string(to_string(expected.end)), got);
  }
  if (expected.exhausted && result.end == SyncEnd::BudgetExceeded &&
      result.exhausted != expected.exhausted) {
    mismatch("exhausted", std::string(to_string(*expected.exhausted)),
             result.exhausted ? std::string(to_string(*result.exhausted)) : "unknown");
  }
  if (result.abort && !result.abort->details_known &&
      (expected.abort_kind || expected.block_status || expected.failing_block ||
       expected.failing_peer)) {
    bad.push_back(
        "abort reasons: the expectation pins them, the implementation did not say why it "
        "aborted");
    // and each pinned reason below shows as "none"
  }
  if (expected.abort_kind) {
    const std::string got = result.abort && result.abort->details_known
                                ? std::string(to_string(result.abort->kind))
                                : "none";
    if (!result.abort || !result.abort->details_known ||
        result.abort->kind != *expected.abort_kind) {
      mismatch("abort kind", std::string(to_string(*expected.abort_kind)), got);
    }
  }
  if (expected.block_status) {
    const auto got = result.abort ? result.abort->block_status : std::nullopt;
    if (got != expected.block_status) {
      mismatch("failing block status", std::string(to_string(*expected.block_status)),
               got ? std::string(to_string(*got)) : "none");
    }
  }
  if (expected.failing_block) {
    const auto got = result.abort ? result.abort->block : std::nullopt;
    if (got != expected.failing_block) {
      mismatch("failing block", expected.failing_block->short_hex(),
               got ? got->short_hex() : "none");
    }
  }
  if (expected.failing_peer) {
    const auto got = result.abort ? result.abort->peer : std::nullopt;
    if (got != expected.failing_peer) {
      mismatch("failing peer", std::to_string(*expected.failing_peer),
               got ? std::to_string(*got) : "none");
    }
  }
  if (expected.tip && result.tip != *expected.tip) {
    mismatch("tip", expected.tip->short_hex(), result.tip.short_hex());
  }
  if (expected.forks && result.forks != *expected.forks) {
    mismatch("forks", ids_text(*expected.forks), ids_text(result.forks));
  }
  std::vector<Id> got = result.tree;
  std::sort(got.begin(), got.end());
  if (expected.tree) {
    std::vector<Id> want = *expected.tree;
    std::sort(want.begin(), want.end());
    if (want != got) mismatch("tree", ids_text(want), ids_text(got));
  }
  for (const Id& id : expected.absent) {
    if (std::binary_search(got.begin(), got.end(), id)) {
      bad.push_back("tree: must not contain " + id.short_hex());
    }
  }
  return bad;
}

ScenarioPeers make_peers(const Scenario& scenario) {
  ScenarioPeers peers;
  if (!scenario.schedule.empty()) {
    std::vector<std::shared_ptr<const PeerView>> initial;
    for (const ScenarioPeer& p : scenario.peers) initial.push_back(p.view);
    peers.clock = std::make_shared<ScheduleClock>(std::move(initial), scenario.schedule);
  }
  for (std::size_t i = 0; i < scenario.peers.size(); ++i) {
    const ScenarioPeer& p = scenario.peers[i];
    std::unique_ptr<Peer> peer;
    if (peers.clock) {
      peer = std::make_unique<ScheduledPeer>(peers.clock, i);
    } else {
      peer = std::make_unique<InMemoryPeer>(p.view);
    }
    if (!p.faults.empty()) peer = std::make_unique<FaultyPeer>(std::move(peer), p.faults);
    peers.list.push_back(peer.get());
    peers.owned.push_back(std::move(peer));
  }
  return peers;
}

ExpectationMatch match_expectation(const Expectation& expected, const SyncResult& result) {
  ExpectationMatch m;
  m.mismatches = check_expectation(expected, result);
  if (m.mismatches.empty()) {
    m.matched = 0;
    return m;
  }
  for (std::size_t i = 0; i < expected.alternatives.size(); ++i) {
    if (check_expectation(expected.alternatives[i], result).empty()) {
      m.matched = i + 1;
      m.mismatches.clear();
      return m;
    }
  }
  if (!expected.alternatives.empty()) {
    m.mismatches.push_back("and none of the " + std::to_string(expected.alternatives.size()) +
                           " alternative outcome(s) matched either");
  }
  return m;
}

std::string matched_text(const Expectation& expected, std::size_t matched) {
  if (matched == 0) return "the expectation";
  return "alternative " + std::to_string(matched) + " of " +
         std::to_string(expected.alternatives.size());
}

Expectation expectation_of(const SyncResult& r) {
  Expectation e;
  e.end = r.end;
  if (r.end == SyncEnd::BudgetExceeded) e.exhausted = r.exhausted;
  if (r.abort && r.abort->details_known) {
    e.abort_kind = r.abort->kind;
    e.block_status = r.abort->block_status;
    e.failing_block = r.abort->block;
    e.failing_peer = r.abort->peer;
  }
  e.tip = r.tip;
  e.forks = r.forks;
  e.tree = r.tree;
  return e;
}

ScenarioRun run_scenario(const Scenario& scenario, Profile profile,
                         const OrphanChooser& orphan_order) {
  Follower local = scenario.make_local();
  const ScenarioPeers peers = make_peers(scenario);
  SyncOptions options;
  options.profile = profile;
  options.budget = scenario.budget;
  options.checkpoint = scenario.checkpoint;
  options.orphan_order = orphan_order;
  ScenarioRun run;
  run.result = sync(local, peers.list, options);
  if (const auto it = scenario.expected.find(profile); it != scenario.expected.end()) {
    ExpectationMatch m = match_expectation(it->second, run.result);
    run.mismatches = std::move(m.mismatches);
    run.matched = m.matched;
  }
  return run;
}

namespace {

bool same_outcome(const Expectation& a, const Expectation& b) {
  return a.end == b.end && a.exhausted == b.exhausted && a.abort_kind == b.abort_kind && a.block_status == b.block_status &&
         a.failing_block == b.failing_block && a.failing_peer == b.failing_peer &&
         a.tip == b.tip && a.forks == b.forks && a.tree == b.tree && a.absent == b.absent;
}

}  // namespace

OrderRuns for_each_orphan_order(const Scenario& scenario, Profile profile, std::size_t max_runs,
                                const std::function<void(const ScenarioRun&)>& visit) {
  OrderRuns out;
  // One order is the list of choices made, each with the number of options
  // it had; the next order increments the last choice that can grow and
  // drops the ones after it (they depend on it), like an odometer.
  std::vector<std::pair<std::size_t, std::size_t>> choices;  // (picked, options)
  std::vector<std::size_t> prefix;
  while (out.runs < max_runs) {
    choices.clear();
    const OrphanChooser chooser = [&](std::size_t n) {
      const std::size_t pick = choices.size() < prefix.size() ? prefix[choices.size()] : 0;
      choices.emplace_back(pick, n);
      return pick;
    };
    visit(run_scenario(scenario, profile, chooser));
    ++out.runs;
    while (!choices.empty() && choices.back().first + 1 >= choices.back().second) {
      choices.pop_back();
    }
    if (choices.empty()) {
      out.complete = true;
      return out;
    }
    prefix.clear();
    for (const auto& c : choices) prefix.push_back(c.first);
    ++prefix.back();
  }
  return out;
}

OrderOutcomes explore_orphan_orders(const Scenario& scenario, Profile profile,
                                    std::size_t max_runs) {
  OrderOutcomes out;
  Scenario without_expectations = scenario;
  without_expectations.expected.clear();
  const OrderRuns runs =
      for_each_orphan_order(without_expectations, profile, max_runs, [&](const ScenarioRun& run) {
        Expectation e = expectation_of(run.result);
        const bool seen = std::any_of(out.outcomes.begin(), out.outcomes.end(),
                                      [&](const Expectation& o) { return same_outcome(o, e); });
        if (!seen) out.outcomes.push_back(std::move(e));
      });
  out.runs = runs.runs;
  out.complete = runs.complete;
  return out;
}

Expectation expectation_in_every_order(const Scenario& scenario, Profile profile,
                                       std::size_t max_runs) {
  OrderOutcomes all = explore_orphan_orders(scenario, profile, max_runs);
  if (!all.complete) {
    throw std::runtime_error("scenario " + scenario.id + ": more than " +
                             std::to_string(max_runs) +
                             " orders of same-slot orphans under profile " +
                             std::string(to_string(profile)) + "; its outcome set is unknown");
  }
  Expectation e = std::move(all.outcomes.front());
  for (std::size_t i = 1; i < all.outcomes.size(); ++i) {
    e.alternatives.push_back(std::move(all.outcomes[i]));
  }
  return e;
}

}  // namespace cryptarchia
