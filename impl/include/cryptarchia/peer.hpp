// The peer model: the three requests the spec's sync algorithm makes of a
// peer (spec note, section 6), and the real node's DownloadBlocks request
// (../shared/spec/IBD.md, section 1.5) that the ibd profile makes; each may
// fail.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "cryptarchia/block.hpp"
#include "cryptarchia/bytes.hpp"

namespace cryptarchia {

class Follower;

// A peer could not answer. Any exception a peer throws counts as one.
class PeerFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A stream of blocks; it may fail after any number of blocks.
class BlockStream {
 public:
  virtual ~BlockStream() = default;
  // The next block, or nullopt at the end. May throw PeerFailure.
  virtual std::optional<BlockHeader> next() = 0;
};

// DownloadBlocks: the blocks on the path to `target` after the best block the
// server shares with the client, which names its local tip, its LIB and at
// most kMaxAdditionalBlocks more ids.
struct DownloadRequest {
  Id target;
  Id local_tip;
  Id lib;
  std::vector<Id> additional;
};
inline constexpr std::size_t kMaxDownloadBlocks = 1000;   // per answer (MAX_NUMBER_OF_BLOCKS)
inline constexpr std::size_t kMaxAdditionalBlocks = 5;    // more are refused unanswered

class Peer {
 public:
  virtual ~Peer() = default;
  // The header of the peer's local tip.
  virtual BlockHeader tip() = 0;
  // Its blocks with slot >= from, ascending slot (blocks_by_slot).
  virtual std::unique_ptr<BlockStream> blocks_from(Slot from) = 0;
  // The block of its tree with this id, or nullopt if it has none.
  virtual std::optional<BlockHeader> block(const Id& id) = 0;
  // DownloadBlocks (IBD.md 1.5): the stream of its answer, or PeerFailure
  // for a Failure answer or a refused request.
  virtual std::unique_ptr<BlockStream> download(const DownloadRequest& request) = 0;
  // The same request answered by a faulty server that also streams its
  // blocks off the path to the target (FaultKind::OffPathBlocks): every
  // block it holds below S, parents first. Only a peer that answers from a
  // view can; the default throws std::logic_error.
  virtual std::unique_ptr<BlockStream> download_with_off_path_blocks(const DownloadRequest& request);
};

// What an honest peer holds: a set of headers (not validated: a view may
// include invalid blocks), in storage order, and the tip it advertises.
class PeerView {
 public:
  PeerView() = default;
  // Every block of the follower's tree in storage order; its tip.
  static PeerView of(const Follower& follower);

  // Adds a header (a second add of the same id is ignored).
  void add(const BlockHeader& header);
  // Same, with the header's id already known (it must be header.id()).
  void add(const BlockHeader& header, const Id& id);
  void set_tip(const BlockHeader& header) { tip_ = header; }
  // The genesis id: a server always holds genesis (its immutable index has
  // slot 0), also when the view does not list its header.
  void set_genesis(const Id& id) { genesis_ = id; }
  [[nodiscard]] const Id& genesis() const { return genesis_; }

  [[nodiscard]] const BlockHeader& tip() const { return tip_; }
  [[nodiscard]] const BlockHeader* find(const Id& id) const;
  [[nodiscard]] std::size_t size() const { return by_id_.size(); }
  [[nodiscard]] const std::map<Slot, std::vector<Id>>& by_slot() const { return by_slot_; }

 private:
  BlockHeader tip_;
  Id genesis_;
  std::unordered_map<Id, BlockHeader, Hash32Hasher> by_id_;
  std::map<Slot, std::vector<Id>> by_slot_;
};

// A well-behaved peer answering from a view. The view must outlive the peer
// and stay unchanged while streams are open.
class InMemoryPeer : public Peer {
 public:
  explicit InMemoryPeer(std::shared_ptr<const PeerView> view) : view_(std::move(view)) {}

  BlockHeader tip() override { return view_->tip(); }
  std::unique_ptr<BlockStream> blocks_from(Slot from) override;
  std::optional<BlockHeader> block(const Id& id) override;
  std::unique_ptr<BlockStream> download(const DownloadRequest& request) override;
  std::unique_ptr<BlockStream> download_with_off_path_blocks(const DownloadRequest& request) override;
  // The blocks of blocks_from(from) in the reverse order, read lazily from
  // the view (a reordering fault costs no copy of the stream).
  std::unique_ptr<BlockStream> blocks_down_to(Slot from);

  [[nodiscard]] const PeerView& view() const { return *view_; }

 private:
  std::shared_ptr<const PeerView> view_;
};

// How a server that never prunes answers DownloadBlocks (IBD.md 1.5): S is
// the highest common ancestor of the target with a known id the server
// holds; the answer is the first kMaxDownloadBlocks blocks after S on the
// path to the target, parents first. Throws PeerFailure where the real
// server answers Failure (target not held, no known id held, a gap in its
// chain) or refuses (more than kMaxAdditionalBlocks additional ids).
//
// WithOffPathBlocks answers as a faulty server would (the client never checks
// that the blocks lie on the path, IBD.md 1.6): every block the view holds
// that descends from S, ascending slot, a parent always before its child,
// still at most kMaxDownloadBlocks. The path's blocks are among them.
enum class DownloadAnswer { Path, WithOffPathBlocks };
std::vector<BlockHeader> serve_download(const PeerView& view, const DownloadRequest& request,
                                        DownloadAnswer answer = DownloadAnswer::Path);

// A stream over a fixed list of blocks.
class VectorStream : public BlockStream {
 public:
  explicit VectorStream(std::vector<BlockHeader> blocks) : blocks_(std::move(blocks)) {}
  std::optional<BlockHeader> next() override {
    if (next_ == blocks_.size()) return std::nullopt;
    return blocks_[next_++];
  }

 private:
  std::vector<BlockHeader> blocks_;
  std::size_t next_ = 0;
};

}  // namespace cryptarchia
