// Peers that change during a sync (schedule.hpp): the virtual clock, and a
// reference sync that follows a peer whose tip moves, one that joins late
// and one that vanishes.
#include <gtest/gtest.h>

#include "cryptarchia/scenario.hpp"
#include "cryptarchia/schedule.hpp"
#include "cryptarchia/spec_conventions.hpp"
#include "cryptarchia/sync.hpp"

namespace cryptarchia {
namespace {

const Note kA{10, 0};

struct Chain {
  GenesisState genesis = make_genesis({kA});
  std::vector<BlockHeader> blocks;  // b1 .. bn, each on the one before
  explicit Chain(std::size_t n) {
    Id parent = genesis.header.id();
    for (std::size_t i = 0; i < n; ++i) {
      blocks.push_back(make_block(parent, i + 1, kA));
      parent = blocks.back().id();
    }
  }
  // Genesis and the first n blocks, the last one its tip.
  std::shared_ptr<const PeerView> view(std::size_t n) const {
    auto v = std::make_shared<PeerView>();
    v->add(genesis.header);
    for (std::size_t i = 0; i < n; ++i) v->add(blocks[i]);
    v->set_tip(n == 0 ? genesis.header : blocks[n - 1]);
    return v;
  }
};

std::size_t count(BlockStream& s) {
  std::size_t n = 0;
  while (s.next()) ++n;
  return n;
}

TEST(ScheduleClock, ARequestSeesTheEventsDueAtItsTime) {
  const Chain c(3);
  ScheduleEvent grow{2, 0, ScheduleEventKind::Update, c.view(3), 0};
  auto clock = std::make_shared<ScheduleClock>(
      std::vector<std::shared_ptr<const PeerView>>{c.view(1)}, std::vector{grow});
  ScheduledPeer p(clock, 0);
  EXPECT_EQ(p.tip(), c.blocks[0]);  // t = 0
  auto early = p.blocks_from(0);    // t = 1: still the first view
  EXPECT_EQ(p.tip(), c.blocks[2]);  // t = 2: the update is in force
  EXPECT_EQ(count(*early), 2u);     // a stream keeps the view it was opened on
  EXPECT_EQ(count(*p.blocks_from(0)), 4u);
  EXPECT_EQ(clock->log().requests, 4u);
  EXPECT_EQ(clock->log().now, 4u);
  EXPECT_TRUE(clock->log().applied[0]);
  EXPECT_EQ(clock->log().looks[0], (std::vector<std::uint64_t>{0, 1, 2, 3}));
}

TEST(ScheduleClock, LateJoinFailsUntilItJoinsAndVanishFailsOpenStreams) {
  const Chain c(2);
  const std::vector<ScheduleEvent> events = {
      {1, 0, ScheduleEventKind::Join, nullptr, 0},
      {3, 1, ScheduleEventKind::Vanish, nullptr, 0},
  };
  auto clock = std::make_shared<ScheduleClock>(
      std::vector<std::shared_ptr<const PeerView>>{c.view(2), c.view(2)}, events);
  ScheduledPeer late(clock, 0), gone(clock, 1);
  EXPECT_THROW(late.tip(), PeerFailure);       // t = 0: not joined
  EXPECT_EQ(late.tip(), c.blocks[1]);          // t = 1: joined
  auto open = gone.blocks_from(0);             // t = 2
  EXPECT_TRUE(open->next().has_value());
  EXPECT_EQ(late.block(c.blocks[0].id()), c.blocks[0]);  // t = 3: `gone` vanishes now
  EXPECT_THROW(open->next(), PeerFailure);               // its open stream fails
  EXPECT_THROW(gone.tip(), PeerFailure);                 // and so does every request
}

TEST(ScheduleClock, ASlowPeerMovesTheClockByItsDelay) {
  const Chain c(1);
  const std::vector<ScheduleEvent> events = {{0, 0, ScheduleEventKind::Slow, nullptr, 3}};
  auto clock = std::make_shared<ScheduleClock>(
      std::vector<std::shared_ptr<const PeerView>>{c.view(1), c.view(1)}, events);
  ScheduledPeer slow(clock, 0), quick(clock, 1);
  slow.tip();
  EXPECT_EQ(clock->log().now, 4u);
  quick.tip();
  EXPECT_EQ(clock->log().now, 5u);
}

TEST(ScheduleClock, RejectsEventsOfPeersThatDoNotExist) {
  const Chain c(1);
  EXPECT_THROW(ScheduleClock({c.view(1)}, {{0, 1, ScheduleEventKind::Vanish, nullptr, 0}}),
               std::invalid_argument);
  EXPECT_THROW(ScheduleClock({c.view(1)}, {{0, 0, ScheduleEventKind::Update, nullptr, 0}}),
               std::invalid_argument);
}

// The reference follows a peer whose tip moves between its rounds.
TEST(ScheduledSync, TheReferenceFollowsATipThatMovesBetweenRounds) {
  const Chain c(4);
  Scenario s;
  s.config = Config{1, 3};
  s.genesis = c.genesis;
  s.peers = {{"p0", c.view(2), {}}};
  s.schedule = {{1, 0, ScheduleEventKind::Update, c.view(4), 0}};
  s.budget = Budget{100, 1000};
  const ScenarioRun run = run_scenario(s, Profile::Reference);
  EXPECT_EQ(run.result.end, SyncEnd::Completed) << run.result.summary();
  EXPECT_EQ(run.result.tip, c.blocks[3].id());
}

// A peer that joins after the first round is heard in the next one.
TEST(ScheduledSync, TheReferenceHearsALateJoiner) {
  const Chain c(3);
  Scenario s;
  s.config = Config{1, 3};
  s.genesis = c.genesis;
  s.peers = {{"p0", c.view(1), {}}, {"p1", c.view(3), {}}};
  s.schedule = {{2, 1, ScheduleEventKind::Join, nullptr, 0}};
  s.budget = Budget{100, 1000};
  const ScenarioRun run = run_scenario(s, Profile::Reference);
  EXPECT_EQ(run.result.end, SyncEnd::Completed) << run.result.summary();
  EXPECT_EQ(run.result.tip, c.blocks[2].id());
}

// Found by the schedule property (docs/ERRATA.md, rejected-for-a-missing-
// parent-until-the-sync-ends): p1 serves only b7, whose history nobody
// serves yet; its backfill finds no parent, so b7 is rejected for the rest
// of the sync. When p0 learns b1..b7 later, b7 arrives again, and is
// skipped. The tip ends at b6. Pinned here as what the reference does, not
// as what it should do.
TEST(ScheduledSync, ABlockRejectedForAMissingParentStaysRejectedWhenTheParentArrives) {
  const Chain c(7);
  auto tail = std::make_shared<PeerView>();
  tail->add(c.genesis.header);
  tail->add(c.blocks[6]);
  tail->set_tip(c.blocks[6]);
  Scenario s;
  s.config = Config{1, 1};
  s.genesis = c.genesis;
  s.peers = {{"p0", c.view(1), {}}, {"p1", tail, {}}};
  s.schedule = {{5, 0, ScheduleEventKind::Update, c.view(7), 0}};
  s.budget = Budget{100, 1000};
  const ScenarioRun run = run_scenario(s, Profile::Reference);
  EXPECT_EQ(run.result.end, SyncEnd::Completed) << run.result.summary();
  EXPECT_EQ(run.result.tip, c.blocks[5].id()) << "b6, not the heaviest b7";
  // A second sync starts with an empty rejected set and takes b7.
  Scenario later = s;
  later.peers = {{"p0", c.view(7), {}}, {"p1", tail, {}}};
  later.schedule.clear();
  EXPECT_EQ(run_scenario(later, Profile::Reference).result.tip, c.blocks[6].id());
}

}  // namespace
}  // namespace cryptarchia
