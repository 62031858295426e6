#include "cryptarchia/faults.hpp"

#include <algorithm>
#include <stdexcept>

namespace cryptarchia {

std::string_view to_string(RequestKind kind) {
  switch (kind) {
    case RequestKind::Tip: return "tip";
    case RequestKind::BlocksFrom: return "blocks_from";
    case RequestKind::BlockById: return "block_by_id";
  }
  return "?";
}

std::string_view to_string(FaultKind kind) {
  switch (kind) {
    case FaultKind::FailCall: return "fail_call";
    case FaultKind::FailMidStream: return "fail_mid_stream";
    case FaultKind::ReorderStream: return "reorder_stream";
    case FaultKind::DuplicateBlocks: return "duplicate_blocks";
    case FaultKind::WrongHeader: return "wrong_header";
  }
  return "?";
}

void validate(const Fault& f) {
  const bool stream_only = f.kind == FaultKind::FailMidStream ||
                           f.kind == FaultKind::ReorderStream ||
                           f.kind == FaultKind::DuplicateBlocks;
  if (stream_only && f.request != RequestKind::BlocksFrom) {
    throw std::invalid_argument(std::string(to_string(f.kind)) + " applies to blocks_from only");
  }
  if (f.kind == FaultKind::WrongHeader && f.request != RequestKind::BlockById) {
    throw std::invalid_argument("wrong_header applies to block_by_id only");
  }
}

std::string describe(const Fault& f) {
  std::string out = std::string(to_string(f.kind)) + " on " + std::string(to_string(f.request));
  out += f.call == Fault::kEveryCall ? " (every call)" : " (call " + std::to_string(f.call) + ")";
  if (f.kind == FaultKind::FailMidStream) out += " after " + std::to_string(f.param) + " block(s)";
  return out;
}

FaultyPeer::FaultyPeer(std::unique_ptr<Peer> inner, std::vector<Fault> faults)
    : inner_(std::move(inner)), faults_(std::move(faults)) {
  for (const Fault& f : faults_) validate(f);
}

const Fault* FaultyPeer::match(RequestKind kind) {
  const std::uint64_t call = calls_[static_cast<int>(kind)]++;
  for (const Fault& f : faults_) {
    if (f.request == kind && (f.call == Fault::kEveryCall || f.call == call)) return &f;
  }
  return nullptr;
}

BlockHeader FaultyPeer::tip() {
  if (const Fault* f = match(RequestKind::Tip)) throw PeerFailure("injected: " + describe(*f));
  return inner_->tip();
}

namespace {
// A finite stream replayed from a buffer, optionally failing at the end.
class BufferedStream : public BlockStream {
 public:
  BufferedStream(std::vector<BlockHeader> blocks, bool fail_at_end, std::string why)
      : blocks_(std::move(blocks)), fail_at_end_(fail_at_end), why_(std::move(why)) {}

  std::optional<BlockHeader> next() override {
    if (at_ < blocks_.size()) return blocks_[at_++];
    if (fail_at_end_) throw PeerFailure(why_);
    return std::nullopt;
  }

 private:
  std::vector<BlockHeader> blocks_;
  bool fail_at_end_;
  std::string why_;
  std::size_t at_ = 0;
};
}  // namespace

std::unique_ptr<BlockStream> FaultyPeer::blocks_from(Slot from) {
  const Fault* f = match(RequestKind::BlocksFrom);
  if (f == nullptr) return inner_->blocks_from(from);
  if (f->kind == FaultKind::FailCall) throw PeerFailure("injected: " + describe(*f));

  auto inner = inner_->blocks_from(from);
  std::vector<BlockHeader> blocks;
  const bool truncate = f->kind == FaultKind::FailMidStream;
  while (!truncate || blocks.size() < f->param) {
    auto b = inner->next();
    if (!b) break;
    blocks.push_back(*b);
    if (f->kind == FaultKind::DuplicateBlocks) blocks.push_back(*b);
  }
  if (f->kind == FaultKind::ReorderStream) std::reverse(blocks.begin(), blocks.end());
  return std::make_unique<BufferedStream>(std::move(blocks), truncate, "injected: " + describe(*f));
}

std::optional<BlockHeader> FaultyPeer::block(const Id& id) {
  const Fault* f = match(RequestKind::BlockById);
  if (f == nullptr) return inner_->block(id);
  if (f->kind == FaultKind::FailCall) throw PeerFailure("injected: " + describe(*f));
  // WrongHeader: a well-formed header that does not hash to `id`.
  auto header = inner_->block(id);
  if (!header) return header;
  header->content_size ^= 1u;
  return header;
}

}  // namespace cryptarchia
