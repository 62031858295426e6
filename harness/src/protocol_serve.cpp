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
  return type == "tip" || type == "blocks_from" || type == "block" || type == "next" ||
         type == "download";
}

std::size_t RequestServer::peer_of(const Json& request) {
  const Json& index = protocol::field(request, "peer", "the request");
  if (!index.is_number_unsigned() || index.get<std::uint64_t>() >= peers_.size()) {
    throw ProtocolError("a request for peer " + protocol::shown(index, 40) +
                        ", which does not exist (" + std::to_string(peers_.size()) + " peers)");
  }
  return index.get<std::size_t>();
}

void RequestServer::end_stream(std::uint64_t id) {
  const auto it = open_.find(id);
  in_use_[it->second.peer].erase(it->second.in_use);
  open_.erase(it);
  states_[id] = StreamState::Ended;
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

Json RequestServer::open_stream(std::size_t peer_index, std::unique_ptr<BlockStream> stream) {
  if (!stream) return failure("no stream returned");
  std::list<std::uint64_t>& in_use = in_use_[peer_index];
  if (in_use.size() >= kMaxOpenStreamsPerPeer) {
    // The adapter left this many open: close the one it used longest ago.
    const std::uint64_t oldest = in_use.front();
    in_use.pop_front();
    open_.erase(oldest);
    states_[oldest] = StreamState::Closed;
  }
  const std::uint64_t id = states_.size();
  states_.push_back(StreamState::Open);
  in_use.push_back(id);
  open_.emplace(id, OpenStream{std::move(stream), peer_index, std::prev(in_use.end())});
  return Json{{"type", "stream"}, {"stream", id}};
}

// The fields of a `download` request. More than kMaxAdditionalBlocks
// additional ids is well formed: the peer refuses it, as a real one does.
DownloadRequest RequestServer::download_request_of(const Json& request) const {
  DownloadRequest d;
  d.target = protocol::hex_of(protocol::field(request, "target", "download"), "download.target");
  d.local_tip =
      protocol::hex_of(protocol::field(request, "local_tip", "download"), "download.local_tip");
  d.lib = protocol::hex_of(protocol::field(request, "lib", "download"), "download.lib");
  const Json& additional = protocol::field(request, "additional", "download");
  if (!additional.is_array()) throw ProtocolError("download.additional is not an array");
  if (additional.size() > kMaxAdditionalIds) {
    throw ProtocolError("download.additional has " + std::to_string(additional.size()) +
                        " ids, more than the " + std::to_string(kMaxAdditionalIds) +
                        " the protocol allows");
  }
  d.additional.reserve(additional.size());
  for (const Json& id : additional)
    d.additional.push_back(protocol::hex_of(id, "an id of download.additional"));
  return d;
}

Json RequestServer::answer(const Json& request) {
  const std::string& type = protocol::type_of(request);
  if (type == "next") return next(request);
  if (type == "download" && !download_declared_) {
    // Checked first, before the peer: an adapter without the feature (every
    // 1.0 adapter) learns what it lacks, whatever else the request says.
    throw ProtocolError("a download request, but the adapter's hello did not declare the "
                        "feature \"download\": declare it (protocol 1.1) to send one");
  }
  const std::size_t peer_index = peer_of(request);
  Peer& peer = *peers_[peer_index];
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
      return open_stream(peer_index, peer.blocks_from(slot));
    } catch (const PeerFailure& e) {
      return failure(e.what());
    } catch (const std::exception& e) {
      harness_failed("blocks_from", e);
    }
  }
  if (type == "download") {
    const DownloadRequest download = download_request_of(request);
    if (!spend(counts_.download)) return Json{{"type", "budget-exceeded"}};
    try {
      return open_stream(peer_index, peer.download(download));
    } catch (const PeerFailure& e) {
      return failure(e.what());
    } catch (const std::exception& e) {
      harness_failed("download", e);
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
  const Json& id_json = protocol::field(request, "stream", "next");
  if (!id_json.is_number_unsigned() || id_json.get<std::uint64_t>() >= states_.size()) {
    throw ProtocolError("next on stream " + protocol::shown(id_json, 40) +
                        ", which does not exist");
  }
  const std::uint64_t id = id_json.get<std::uint64_t>();
  if (states_[id] == StreamState::Ended) return Json{{"type", "end"}};
  if (states_[id] == StreamState::Closed) {
    throw ProtocolError("next on stream " + std::to_string(id) +
                        ", which the harness closed: the adapter had opened " +
                        std::to_string(kMaxOpenStreamsPerPeer) +
                        " newer streams of its peer without reading them to the end");
  }
  OpenStream& open = open_.at(id);
  std::list<std::uint64_t>& in_use = in_use_[open.peer];
  in_use.splice(in_use.end(), in_use, open.in_use);  // now the most recently used
  try {
    const std::optional<BlockHeader> block = open.stream->next();
    if (!block) {
      end_stream(id);
      return Json{{"type", "end"}};
    }
    ++counts_.streamed_blocks;
    return header_answer("block", *block);
  } catch (const PeerFailure& e) {
    end_stream(id);
    return failure(e.what());
  } catch (const std::exception& e) {
    harness_failed("next", e);
  }
}

}  // namespace cryptarchia::harness::detail
