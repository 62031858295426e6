// Peers that change during a sync (issue 17 item 3): the generators reach
// every kind of change, during the sync, often enough; they keep the
// invariants the oracle relies on; and the schedule property fails for
// nodes that only a changing peer can catch out.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "cryptarchia/properties/case_export.hpp"
#include "cryptarchia/properties/generators.hpp"
#include "cryptarchia/vectors/vector_io.hpp"
#include "cryptarchia/properties/oracle.hpp"
#include "cryptarchia/properties/property_engine.hpp"

namespace cryptarchia::props {
namespace {

constexpr int kSamples = 400;
constexpr std::uint64_t kSeed = 17;

const std::vector<SyncCase>& schedule_cases() {
  static const std::vector<SyncCase> all = [] {
    rc::Random random(kSeed);
    const rc::Gen<SyncCase> gen = gen_case(CaseShape{.faults = false, .schedules = true});
    std::vector<SyncCase> out;
    for (int i = 0; i < kSamples; ++i) out.push_back(gen(random.split(), 100).value());
    return out;
  }();
  return all;
}

TEST(Schedules, TheDefaultShapeHasNoSchedule) {
  rc::Random random(kSeed);
  const rc::Gen<SyncCase> gen = gen_case(CaseShape{});
  for (int i = 0; i < 100; ++i) {
    const SyncCase c = gen(random.split(), 100).value();
    EXPECT_TRUE(c.schedule.empty());
    EXPECT_TRUE(c.scenario.schedule.empty());
  }
}

// The classes issue 17 item 3 asks for, measured on the reference's runs
// (an event counts when it took effect after the sync's first request and
// no later than its last), with the share of cases (percent) below which
// coverage counts as missing.
TEST(Schedules, ReachEveryKindOfChangeDuringTheSync) {
  std::map<std::string, int> seen;
  const NodeFactory reference = profile_node(Profile::Reference);
  for (const SyncCase& c : schedule_cases()) {
    std::set<std::string> tags;
    for (const std::string& t : c.tags()) {
      if (t.rfind("schedule:", 0) == 0) tags.insert(t);
    }
    const ObservedRun o = run_observed(reference, c.scenario);
    for (std::size_t i = 0; i < c.schedule.size(); ++i) {
      const PeerChange& e = c.schedule[i];
      if (!o.log.applied[i] || e.at == 0) continue;
      switch (e.kind) {
        case ScheduleEventKind::Update:
          if (c.scenario.schedule[i].view->tip() != c.scenario.peers[e.peer].view->tip()) {
            tags.insert("mid-sync:tip-moves");
          }
          break;
        case ScheduleEventKind::Join: tags.insert("mid-sync:late-join"); break;
        case ScheduleEventKind::Vanish: tags.insert("mid-sync:vanish"); break;
        case ScheduleEventKind::Slow: tags.insert("mid-sync:delayed-answer"); break;
      }
    }
    if (unseen_changes(c, o.log).empty()) tags.insert("judged:every-change-seen");
    for (const std::string& t : tags) ++seen[t];
  }
  const std::map<std::string, double> minimum = {
      {"schedule:update", 25},        {"schedule:join", 25},
      {"schedule:vanish", 20},        {"schedule:slow", 25},
      {"mid-sync:tip-moves", 15},     {"mid-sync:late-join", 15},
      {"mid-sync:vanish", 10},        {"mid-sync:delayed-answer", 15},
      {"judged:every-change-seen", 50},
  };
  const double n = kSamples;
  std::printf("schedules: coverage over %d generated cases (seed %llu, size 100):\n", kSamples,
              static_cast<unsigned long long>(kSeed));
  for (const auto& [tag, count] : seen) std::printf("  %6.1f%%  %s\n", 100.0 * count / n, tag.c_str());
  for (const auto& [tag, share] : minimum) {
    const double got = seen.count(tag) ? 100.0 * seen.at(tag) / n : 0.0;
    EXPECT_GE(got, share) << tag;
  }
}

TEST(Schedules, ViewsOnlyGrowAndAVanishingPeerIsNeverTheOnlySource) {
  for (const SyncCase& c : schedule_cases()) {
    ASSERT_EQ(c.scenario.schedule.size(), c.schedule.size());
    std::vector<bool> unsteady(c.peers.size(), false);
    for (const PeerChange& e : c.schedule) {
      ASSERT_LT(e.peer, c.peers.size());
      if (e.kind == ScheduleEventKind::Join || e.kind == ScheduleEventKind::Vanish) {
        unsteady[e.peer] = true;
      }
      if (e.kind == ScheduleEventKind::Update) {
        const std::set<std::size_t> later(e.holds.begin(), e.holds.end());
        for (const std::size_t i : c.peers[e.peer].holds) EXPECT_TRUE(later.count(i));
        // (A vanishing peer's update may be cut to nothing new.)
      }
    }
    std::set<std::size_t> steady;
    for (std::size_t p = 0; p < c.peers.size(); ++p) {
      if (!unsteady[p]) steady.insert(c.peers[p].holds.begin(), c.peers[p].holds.end());
    }
    for (const PeerChange& e : c.schedule) {
      if (e.kind != ScheduleEventKind::Vanish) continue;
      for (const std::size_t i : c.peers[e.peer].holds) EXPECT_TRUE(steady.count(i));
      for (const PeerChange& u : c.schedule) {
        if (u.kind != ScheduleEventKind::Update || u.peer != e.peer) continue;
        for (const std::size_t i : u.holds) EXPECT_TRUE(steady.count(i));
      }
    }
  }
}

// --- nodes that are wrong only when peers change ---------------------------

// Wraps the peers a node is given, then runs the reference profile.
template <typename Wrapper>
class WrappingNode : public NodeUnderTest {
 public:
  explicit WrappingNode(const Scenario& s) : inner_(profile_node(Profile::Reference)(s)) {}
  SyncResult sync(std::span<Peer* const> peers, const Budget& budget,
                  const std::optional<Checkpoint>& checkpoint) override {
    std::vector<std::unique_ptr<Peer>> owned;
    std::vector<Peer*> list;
    for (Peer* p : peers) {
      owned.push_back(std::make_unique<Wrapper>(*p));
      list.push_back(owned.back().get());
    }
    return inner_->sync(list, budget, checkpoint);
  }
  const Follower* follower() const override { return inner_->follower(); }

