#include "trace_peer.hpp"

#include <exception>
#include <utility>

namespace cryptarchia::harness {

namespace {

std::string failure_text(const std::exception_ptr& failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& e) {
    return std::string("FAILURE: ") + e.what();
  } catch (...) {
    return "FAILURE: unknown exception";
  }
}

// Logs each block (or the end, or the failure) of a stream it wraps.
class TraceStream : public BlockStream {
 public:
  TraceStream(std::unique_ptr<BlockStream> inner, std::string label, std::shared_ptr<TraceLog> log)
      : inner_(std::move(inner)), label_(std::move(label)), log_(std::move(log)) {}

  std::optional<BlockHeader> next() override {
    try {
      std::optional<BlockHeader> block = inner_->next();
      log_->lines.push_back(label_ + ": " + (block ? "block " + short_block(*block) : "end"));
      return block;
    } catch (...) {
      log_->lines.push_back(label_ + ": " + failure_text(std::current_exception()));
      throw;
    }
  }

 private:
  std::unique_ptr<BlockStream> inner_;
  std::string label_;
  std::shared_ptr<TraceLog> log_;
};

}  // namespace

ScenarioPeers traced_peers(const Scenario& scenario, const std::shared_ptr<TraceLog>& log) {
  ScenarioPeers peers = make_peers(scenario);
  for (std::size_t i = 0; i < peers.owned.size(); ++i) {
    const std::string label = "p" + std::to_string(i) + " " + scenario.peers[i].name;
    peers.owned[i] = std::make_unique<TracePeer>(std::move(peers.owned[i]), label, log);
    peers.list[i] = peers.owned[i].get();
  }
  return peers;
}

std::string short_block(const BlockHeader& header) {
  return header.id().short_hex() + "@" + std::to_string(header.slot);
}

TracePeer::TracePeer(std::unique_ptr<Peer> inner, std::string label, std::shared_ptr<TraceLog> log)
    : inner_(std::move(inner)), label_(std::move(label)), log_(std::move(log)) {}

void TracePeer::write(const std::string& line) { log_->lines.push_back(label_ + ": " + line); }

BlockHeader TracePeer::tip() {
  try {
    BlockHeader tip = inner_->tip();
    write("tip -> " + short_block(tip));
    return tip;
  } catch (...) {
    write("tip -> " + failure_text(std::current_exception()));
    throw;
  }
}

// Opens a stream of the inner peer and traces the request, its stream's
// name (or the failure) and then every block of it.
template <typename Open>
std::unique_ptr<BlockStream> TracePeer::traced_stream(const std::string& request, Open&& open) {
  try {
    std::unique_ptr<BlockStream> stream = open();
    const std::string name = "stream #" + std::to_string(log_->streams++);
    write(request + " -> " + name);
    return std::make_unique<TraceStream>(std::move(stream), label_ + " " + name, log_);
  } catch (...) {
    write(request + " -> " + failure_text(std::current_exception()));
    throw;
  }
}

std::unique_ptr<BlockStream> TracePeer::blocks_from(Slot from) {
  return traced_stream("blocks_from(slot " + std::to_string(from) + ")",
                       [&] { return inner_->blocks_from(from); });
}

std::unique_ptr<BlockStream> TracePeer::download(const DownloadRequest& r) {
  std::string request = "download(target " + r.target.short_hex() + ", tip " +
                        r.local_tip.short_hex() + ", lib " + r.lib.short_hex();
  for (const Id& id : r.additional) request += ", " + id.short_hex();
  request += ")";
  return traced_stream(request, [&] { return inner_->download(r); });
}

std::optional<BlockHeader> TracePeer::block(const Id& id) {
  const std::string request = "block(" + id.short_hex() + ")";
  try {
    std::optional<BlockHeader> found = inner_->block(id);
    std::string answer = found ? short_block(*found) : "none";
    if (found && found->id() != id) answer += " (a header of another id)";
    write(request + " -> " + answer);
    return found;
  } catch (...) {
    write(request + " -> " + failure_text(std::current_exception()));
    throw;
  }
}

}  // namespace cryptarchia::harness
