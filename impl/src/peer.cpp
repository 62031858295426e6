#include "cryptarchia/peer.hpp"

#include "cryptarchia/follower.hpp"

namespace cryptarchia {

PeerView PeerView::of(const Follower& follower) {
  PeerView view;
  for (const TreeNode* n : follower.tree().in_insertion_order()) view.add(n->header);
  view.set_tip(follower.tip());
  return view;
}

void PeerView::add(const BlockHeader& header) { add(header, header.id()); }

void PeerView::add(const BlockHeader& header, const Id& id) {
  if (by_id_.try_emplace(id, header).second) by_slot_[header.slot].push_back(id);
}

const BlockHeader* PeerView::find(const Id& id) const {
  const auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &it->second;
}

namespace {
class ViewStream : public BlockStream {
 public:
  ViewStream(std::shared_ptr<const PeerView> view, Slot from)
      : view_(std::move(view)), slot_(view_->by_slot().lower_bound(from)) {}

  std::optional<BlockHeader> next() override {
    while (slot_ != view_->by_slot().end()) {
      if (index_ < slot_->second.size()) return *view_->find(slot_->second[index_++]);
      ++slot_;
      index_ = 0;
    }
    return std::nullopt;
  }

 private:
  std::shared_ptr<const PeerView> view_;
  std::map<Slot, std::vector<Id>>::const_iterator slot_;
  std::size_t index_ = 0;
};

// ViewStream backwards: descending slot, and each slot's blocks last first.
class ReverseViewStream : public BlockStream {
 public:
  ReverseViewStream(std::shared_ptr<const PeerView> view, Slot from)
      : view_(std::move(view)), end_(view_->by_slot().lower_bound(from)),
        slot_(view_->by_slot().end()) {}

  std::optional<BlockHeader> next() override {
    for (;;) {
      if (left_ > 0) return *view_->find(slot_->second[--left_]);
      if (slot_ == end_) return std::nullopt;
      --slot_;
      left_ = slot_->second.size();
    }
  }

 private:
  std::shared_ptr<const PeerView> view_;
  std::map<Slot, std::vector<Id>>::const_iterator end_;
  std::map<Slot, std::vector<Id>>::const_iterator slot_;
  std::size_t left_ = 0;
};
}  // namespace

std::unique_ptr<BlockStream> InMemoryPeer::blocks_from(Slot from) {
  return std::make_unique<ViewStream>(view_, from);
}

std::unique_ptr<BlockStream> InMemoryPeer::blocks_down_to(Slot from) {
  return std::make_unique<ReverseViewStream>(view_, from);
}

std::optional<BlockHeader> InMemoryPeer::block(const Id& id) {
  const BlockHeader* h = view_->find(id);
  if (h == nullptr) return std::nullopt;
  return *h;
}

}  // namespace cryptarchia
