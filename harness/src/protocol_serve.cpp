#include "protocol_serve.hpp"

namespace cryptarchia::harness::detail {

using protocol::Json;
using protocol::ProtocolError;

namespace {
Json failure(const std::string& reason) { return Json{{"type", "failure"}, {"reason", reason}}; }

// Only a PeerFailure is a peer's answer; anything else a peer throws is the
// harness failing (peers here are the harness's own decorators).
[[noreturn]] void harness_failed(const char* serving, const std::exception& e) {
  throw HarnessFailure(std::string("the harness failed while serving ") + serving + ": " +
                       e.what() + " (not the adapter's doing, nor the vector's)");
}
}  // namespace

Json RequestServer::header_answer(const char* type, const BlockHeader& h) {
  served_.insert(h.id());
  return Json{{"type", type}, {"header", protocol::header_json(h)}};
}

bool RequestServer::is_request(const std::string& type) {
  return type == "tip" || type == "blocks_from" || type == "block" || type == "next";
}

Peer& RequestServer::peer_of(const Json& request) {
  const Json& index = protocol::field(request, "peer", "the request");
  if (!index.is_number_unsigned() || index.get<std::uint64_t>() >= peers_.size()) {
    throw ProtocolError("a request for peer " + protocol::abbreviate(index.dump(), 40) +
                        ", which does not exist (" + std::to_string(peers_.size()) + " peers)");
  }
  return *peers_[index.get<std::size_t>()];
}

// Counts a request, as the in-process PeerSession does: refused once the
// budget is spent.
bool RequestServer::spend(std::uint64_t& counter) {
  if (counts_.requests() >= budget_.max_requests) {
    budget_exceeded_ = true;
    return false;
  }
  ++counter;
  return true;
}

Json RequestServer::answer(const Json& request) {
  const std::string& type = protocol::type_of(request);
  if (type == "next") return next(request);
  Peer& peer = peer_of(request);
  if (type == "tip") {
    if (!spend(counts_.tip)) return Json{{"type", "budget-exceeded"}};
    try {
      return header_answer("tip", peer.tip());
    } catch (const PeerFailure& e) {
      return failure(e.what());
    } catch (const std::exception& e) {
      harness_failed("tip", e);
    }
  }
  if (type == "blocks_from") {
    const Slot slot =
        protocol::uint_of(protocol::field(request, "slot", "blocks_from"), "blocks_from.slot");
    if (!spend(counts_.blocks_from)) return Json{{"type", "budget-exceeded"}};
    try {
      std::unique_ptr<BlockStream> stream = peer.blocks_from(slot);
      if (!stream) return failure("no stream returned");
      const std::uint64_t id = next_stream_++;
      streams_[id] = std::move(stream);
      return Json{{"type", "stream"}, {"stream", id}};
    } catch (const PeerFailure& e) {
      return failure(e.what());
    } catch (const std::exception& e) {
      harness_failed("blocks_from", e);
    }
  }
  // type == "block"
  const Id id = protocol::hex_of(protocol::field(request, "id", "block"), "block.id");
  if (!spend(counts_.block_by_id)) return Json{{"type", "budget-exceeded"}};
  try {
    const std::optional<BlockHeader> header = peer.block(id);
    return header ? header_answer("block", *header) : Json{{"type", "none"}};
  } catch (const PeerFailure& e) {
    return failure(e.what());
  } catch (const std::exception& e) {
    harness_failed("block", e);
  }
}

Json RequestServer::next(const Json& request) {
  const Json& id = protocol::field(request, "stream", "next");
  const auto it = id.is_number_unsigned() ? streams_.find(id.get<std::uint64_t>()) : streams_.end();
  if (it == streams_.end()) {
    throw ProtocolError("next on stream " + protocol::abbreviate(id.dump(), 40) +
                        ", which does not exist");
  }
  if (!it->second) return Json{{"type", "end"}};
  try {
    const std::optional<BlockHeader> block = it->second->next();
    if (!block) {
      it->second.reset();
      return Json{{"type", "end"}};
    }
    ++counts_.streamed_blocks;
    return header_answer("block", *block);
  } catch (const PeerFailure& e) {
    it->second.reset();
    return failure(e.what());
  } catch (const std::exception& e) {
    harness_failed("next", e);
  }
}

}  // namespace cryptarchia::harness::detail
