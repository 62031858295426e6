// Wasted work is a finding too. Correctness properties cannot see a sync
// that asks for the same block many times over; these two can. They judge
// what the peers saw (run_recorded), so they apply to any implementation:
//
//   NoBlockFetchedTwiceFromOnePeer   no block is fetched by id, and given,
//                                    twice by the same peer in one sync;
//   NoDeliveredBlockFetchedAgain     no block is fetched by id after the
//                                    node was given it (local start,
//                                    checkpoint, a stream or an earlier
//                                    answer by id).
//
// Every profile of this library breaks both (docs/ERRATA.md, "Wasted work"):
// they are not part of SyncConformance, and cost_test.cpp keeps the finding
// measured. A node that wants to show it does not waste work runs them like
// any property (run_property).
#pragma once

#include <cstdint>
#include <vector>

#include "cryptarchia/properties/sync_properties.hpp"

namespace cryptarchia::props {

struct SyncCost {
  std::uint64_t fetches = 0;            // blocks requested by id
  std::uint64_t repeated_from_peer = 0; // answered fetches of a (peer, id) already answered
  std::uint64_t delivered_again = 0;    // answered fetches of a block already delivered
  std::uint64_t streamed = 0;           // blocks delivered in streams
};
SyncCost cost_of(const RecordedRun& run);

const std::vector<PropertyDef>& cost_properties();

}  // namespace cryptarchia::props
