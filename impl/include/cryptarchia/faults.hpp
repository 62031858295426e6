// Faulty peers: a decorator that makes chosen requests of a peer misbehave.
// Faults that shape what a peer holds (withholding blocks, advertising a tip
// it cannot serve) are expressed in its PeerView instead.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cryptarchia/peer.hpp"

namespace cryptarchia {

enum class RequestKind { Tip, BlocksFrom, BlockById, Download };
inline constexpr int kRequestKinds = 4;
std::string_view to_string(RequestKind kind);

enum class FaultKind {
  FailCall,        // the request throws before answering
  FailMidStream,   // a stream (blocks_from, download) throws after `param` blocks
  ReorderStream,   // a stream: its blocks come in reverse order
  DuplicateBlocks, // a stream: every block is sent twice
  WrongHeader,     // block_by_id: answers with a header of another id
  EndStreamEarly,  // a stream ends normally after `param` blocks (NoMoreBlocks)
  OffPathBlocks,   // download: the answer also holds the server's blocks off
                   // the path to the target (every block below S, parents first)
  NotOnline,       // tip, download: a Bootstrapping server, which answers
                   // Failure("Node is not in online mode") (IBD.md 1.3)
};
std::string_view to_string(FaultKind kind);

struct Fault {
  static constexpr std::uint64_t kEveryCall = std::numeric_limits<std::uint64_t>::max();

  RequestKind request = RequestKind::Tip;
  std::uint64_t call = kEveryCall;  // which call of that kind (0-based), or every call
  FaultKind kind = FaultKind::FailCall;
  std::uint64_t param = 0;          // FailMidStream: blocks sent before failing

  friend bool operator==(const Fault&, const Fault&) = default;
};

// Throws std::invalid_argument if a fault does not fit its request kind.
void validate(const Fault& fault);
std::string describe(const Fault& fault);

// Wraps a peer; the first fault matching a call applies to it.
class FaultyPeer : public Peer {
 public:
  FaultyPeer(std::unique_ptr<Peer> inner, std::vector<Fault> faults);

  BlockHeader tip() override;
  std::unique_ptr<BlockStream> blocks_from(Slot from) override;
  std::optional<BlockHeader> block(const Id& id) override;
  std::unique_ptr<BlockStream> download(const DownloadRequest& request) override;

 private:
  // A stream fault applied to a stream the inner peer opened.
  std::unique_ptr<BlockStream> faulty_stream(const Fault& f, std::unique_ptr<BlockStream> inner);
  const Fault* match(RequestKind kind);

  std::unique_ptr<Peer> inner_;
  std::vector<Fault> faults_;
  std::uint64_t calls_[kRequestKinds] = {0, 0, 0, 0};
};

}  // namespace cryptarchia
