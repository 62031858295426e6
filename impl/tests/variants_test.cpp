// Follower variants (variants.hpp, docs/VARIANTS.md): on each scenario's
// tree the spec's follower and the variant's end on different tips, so each
// test fails if the variant is not wired in or if it leaks into the spec's
// rules. Trees are drawn as in follower_test.cpp: numbers are slots, `g` is
// genesis at slot 0, the note of a branch is on the right.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "cryptarchia/scenario.hpp"
#include "cryptarchia/variants.hpp"
#include "follower_fixture.hpp"

namespace cryptarchia {
namespace {

using testing::FollowerTest;

class VariantsTest : public FollowerTest {
 protected:
  // IBD.md 4.3's tree (k = 1, s = 6), drawn where it is used.
  void build_ibd_example_tree() {
    chain("A", "g", A, {10, 11});
    blk("B1", "g", 1, B);
  }
};

FollowerOptions with(Variants v) {
  FollowerOptions o;
  o.variants = v;
  return o;
}

TEST(Variants, NamesRoundTripAndAreDistinct) {
  std::set<std::string_view> names;
  for (const VariantInfo& v : variants()) {
    EXPECT_EQ(parse_variant(v.name), v.id);
    EXPECT_EQ(to_string(v.id), v.name);
    EXPECT_FALSE(v.summary.empty());
    EXPECT_FALSE(v.source.empty());
    names.insert(v.name);
  }
  EXPECT_EQ(names.size(), variants().size());
  EXPECT_EQ(parse_variant("density-window"), std::nullopt);
  Variants none;
  EXPECT_TRUE(none.empty());
  // engine() is the fork-choice engine's rules; the IBD path's re-applied
  // blocks are a variant of their own.
  const Variants engine = Variants::engine();
  for (const VariantInfo& v : variants()) {
    EXPECT_EQ(engine.has(v.id), v.id != Variant::ReappliedBlockBecomesTip) << v.name;
  }
  EXPECT_FALSE(Variants{Variant::FoldOverAllTips}.has(Variant::ForkChoiceOnEveryBlock));
}

/*
 * k = 1, s = 4. A's depth 3 > k, so density decides, over the window after
 * the fork point g (slot 0): slots 1..3 in the spec (slot < 0 + 4), 1..4 in
 * the engine (slot <= 0 + 4).
 *
 *   g - 1 - 5 - 6   (A)   density 1 either way (A1; g, shared, counts on both sides)
 *    \
 *     2 - 4         (B)   spec: 1 (B2; slot 4 is the bound, not counted): a tie, A stays
 *                         engine: 2 (B2, B4): B wins
 */
TEST_F(VariantsTest, DensityWindowIncludesBoundCountsTheBoundSlot) {
  chain("A", "g", A, {1, 5, 6});
  chain("B", "g", B, {2, 4});
  const Names order{"A1", "A5", "A6", "B2", "B4"};

  Follower spec = follower(Config::with_s(1, 4));
  feed(spec, order);
  EXPECT_EQ(tip(spec), "A6");
  EXPECT_EQ(forks(spec), Names{"B4"});

  Follower engine =
      follower(Config::with_s(1, 4), Mode::Bootstrapping, with({Variant::DensityWindowIncludesBound}));
  feed(engine, {"A1", "A5", "A6", "B2"});
  EXPECT_EQ(tip(engine), "A6");  // B2 alone ties A1
  feed(engine, {"B4"});
  EXPECT_EQ(tip(engine), "B4");
  EXPECT_EQ(forks(engine), Names{"A6"});
}

/*
 * k = 1, s = 6 (IBD.md 4.3). A10 first, then B1: within k of each other, of
 * equal length, so the tip stays A10. Then A11 extends the tip.
 *
 *   g - 10 - 11   (A)   density in slots 1..5: 0
 *    \
 *     1           (B)   density 1
 *
 * The spec moves the tip to A11 without a fold. Run on every block, the fold
 * compares A11 (depth 2 > k) with B1 by density, and B1 wins.
 */
TEST_F(VariantsTest, ForkChoiceOnEveryBlockCanHandTheGrownTipToADenserFork) {
  build_ibd_example_tree();
  const Names order{"A10", "B1", "A11"};

  Follower spec = follower(Config::with_s(1, 6));
  feed(spec, order);
  EXPECT_EQ(tip(spec), "A11");
  EXPECT_EQ(forks(spec), Names{"B1"});

  Follower every = follower(Config::with_s(1, 6), Mode::Bootstrapping,
                            with({Variant::ForkChoiceOnEveryBlock}));
  feed(every, {"A10", "B1"});
  EXPECT_EQ(tip(every), "A10");
  feed(every, {"A11"});
  EXPECT_EQ(tip(every), "B1");
  EXPECT_EQ(forks(every), Names{"A11"});
}

/*
 * The same tree, with the engine's whole rule: the fold starts from A10 (the
 * tip before A11) and visits the tips {A11, B1} in hash order.
 *
 *   A11 first: A10 -> A11 (longer, within k), then A11 vs B1 by density: B1
 *   B1 first:  A10 vs B1 ties (within k), then A10 -> A11: A11
 *
 * The result depends on an order the engine does not fix: both are right
 * for it, and a vector must allow both (docs/VARIANTS.md).
 */
TEST_F(VariantsTest, FoldOverAllTipsDependsOnTheOrderOfTheTips) {
  build_ibd_example_tree();
  std::set<std::string> tips;
  for (const std::string first : {"A11", "B1"}) {
    SCOPED_TRACE("visiting " + first + " first");
    FollowerOptions o = with(Variants::engine());
    const Id first_id = id(first);
    o.tip_order = [first_id](std::vector<const TreeNode*>& t) {
      std::stable_partition(t.begin(), t.end(),
                            [&](const TreeNode* n) { return *n->id == first_id; });
    };
    Follower engine = follower(Config::with_s(1, 6), Mode::Bootstrapping, o);
    feed(engine, {"A10", "B1", "A11"});
    tips.insert(tip(engine));
    EXPECT_EQ(tip(engine), first == "A11" ? "B1" : "A11");
    EXPECT_EQ(engine.forks().size(), 1u);
  }
  EXPECT_EQ(tips, (std::set<std::string>{"A11", "B1"}));

  // Without an order given, the tips are visited by ascending id: one of
  // the two, the same on every run.
  Follower a = follower(Config::with_s(1, 6), Mode::Bootstrapping, with(Variants::engine()));
  Follower b = follower(Config::with_s(1, 6), Mode::Bootstrapping, with(Variants::engine()));
  feed(a, {"A10", "B1", "A11"});
  feed(b, {"A10", "B1", "A11"});
  EXPECT_TRUE(tips.count(tip(a)));
  EXPECT_EQ(tip(a), tip(b));
}

/*
 * k = 1, s = 4. The fold over all tips includes the old tip, and compares the
 * running best with it again. Here B5 arrives as a fork of A's chain:
 *
 *   g - 1 - 2 - 3   (A)   the tip, depth 3 > k: density decides; in slots 1..3: 3
 *    \
 *     5             (B)   density 0: loses
 *
 * Every order ends on A3, as in the spec: the old tip in the set changes
 * nothing when nothing beats it (a guard against a fold that drops it).
 */
TEST_F(VariantsTest, FoldOverAllTipsKeepsAnUnbeatenTip) {
  chain("A", "g", A, {1, 2, 3});
  blk("B5", "g", 5, B);
  for (bool reversed : {false, true}) {
    FollowerOptions o = with({Variant::FoldOverAllTips});
    o.tip_order = [reversed](std::vector<const TreeNode*>& t) {
      std::sort(t.begin(), t.end(), [](const TreeNode* x, const TreeNode* y) { return *x->id < *y->id; });
      if (reversed) std::reverse(t.begin(), t.end());
    };
    Follower f = follower(Config::with_s(1, 4), Mode::Bootstrapping, o);
    feed(f, {"A1", "A2", "A3", "B5"});
    EXPECT_EQ(tip(f), "A3") << (reversed ? "descending" : "ascending");
    EXPECT_EQ(forks(f), Names{"B5"});
  }
}

/*
 * k = 1, s = 6. X is led by B at slot 2 on A2, also at slot 2; its proof
 * names its own slot and parent.
 *
 *   g - 1 - 2 - X2   (A, then X by B)
 *
 * The spec has no parent/child slot check: X is accepted and is the tip.
 * The real node's ledger refuses it (InvalidSlot); a block in a slot below
 * its parent's is refused alike, one in the next slot is not.
 */
TEST_F(VariantsTest, SlotAfterParentRefusesABlockNotAfterItsParentsSlot) {
  chain("A", "g", A, {1, 2});
  blk("X2", "A2", 2, B);
  blk("X1", "A2", 1, B);
  blk("X3", "A2", 3, B);
  Follower spec = follower(Config::with_s(1, 6));
  feed(spec, {"A1", "A2", "X2"});
  EXPECT_EQ(tip(spec), "X2");

  Follower ledger = follower(Config::with_s(1, 6), Mode::Bootstrapping, with({Variant::SlotAfterParent}));
  feed(ledger, {"A1", "A2"});
  EXPECT_EQ(ledger.try_on_block(hdr("X2")), BlockStatus::InvalidSlot);
  EXPECT_EQ(ledger.try_on_block(hdr("X1")), BlockStatus::InvalidSlot);
  EXPECT_THROW(ledger.on_block(hdr("X2")), InvalidSlot);
  EXPECT_EQ(tip(ledger), "A2");
  EXPECT_EQ(ledger.try_on_block(hdr("X3")), BlockStatus::Accepted);
  EXPECT_EQ(tip(ledger), "X3");
}

/*
 * k = 1, s = 1 (the tree of vector variant-04-reapplied-block-becomes-tip).
 * Under the engine's rules: A1 (depth 1 <= k) loses to a longer B3 or B4;
 * B3 or B4 (depth 2+ > k) loses to A1 on density (slots 0..1: g, A1 against
 * g); on B a block beats its ancestors, never the reverse.
 *
 *   g - 1            (A)
 *    \
 *     2 - 3 - 4      (B)
 *
 * The tips are visited in the order B4, A1, B3, B2. After A1, B2, B3, B4 the
 * tip is A1 (B4's fold from B3: B4, then A1 on density). B3 handed over
 * again: the spec drops it; re-applied, it joins the tips and the fold from
 * A1 goes to B4, back to A1, then to B3 (longer, within k): the tip is B3,
 * whose child B4 is stored: a phantom tip.
 */
TEST_F(VariantsTest, ReappliedBlockBecomesTipCanEndTheFoldOnABlockWithAChild) {
  chain("A", "g", A, {1});
  chain("B", "g", B, {2, 3, 4});
  const Names order{"A1", "B2", "B3", "B4"};
  const auto options = [this](Variants v) {
    FollowerOptions o = with(v);
    const std::vector<Id> rank{id("B4"), id("A1"), id("B3"), id("B2")};
    o.tip_order = [rank](std::vector<const TreeNode*>& t) {
      const auto at = [&](const TreeNode* n) { return std::find(rank.begin(), rank.end(), *n->id); };
      std::sort(t.begin(), t.end(), [&](const TreeNode* x, const TreeNode* y) { return at(x) < at(y); });
    };
    return o;
  };
  const Config config = Config::with_s(1, 1);

  Follower spec = follower(config);
  feed(spec, order);
  EXPECT_EQ(tip(spec), "B4");
  EXPECT_EQ(spec.try_on_block(hdr("B3")), BlockStatus::Duplicate);
  EXPECT_EQ(tip(spec), "B4");
  EXPECT_EQ(forks(spec), Names{"A1"});

  Follower engine = follower(config, Mode::Bootstrapping, options(Variants::engine()));
  feed(engine, order);
  EXPECT_EQ(tip(engine), "A1");
  EXPECT_EQ(forks(engine), Names{"B4"});
  EXPECT_EQ(engine.try_on_block(hdr("B3")), BlockStatus::Duplicate);
  EXPECT_EQ(tip(engine), "A1") << "without the variant a known block changes nothing";

  Variants reapplied = Variants::engine();
  reapplied.add(Variant::ReappliedBlockBecomesTip);
  Follower node = follower(config, Mode::Bootstrapping, options(reapplied));
  feed(node, order);
  EXPECT_EQ(tip(node), "A1");
  EXPECT_EQ(node.try_on_block(hdr("B3")), BlockStatus::Duplicate);
  EXPECT_EQ(tip(node), "B3");
  EXPECT_EQ(forks(node), (Names{"B4", "A1"}));
  // B2, re-applied now, joins the forks (its parent g is no tip), though
  // its child B3 is stored; nothing switches to it, so the tip stays.
  EXPECT_EQ(node.try_on_block(hdr("B2")), BlockStatus::Duplicate);
  EXPECT_EQ(tip(node), "B3");
  EXPECT_EQ(forks(node), (Names{"B4", "A1", "B2"}));
  // A block that is a tip already stays one tip: the fold runs again (fork
  // choice on every block) and, from B3 over B4, A1, B3, B2, ends on B3.
  EXPECT_EQ(node.try_on_block(hdr("B4")), BlockStatus::Duplicate);
  EXPECT_EQ(tip(node), "B3");
  EXPECT_EQ(forks(node), (Names{"B4", "A1", "B2"}));
}

// choose_fold_result explores the fold's results instead of its orders: on
// the IBD.md 4.3 tree it is asked once, with the two tips the orders reach,
// the ascending-id order's result first.
TEST_F(VariantsTest, ChooseFoldResultOffersEachDistinctResultOnce) {
  build_ibd_example_tree();
  std::set<std::string> tips;
  for (std::size_t pick : {0u, 1u}) {
    FollowerOptions o = with(Variants::engine());
    std::vector<std::size_t> asked;
    o.choose_fold_result = [&asked, pick](std::size_t n) {
      asked.push_back(n);
      return pick;
    };
    Follower f = follower(Config::with_s(1, 6), Mode::Bootstrapping, o);
    feed(f, {"A10", "B1", "A11"});
    EXPECT_EQ(asked, std::vector<std::size_t>{2}) << "pick " << pick;
    tips.insert(tip(f));
    // Unchosen, the fold visits the tips in ascending id order: pick 0.
    if (pick == 0) {
      Follower plain = follower(Config::with_s(1, 6), Mode::Bootstrapping, with(Variants::engine()));
      feed(plain, {"A10", "B1", "A11"});
      EXPECT_EQ(tip(plain), tip(f));
    }
  }
  EXPECT_EQ(tips, (std::set<std::string>{"A11", "B1"}));
}

TEST(RunAs, NamesRoundTripInOneSpellingPerSet) {
  EXPECT_EQ(to_string(RunAs(Profile::Spec)), "spec");
  const RunAs engine(Profile::Reference, Variants::engine());
  const std::string text = to_string(engine);
  EXPECT_EQ(text,
            "reference+density-window-includes-bound+fork-choice-on-every-block+fold-over-all-tips"
            "+slot-after-parent");
  EXPECT_EQ(parse_run_as(text), engine);
  std::string error;
  EXPECT_EQ(parse_run_as("reference+fold-over-all-tips+fork-choice-on-every-block", &error),
            std::nullopt);
  EXPECT_NE(error.find("out of order; write \"reference+fork-choice-on-every-block+fold-over-all-tips\""),
            std::string::npos)
      << error;
  EXPECT_EQ(parse_run_as("spec+spec", &error), std::nullopt);
  EXPECT_NE(error.find("unknown follower variant \"spec\""), std::string::npos) << error;
  EXPECT_EQ(parse_run_as("quick", &error), std::nullopt);
  EXPECT_NE(error.find("unknown profile \"quick\""), std::string::npos) << error;
  EXPECT_EQ(parse_run_as("ibd+fold-over-all-tips+fold-over-all-tips", &error), std::nullopt);
  EXPECT_NE(error.find("named twice"), std::string::npos) << error;
}

}  // namespace
}  // namespace cryptarchia
