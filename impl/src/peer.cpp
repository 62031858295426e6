#include "cryptarchia/peer.hpp"

#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "cryptarchia/follower.hpp"

namespace cryptarchia {

PeerView PeerView::of(const Follower& follower) {
  PeerView view;
  for (const TreeNode* n : follower.tree().in_insertion_order()) view.add(n->header);
  view.set_tip(follower.tip());
  view.set_genesis(follower.genesis_id());
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

std::unique_ptr<BlockStream> InMemoryPeer::download(const DownloadRequest& request) {
  return std::make_unique<VectorStream>(serve_download(*view_, request));
}

std::unique_ptr<BlockStream> InMemoryPeer::download_with_off_path_blocks(
    const DownloadRequest& request) {
  return std::make_unique<VectorStream>(
      serve_download(*view_, request, DownloadAnswer::WithOffPathBlocks));
}

std::unique_ptr<BlockStream> Peer::download_with_off_path_blocks(const DownloadRequest&) {
  throw std::logic_error("off_path_blocks: this peer does not answer from a view");
}

namespace {
// Every block of the view that descends from `start`, ascending slot (within
// a slot, storage order), a child held back until its parent was emitted (a
// child whose slot is not after its parent's), at most kMaxDownloadBlocks.
std::vector<BlockHeader> subtree_of(const PeerView& view, const Id& start, Slot start_slot) {
  std::vector<BlockHeader> out;
  std::unordered_set<Id, Hash32Hasher> emitted{start};
  std::unordered_map<Id, std::vector<Id>, Hash32Hasher> waiting;  // parent -> children
  std::vector<Id> ready;
  for (auto it = view.by_slot().lower_bound(start_slot); it != view.by_slot().end(); ++it) {
    for (const Id& id : it->second) {
      if (id == start) continue;
      const BlockHeader& h = *view.find(id);
      if (emitted.count(h.parent) == 0) {
        waiting[h.parent].push_back(id);
        continue;
      }
      ready.push_back(id);
      while (!ready.empty()) {
        const Id at = ready.back();
        ready.pop_back();
        if (out.size() == kMaxDownloadBlocks) return out;
        out.push_back(*view.find(at));
        emitted.insert(at);
        if (const auto w = waiting.find(at); w != waiting.end()) {
          ready.insert(ready.end(), w->second.rbegin(), w->second.rend());
          waiting.erase(w);
        }
      }
    }
  }
  return out;
}
}  // namespace

std::vector<BlockHeader> serve_download(const PeerView& view, const DownloadRequest& request,
                                        DownloadAnswer shape) {
  if (request.additional.size() > kMaxAdditionalBlocks) {
    throw PeerFailure("download: " + std::to_string(request.additional.size()) +
                      " additional ids, more than " + std::to_string(kMaxAdditionalBlocks) +
                      ": refused");
  }
  const auto held = [&](const Id& id) { return id == view.genesis() || view.find(id) != nullptr; };
  if (!held(request.target)) throw PeerFailure("download: target block not found");

  // The target's chain, target first, down to genesis or to a parent the
  // view lacks (a withholding view; an engine would have it).
  std::vector<Id> chain;
  std::unordered_map<Id, std::size_t, Hash32Hasher> position;
  for (Id at = request.target;;) {
    position.emplace(at, chain.size());
    chain.push_back(at);
    if (at == view.genesis()) break;
    const BlockHeader* h = view.find(at);
    if (h == nullptr || !held(h->parent) || position.count(h->parent) != 0) break;
    at = h->parent;
  }

  // S: the highest common ancestor of the target with a known id the view
  // holds (the smallest position on the target's chain).
  std::optional<std::size_t> start;
  std::vector<Id> known{request.local_tip, request.lib};
  known.insert(known.end(), request.additional.begin(), request.additional.end());
  for (const Id& k : known) {
    std::size_t walked = 0;
    for (Id at = k; held(at) && walked <= view.size(); ++walked) {
      if (const auto it = position.find(at); it != position.end()) {
        if (!start || it->second < *start) start = it->second;
        break;
      }
      const BlockHeader* h = view.find(at);
      if (h == nullptr) break;  // genesis without its header, off the target's chain
      at = h->parent;
    }
  }
  if (!start) throw PeerFailure("download: no known block found (start block not found)");
  if (shape == DownloadAnswer::WithOffPathBlocks) {
    const Id& s = chain[*start];
    const BlockHeader* h = view.find(s);
    return subtree_of(view, s, h ? h->slot : 0);
  }

  std::vector<BlockHeader> answer;
  for (std::size_t i = *start; i > 0 && answer.size() < kMaxDownloadBlocks; --i) {
    answer.push_back(*view.find(chain[i - 1]));
  }
  return answer;
}

}  // namespace cryptarchia
