#include "cryptarchia/properties/cost_properties.hpp"

#include <set>
#include <string>
#include <utility>

namespace cryptarchia::props {

SyncCost cost_of(const RecordedRun& run) {
  SyncCost cost;
  cost.streamed = run.streamed;
  std::set<std::pair<std::size_t, Id>> answered;
  for (const BlockFetch& f : run.fetches) {
    ++cost.fetches;
    // A fetch that failed or came back wrong may be retried: only a block
    // actually given counts.
    if (!f.answered) continue;
    if (!answered.insert({f.peer, f.id}).second) ++cost.repeated_from_peer;
    if (f.delivered_before) ++cost.delivered_again;
  }
  return cost;
}

namespace {

std::string label_of(const World& w, const Id& id) {
  const WorldBlock* b = w.find(id);
  return b ? b->label : id == w.genesis_id ? "genesis" : id.hex().substr(0, 8);
}

// The fetches by id, in order, as a line per fetch.
std::string fetch_log(const World& w, const RecordedRun& r) {
  std::string out = "fetches by id (peer, block):";
  for (const BlockFetch& f : r.fetches) {
    out += "\n  p" + std::to_string(f.peer) + " " + label_of(w, f.id) +
           (f.answered ? "" : " (not given)") + (f.delivered_before ? " (given before)" : "");
  }
  return out;
}

void no_block_fetched_twice_from_one_peer(const NodeFactory& f, const SyncCase& c,
                                          CaseContext& /*ctx*/) {
  const RecordedRun r = run_recorded(f, c.scenario);
  const SyncCost cost = cost_of(r);
  expect(cost.repeated_from_peer == 0,
         std::to_string(cost.repeated_from_peer) + " block(s) fetched again from a peer that " +
             "had given them in this sync\n" + fetch_log(c.world, r));
}

void no_delivered_block_fetched_again(const NodeFactory& f, const SyncCase& c,
                                      CaseContext& /*ctx*/) {
  const RecordedRun r = run_recorded(f, c.scenario);
  const SyncCost cost = cost_of(r);
  expect(cost.delivered_again == 0,
         std::to_string(cost.delivered_again) + " fetch(es) by id of blocks the node had been " +
             "given already\n" + fetch_log(c.world, r));
}

}  // namespace

const std::vector<PropertyDef>& cost_properties() {
  static const std::vector<PropertyDef> all = {
      {"NoBlockFetchedTwiceFromOnePeer",
       "No block is fetched by id, and given, twice by the same peer in one sync.", CaseShape{},
       &no_block_fetched_twice_from_one_peer},
      {"NoDeliveredBlockFetchedAgain",
       "No block is fetched by id after the node was given it (local start, checkpoint, a "
       "stream, or an earlier answer by id).",
       CaseShape{}, &no_delivered_block_fetched_again},
  };
  return all;
}

}  // namespace cryptarchia::props
