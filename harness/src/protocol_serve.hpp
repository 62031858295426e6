// Answers an adapter's peer requests (PROTOCOL.md, section 2) as the given
// peers would, faults included: counts every request, enforces the request
// budget and keeps the open streams by id.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <unordered_set>

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
  RequestServer(std::span<Peer* const> peers, const Budget& budget)
      : peers_(peers), budget_(budget) {}

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
  Peer& peer_of(const protocol::Json& request);
  bool spend(std::uint64_t& counter);
  protocol::Json next(const protocol::Json& request);
  protocol::Json header_answer(const char* type, const BlockHeader& header);

  std::span<Peer* const> peers_;
  Budget budget_;
  RequestCounts counts_;
  bool budget_exceeded_ = false;
  // Open streams; a null entry is one that ended or failed.
  std::map<std::uint64_t, std::unique_ptr<BlockStream>> streams_;
  std::uint64_t next_stream_ = 0;
  std::unordered_set<Id> served_;
};

}  // namespace cryptarchia::harness::detail
