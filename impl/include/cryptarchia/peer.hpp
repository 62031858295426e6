// The peer model: exactly the three requests the sync algorithm makes of a
// peer (spec note, section 6), each of which may fail.
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

class Peer {
 public:
  virtual ~Peer() = default;
  // The header of the peer's local tip.
  virtual BlockHeader tip() = 0;
  // Its blocks with slot >= from, ascending slot (blocks_by_slot).
  virtual std::unique_ptr<BlockStream> blocks_from(Slot from) = 0;
  // The block of its tree with this id, or nullopt if it has none.
  virtual std::optional<BlockHeader> block(const Id& id) = 0;
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

  [[nodiscard]] const BlockHeader& tip() const { return tip_; }
  [[nodiscard]] const BlockHeader* find(const Id& id) const;
  [[nodiscard]] std::size_t size() const { return by_id_.size(); }
  [[nodiscard]] const std::map<Slot, std::vector<Id>>& by_slot() const { return by_slot_; }

 private:
  BlockHeader tip_;
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
  // The blocks of blocks_from(from) in the reverse order, read lazily from
  // the view (a reordering fault costs no copy of the stream).
  std::unique_ptr<BlockStream> blocks_down_to(Slot from);

  [[nodiscard]] const PeerView& view() const { return *view_; }

 private:
  std::shared_ptr<const PeerView> view_;
};

}  // namespace cryptarchia
