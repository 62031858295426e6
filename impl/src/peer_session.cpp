#include "cryptarchia/detail/peer_session.hpp"

#include "cryptarchia/detail/mutation_point.hpp"

namespace cryptarchia::detail {

void PeerSession::check_deadline() {
  if (deadline_ && std::chrono::steady_clock::now() >= *deadline_) {
    throw BudgetExceeded("wall-clock deadline passed");
  }
}

void PeerSession::step() {
  if (++steps_ > budget_.max_steps) {
    throw BudgetExceeded("step budget of " + std::to_string(budget_.max_steps) + " exhausted");
  }
  if ((steps_ & 1023) == 0) check_deadline();  // the clock every 1024 steps
}

void PeerSession::request(std::uint64_t& counter, const char* what) {
  if ((counts_.requests() & 1023) == 0) check_deadline();
  if (counts_.requests() >= budget_.max_requests) {
    throw BudgetExceeded("request budget of " + std::to_string(budget_.max_requests) +
                             " exhausted (next request: " + what + ")",
                         true);
  }
  ++counter;
  step_of_last_request_ = steps_;
}

template <typename Fn>
auto PeerSession::call(std::size_t peer, const char* what, Fn&& fn) -> decltype(fn()) {
  if (CSC_MUTANT(FailedPeerDroppedForTheSync)) {
    if (dropped_.size() < peers_.size()) dropped_.resize(peers_.size(), false);
    if (dropped_[peer]) throw PeerFailed(peer, std::string(what) + ": peer dropped");
  }
  try {
    return fn();
  } catch (const BudgetExceeded&) {
    throw;
  } catch (const PeerFailed&) {
    throw;
  } catch (const std::exception& e) {
    if (CSC_MUTANT(FailedPeerDroppedForTheSync)) dropped_[peer] = true;
    throw PeerFailed(peer, std::string(what) + " failed: " + e.what());
  } catch (...) {
    if (CSC_MUTANT(FailedPeerDroppedForTheSync)) dropped_[peer] = true;
    throw PeerFailed(peer, std::string(what) + " failed");
  }
}

BlockHeader PeerSession::tip(std::size_t peer) {
  request(counts_.tip, "tip");
  return call(peer, "tip", [&] { return peers_[peer]->tip(); });
}

std::optional<BlockHeader> PeerSession::block(std::size_t peer, const Id& id) {
  request(counts_.block_by_id, "block by id");
  auto header = call(peer, "block by id", [&] { return peers_[peer]->block(id); });
  if (header && !CSC_MUTANT(BlockByIdHeaderNotRehashed) && header->id() != id) {
    throw PeerFailed(peer, "block by id: asked for " + id.hex() + ", got a header hashing to " +
                               header->id().hex());
  }
  return header;
}

PeerSession::Stream PeerSession::blocks_from(std::size_t peer, Slot from) {
  request(counts_.blocks_from, "blocks from slot");
  auto stream = call(peer, "blocks from slot", [&] { return peers_[peer]->blocks_from(from); });
  if (!stream) throw PeerFailed(peer, "blocks from slot: no stream returned");
  return Stream(this, peer, std::move(stream));
}

PeerSession::Stream PeerSession::download(std::size_t peer, const DownloadRequest& wanted) {
  request(counts_.download, "download");
  auto stream = call(peer, "download", [&] { return peers_[peer]->download(wanted); });
  if (!stream) throw PeerFailed(peer, "download: no stream returned");
  return Stream(this, peer, std::move(stream));
}

std::optional<BlockHeader> PeerSession::Stream::next() {
  session_->step();
  auto block = session_->call(peer_, "stream", [&] { return stream_->next(); });
  if (block) ++session_->counts_.streamed_blocks;
  return block;
}

}  // namespace cryptarchia::detail
