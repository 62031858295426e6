#include "cryptarchia/properties/node.hpp"

#include <cstdint>
#include <unordered_set>
#include <optional>
#include <vector>

namespace cryptarchia::props {

namespace {

class ProfileNode : public NodeUnderTest {
 public:
  ProfileNode(const Scenario& s, Profile profile, std::vector<Erratum> keep, const Variants& variants)
      : local_(make_local_follower(s, variants, {})), profile_(profile), keep_(std::move(keep)) {}

  SyncResult sync(std::span<Peer* const> peers, const Budget& budget,
                  const std::optional<Checkpoint>& checkpoint) override {
    SyncOptions options;
    options.profile = profile_;
    options.budget = budget;
    options.checkpoint = checkpoint;
    options.keep_errata = keep_;
    return cryptarchia::sync(local_, peers, options);
  }
  const Follower* follower() const override { return &local_; }

 private:
  Follower local_;
  Profile profile_;
  std::vector<Erratum> keep_;
};

// Counts the answers of every peer it wraps in one shared counter; with a
// limit, the answer that would exceed it fails instead (PeerFailure).
class AnswerCounter {
 public:
  explicit AnswerCounter(std::optional<std::uint64_t> limit) : limit_(limit) {}
  void answer() {
    if (limit_ && count_ >= *limit_) throw PeerFailure("cut off: the peers stopped answering");
    ++count_;
  }
  [[nodiscard]] std::uint64_t count() const { return count_; }

 private:
  std::optional<std::uint64_t> limit_;
  std::uint64_t count_ = 0;
};

class CountedStream : public BlockStream {
 public:
  CountedStream(std::unique_ptr<BlockStream> inner, AnswerCounter& counter)
      : inner_(std::move(inner)), counter_(counter) {}
  std::optional<BlockHeader> next() override {
    std::optional<BlockHeader> b = inner_->next();
    if (b) counter_.answer();
    return b;
  }

 private:
  std::unique_ptr<BlockStream> inner_;
  AnswerCounter& counter_;
};

class CountedPeer : public Peer {
 public:
  CountedPeer(Peer& inner, AnswerCounter& counter) : inner_(inner), counter_(counter) {}
  BlockHeader tip() override {
    BlockHeader h = inner_.tip();
    counter_.answer();
    return h;
  }
  std::unique_ptr<BlockStream> blocks_from(Slot from) override {
    // Opening a stream is not an answer of its own; its blocks are.
    return std::make_unique<CountedStream>(inner_.blocks_from(from), counter_);
  }
  std::optional<BlockHeader> block(const Id& id) override {
    std::optional<BlockHeader> b = inner_.block(id);
    counter_.answer();
    return b;
  }
  std::unique_ptr<BlockStream> download(const DownloadRequest& request) override {
    return std::make_unique<CountedStream>(inner_.download(request), counter_);
  }

 private:
  Peer& inner_;
  AnswerCounter& counter_;
};

// Fresh peers of the scenario, each behind a CountedPeer sharing `counter`.
struct CountedPeers {
  ScenarioPeers inner;
  std::vector<std::unique_ptr<Peer>> owned;
  std::vector<Peer*> list;
};
CountedPeers counted_peers(const Scenario& s, AnswerCounter& counter) {
  CountedPeers out{make_peers(s), {}, {}};
  for (Peer* p : out.inner.list) {
    out.owned.push_back(std::make_unique<CountedPeer>(*p, counter));
    out.list.push_back(out.owned.back().get());
  }
  return out;
}

SyncResult sync_on_fresh_peers(NodeUnderTest& node, const Scenario& s, const Budget& budget,
                               const std::optional<Checkpoint>& checkpoint) {
  const ScenarioPeers peers = make_peers(s);
  return node.sync(peers.list, budget, checkpoint);
}

}  // namespace

NodeFactory profile_node(Profile profile, std::vector<Erratum> keep_errata) {
  return [profile, keep = std::move(keep_errata)](const Scenario& s) {
    return std::make_unique<ProfileNode>(s, profile, keep, Variants{});
  };
}

NodeFactory profile_node(const RunAs& as) {
  return [as](const Scenario& s) {
    return std::make_unique<ProfileNode>(s, as.profile, std::vector<Erratum>{}, as.variants);
  };
}

Run run_once(const NodeFactory& factory, const Scenario& scenario) {
  Run run;
  run.node = factory(scenario);
  run.result = sync_on_fresh_peers(*run.node, scenario, scenario.budget, scenario.checkpoint);
  return run;
}

ObservedRun run_observed(const NodeFactory& factory, const Scenario& scenario) {
  ObservedRun out;
  out.run.node = factory(scenario);
  const ScenarioPeers peers = make_peers(scenario);
  out.run.result = out.run.node->sync(peers.list, scenario.budget, scenario.checkpoint);
  if (peers.clock) out.log = peers.clock->log();
  return out;
}

SyncResult sync_again(NodeUnderTest& node, const Scenario& scenario, const Budget& budget,
                      const std::optional<Checkpoint>& checkpoint) {
  return sync_on_fresh_peers(node, scenario, budget, checkpoint);
}

}  // namespace cryptarchia::props

