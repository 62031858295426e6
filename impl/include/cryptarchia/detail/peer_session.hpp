// The sync algorithms talk to peers only through a PeerSession: it counts
// requests and steps, enforces the budget, checks that a block fetched by id
// hashes to that id, and turns anything a peer throws into PeerFailure.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <vector>
#include <span>
#include <stdexcept>
#include <string>

#include "cryptarchia/peer.hpp"
#include "cryptarchia/sync.hpp"

namespace cryptarchia::detail {

// The budget ran out. Deliberately not a PeerFailure: nothing catches it
// before sync() reports it.
class BudgetExceeded : public std::runtime_error {
 public:
  // `requests`: the request budget ran out (else the steps did).
  // `never_returns`: a loop shown never to return without asking anything
  // more (the seed's common-prefix walk over two chains that do not meet).
  explicit BudgetExceeded(const std::string& what, bool requests = false,
                          bool never_returns = false)
      : std::runtime_error(what), requests_(requests), never_returns_(never_returns) {}
  [[nodiscard]] bool requests() const { return requests_; }
  [[nodiscard]] bool never_returns() const { return never_returns_; }

 private:
  bool requests_;
  bool never_returns_;
};

// A PeerFailure that knows which peer failed.
class PeerFailed : public PeerFailure {
 public:
  PeerFailed(std::size_t peer, const std::string& what)
      : PeerFailure("peer " + std::to_string(peer) + ": " + what), peer_(peer) {}
  [[nodiscard]] std::size_t peer() const { return peer_; }

 private:
  std::size_t peer_;
};

class PeerSession {
 public:
  PeerSession(std::span<Peer* const> peers, const Budget& budget,
              std::optional<std::chrono::steady_clock::time_point> deadline = std::nullopt)
      : peers_(peers), budget_(budget), deadline_(deadline) {}

  [[nodiscard]] std::size_t size() const { return peers_.size(); }

  // One iteration of some loop of the algorithm.
  void step();

  BlockHeader tip(std::size_t peer);
  std::optional<BlockHeader> block(std::size_t peer, const Id& id);

  class Stream {
   public:
    std::optional<BlockHeader> next();

   private:
    friend class PeerSession;
    Stream(PeerSession* session, std::size_t peer, std::unique_ptr<BlockStream> stream)
        : session_(session), peer_(peer), stream_(std::move(stream)) {}
    PeerSession* session_;
    std::size_t peer_;
    std::unique_ptr<BlockStream> stream_;
  };
  Stream blocks_from(std::size_t peer, Slot from);
  Stream download(std::size_t peer, const DownloadRequest& request);

  [[nodiscard]] const RequestCounts& counts() const { return counts_; }
  [[nodiscard]] std::uint64_t steps() const { return steps_; }
  // Steps taken since the last request was made (all of them if none was).
  [[nodiscard]] std::uint64_t steps_since_last_request() const {
    return steps_ - step_of_last_request_;
  }

 private:
  void request(std::uint64_t& counter, const char* what);
  template <typename Fn>
  auto call(std::size_t peer, const char* what, Fn&& fn) -> decltype(fn());

  void check_deadline();

  std::span<Peer* const> peers_;
  Budget budget_;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  RequestCounts counts_;
  std::uint64_t steps_ = 0;
  std::uint64_t step_of_last_request_ = 0;
  // Mutant failed-peer-dropped-for-the-sync only: peers that failed once.
  std::vector<bool> dropped_;
};

}  // namespace cryptarchia::detail