 private:
  std::unique_ptr<NodeUnderTest> inner_;
};

// A node that drops a peer for the rest of the sync once it failed a
// request ("ban the peer that failed"): a late joiner is never heard.
class DropsFailedPeer : public Peer {
 public:
  explicit DropsFailedPeer(Peer& inner) : inner_(inner) {}
  BlockHeader tip() override { return guarded([&] { return inner_.tip(); }); }
  std::unique_ptr<BlockStream> blocks_from(Slot from) override {
    return guarded([&] { return inner_.blocks_from(from); });
  }
  std::optional<BlockHeader> block(const Id& id) override {
    return guarded([&] { return inner_.block(id); });
  }
  std::unique_ptr<BlockStream> download(const DownloadRequest& r) override {
    return guarded([&] { return inner_.download(r); });
  }

 private:
  template <typename F>
  auto guarded(F f) -> decltype(f()) {
    if (dropped_) throw PeerFailure("dropped after an earlier failure");
    try {
      return f();
    } catch (const PeerFailure&) {
      dropped_ = true;
      throw;
    }
  }
  Peer& inner_;
  bool dropped_ = false;
};

// A node that uses each peer's first stream for every later blocks_from of
// that peer (it asks again, and replays what it read the first time: "the
// peer's chain is fetched once"): a peer's new blocks are never seen.
class ReadsEachPeerOnce : public Peer {
 public:
  explicit ReadsEachPeerOnce(Peer& inner) : inner_(inner) {}
  BlockHeader tip() override { return inner_.tip(); }
  std::unique_ptr<BlockStream> blocks_from(Slot from) override {
    std::unique_ptr<BlockStream> s = inner_.blocks_from(from);  // asked every time ...
    if (!cached_) {
      std::vector<BlockHeader> all;
      while (auto b = s->next()) all.push_back(*b);
      cached_ = std::move(all);
    }  // ... but only the first answer is used
    std::vector<BlockHeader> out;
    for (const BlockHeader& b : *cached_) {
      if (b.slot >= from) out.push_back(b);
    }
    return std::make_unique<VectorStream>(std::move(out));
  }
  std::optional<BlockHeader> block(const Id& id) override { return inner_.block(id); }
  std::unique_ptr<BlockStream> download(const DownloadRequest& r) override {
    return inner_.download(r);
  }

