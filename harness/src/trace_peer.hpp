// A Peer decorator that writes down every request made of the peer it
// wraps, the answer (blocks by short id and slot) and every failure, in
// order, into a log shared by all the peers of one run.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "cryptarchia/peer.hpp"
#include "cryptarchia/scenario.hpp"

namespace cryptarchia::harness {

// The log lines of one run, and the counter that numbers its streams.
struct TraceLog {
  std::vector<std::string> lines;
  std::size_t streams = 0;
};

class TracePeer : public Peer {
 public:
  // `label` names the peer in log lines, e.g. "p0 honest".
  TracePeer(std::unique_ptr<Peer> inner, std::string label, std::shared_ptr<TraceLog> log);

  BlockHeader tip() override;
  std::unique_ptr<BlockStream> blocks_from(Slot from) override;
  std::optional<BlockHeader> block(const Id& id) override;
  std::unique_ptr<BlockStream> download(const DownloadRequest& request) override;

 private:
  void write(const std::string& line);
  template <typename Open>
  std::unique_ptr<BlockStream> traced_stream(const std::string& request, Open&& open);

  std::unique_ptr<Peer> inner_;
  std::string label_;
  std::shared_ptr<TraceLog> log_;
};

// The scenario's peers, as make_peers builds them, each wrapped in a
// TracePeer labelled "p<index> <name>" that writes into `log`. Every route
// (in-process, adapter) traces through this, so their traces compare line by
// line: one line per request, with its answer.
ScenarioPeers traced_peers(const Scenario& scenario, const std::shared_ptr<TraceLog>& log);

// "<short id>@<slot>"
std::string short_block(const BlockHeader& header);

}  // namespace cryptarchia::harness
