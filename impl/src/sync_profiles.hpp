// Internal: the profile entry points behind sync(), and what they share.
#pragma once

#include <optional>
#include <stdexcept>
#include <vector>

#include "cryptarchia/detail/peer_session.hpp"
#include "cryptarchia/follower.hpp"
#include "cryptarchia/sync.hpp"

namespace cryptarchia::detail {

struct SyncProgress {
  std::uint64_t rounds = 0;
};

// The spec's InvalidBlockFromBackfillFork: a block of a backfilled fork
// suffix failed; it and the rest of the suffix are rejected.
class InvalidBlockFromBackfillFork : public std::runtime_error {
 public:
  InvalidBlockFromBackfillFork(BlockStatus cause, const Id& block, std::vector<Id> rejected);
  [[nodiscard]] BlockStatus cause() const { return cause_; }
  [[nodiscard]] const Id& block() const { return block_; }
  [[nodiscard]] const std::vector<Id>& rejected() const { return rejected_; }

 private:
  BlockStatus cause_;
  Id block_;
  std::vector<Id> rejected_;
};

// The reference profile's departures from the spec profile, one per erratum.
// Empty until the properties find errata (docs/ERRATA.md).
struct Corrections {};

void sync_seed(Follower& local, PeerSession& peers, const std::optional<Checkpoint>& checkpoint,
               SyncProgress& progress);
void sync_spec(Follower& local, PeerSession& peers, const std::optional<Checkpoint>& checkpoint,
               const Corrections& corrections, SyncProgress& progress);

}  // namespace cryptarchia::detail
