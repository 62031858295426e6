#include "cryptarchia/schedule.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace cryptarchia {

std::string_view to_string(ScheduleEventKind kind) {
  switch (kind) {
    case ScheduleEventKind::Update: return "update";
    case ScheduleEventKind::Join: return "join";
    case ScheduleEventKind::Vanish: return "vanish";
    case ScheduleEventKind::Slow: return "slow";
  }
  return "?";
}

std::string ScheduleEvent::describe() const {
  std::string out = "at " + std::to_string(at) + ": p" + std::to_string(peer) + " " +
                    std::string(to_string(kind));
  if (kind == ScheduleEventKind::Update && view) {
    out += " (" + std::to_string(view->size()) + " blocks, tip " + view->tip().id().short_hex() +
           ")";
  }
  if (kind == ScheduleEventKind::Slow) out += " by " + std::to_string(delay);
  return out;
}

void validate_schedule(const std::vector<ScheduleEvent>& events, std::size_t peers) {
  std::vector<bool> joins(peers, false);
  for (const ScheduleEvent& e : events) {
    if (e.peer >= peers) {
      throw std::invalid_argument("schedule event " + e.describe() + ": no such peer (" +
                                  std::to_string(peers) + " peers)");
    }
    if (e.kind == ScheduleEventKind::Update && !e.view) {
      throw std::invalid_argument("schedule event " + e.describe() + ": an update without a view");
    }
    if (e.kind == ScheduleEventKind::Join) {
      if (joins[e.peer]) {
        throw std::invalid_argument("schedule event " + e.describe() + ": the peer joins twice");
      }
      joins[e.peer] = true;
    }
  }
}

ScheduleClock::ScheduleClock(std::vector<std::shared_ptr<const PeerView>> initial,
                             std::vector<ScheduleEvent> events)
    : events_(std::move(events)),
      views_(std::move(initial)),
      joined_(views_.size(), true),
      vanished_(views_.size(), false),
      delay_(views_.size(), 0) {
  validate_schedule(events_, views_.size());
  order_.resize(events_.size());
  std::iota(order_.begin(), order_.end(), 0);
  std::stable_sort(order_.begin(), order_.end(),
                   [&](std::size_t a, std::size_t b) { return events_[a].at < events_[b].at; });
  for (const ScheduleEvent& e : events_) {
    if (e.kind == ScheduleEventKind::Join) joined_[e.peer] = false;
  }
  log_.applied.assign(events_.size(), false);
  log_.looks.assign(views_.size(), {});
}

void ScheduleClock::apply_due(std::uint64_t t) {
  while (next_ < order_.size() && events_[order_[next_]].at <= t) {
    const std::size_t i = order_[next_++];
    const ScheduleEvent& e = events_[i];
    switch (e.kind) {
      case ScheduleEventKind::Update: views_[e.peer] = e.view; break;
      case ScheduleEventKind::Join: joined_[e.peer] = true; break;
      case ScheduleEventKind::Vanish: vanished_[e.peer] = true; break;
      case ScheduleEventKind::Slow: delay_[e.peer] = e.delay; break;
    }
    log_.applied[i] = true;
  }
}

ScheduleClock::State ScheduleClock::begin_request(std::size_t peer, bool looks) {
  apply_due(log_.now);
  log_.last_request = log_.now;
  ++log_.requests;
  if (looks) log_.looks[peer].push_back(log_.now);
  return State{views_[peer], joined_[peer] && !vanished_[peer], delay_[peer]};
}

void ScheduleClock::end_request(std::size_t peer) { log_.now += 1 + delay_[peer]; }

namespace {

// The stream of a view snapshot that fails once its peer has vanished.
class ScheduledStream : public BlockStream {
 public:
  ScheduledStream(std::unique_ptr<BlockStream> inner, std::shared_ptr<ScheduleClock> clock,
                  std::size_t peer)
      : inner_(std::move(inner)), clock_(std::move(clock)), peer_(peer) {}

  std::optional<BlockHeader> next() override {
    if (clock_->vanished(peer_)) throw PeerFailure("scheduled: the peer vanished mid-stream");
    return inner_->next();
  }

 private:
  std::unique_ptr<BlockStream> inner_;
  std::shared_ptr<ScheduleClock> clock_;
  std::size_t peer_;
};

// Ends the request on every path out of an answer.
struct RequestEnd {
  ScheduleClock& clock;
  std::size_t peer;
  ~RequestEnd() { clock.end_request(peer); }
};

[[noreturn]] void not_connected(const ScheduleClock& clock, std::size_t peer) {
  throw PeerFailure(clock.vanished(peer) ? "scheduled: the peer has vanished"
                                         : "scheduled: the peer has not joined yet");
}

}  // namespace

BlockHeader ScheduledPeer::tip() {
  const ScheduleClock::State s = clock_->begin_request(index_, /*looks=*/true);
  const RequestEnd end{*clock_, index_};
  if (!s.connected) not_connected(*clock_, index_);
  return s.view->tip();
}

std::unique_ptr<BlockStream> ScheduledPeer::blocks_from(Slot from) {
  const ScheduleClock::State s = clock_->begin_request(index_, /*looks=*/true);
  const RequestEnd end{*clock_, index_};
  if (!s.connected) not_connected(*clock_, index_);
  InMemoryPeer snapshot(s.view);
  return std::make_unique<ScheduledStream>(snapshot.blocks_from(from), clock_, index_);
}

std::unique_ptr<BlockStream> ScheduledPeer::download(const DownloadRequest& request) {
  return answer_download(request, DownloadAnswer::Path);
}

std::unique_ptr<BlockStream> ScheduledPeer::download_with_off_path_blocks(
    const DownloadRequest& request) {
  return answer_download(request, DownloadAnswer::WithOffPathBlocks);
}

std::unique_ptr<BlockStream> ScheduledPeer::answer_download(const DownloadRequest& request,
                                                            DownloadAnswer shape) {
  const ScheduleClock::State s = clock_->begin_request(index_, /*looks=*/true);
  const RequestEnd end{*clock_, index_};
  if (!s.connected) not_connected(*clock_, index_);
  return std::make_unique<ScheduledStream>(
      std::make_unique<VectorStream>(serve_download(*s.view, request, shape)), clock_, index_);
}

std::optional<BlockHeader> ScheduledPeer::block(const Id& id) {
  const ScheduleClock::State s = clock_->begin_request(index_, /*looks=*/false);
  const RequestEnd end{*clock_, index_};
  if (!s.connected) not_connected(*clock_, index_);
  const BlockHeader* h = s.view->find(id);
  if (h == nullptr) return std::nullopt;
  return *h;
}

}  // namespace cryptarchia
