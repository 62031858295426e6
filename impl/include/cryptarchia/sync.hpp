// Chain synchronization in four profiles (docs/ALGORITHMS.md gives each as
// pseudocode):
//   seed      - the algorithm as first proposed (spec note, section 6), weak
//               points included;
//   spec      - the later public revision (section 7);
//   reference - this project's corrected profile (spec + named errata fixes,
//               docs/ERRATA.md);
//   ibd       - the real node's initial block download (../shared/spec/IBD.md
//               section 2; impl/src/sync_ibd.cpp).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cryptarchia/errata.hpp"
#include "cryptarchia/errors.hpp"
#include "cryptarchia/follower.hpp"
#include "cryptarchia/peer.hpp"

namespace cryptarchia {

// ibd - the real node's initial block download (../shared/spec/IBD.md,
//         section 2): tip, then DownloadBlocks batches per peer.
enum class Profile { Seed, Spec, Reference, Ibd };
std::string_view to_string(Profile profile);
// "seed", "spec", "reference" or "ibd"; nullopt for anything else.
std::optional<Profile> parse_profile(std::string_view name);
// The profiles that speak the spec's requests (tip, blocks_from, block by
// id): vectors carry expectations for these. The ibd profile speaks
// DownloadBlocks instead and is judged by the properties (docs/ERRATA.md).
inline constexpr Profile kAllProfiles[] = {Profile::Seed, Profile::Spec, Profile::Reference};

// Limits that turn a sync that would not terminate into a reported outcome.
// Requests are calls to peers; steps are loop iterations of the algorithm
// (rounds, blocks handled, chain-walk steps), which bound loops that spin
// without asking anything.
struct Budget {
  std::uint64_t max_requests = 10'000'000;
  std::uint64_t max_steps = 100'000'000;
};

struct RequestCounts {
  std::uint64_t tip = 0;
  std::uint64_t blocks_from = 0;
  std::uint64_t block_by_id = 0;
  std::uint64_t streamed_blocks = 0;  // blocks received through blocks_from and download streams
  std::uint64_t download = 0;         // DownloadBlocks requests (the ibd profile)

  [[nodiscard]] std::uint64_t requests() const {
    return tip + blocks_from + block_by_id + download;
  }
  friend bool operator==(const RequestCounts&, const RequestCounts&) = default;
};

// A checkpoint to start from: a block and its ledger state, trusted as given.
// seed: applied with Follower::apply_checkpoint before the first round.
// spec, reference: its chain is backfilled down to genesis first.
struct Checkpoint {
  BlockHeader header;
  LedgerState state;
};

// The order in which one round backfills its orphans of the same slot. The
// spec leaves it open (its orphans are a Python set, so ties come in hash
// order: docs/INTERPRETATIONS.md, 13). Given n >= 2 orphans of one slot
// still to order, it returns which of them comes next, in [0, n), counted
// in the order they were first seen. Unset: always 0 (first seen first).
using OrphanChooser = std::function<std::size_t(std::size_t n)>;

struct SyncOptions {
  Profile profile = Profile::Reference;
  Budget budget;
  std::optional<Checkpoint> checkpoint;
  bool collect_tree = true;  // fill SyncResult::tree (sorted ids)
  // Reference profile only: leave these errata uncorrected, to demonstrate
  // each on its own. Errata the reference does not correct are ignored.
  std::vector<Erratum> keep_errata;
  OrphanChooser orphan_order;
  // A wall-clock limit (the harness's --timeout for the in-process route):
  // past it, the sync stops at its next step or request as if its budget
  // were spent (SyncEnd::BudgetExceeded); the caller knows why.
  std::optional<std::chrono::steady_clock::time_point> deadline;
};

enum class SyncEnd {
  Completed,       // the algorithm returned normally
  BudgetExceeded,  // it would not have terminated within the budget
  Aborted,         // an error escaped the algorithm
};
std::string_view to_string(SyncEnd end);

// Why an aborted sync stopped.
struct SyncAbort {
  enum class Kind {
    BlockError,                    // a validation failure escaped (seed)
    InvalidBlockFromBackfillFork,  // a checkpoint's chain did not apply (spec)
    PeerFailure,                   // a peer's failure escaped
    Internal,                      // the follower refused an operation
  };
  Kind kind = Kind::Internal;
  std::optional<BlockStatus> block_status;  // BlockError, InvalidBlockFromBackfillFork
  std::optional<Id> block;                  // the block that failed
  std::optional<std::size_t> peer;          // index of the failing peer
  std::string message;
  // False when an external implementation (an adapter) did not say why it
  // aborted: kind, block_status and block are then unknown, not compared.
  bool details_known = true;
};
std::string_view to_string(SyncAbort::Kind kind);

// What ran out when a sync ended as BudgetExceeded.
enum class Exhausted {
  Requests,  // the request budget: it kept asking peers (also when the
             // steps ran out while it was still asking: a request in the
             // last half of the step budget, or every allowed one made)
  Steps,     // a loop that stopped asking: the step budget ran out with no
             // request in its last half, or the loop provably never returns
};
std::string_view to_string(Exhausted exhausted);

struct SyncResult {
  SyncEnd end = SyncEnd::Completed;
  std::optional<SyncAbort> abort;  // set when end == Aborted
  std::optional<Exhausted> exhausted;  // set when end == BudgetExceeded
  std::string detail;              // what ran out, for BudgetExceeded
  Id tip;
  std::vector<Id> forks;
  std::vector<Id> tree;  // every stored id, sorted (if collect_tree)
  RequestCounts requests;
  std::uint64_t rounds = 0;
  std::uint64_t steps = 0;

  // One line, for logs and test failures.
  [[nodiscard]] std::string summary() const;
};

// Synchronizes `local` with `peers` (in this order) under the chosen profile.
// Never throws for anything a peer or a block does; `local` keeps whatever
// state the algorithm reached.
SyncResult sync(Follower& local, std::span<Peer* const> peers, const SyncOptions& options = {});

// Only the profile's backfill of one fork tip (seed: backfill_fork through
// the common-prefix walk; spec and reference: backfill until the first known
// block), with the same budget and result as sync(). A failing fork suffix
// ends as aborted (invalid-block-from-backfill-fork).
SyncResult backfill(Follower& local, std::span<Peer* const> peers, const Id& fork_tip,
                    const SyncOptions& options = {});

}  // namespace cryptarchia
