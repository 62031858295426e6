// The ibd profile: the real node's initial block download, as
// ../shared/spec/IBD.md section 2 restates it. Per peer: ask its tip; if the
// tip is new and no other download has it as target, download towards it
// (DownloadBlocks with the local tip, the LIB and the last block this peer
// streamed), and ask again when the batch ends. A peer is dropped on its
// first failure or invalid block; IBD ends when no download is left.
//
// Modelled choices (docs/ALGORITHMS.md, "ibd"):
// - the parallel downloads are interleaved one block at a time; which
//   download delivers the next block is the open choice of the profile
//   (SyncOptions::orphan_order; unset: the earliest registered download);
// - a peer whose tip needs nothing is delayed for 10 s, and downloads take no
//   time, so a delay never falls due before IBD ends (IBD.md: "IBD succeeds
//   even with delays pending");
// - the real node has no checkpoint start (its engine's root is genesis or
//   its own persisted LIB), so a checkpoint is refused;
// - Online, the node has no ledger state for the LIB's ancestors (IBD.md
//   4.5: they leave the engine), so such a tip is not "known".
#include <algorithm>
#include <optional>
#include <stdexcept>
#include <vector>

#include "sync_profiles.hpp"

namespace cryptarchia::detail {

namespace {

class IbdSync {
 public:
  IbdSync(Follower& local, PeerSession& peers, const OrphanChooser& interleaving,
          SyncProgress& progress)
      : local_(local), peers_(peers), interleaving_(interleaving), progress_(progress) {}

  void run(const std::optional<Checkpoint>& checkpoint) {
    if (checkpoint) throw std::invalid_argument("the ibd profile does not start from a checkpoint");
    if (peers_.size() == 0) return;  // no configured peer: IBD succeeds at once
    for (std::size_t p = 0; p < peers_.size(); ++p) restart(p, std::nullopt);
    check_some_peer_left();
    while (!active_.empty()) {
      peers_.step();
      const std::size_t i = next_download();
      std::optional<BlockHeader> block;
      try {
        block = active_[i].stream.next();
      } catch (const PeerFailed& e) {
        drop(i, e);
        continue;
      }
      if (!block) {
        complete(i);  // the stream ended (NoMoreBlocks)
        continue;
      }
      const Id id = block->id();
      active_[i].last = id;
      // Every block is applied with full validation, a known one too (the
      // node re-applies it; this follower keeps it once). Any failure,
      // a missing parent included, drops the download and its peer.
      const BlockStatus status = local_.try_on_block(*block);
      if (is_error(status)) {
        drop(i, PeerFailed(active_[i].peer, "download: block " + id.short_hex() + " refused (" +
                                                std::string(to_string(status)) + ")"));
        continue;
      }
      if (id == active_[i].target) complete(i);  // the target: read no further
    }
  }

 private:
  struct Download {
    std::size_t peer;
    Id target;
    PeerSession::Stream stream;
    std::optional<Id> last;  // the last block this stream delivered
  };
  struct Delay {
    std::size_t peer;
    std::optional<Id> latest;
  };

  std::size_t next_download() {
    if (active_.size() < 2 || !interleaving_) return 0;
    const std::size_t pick = interleaving_(active_.size());
    if (pick >= active_.size()) throw std::out_of_range("the interleaving picked past the downloads");
    return pick;
  }

  // IBD.md 2.2: a download for `peer`, a delay, or the peer dropped.
  void restart(std::size_t peer, const std::optional<Id>& latest) {
    Id target;
    try {
      target = peers_.tip(peer).id();
    } catch (const PeerFailed& e) {
      last_failure_ = e;
      return;
    }
    const bool in_progress = std::any_of(active_.begin(), active_.end(),
                                         [&](const Download& d) { return d.target == target; });
    if (has_ledger_state(target) || in_progress) {
      delayed_.push_back({peer, latest});
      return;
    }
    DownloadRequest request{target, local_.tip_id(), local_.lib(), {}};
    if (latest) request.additional.push_back(*latest);
    try {
      active_.push_back({peer, target, peers_.download(peer, request), std::nullopt});
    } catch (const PeerFailed& e) {
      last_failure_ = e;
    }
  }

  // Whether the engine holds the block with its ledger state: not a strict
  // ancestor of the LIB once Online.
  [[nodiscard]] bool has_ledger_state(const Id& id) const {
    if (!local_.contains(id)) return false;
    if (local_.mode() != Mode::Online || id == local_.lib()) return true;
    const auto h = local_.height(id);
    const auto lib_height = local_.height(local_.lib());
    if (!h || !lib_height || *h >= *lib_height) return true;
    Id at = local_.lib();
    for (std::uint64_t up = *lib_height - *h; up > 0; --up) at = local_.block(at)->parent;
    return at != id;
  }

  // The download reached its target or its stream ended: the next batch.
  void complete(std::size_t i) {
    ++progress_.rounds;
    const std::size_t peer = active_[i].peer;
    const std::optional<Id> latest = active_[i].last;
    active_.erase(active_.begin() + static_cast<std::ptrdiff_t>(i));
    restart(peer, latest);
    check_some_peer_left();
  }

  void drop(std::size_t i, const PeerFailed& why) {
    last_failure_ = why;
    active_.erase(active_.begin() + static_cast<std::ptrdiff_t>(i));
    check_some_peer_left();
  }

  // AllPeersFailed: no download and no delayed peer left (the node shuts down).
  void check_some_peer_left() const {
    if (!active_.empty() || !delayed_.empty()) return;
    const std::size_t peer = last_failure_ ? last_failure_->peer() : 0;
    throw PeerFailed(peer, "all peers failed (AllPeersFailed); last: " +
                               std::string(last_failure_ ? last_failure_->what() : "none"));
  }

  Follower& local_;
  PeerSession& peers_;
  const OrphanChooser& interleaving_;
  SyncProgress& progress_;
  std::vector<Download> active_;  // in registration order
  std::vector<Delay> delayed_;    // never due before IBD ends (see above)
  std::optional<PeerFailed> last_failure_;
};

}  // namespace

void sync_ibd(Follower& local, PeerSession& peers, const std::optional<Checkpoint>& checkpoint,
              const OrphanChooser& interleaving, SyncProgress& progress) {
  IbdSync(local, peers, interleaving, progress).run(checkpoint);
}

}  // namespace cryptarchia::detail
