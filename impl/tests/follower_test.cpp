// The follower (spec note, section 5): tip, forks, fork choice, validation,
// LIB, pruning, checkpoints and the per-block ledger state.
//
// Every scenario draws its block tree, in a /* */ comment when it branches (a
// backslash ending a // line would splice the next line into the comment).
// Numbers are slots; `g` is genesis; the note that leads a branch is given on
// the right (A = sk 0, B = sk 1, both in the genesis stake; C = sk 2 is not).
// In the test code a block is named by its note letter and slot ("A3", "B2"),
// so failure messages print names, not ids.
#include <gtest/gtest.h>

#include <initializer_list>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "cryptarchia/block_tree.hpp"
#include "cryptarchia/config.hpp"
#include "cryptarchia/errors.hpp"
#include "cryptarchia/follower.hpp"
#include "cryptarchia/fork_choice.hpp"
#include "cryptarchia/spec_conventions.hpp"
#include "follower_fixture.hpp"

namespace cryptarchia {
namespace {

using testing::FollowerTest;
using testing::Snapshot;
using testing::kLongest;
using testing::snapshot;

// ---------------------------------------------------------------------------
// Extending the tip, duplicates.

//   g - 1 - 2 - 3      (A)
TEST_F(FollowerTest, ExtendingTheTipAndDuplicatesAreDroppedSilently) {
  chain("A", "g", A, {1, 2, 3});
  Follower f = follower();
  EXPECT_EQ(tip(f), "g");
  EXPECT_EQ(f.size(), 1u);

  feed(f, {"A1", "A2"});
  EXPECT_EQ(tip(f), "A2");
  feed(f, {"A3"});
  EXPECT_EQ(tip(f), "A3");
  EXPECT_EQ(forks(f), Names{});
  EXPECT_EQ(f.size(), 4u);
  EXPECT_EQ(lib(f), "g");  // Bootstrapping: the LIB stays at genesis

  const Snapshot before = snapshot(f);
  for (const std::string n : {"g", "A1", "A2", "A3"}) {
    SCOPED_TRACE("duplicate " + n);
    EXPECT_EQ(f.try_on_block(hdr(n)), BlockStatus::Duplicate);
    EXPECT_NO_THROW(f.on_block(hdr(n)));
    EXPECT_EQ(f.try_apply_block_to_ledger_state(hdr(n)), BlockStatus::Duplicate);
    EXPECT_NO_THROW(f.apply_block_to_ledger_state(hdr(n)));
    EXPECT_TRUE(snapshot(f) == before);
  }
  EXPECT_FALSE(is_error(BlockStatus::Duplicate));
}

/*
 *   g - 1 - 2 - 3      (A)
 *        \
 *         2          (B)   a fork tip: re-sending it must not re-append it
 */
TEST_F(FollowerTest, DuplicateForkBlockIsNotAppendedToForksAgain) {
  chain("A", "g", A, {1, 2, 3});
  blk("B2", "A1", 2, B);
  Follower f = follower();
  feed(f, {"A1", "A2", "A3", "B2"});
  ASSERT_EQ(forks(f), Names{"B2"});
  const Snapshot before = snapshot(f);
  EXPECT_EQ(f.try_on_block(hdr("B2")), BlockStatus::Duplicate);
  EXPECT_EQ(f.try_on_block(hdr("A2")), BlockStatus::Duplicate);  // not the tip, on the chain
  EXPECT_TRUE(snapshot(f) == before);
  EXPECT_EQ(forks(f), Names{"B2"});
}

// ---------------------------------------------------------------------------
// Longest chain (fork depth within k).

/*
 *   g - 1 - 2 - 3      (A)   tip
 *   |    \
 *   |     2          (B)   shorter fork
 *    \
 *     1              (B)   shorter fork
 */
TEST_F(FollowerTest, ShorterForkStaysAFork) {
  chain("A", "g", A, {1, 2, 3});
  blk("B2", "A1", 2, B);
  blk("B1", "g", 1, B);
  Follower f = follower();
  feed(f, {"A1", "A2", "A3", "B2"});
  EXPECT_EQ(tip(f), "A3");
  EXPECT_EQ(forks(f), Names{"B2"});
  feed(f, {"B1"});
  EXPECT_EQ(tip(f), "A3");
  EXPECT_EQ(forks(f), (Names{"B2", "B1"}));  // arrival order
  EXPECT_EQ(f.size(), 6u);
}

/*
 *   g - 1 - 2 - 3              (A)   tip until 4 arrives
 *   |    \
 *   |     2 - 3 - 4          (B)   grows one block at a time
 *    \
 *     1'                     (B, slot 1; named B1)
 *
 * B2 joins forks; B3 replaces its parent B2 in forks (tie with A3: no
 * switch); B4 is longer: tip switches to B4, B3 (its parent) leaves forks, the
 * old tip A3 is appended at the end: forks = [B1, A3].
 */
TEST_F(FollowerTest, LongerForkSwitchesTipAndOldTipIsAppended) {
  chain("A", "g", A, {1, 2, 3});
  blk("B1", "g", 1, B);
  blk("B2", "A1", 2, B);
  blk("B3", "B2", 3, B);
  blk("B4", "B3", 4, B);
  Follower f = follower();
  feed(f, {"A1", "A2", "A3", "B1", "B2"});
  EXPECT_EQ(forks(f), (Names{"B1", "B2"}));
  feed(f, {"B3"});
  EXPECT_EQ(tip(f), "A3");
  EXPECT_EQ(forks(f), (Names{"B1", "B3"}));  // B2 removed, B3 at the end
  feed(f, {"B4"});
  EXPECT_EQ(tip(f), "B4");
  EXPECT_EQ(forks(f), (Names{"B1", "A3"}));
  EXPECT_EQ(f.size(), 8u);
  EXPECT_EQ(height(f, "B4"), 5u);
}

/*
 *   g - 1 - 2      (A)
 *    \
 *     1 - 2      (B)
 *
 * Equal length: the chain that was first stays the tip, in either arrival order.
 */
TEST_F(FollowerTest, TieKeepsTheCurrentTip) {
  chain("A", "g", A, {1, 2});
  chain("B", "g", B, {1, 2});

  Follower a_first = follower();
  feed(a_first, {"A1", "A2", "B1", "B2"});
  EXPECT_EQ(tip(a_first), "A2");
  EXPECT_EQ(forks(a_first), Names{"B2"});

  Follower b_first = follower();
  feed(b_first, {"B1", "B2", "A1", "A2"});
  EXPECT_EQ(tip(b_first), "B2");
  EXPECT_EQ(forks(b_first), Names{"A2"});

  // The same holds in Online mode (Praos rule).
  Follower online = follower(kLongest, Mode::Online);
  feed(online, {"B1", "B2", "A1", "A2"});
  EXPECT_EQ(tip(online), "B2");
  EXPECT_EQ(forks(online), Names{"A2"});
}

// ---------------------------------------------------------------------------
// Bootstrapping: the Genesis rule (maxvalid_bg).

/*
 * k = 1, s = 4. The fork point is A10, so the window is slots [10, 14).
 *
 *   g - 10 - 12 - 20 - 21 - 22   (A)   depth 4 > k; density {10, 12} = 2
 *         \
 *          11 - 14               (B)   density {10, 11} = 2 (14 is outside): no switch
 *             \
 *              13                (B)   density {10, 11, 13} = 3: switch, though
 *                                      B13 (height 4) is shorter than A22 (height 6)
 */
TEST_F(FollowerTest, BootstrappingDenserShorterForkWinsAfterDeepFork) {
  chain("A", "g", A, {10, 12, 20, 21, 22});
  blk("B11", "A10", 11, B);
  blk("B14", "B11", 14, B);
  blk("B13", "B11", 13, B);
  Follower f = follower(Config::with_s(1, 4));
  feed(f, {"A10", "A12", "A20", "A21", "A22", "B11"});
  EXPECT_EQ(tip(f), "A22");
  EXPECT_EQ(forks(f), Names{"B11"});
  feed(f, {"B14"});  // the window is half-open: slot 14 does not count
  EXPECT_EQ(tip(f), "A22");
  EXPECT_EQ(forks(f), Names{"B14"});
  feed(f, {"B13"});
  EXPECT_EQ(tip(f), "B13");
  EXPECT_EQ(forks(f), (Names{"B14", "A22"}));
  EXPECT_LT(height(f, "B13"), height(f, "A22"));
}

/*
 * k = 1, s = 4; window [0, 4) after genesis.
 *
 *   g - 1 - 2 - 5               (A)   density {g, 1, 2} = 3
 *    \
 *     3 - 6 - 7 - 8 - 9         (B)   density {g, 3} = 2, depth 5 > 3
 *
 * With k = 1 A stays (A's depth 3 > k: density decides). With k = 10 the same
 * blocks are decided by length and B wins.
 */
TEST_F(FollowerTest, BootstrappingSparserLongerForkLosesAfterDeepFork) {
  chain("A", "g", A, {1, 2, 5});
  chain("B", "g", B, {3, 6, 7, 8, 9});
  const Names order{"A1", "A2", "A5", "B3", "B6", "B7", "B8", "B9"};

  Follower dense = follower(Config::with_s(1, 4));
  feed(dense, order);
  EXPECT_EQ(tip(dense), "A5");
  EXPECT_EQ(forks(dense), Names{"B9"});

  Follower longest = follower(Config::with_s(10, 4));
  feed(longest, order);
  EXPECT_EQ(tip(longest), "B9");
  EXPECT_EQ(forks(longest), Names{"A5"});
}

/*
 * k = 1, s = 4; window [0, 4).
 *
 *   g - 1 - 5 - 6                (A)   density {g, 1} = 2
 *    \
 *     2 - 7 - 8 - 9 - 10         (B)   density {g, 2} = 2, longer
 *
 * Equal density keeps the current tip (strict comparison).
 */
TEST_F(FollowerTest, BootstrappingEqualDensityKeepsCurrentTip) {
  chain("A", "g", A, {1, 5, 6});
  chain("B", "g", B, {2, 7, 8, 9, 10});
  Follower f = follower(Config::with_s(1, 4));
  feed(f, {"A1", "A5", "A6", "B2", "B7", "B8", "B9", "B10"});
  EXPECT_EQ(tip(f), "A6");
  EXPECT_EQ(forks(f), Names{"B10"});
}

/*
 * k = 2, s = 4; window [0, 4).
 *
 * (1)  g - 5 - 6          (A)   depth 2 == k: longest chain, tie keeps A
 *       \
 *        1 - 2          (B)   denser ({g,1,2} = 3 vs {g} = 1), but not longer
 *
 * (2)  g - 5 - 6 - 7      (A)   depth 3 > k: density decides
 *       \
 *        1              (B)   {g, 1} = 2 > {g} = 1: switch to the shorter B1
 */
TEST_F(FollowerTest, BootstrappingDepthExactlyKUsesLongestChain) {
  chain("A", "g", A, {5, 6, 7});
  chain("B", "g", B, {1, 2});

  Follower at_k = follower(Config::with_s(2, 4));
  feed(at_k, {"A5", "A6", "B1"});
  EXPECT_EQ(tip(at_k), "A6");
  feed(at_k, {"B2"});
  EXPECT_EQ(tip(at_k), "A6");
  EXPECT_EQ(forks(at_k), Names{"B2"});

  Follower beyond_k = follower(Config::with_s(2, 4));
  feed(beyond_k, {"A5", "A6", "A7", "B1"});
  EXPECT_EQ(tip(beyond_k), "B1");
  EXPECT_EQ(forks(beyond_k), Names{"A7"});
}

/*
 * k = 1, s = 4. Only best's depth is compared with k.
 *
 *   g - 1                 (A)   tip; depth 1 <= k
 *    \
 *     5 - 6 - 7           (B)   5, 6 stored with apply_block_to_ledger_state,
 *                               then 7 by on_block; depth 3 > k
 *
 * A's depth is within k, so the longest chain wins although A is denser in
 * [0, 4) ({g, 1} = 2 vs {g} = 1). Comparing the fork's depth with k would keep A.
 */
TEST_F(FollowerTest, BootstrappingOnlyBestDepthIsComparedWithK) {
  chain("A", "g", A, {1});
  chain("B", "g", B, {5, 6, 7});
  Follower f = follower(Config::with_s(1, 4));
  feed(f, {"A1"});
  store(f, {"B5", "B6"});
  EXPECT_EQ(tip(f), "A1");
  EXPECT_EQ(forks(f), Names{});
  feed(f, {"B7"});
  EXPECT_EQ(tip(f), "B7");
  EXPECT_EQ(forks(f), Names{"A1"});
}

/*
 * ---------------------------------------------------------------------------
 * The fold over forks depends on the order of forks.
 *
 * k = 1, s = 4.
 *
 *   g - 1 - 5 - 6 - 7          (A)   depth 4 from g; density in [0,4): {g, 1} = 2
 *    \
 *     2 - 8 - 9 - 10           (B)   density in [0,4): {g, 2} = 2
 *      \
 *       3                      (B)   density in [0,4): {g, 2, 3} = 3
 *
 * The Genesis rule is not transitive here. Against A7 (depth 4 > k) both B
 * branches are judged by density: B3 beats A7, B10 does not (tie). Against B3
 * (depth 1 from the fork point B2, within k) B10 is judged by length and wins.
 * So fold(A7, [B10, B3]) = B3 but fold(A7, [B3, B10]) = B10.
 *
 * Through the follower the order of forks is the arrival order:
 *   A..., B2, B8, B9, B10, B3 -> at B3: forks = [B10, B3] -> tip B3, forks [B10, A7]
 *   A..., B2, B3, B8, B9, B10 -> B3 wins at once; B9 later beats B3 by length
 *                                -> tip B10, forks [A7, B3]
 */
TEST_F(FollowerTest, FoldOrderDecidesBetweenTheSameBlocks) {
  build_non_transitive_tree();
  const Config cfg = Config::with_s(1, 4);

  Follower late_b3 = follower(cfg);
  feed(late_b3, {"A1", "A5", "A6", "A7", "B2", "B8", "B9", "B10"});
  EXPECT_EQ(tip(late_b3), "A7");
  EXPECT_EQ(forks(late_b3), Names{"B10"});
  feed(late_b3, {"B3"});
  EXPECT_EQ(tip(late_b3), "B3");
  EXPECT_EQ(forks(late_b3), (Names{"B10", "A7"}));

  Follower early_b3 = follower(cfg);
  feed(early_b3, {"A1", "A5", "A6", "A7", "B2", "B3", "B8", "B9", "B10"});
  EXPECT_EQ(tip(early_b3), "B10");
  EXPECT_EQ(forks(early_b3), (Names{"A7", "B3"}));

  // Same tree, same blocks: only the order of forks differs.
  EXPECT_EQ(by_slot(late_b3, 0), by_slot(early_b3, 0));  // all slots distinct
  EXPECT_EQ(late_b3.tree().sorted_ids(), early_b3.tree().sorted_ids());

  // The fold itself, on one tree, in both orders.
  const TreeNode* a7 = node(late_b3, "A7");
  const TreeNode* b3 = node(late_b3, "B3");
  const TreeNode* b10 = node(late_b3, "B10");
  const std::vector<const TreeNode*> b10_first{b10, b3};
  const std::vector<const TreeNode*> b3_first{b3, b10};
  EXPECT_EQ(name(*maxvalid_bg(a7, b10_first, cfg.k, cfg.s)->id), "B3");
  EXPECT_EQ(name(*maxvalid_bg(a7, b3_first, cfg.k, cfg.s)->id), "B10");
  // The Praos rule ignores both: each forks from A7 at g, 4 blocks deep > k.
  EXPECT_EQ(name(*maxvalid_mc(a7, b10_first, cfg.k)->id), "A7");
  EXPECT_EQ(name(*maxvalid_mc(a7, b3_first, cfg.k)->id), "A7");
}

// ---------------------------------------------------------------------------
// Online: the Praos rule (maxvalid_mc).

/*
 * k = 3 and k = 2, Online from the start.
 *
 *   g - 1 - 2 - 3          (A)
 *        \
 *         2 - 3 - 4      (B)   within k of A3; B4 is longer and wins
 *
 * k = 3: LIB after B4 = A1; A3 stays, as a fork.
 * k = 2: LIB after B4 = B2; A2 and A3 branch off below it and are pruned.
 */
TEST_F(FollowerTest, OnlineLongerForkWithinKSwitches) {
  chain("A", "g", A, {1, 2, 3});
  chain("B", "A1", B, {2, 3, 4});
  const Names order{"A1", "A2", "A3", "B2", "B3", "B4"};

  Follower k3 = follower(Config::with_s(3, 20), Mode::Online);
  feed(k3, {"A1", "A2", "A3", "B2", "B3"});
  EXPECT_EQ(tip(k3), "A3");
  EXPECT_EQ(forks(k3), Names{"B3"});
  feed(k3, {"B4"});
  EXPECT_EQ(tip(k3), "B4");
  EXPECT_EQ(forks(k3), Names{"A3"});
  EXPECT_EQ(lib(k3), "A1");
  EXPECT_EQ(k3.size(), 7u);

  Follower k2 = follower(Config::with_s(2, 20), Mode::Online);
  feed(k2, order);
  EXPECT_EQ(tip(k2), "B4");
  EXPECT_EQ(lib(k2), "B2");
  EXPECT_EQ(forks(k2), Names{});
  EXPECT_EQ(k2.size(), 5u);
  EXPECT_FALSE(k2.contains(id("A2")));
  EXPECT_FALSE(k2.contains(id("A3")));
}

/*
 * The tree of FoldOrderDecidesBetweenTheSameBlocks (k = 1, s = 4), fed with
 * B3 last, then switched Online; B3 gets a long, dense extension 4-5-6-7.
 *
 *   g - 1 - 5 - 6 - 7          (A)   pruned by to_online (below the LIB B2)
 *    \
 *     2 - 8 - 9 - 10           (B)   fork, longer than the tip B3
 *      \
 *       3 - 4 - 5 - 6 - 7      (B)   B3 is the tip at to_online; 4, 5, 6 are
 *                                    stored with apply_block_to_ledger_state,
 *                                    7 arrives by on_block
 *
 * In Online mode a fork can only be deeper than k from the *tip* if it forks
 * below the LIB, which validation (ImmutableFork) and pruning rule out; but the
 * fold compares each fork with the current *best*. At B7's fold, forks =
 * [B10, B7]: B10 beats the tip B3 (depth 1 <= k, longer), then B7 is compared
 * with B10: B10 is 3 deep from their fork point B2 > k, so B7 is ignored
 * although it is longer (5 vs 3) and denser in [2, 6) (4 vs 1). A follower
 * still Bootstrapping with the same blocks switches to B7 by density.
 */
TEST_F(FollowerTest, OnlineIgnoresForkDeeperThanKFromBest) {
  build_non_transitive_tree();
  chain("B", "B3", B, {4, 5, 6, 7});
  Follower online = follower(Config::with_s(1, 4));
  feed(online, {"A1", "A5", "A6", "A7", "B2", "B8", "B9", "B10", "B3"});
  ASSERT_EQ(tip(online), "B3");
  ASSERT_EQ(forks(online), (Names{"B10", "A7"}));
  Follower bootstrapping = online;

  online.to_online();
  EXPECT_EQ(online.mode(), Mode::Online);
  EXPECT_EQ(lib(online), "B2");
  EXPECT_EQ(forks(online), Names{"B10"});
  EXPECT_EQ(by_slot(online, 0), (Names{"g", "B2", "B3", "B8", "B9", "B10"}));

  store(online, {"B4", "B5", "B6"});
  EXPECT_EQ(tip(online), "B3");
  feed(online, {"B7"});
  EXPECT_EQ(tip(online), "B10");
  EXPECT_EQ(lib(online), "B9");
  // B7 and the old tip B3 were appended to forks, then pruned with the LIB.
  EXPECT_EQ(forks(online), Names{});
  EXPECT_EQ(by_slot(online, 0), (Names{"g", "B2", "B8", "B9", "B10"}));

  store(bootstrapping, {"B4", "B5", "B6"});
  feed(bootstrapping, {"B7"});
  EXPECT_EQ(tip(bootstrapping), "B7");
  EXPECT_EQ(forks(bootstrapping), (Names{"B10", "A7", "B3"}));
}

// ---------------------------------------------------------------------------
// Validation errors.

//   g - 1 - 2          (A)
//   ?  - 3             (A)   parent unknown (ParentNotFound)
//   g - 1'             (C)   note not in the stake
//   g - 2'             (A)   proof slot 3 != header slot 2
//   g - 2''            (A)   proof parent A1 != header parent g
TEST_F(FollowerTest, ValidationErrorsAreTypedAndCarryTheBlockId) {
  chain("A", "g", A, {1, 2});
  const Id unknown = make_block(g, 99, B).id();
  reg("orphan", make_block(unknown, 3, A));
  reg("orphan-by-C", make_block(unknown, 4, C));  // both wrong: parent first
  blk("C1", "g", 1, C);
  BlockHeader slot_mismatch = make_block(g, 2, A);
  slot_mismatch.proof.slot = 3;
  reg("slot-mismatch", slot_mismatch);
  BlockHeader parent_mismatch = make_block(g, 2, A);
  parent_mismatch.proof.parent = id("A1");
  reg("parent-mismatch", parent_mismatch);

  for (const Mode mode : {Mode::Bootstrapping, Mode::Online}) {
    SCOPED_TRACE(std::string(to_string(mode)));
    Follower f = follower(kLongest, mode);
    feed(f, {"A1", "A2"});
    expect_refused<ParentNotFound>(f, "orphan", BlockStatus::ParentNotFound);
    expect_refused<ParentNotFound>(f, "orphan-by-C", BlockStatus::ParentNotFound);
    expect_refused<InvalidLeaderProof>(f, "C1", BlockStatus::InvalidLeaderProof);
    expect_refused<InvalidLeaderProof>(f, "slot-mismatch", BlockStatus::InvalidLeaderProof);
    expect_refused<InvalidLeaderProof>(f, "parent-mismatch", BlockStatus::InvalidLeaderProof);

    // Control: the same block without the mutation is valid.
    const BlockHeader good = make_block(g, 2, A);
    EXPECT_EQ(f.try_on_block(good), BlockStatus::Accepted);
    EXPECT_EQ(f.size(), 4u);
  }
}

/*
 * Online, k = 1.
 *
 *   g - 1 - 2 - 3      (A)   tip A3, LIB A2 (height 3)
 *   |   |    \
 *   |   |     4      (B)   on the LIB itself: accepted (height 3 is not below 3)
 *   |    \
 *   |     4          (B)   on A1 (height 2 < 3): ImmutableFork
 *    \
 *     4              (B)   on g (height 1 < 3): ImmutableFork; and by C: still
 *                          ImmutableFork (checked before the proof)
 */
TEST_F(FollowerTest, ImmutableForkBelowTheLib) {
  chain("A", "g", A, {1, 2, 3});
  blk("B4-on-g", "g", 4, B);
  blk("C4-on-g", "g", 4, C);
  blk("B4-on-A1", "A1", 4, B);
  blk("B4-on-A2", "A2", 4, B);
  Follower f = follower(Config::with_s(1, 20), Mode::Online);
  feed(f, {"A1", "A2", "A3"});
  ASSERT_EQ(lib(f), "A2");

  expect_refused<ImmutableFork>(f, "B4-on-g", BlockStatus::ImmutableFork);
  expect_refused<ImmutableFork>(f, "C4-on-g", BlockStatus::ImmutableFork);
  expect_refused<ImmutableFork>(f, "B4-on-A1", BlockStatus::ImmutableFork);

  // Re-sending an old block is a duplicate, not an error (step 1 before step 2).
  EXPECT_EQ(f.try_on_block(hdr("A1")), BlockStatus::Duplicate);

  feed(f, {"B4-on-A2"});
  EXPECT_EQ(tip(f), "A3");
  EXPECT_EQ(forks(f), Names{"B4-on-A2"});

  // Bootstrapping never has an ImmutableFork: the LIB stays at genesis.
  Follower boot = follower(Config::with_s(1, 20));
  feed(boot, {"A1", "A2", "A3", "B4-on-A1"});
  EXPECT_EQ(boot.try_on_block(hdr("B4-on-g")), BlockStatus::Accepted);
}

// ---------------------------------------------------------------------------
// LIB.

//   g - 1 - 2 - 3 - 4 - 5      (A)     Online, k = 2
TEST_F(FollowerTest, LibIsKBlocksBehindTheTip) {
  chain("A", "g", A, {1, 2, 3, 4, 5});
  Follower f = follower(Config::with_s(2, 20), Mode::Online);
  EXPECT_EQ(f.mode(), Mode::Online);
  EXPECT_EQ(lib(f), "g");
  const std::vector<std::pair<std::string, std::string>> tip_lib{
      {"A1", "g"}, {"A2", "g"}, {"A3", "A1"}, {"A4", "A2"}, {"A5", "A3"}};
  for (const auto& [t, l] : tip_lib) {
    feed(f, {t});
    EXPECT_EQ(tip(f), t);
    EXPECT_EQ(lib(f), l) << "tip " << t;
  }
  EXPECT_THROW(f.to_online(), std::logic_error);

  // Bootstrapping: LIB stays at genesis; to_online computes it, once.
  Follower boot = follower(Config::with_s(2, 20));
  feed(boot, {"A1", "A2", "A3", "A4"});
  EXPECT_EQ(lib(boot), "g");
  boot.to_online();
  EXPECT_EQ(lib(boot), "A2");
  EXPECT_THROW(boot.to_online(), std::logic_error);
  EXPECT_EQ(boot.mode(), Mode::Online);
  EXPECT_EQ(lib(boot), "A2");
}

// ---------------------------------------------------------------------------
// Pruning.

/*
 * Online, k = 2.
 *
 *   g - 1 - 2 - 3 - 4 - 5      (A)
 *        \   \
 *         \   5              (B)   on A2: kept while A2 is the LIB
 *          \
 *           2 - 3            (B)   on A1: kept while A1 is the LIB
 *
 * A3 arrives: LIB A1, B2-B3 survive. A4: LIB A2, B2-B3 pruned (tree and forks),
 * g and A1 (ancestors of the LIB) kept. B5 on A2 joins; A5: LIB A3, B5 pruned.
 */
TEST_F(FollowerTest, OnlinePruningRemovesForksBelowTheLib) {
  chain("A", "g", A, {1, 2, 3, 4, 5});
  chain("B", "A1", B, {2, 3});
  blk("B5", "A2", 5, B);
  blk("B4-on-B3", "B3", 4, B);
  blk("B6-on-A1", "A1", 6, B);
  Follower f = follower(Config::with_s(2, 20), Mode::Online);
  feed(f, {"A1", "A2", "A3", "B2", "B3"});
  EXPECT_EQ(lib(f), "A1");
  EXPECT_EQ(tip(f), "A3");
  EXPECT_EQ(forks(f), Names{"B3"});
  EXPECT_EQ(f.size(), 6u);

  feed(f, {"A4"});
  EXPECT_EQ(lib(f), "A2");
  EXPECT_EQ(forks(f), Names{});
  EXPECT_EQ(by_slot(f, 0), (Names{"g", "A1", "A2", "A3", "A4"}));
  EXPECT_TRUE(f.contains(g));
  EXPECT_TRUE(f.contains(id("A1")));
  EXPECT_FALSE(f.contains(id("B2")));
  EXPECT_FALSE(f.contains(id("B3")));
  // A block on a pruned block has no parent any more; one on an ancestor of
  // the LIB is an immutable fork.
  expect_refused<ParentNotFound>(f, "B4-on-B3", BlockStatus::ParentNotFound);
  expect_refused<ImmutableFork>(f, "B6-on-A1", BlockStatus::ImmutableFork);

  feed(f, {"B5"});
  EXPECT_EQ(forks(f), Names{"B5"});
  feed(f, {"A5"});
  EXPECT_EQ(lib(f), "A3");
  EXPECT_EQ(tip(f), "A5");
  EXPECT_EQ(forks(f), Names{});
  EXPECT_EQ(by_slot(f, 0), (Names{"g", "A1", "A2", "A3", "A4", "A5"}));
}

/*
 * Bootstrapping, k = 1, s = 100 (the density window covers every block).
 *
 *   g - 1 - 2 - 3 - 4      (A)   tip
 *   |       |    \
 *   |       |     5      (B)   on A3: within k, a tie, kept as a fork
 *   |        \
 *   |         3          (B)   on A2: 2 deep from A4 > k, sparser: a fork
 *    \
 *     1                  (B)   on g: deep, sparser: a fork
 *
 * to_online: LIB = A3; B1 and B3 fork below it and are pruned; B5 stays.
 */
TEST_F(FollowerTest, ToOnlinePrunesDeepSideBranches) {
  chain("A", "g", A, {1, 2, 3, 4});
  blk("B1", "g", 1, B);
  blk("B3", "A2", 3, B);
  blk("B5", "A3", 5, B);
  Follower f = follower(Config::with_s(1, 100));
  feed(f, {"A1", "A2", "A3", "A4", "B1", "B3", "B5"});
  EXPECT_EQ(tip(f), "A4");
  EXPECT_EQ(forks(f), (Names{"B1", "B3", "B5"}));
  EXPECT_EQ(f.size(), 8u);

  f.to_online();
  EXPECT_EQ(lib(f), "A3");
  EXPECT_EQ(tip(f), "A4");
  EXPECT_EQ(forks(f), Names{"B5"});
  EXPECT_EQ(by_slot(f, 0), (Names{"g", "A1", "A2", "A3", "A4", "B5"}));
}

// ---------------------------------------------------------------------------
// apply_block_to_ledger_state.

//   g - 1 - 2 - 3      (A)   1 and 2 stored ledger-only, 3 by on_block
TEST_F(FollowerTest, ApplyBlockToLedgerStateStoresWithoutTipOrForkUpdate) {
  chain("A", "g", A, {1, 2, 3});
  blk("C4", "A2", 4, C);
  reg("orphan", make_block(make_block(g, 50, B).id(), 51, A));
  Follower f = follower(Config::spec_test());
  store(f, {"A1", "A2"});
  EXPECT_EQ(tip(f), "g");
  EXPECT_EQ(forks(f), Names{});
  EXPECT_EQ(f.size(), 3u);
  EXPECT_EQ(height(f, "A2"), 3u);
  EXPECT_EQ(f.state(id("A2")), f.state(id("A1"))->applied(hdr("A2")));
  EXPECT_EQ(by_slot(f, 0), (Names{"g", "A1", "A2"}));

  expect_refused<ParentNotFound>(f, "orphan", BlockStatus::ParentNotFound);
  expect_refused<InvalidLeaderProof>(f, "C4", BlockStatus::InvalidLeaderProof);

  // A3's parent A2 is not the tip (g), so A3 goes through fork choice: it is
  // longer, wins, and the old tip g is appended to forks (spec step 4).
  feed(f, {"A3"});
  EXPECT_EQ(tip(f), "A3");
  EXPECT_EQ(forks(f), Names{"g"});
}

// ---------------------------------------------------------------------------
// Seed-era checkpoints.

/*
 *   g - 1 - 2                      (B)   tip before the checkpoint
 *    \
 *     [1 - 2] - 3 - 4              (A)   A3 is the checkpoint, stored without
 *                                        A1, A2; A4 extends it; A1, A2 are
 *                                        filled in later (ledger-only)
 */
TEST_F(FollowerTest, CheckpointBecomesTipAndHeightsShiftWhenAncestorsArrive) {
  chain("A", "g", A, {1, 2, 3, 4});
  chain("B", "g", B, {1, 2});
  const LedgerState a3_state =
      genesis.state.applied(hdr("A1")).applied(hdr("A2")).applied(hdr("A3"));

  // From genesis: genesis does not become a fork.
  Follower fresh = follower();
  fresh.apply_checkpoint(hdr("A3"), a3_state);
  EXPECT_EQ(tip(fresh), "A3");
  EXPECT_EQ(forks(fresh), Names{});
  EXPECT_EQ(height(fresh, "A3"), 1u);
  EXPECT_EQ(fresh.size(), 2u);

  Follower f = follower();
  feed(f, {"B1", "B2"});
  f.apply_checkpoint(hdr("A3"), a3_state);
  EXPECT_EQ(tip(f), "A3");
  EXPECT_EQ(forks(f), Names{"B2"});
  EXPECT_EQ(height(f, "A3"), 1u);
  EXPECT_EQ(f.state(id("A3")), a3_state);
  EXPECT_FALSE(f.contains(id("A1")));
  EXPECT_EQ(f.size(), 4u);

  feed(f, {"A4"});
  EXPECT_EQ(tip(f), "A4");
  EXPECT_EQ(height(f, "A4"), 2u);
  EXPECT_EQ(f.state(id("A4")), a3_state.applied(hdr("A4")));

  store(f, {"A1"});
  EXPECT_EQ(height(f, "A1"), 2u);
  EXPECT_EQ(height(f, "A3"), 1u);  // A2 still missing
  store(f, {"A2"});
  EXPECT_EQ(height(f, "A2"), 3u);
  EXPECT_EQ(height(f, "A3"), 4u);
  EXPECT_EQ(height(f, "A4"), 5u);
  EXPECT_EQ(tip(f), "A4");
  EXPECT_EQ(forks(f), Names{"B2"});
  EXPECT_EQ(by_slot(f, 0), (Names{"g", "B1", "A1", "B2", "A2", "A3", "A4"}));
  // Now connected: the chain of A4 and the fork B2 have the LCA g.
  const CommonPrefix p = BlockTree::common_prefix(node(f, "A4"), node(f, "B2"));
  EXPECT_EQ(name(*p.lca->id), "g");
  EXPECT_EQ(p.depth_a, 4u);
  EXPECT_EQ(p.depth_b, 2u);
}

// ---------------------------------------------------------------------------
// blocks_by_slot.

/*
 *   g - 1 - 2 - 3      (A)
 *   |    \
 *   |     2          (B, "B2x": on A1)
 *   |\
 *   | 2              (B, "B2y": on g)
 *    \
 *     1              (B, stored last)
 */
TEST_F(FollowerTest, BlocksBySlotAscendingTiesInStorageOrderFromInclusive) {
  chain("A", "g", A, {1, 2, 3});
  blk("B2x", "A1", 2, B);
  blk("B2y", "g", 2, B);
  blk("B1", "g", 1, B);

  Follower f = follower();
  feed(f, {"A1", "A2", "A3", "B2x", "B2y", "B1"});
  EXPECT_EQ(by_slot(f, 0), (Names{"g", "A1", "B1", "A2", "B2x", "B2y", "A3"}));
  EXPECT_EQ(by_slot(f, 1), (Names{"A1", "B1", "A2", "B2x", "B2y", "A3"}));
  EXPECT_EQ(by_slot(f, 2), (Names{"A2", "B2x", "B2y", "A3"}));
  EXPECT_EQ(by_slot(f, 3), Names{"A3"});
  EXPECT_EQ(by_slot(f, 4), Names{});

  // Storage order, not id order: the other arrival order flips the ties.
  Follower g2 = follower();
  feed(g2, {"B2y", "B1", "A1", "B2x", "A2", "A3"});
  EXPECT_EQ(by_slot(g2, 0), (Names{"g", "B1", "A1", "B2y", "B2x", "A2", "A3"}));
  // Ledger-only blocks are listed too.
  Follower h = follower();
  store(h, {"A1", "B2y"});
  EXPECT_EQ(by_slot(h, 2), Names{"B2y"});
}

// ---------------------------------------------------------------------------
// Copies.

/*
 *   g - 1 - 2 - 3          (A)
 *    \   \
 *     \   2              (B, "B2": on A1)
 *      2 - 3 - 4 - 5     (B, "B2g".."B5g": on g; only the copy gets 3-5)
 */
TEST_F(FollowerTest, CopiedFollowerIsIndependent) {
  chain("A", "g", A, {1, 2, 3});
  blk("B2", "A1", 2, B);
  blk("B2g", "g", 2, B);
  blk("B3g", "B2g", 3, B);
  blk("B4g", "B3g", 4, B);
  blk("B5g", "B4g", 5, B);
  blk("A4", "A3", 4, A);

  Follower original = follower();
  feed(original, {"A1", "A2", "B2g", "A3", "B2"});
  const Snapshot before = snapshot(original);

  Follower copy = original;
  EXPECT_TRUE(snapshot(copy) == before);
  EXPECT_EQ(by_slot(copy, 0), by_slot(original, 0));
  EXPECT_EQ(forks(copy), (Names{"B2g", "B2"}));

  feed(copy, {"B3g", "B4g", "B5g"});
  copy.to_online();
  EXPECT_EQ(tip(copy), "B5g");
  EXPECT_EQ(copy.mode(), Mode::Online);
  EXPECT_TRUE(snapshot(original) == before);
  EXPECT_FALSE(original.contains(id("B5g")));
  EXPECT_EQ(tip(original), "A3");

  // And the other way round, through copy assignment.
  Follower assigned = follower();
  assigned = original;
  const Snapshot assigned_before = snapshot(assigned);
  feed(original, {"A4"});
  EXPECT_EQ(tip(original), "A4");
  EXPECT_TRUE(snapshot(assigned) == assigned_before);
  EXPECT_FALSE(assigned.contains(id("A4")));
  // The copies keep working on their own.
  feed(assigned, {"A4"});
  EXPECT_TRUE(snapshot(assigned) == snapshot(original));
}

// ---------------------------------------------------------------------------
// Ledger state.

/*
 *   g - 1 - 2 - 3 - 4      (A)
 *        \
 *         2 - 3          (B)
 */
TEST_F(FollowerTest, StateFollowsLedgerStateApplied) {
  chain("A", "g", A, {1, 2, 3, 4});
  chain("B", "A1", B, {2, 3});
  Follower f = follower();
  feed(f, {"A1", "A2", "B2", "A3", "B3", "A4"});

  EXPECT_EQ(f.state(g), genesis.state);
  EXPECT_EQ(f.state(g)->leader_count, 0u);
  EXPECT_TRUE(f.state(g)->nonce.is_zero());
  for (const std::string n : {"A1", "A2", "A3", "A4", "B2", "B3"}) {
    SCOPED_TRACE(n);
    const BlockHeader& b = hdr(n);
    const auto s = f.state(b.id());
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->leader_count, height(f, n) - 1);
    EXPECT_EQ(*s, f.state(b.parent)->applied(b));
  }
  EXPECT_NE(f.state(id("A2"))->nonce, f.state(id("B2"))->nonce);
  EXPECT_EQ(f.state(make_block(g, 77, A).id()), std::nullopt);
  EXPECT_EQ(f.height(make_block(g, 77, A).id()), std::nullopt);
}

}  // namespace
}  // namespace cryptarchia

