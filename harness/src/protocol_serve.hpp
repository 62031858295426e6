// Answers an adapter's peer requests (PROTOCOL.md, section 2) as the given
// peers would, faults included: counts every request, enforces the request
// budget and keeps the open streams by id.
#pragma once

#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

#include "cryptarchia/sync.hpp"
#include "protocol_json.hpp"

namespace cryptarchia::harness::detail {

// The harness itself failed while serving a request (an allocation, a bug):
// never the peer's answer. The case ends as an error that blames the
// harness, and the adapter, left mid-sync, is killed.
class HarnessFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class RequestServer {
 public:
  // Streams a peer keeps open at once (issue 12, item 1). Opening one more
  // closes that peer's least recently used stream; a `next` on a stream
  // closed so is a protocol error (PROTOCOL.md, section 2).
  static constexpr std::size_t kMaxOpenStreamsPerPeer = 64;

  // A `download` request with more additional ids than this is malformed,
  // not the peer's to refuse: a real node sends at most kMaxAdditionalBlocks,
  // and the harness will not parse an unbounded list for a faulty adapter.
  static constexpr std::size_t kMaxAdditionalIds = 64;

  // `download_declared`: the adapter's hello declared the feature
  // "download" (protocol 1.1); without it a `download` request is an error.
  RequestServer(std::span<Peer* const> peers, const Budget& budget,
                bool download_declared = false)
      : peers_(peers), budget_(budget), download_declared_(download_declared),
        in_use_(peers.size()) {}

  // Whether `type` names a request this server answers.
  static bool is_request(const std::string& type);
  // The answer to a request; throws ProtocolError for a malformed one or
  // one naming a peer or stream that does not exist.
  protocol::Json answer(const protocol::Json& request);

  [[nodiscard]] const RequestCounts& counts() const { return counts_; }
  [[nodiscard]] bool budget_exceeded() const { return budget_exceeded_; }
  // The id of every header answered so far.
  [[nodiscard]] const std::unordered_set<Id>& served() const { return served_; }

 private:
  std::size_t peer_of(const protocol::Json& request);
  bool spend(std::uint64_t& counter);
  protocol::Json next(const protocol::Json& request);
  // Keeps `stream` of peer `peer_index` as a new open stream: the `stream`
  // answer of blocks_from and download.
  protocol::Json open_stream(std::size_t peer_index, std::unique_ptr<BlockStream> stream);
  DownloadRequest download_request_of(const protocol::Json& request) const;
  protocol::Json header_answer(const char* type, const BlockHeader& header);

  std::span<Peer* const> peers_;
  Budget budget_;
  bool download_declared_;
  RequestCounts counts_;
  bool budget_exceeded_ = false;
  enum class StreamState : std::uint8_t { Open, Ended, Closed };
  struct OpenStream {
    std::unique_ptr<BlockStream> stream;
    std::size_t peer;
    std::list<std::uint64_t>::iterator in_use;  // its place in in_use_[peer]
  };
  void end_stream(std::uint64_t id);

  // Every stream ever opened, by id (one byte each); only the open ones
  // hold a stream. A stream that ended or failed answers `end` again.
  std::vector<StreamState> states_;
  std::map<std::uint64_t, OpenStream> open_;
  // Per peer, its open streams from least to most recently used.
  std::vector<std::list<std::uint64_t>> in_use_;
  std::unordered_set<Id> served_;
};

}  // namespace cryptarchia::harness::detail
