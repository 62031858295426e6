// Peers that change during a sync (issue 17 item 3): a schedule of events in
// virtual time. No wall clock is involved anywhere.
//
// Virtual time is the number of requests (tip, blocks_from, block by id) the
// node has made of all the peers of one sync, failed ones included, plus the
// delays of slow answers. Reading the next block of a stream is not a request
// and does not move the clock. A request made at time t is answered from the
// state of its peer after every event with `at <= t`; its answer then moves
// the clock to t + 1 + the peer's delay.
//
// - Update: from `at` on, the peer holds `view` (its tip moves, it learns new
//   blocks). Views only grow in the generators, but any view is allowed here.
// - Join:   the peer is not connected before `at`: every request fails
//   (PeerFailure), as a peer that cannot be reached does. (It is not absent
//   from the list: sync() takes a fixed peer list.)
// - Vanish: from `at` on, every request fails, and so does the next block of
//   every stream of the peer that is still open.
// - Slow:   from `at` on, each answer of the peer moves the clock by
//   1 + `delay` instead of 1 (a delayed answer: other peers' events happen
//   "while it answers").
//
// The clock counts the requests that reach a ScheduledPeer: a FaultyPeer
// around one that fails a call itself (fail_call) answers without moving it.
//
// A stream reads the view its peer held when the stream was opened: an
// Update during a stream is not seen by that stream (the view snapshots
// stay unchanged while streams are open, as InMemoryPeer requires), only by
// later requests. A Vanish is seen: the stream fails at its next block.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cryptarchia/peer.hpp"

namespace cryptarchia {

enum class ScheduleEventKind { Update, Join, Vanish, Slow };
std::string_view to_string(ScheduleEventKind kind);

struct ScheduleEvent {
  std::uint64_t at = 0;    // virtual time
  std::size_t peer = 0;    // index into the scenario's peers
  ScheduleEventKind kind = ScheduleEventKind::Update;
  std::shared_ptr<const PeerView> view;  // Update: what the peer holds from `at` on
  std::uint64_t delay = 0;               // Slow: extra clock units per answer

  [[nodiscard]] std::string describe() const;
};

// What the peers saw of one sync: kept by the clock, read by the properties
// (counted by the peers, never reported by the node).
struct ScheduleLog {
  std::uint64_t requests = 0;  // requests made, all peers
  std::uint64_t now = 0;       // the clock at the end
  // The time stamp of the last request made of any peer (nullopt: none):
  // the events applied are those with at <= this.
  std::optional<std::uint64_t> last_request;
  std::vector<bool> applied;   // per event of the schedule: in force at the end
  // Per peer: the times of the tip and blocks_from requests made of it.
  std::vector<std::vector<std::uint64_t>> looks;
};

// The shared virtual clock and the state of every scheduled peer.
class ScheduleClock {
 public:
  ScheduleClock(std::vector<std::shared_ptr<const PeerView>> initial,
                std::vector<ScheduleEvent> events);

  // The peer's state for a request of it made now; advances the clock
  // afterwards through `answered`.
  struct State {
    std::shared_ptr<const PeerView> view;
    bool connected = true;
    std::uint64_t delay = 0;
  };
  // Starts a request of `peer` at the current time: applies the events due
  // and returns the peer's state. `looks` marks a tip or blocks_from request.
  State begin_request(std::size_t peer, bool looks);
  // The request of `peer` begun last is answered (or failed): time moves.
  void end_request(std::size_t peer);
  // Whether the peer has vanished by now (streams ask at each block).
  [[nodiscard]] bool vanished(std::size_t peer) const { return vanished_.at(peer); }

  [[nodiscard]] const ScheduleLog& log() const { return log_; }

 private:
  void apply_due(std::uint64_t t);

  std::vector<ScheduleEvent> events_;  // sorted by time, stable
  std::vector<std::size_t> order_;     // event indices in application order
  std::size_t next_ = 0;
  std::vector<std::shared_ptr<const PeerView>> views_;
  std::vector<bool> joined_;
  std::vector<bool> vanished_;
  std::vector<std::uint64_t> delay_;
  ScheduleLog log_;
};

// A peer of a schedule: answers each request from its state at the time of
// the request (see above).
class ScheduledPeer : public Peer {
 public:
  ScheduledPeer(std::shared_ptr<ScheduleClock> clock, std::size_t index)
      : clock_(std::move(clock)), index_(index) {}

  BlockHeader tip() override;
  std::unique_ptr<BlockStream> blocks_from(Slot from) override;
  std::optional<BlockHeader> block(const Id& id) override;
  std::unique_ptr<BlockStream> download(const DownloadRequest& request) override;
  std::unique_ptr<BlockStream> download_with_off_path_blocks(const DownloadRequest& request) override;

 private:
  std::unique_ptr<BlockStream> answer_download(const DownloadRequest& request, DownloadAnswer shape);

  std::shared_ptr<ScheduleClock> clock_;
  std::size_t index_;
};

// Throws std::invalid_argument when an event names a peer that does not
// exist (of `peers`), an Update has no view, or a peer joins twice.
void validate_schedule(const std::vector<ScheduleEvent>& events, std::size_t peers);

}  // namespace cryptarchia