namespace cryptarchia::props {

SyncResult sync_cut_off(NodeUnderTest& node, const Scenario& scenario, std::uint64_t answers) {
  AnswerCounter counter(answers);
  const CountedPeers peers = counted_peers(scenario, counter);
  return node.sync(peers.list, scenario.budget, scenario.checkpoint);
}

CountedRun run_counted(const NodeFactory& factory, const Scenario& scenario) {
  CountedRun out;
  AnswerCounter counter(std::nullopt);
  out.run.node = factory(scenario);
  {
    const CountedPeers peers = counted_peers(scenario, counter);
    out.run.result = out.run.node->sync(peers.list, scenario.budget, scenario.checkpoint);
  }
  out.answers = counter.count();
  return out;
}

}  // namespace cryptarchia::props

namespace cryptarchia::props {

namespace {

// The blocks a node has been given, and the fetches by id it made.
struct FetchLog {
  std::unordered_set<Id, Hash32Hasher> delivered;
  std::vector<BlockFetch> fetches;
  std::uint64_t streamed = 0;
};

class RecordedStream : public BlockStream {
 public:
  RecordedStream(std::unique_ptr<BlockStream> inner, FetchLog& log)
      : inner_(std::move(inner)), log_(log) {}
  std::optional<BlockHeader> next() override {
    std::optional<BlockHeader> b = inner_->next();
    if (b) {
      ++log_.streamed;
      log_.delivered.insert(b->id());
    }
    return b;
  }

 private:
  std::unique_ptr<BlockStream> inner_;
  FetchLog& log_;
};

class RecordedPeer : public Peer {
 public:
  RecordedPeer(Peer& inner, std::size_t index, FetchLog& log)
      : inner_(inner), index_(index), log_(log) {}
  BlockHeader tip() override { return inner_.tip(); }
  std::unique_ptr<BlockStream> blocks_from(Slot from) override {
    return std::make_unique<RecordedStream>(inner_.blocks_from(from), log_);
  }
  std::unique_ptr<BlockStream> download(const DownloadRequest& request) override {
    return std::make_unique<RecordedStream>(inner_.download(request), log_);
  }
  std::optional<BlockHeader> block(const Id& id) override {
    BlockFetch f{index_, id, false, log_.delivered.count(id) != 0};
    try {
      std::optional<BlockHeader> b = inner_.block(id);
      f.answered = b && b->id() == id;
      log_.fetches.push_back(f);
      if (f.answered) log_.delivered.insert(id);
      return b;
    } catch (...) {
      log_.fetches.push_back(f);
      throw;
    }
  }

 private:
  Peer& inner_;
  std::size_t index_;
  FetchLog& log_;
};

}  // namespace

RecordedRun run_recorded(const NodeFactory& factory, const Scenario& scenario) {
  RecordedRun out;
  FetchLog log;
  log.delivered.insert(scenario.genesis.header.id());
  for (const BlockHeader& h : scenario.local_blocks) log.delivered.insert(h.id());
  if (scenario.checkpoint) log.delivered.insert(scenario.checkpoint->header.id());
  out.run.node = factory(scenario);
  {
    ScenarioPeers inner = make_peers(scenario);
    std::vector<std::unique_ptr<Peer>> owned;
    std::vector<Peer*> list;
    for (std::size_t i = 0; i < inner.list.size(); ++i) {
      owned.push_back(std::make_unique<RecordedPeer>(*inner.list[i], i, log));
      list.push_back(owned.back().get());
    }
    out.run.result = out.run.node->sync(list, scenario.budget, scenario.checkpoint);
  }
  out.fetches = std::move(log.fetches);
  out.streamed = log.streamed;
  return out;
}

}  // namespace cryptarchia::props
