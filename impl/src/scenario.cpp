#include "cryptarchia/scenario.hpp"

#include <algorithm>
#include <sstream>

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
  if (expected.abort_kind) {
    const std::string got = result.abort ? std::string(to_string(result.abort->kind)) : "none";
    if (!result.abort || result.abort->kind != *expected.abort_kind) {
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
  for (const ScenarioPeer& p : scenario.peers) {
    std::unique_ptr<Peer> peer = std::make_unique<InMemoryPeer>(p.view);
    if (!p.faults.empty()) peer = std::make_unique<FaultyPeer>(std::move(peer), p.faults);
    peers.list.push_back(peer.get());
    peers.owned.push_back(std::move(peer));
  }
  return peers;
}

ScenarioRun run_scenario(const Scenario& scenario, Profile profile) {
  Follower local = scenario.make_local();
  const ScenarioPeers peers = make_peers(scenario);
  SyncOptions options;
  options.profile = profile;
  options.budget = scenario.budget;
  options.checkpoint = scenario.checkpoint;
  ScenarioRun run;
  run.result = sync(local, peers.list, options);
  if (const auto it = scenario.expected.find(profile); it != scenario.expected.end()) {
    run.mismatches = check_expectation(it->second, run.result);
  }
  return run;
}

}  // namespace cryptarchia