 private:
  Peer& inner_;
  std::optional<std::vector<BlockHeader>> cached_;
};

template <typename Wrapper>
NodeFactory wrapping_node() {
  return [](const Scenario& s) { return std::make_unique<WrappingNode<Wrapper>>(s); };
}

PropertyVerdict verdict(const std::string& name, const NodeFactory& f,
                        std::uint64_t seed = 1717, int cases = 100) {
  EngineOptions o;
  o.seed = seed;
  o.cases = cases;
  return run_property(property(name), f, o);
}

TEST(Schedules, ThePropertyFailsANodeThatDropsAPeerAfterOneFailure) {
  // Since the generator gaps of issue 17 item 6 widened the small tier,
  // this node is caught later: on seeds 1-5 after 493, -, 378, - and 10
  // cases within 1,000 (docs/STRENGTH.md). Seed 1, the first, at 1,000.
  const PropertyVerdict v = verdict("TipEndsAtHeaviestChainOfChangingPeers",
                                    wrapping_node<DropsFailedPeer>(), 1, 1000);
  std::printf("%s\n", v.summary().c_str());
  EXPECT_EQ(v.outcome, Outcome::Fails) << v.message;
  // The counterexample is a vector with its schedule (format 1.2): loaded
  // back, the reference replays it to the outcome it records.
  ASSERT_TRUE(v.counterexample.has_value());
  ASSERT_FALSE(v.counterexample->schedule.empty());
  const Scenario saved = case_vector(*v.counterexample, "schedule-counterexample", "test", {},
                                     {Profile::Reference});
  const std::string text = vectors::dump_vector(saved);
  EXPECT_NE(text.find("\"version\": \"1.2\""), std::string::npos);
  const Scenario loaded =
      vectors::from_json(nlohmann::json::parse(text), "schedule-counterexample.json");
  EXPECT_EQ(loaded.schedule.size(), v.counterexample->schedule.size());
  EXPECT_TRUE(run_scenario(loaded, Profile::Reference).mismatches.empty());
  // Without schedules P1 does not tell it apart (a faulty peer that is a
  // branch's only server only reorders or duplicates, and never fails).
  const PropertyVerdict plain =
      verdict("TipEndsAtHeaviestHonestChain", wrapping_node<DropsFailedPeer>(), 1, 1000);
  std::printf("%s\n", plain.summary().c_str());
  EXPECT_EQ(plain.outcome, Outcome::Holds) << plain.message;
}

TEST(Schedules, ThePropertyFailsANodeThatReadsEachPeerOnce) {
  const PropertyVerdict v = verdict("TipEndsAtHeaviestChainOfChangingPeers",
                                    wrapping_node<ReadsEachPeerOnce>());
  std::printf("%s\n", v.summary().c_str());
  EXPECT_EQ(v.outcome, Outcome::Fails) << v.message;
  const PropertyVerdict plain =
      verdict("TipEndsAtHeaviestHonestChain", wrapping_node<ReadsEachPeerOnce>());
  std::printf("%s\n", plain.summary().c_str());
  EXPECT_EQ(plain.outcome, Outcome::Holds) << plain.message;
}

}  // namespace
}  // namespace cryptarchia::props
