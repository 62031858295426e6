#include "cryptarchia/faults.hpp"

#include <algorithm>
#include <stdexcept>

namespace cryptarchia {

std::string_view to_string(RequestKind kind) {
  switch (kind) {
    case RequestKind::Tip: return "tip";
    case RequestKind::BlocksFrom: return "blocks_from";
    case RequestKind::BlockById: return "block_by_id";
    case RequestKind::Download: return "download";
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
    case FaultKind::EndStreamEarly: return "end_stream_early";
    case FaultKind::OffPathBlocks: return "off_path_blocks";
    case FaultKind::NotOnline: return "not_online";
  }
  return "?";
}

void validate(const Fault& f) {
  const bool stream_only = f.kind == FaultKind::FailMidStream ||
                           f.kind == FaultKind::ReorderStream ||
                           f.kind == FaultKind::DuplicateBlocks ||
                           f.kind == FaultKind::EndStreamEarly;
  if (stream_only && f.request != RequestKind::BlocksFrom && f.request != RequestKind::Download) {
    throw std::invalid_argument(std::string(to_string(f.kind)) +
                                " applies to blocks_from and download only");
  }
  if (f.kind == FaultKind::WrongHeader && f.request != RequestKind::BlockById) {
    throw std::invalid_argument("wrong_header applies to block_by_id only");
  }
  if (f.kind == FaultKind::OffPathBlocks && f.request != RequestKind::Download) {
    throw std::invalid_argument("off_path_blocks applies to download only");
  }
  if (f.kind == FaultKind::NotOnline && f.request != RequestKind::Tip &&
      f.request != RequestKind::Download) {
    throw std::invalid_argument("not_online applies to tip and download only");
  }
}

std::string describe(const Fault& f) {
  std::string out = std::string(to_string(f.kind)) + " on " + std::string(to_string(f.request));
  out += f.call == Fault::kEveryCall ? " (every call)" : " (call " + std::to_string(f.call) + ")";
  if (f.kind == FaultKind::FailMidStream || f.kind == FaultKind::EndStreamEarly) {
    out += " after " + std::to_string(f.param) + " block(s)";
  }
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

namespace {
// The Failure a Bootstrapping server answers with (IBD.md 1.3).
[[noreturn]] void not_online() {
  throw PeerFailure("injected: Node is not in online mode (a Bootstrapping server)");
}
}  // namespace

BlockHeader FaultyPeer::tip() {
  if (const Fault* f = match(RequestKind::Tip)) {
    if (f->kind == FaultKind::NotOnline) not_online();
    throw PeerFailure("injected: " + describe(*f));
  }
  return inner_->tip();
}

namespace {
// The faulty streams are lazy: each holds the underlying stream and a block
// or a count, never a copy of the stream, so that an open stream costs the
// same whatever the peer holds (issue 12, item 1).

// FailMidStream: the inner stream's first `param` blocks, then a failure
// (also when the inner stream ends first).
class FailingStream : public BlockStream {
 public:
  FailingStream(std::unique_ptr<BlockStream> inner, std::uint64_t after, std::string why)
      : inner_(std::move(inner)), left_(after), why_(std::move(why)) {}

  std::optional<BlockHeader> next() override {
    if (left_ == 0) throw PeerFailure(why_);
    std::optional<BlockHeader> b = inner_->next();
    if (!b) {
      left_ = 0;
      throw PeerFailure(why_);
    }
    --left_;
    return b;
  }

 private:
  std::unique_ptr<BlockStream> inner_;
  std::uint64_t left_;
  std::string why_;
};

// DuplicateBlocks: every block of the inner stream twice in a row.
class DuplicatingStream : public BlockStream {
 public:
  explicit DuplicatingStream(std::unique_ptr<BlockStream> inner) : inner_(std::move(inner)) {}

  std::optional<BlockHeader> next() override {
    if (again_) {
      std::optional<BlockHeader> b = std::move(again_);
      again_.reset();
      return b;
    }
    std::optional<BlockHeader> b = inner_->next();
    again_ = b;
    return b;
  }

 private:
  std::unique_ptr<BlockStream> inner_;
  std::optional<BlockHeader> again_;
};

// EndStreamEarly: the inner stream's first `param` blocks, then its end.
class EndingStream : public BlockStream {
 public:
  EndingStream(std::unique_ptr<BlockStream> inner, std::uint64_t after)
      : inner_(std::move(inner)), left_(after) {}

  std::optional<BlockHeader> next() override {
    if (left_ == 0) return std::nullopt;
    --left_;
    return inner_->next();
  }

 private:
  std::unique_ptr<BlockStream> inner_;
  std::uint64_t left_;
};

// ReorderStream over a peer that is not an InMemoryPeer: the stream is read
// whole and replayed backwards (only tests build such peers).
class ReversedBuffer : public BlockStream {
 public:
  explicit ReversedBuffer(BlockStream& inner) {
    while (auto b = inner.next()) blocks_.push_back(std::move(*b));
  }

  std::optional<BlockHeader> next() override {
    if (blocks_.empty()) return std::nullopt;
    BlockHeader b = std::move(blocks_.back());
    blocks_.pop_back();
    return b;
  }

 private:
  std::vector<BlockHeader> blocks_;
};
}  // namespace

std::unique_ptr<BlockStream> FaultyPeer::faulty_stream(const Fault& f,
                                                       std::unique_ptr<BlockStream> inner) {
  switch (f.kind) {
    case FaultKind::FailMidStream:
      return std::make_unique<FailingStream>(std::move(inner), f.param,
                                             "injected: " + describe(f));
    case FaultKind::DuplicateBlocks: return std::make_unique<DuplicatingStream>(std::move(inner));
    case FaultKind::EndStreamEarly: return std::make_unique<EndingStream>(std::move(inner), f.param);
    case FaultKind::ReorderStream: return std::make_unique<ReversedBuffer>(*inner);
    case FaultKind::FailCall:
    case FaultKind::WrongHeader:
    case FaultKind::OffPathBlocks:
    case FaultKind::NotOnline: break;
  }
  throw PeerFailure("injected: " + describe(f));
}

std::unique_ptr<BlockStream> FaultyPeer::blocks_from(Slot from) {
  const Fault* f = match(RequestKind::BlocksFrom);
  if (f == nullptr) return inner_->blocks_from(from);
  if (f->kind == FaultKind::ReorderStream) {
    // The same blocks, last first: an honest view is walked backwards.
    if (auto* view = dynamic_cast<InMemoryPeer*>(inner_.get())) return view->blocks_down_to(from);
  }
  if (f->kind == FaultKind::FailCall || f->kind == FaultKind::WrongHeader) {
    throw PeerFailure("injected: " + describe(*f));
  }
  return faulty_stream(*f, inner_->blocks_from(from));
}

std::unique_ptr<BlockStream> FaultyPeer::download(const DownloadRequest& request) {
  const Fault* f = match(RequestKind::Download);
  if (f == nullptr) return inner_->download(request);
  if (f->kind == FaultKind::NotOnline) not_online();
  if (f->kind == FaultKind::OffPathBlocks) return inner_->download_with_off_path_blocks(request);
  if (f->kind == FaultKind::FailCall || f->kind == FaultKind::WrongHeader) {
    throw PeerFailure("injected: " + describe(*f));
  }
  // A download answer is at most kMaxDownloadBlocks blocks: reordering it
  // buffers no more than that.
  return faulty_stream(*f, inner_->download(request));
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
