#include "cryptarchia/scenario.hpp"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace cryptarchia {

Follower Scenario::make_local(FollowerOptions options) const {
  Follower local(genesis, config, mode, std::move(options));
  for (const BlockHeader& b : local_blocks) local.on_block(b);
  return local;
}

const Expectation* Scenario::expectation(const RunAs& as) const {
  if (as.variants.empty()) {
    const auto it = expected.find(as.profile);
    return it == expected.end() ? nullptr : &it->second;
  }
  const auto it = expected_with_variants.find(as);
  return it == expected_with_variants.end() ? nullptr : &it->second;
}

std::string to_string(const RunAs& as) {
  std::string out(to_string(as.profile));
  if (!as.variants.empty()) out += "+" + to_string(as.variants);
  return out;
}

std::optional<RunAs> parse_run_as(std::string_view text, std::string* error) {
  const std::size_t plus = text.find('+');
  const std::optional<Profile> profile = parse_profile(text.substr(0, plus));
  if (!profile) {
    if (error) *error = "unknown profile \"" + std::string(text.substr(0, plus)) + "\"";
    return std::nullopt;
  }
  RunAs as(*profile);
  if (plus == std::string_view::npos) return as;
  std::vector<std::string> names;
  for (std::size_t from = plus + 1;;) {
    const std::size_t next = text.find('+', from);
    names.emplace_back(text.substr(from, next == std::string_view::npos ? next : next - from));
    if (next == std::string_view::npos) break;
    from = next + 1;
  }
  const std::optional<Variants> v = parse_variants(names, error);
  if (!v) return std::nullopt;
  as.variants = *v;
  if (to_string(as) != text) {
    if (error) {
      *error = "\"" + std::string(text) + "\" names its variants out of order; write \"" +
               to_string(as) + "\"";
    }
    return std::nullopt;
  }
  return as;
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

Follower make_local_follower(const Scenario& scenario, const Variants& variants,
                             const OrphanChooser& fold_choice) {
  FollowerOptions options;
  options.variants = variants;
  if (variants.has(Variant::FoldOverAllTips)) options.choose_fold_result = fold_choice;
  return scenario.make_local(std::move(options));
}

ScenarioRun run_scenario(const Scenario& scenario, const RunAs& as,
                         const OrphanChooser& orphan_order) {
  Follower local = make_local_follower(scenario, as.variants, orphan_order);
  const ScenarioPeers peers = make_peers(scenario);
  SyncOptions options;
  options.profile = as.profile;
  options.budget = scenario.budget;
  options.checkpoint = scenario.checkpoint;
  options.orphan_order = orphan_order;
  ScenarioRun run;
  run.result = sync(local, peers.list, options);
  if (const Expectation* expected = scenario.expectation(as)) {
    ExpectationMatch m = match_expectation(*expected, run.result);
    run.mismatches = std::move(m.mismatches);
    run.matched = m.matched;
  }
  return run;
}

namespace {

// `tree` and `absent` are sets: compared sorted.
std::optional<std::vector<Id>> sorted(std::optional<std::vector<Id>> ids) {
  if (ids) std::sort(ids->begin(), ids->end());
  return ids;
}

bool same_outcome(const Expectation& a, const Expectation& b) {
  return a.end == b.end && a.exhausted == b.exhausted && a.abort_kind == b.abort_kind && a.block_status == b.block_status &&
         a.failing_block == b.failing_block && a.failing_peer == b.failing_peer &&
         a.tip == b.tip && a.forks == b.forks && sorted(a.tree) == sorted(b.tree) &&
         sorted(a.absent) == sorted(b.absent);
}

}  // namespace

bool same_outcomes(const Expectation& a, const Expectation& b) {
  const auto all = [](const Expectation& e) {
    std::vector<const Expectation*> out{&e};
    for (const Expectation& alt : e.alternatives) out.push_back(&alt);
    return out;
  };
  const auto covered = [](const std::vector<const Expectation*>& xs,
                          const std::vector<const Expectation*>& ys) {
    return std::all_of(xs.begin(), xs.end(), [&](const Expectation* x) {
      return std::any_of(ys.begin(), ys.end(),
                         [&](const Expectation* y) { return same_outcome(*x, *y); });
    });
  };
  const auto as = all(a);
  const auto bs = all(b);
  return covered(as, bs) && covered(bs, as);
}

OrderRuns for_each_orphan_order(const Scenario& scenario, const RunAs& as, std::size_t max_runs,
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
    visit(run_scenario(scenario, as, chooser));
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

OrderOutcomes explore_orphan_orders(const Scenario& scenario, const RunAs& as,
                                    std::size_t max_runs) {
  OrderOutcomes out;
  Scenario without_expectations = scenario;
  without_expectations.expected.clear();
  without_expectations.expected_with_variants.clear();
  const OrderRuns runs =
      for_each_orphan_order(without_expectations, as, max_runs, [&](const ScenarioRun& run) {
        Expectation e = expectation_of(run.result);
        const bool seen = std::any_of(out.outcomes.begin(), out.outcomes.end(),
                                      [&](const Expectation& o) { return same_outcome(o, e); });
        if (!seen) out.outcomes.push_back(std::move(e));
      });
  out.runs = runs.runs;
  out.complete = runs.complete;
  return out;
}

Expectation expectation_in_every_order(const Scenario& scenario, const RunAs& as,
                                       std::size_t max_runs) {
  OrderOutcomes all = explore_orphan_orders(scenario, as, max_runs);
  if (!all.complete) {
    throw std::runtime_error("scenario " + scenario.id + ": more than " +
                             std::to_string(max_runs) +
                             " orders of same-slot orphans (or fold results) under " +
                             to_string(as) + "; its outcome set is unknown");
  }
  Expectation e = std::move(all.outcomes.front());
  for (std::size_t i = 1; i < all.outcomes.size(); ++i) {
    e.alternatives.push_back(std::move(all.outcomes[i]));
  }
  return e;
}

}  // namespace cryptarchia
