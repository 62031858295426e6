// Notation as in spec_examples.cpp: g is genesis, A and B the two notes (the
// branch's leader is on the right), numbers are slots. Every outcome below
// was derived by hand from the trees' walk-throughs in docs/VARIANTS.md and
// impl/tests/variants_test.cpp, not by running this code.
#include "cryptarchia/variant_examples.hpp"

#include "cryptarchia/spec_conventions.hpp"
#include "example_building.hpp"

namespace cryptarchia {

namespace {

using examples::completed;
using examples::kNoteA;
using examples::kNoteB;

Scenario variant_base(std::string id, std::string description, const GenesisState& g,
                      const Config& config) {
  return examples::scenario_base(std::move(id), std::move(description), g, config,
                                 "variant-example");
}

// What `profile` under `variants` (none: the plain profile) must end with.
void expect(Scenario& s, Profile profile, const Variants& variants, const Expectation& e) {
  if (variants.empty()) {
    s.expected[profile] = e;
  } else {
    s.expected_with_variants[RunAs(profile, variants)] = e;
  }
}

// The spec's sync loops while a round fetched any block
// (progress-judged-by-peer-claims, docs/ERRATA.md): where fork choice keeps
// a tip other than the peer's later one, it asks again until the budget ends.
Expectation loops(Expectation e) {
  e.end = SyncEnd::BudgetExceeded;
  e.exhausted = Exhausted::Requests;
  return e;
}

/*
 * 1. k = 1, s = 4. The local node holds A; the peer holds B.
 *
 *      g - 1 - 5       (A)   local tip A5
 *       \
 *        2 - 4 - 6     (B)   the peer's tip B6
 *
 *    A's depth past the fork point g is 2 > k, so density decides over the
 *    window after g: slots 1..3 in the spec (A1 against B2: a tie, A stays),
 *    1..4 with density-window-includes-bound (A1 against B2, B4: B wins once
 *    B4 is in, and B6 extends it). The engine's other two rules change
 *    nothing here: every fold they add ends as this one.
 *
 *    reference: A5, or B6 with the variant.
 *    spec: it keeps A5 and asks again for ever (the peer's B6 is later), or
 *    with the variant takes B6 and ends.
 */
Scenario density_window_bound() {
  const Config config = Config::with_s(1, 4);
  const GenesisState g = make_genesis({kNoteA, kNoteB});
  const auto a = make_chain(g.header.id(), kNoteA, {1, 5});
  const auto b = make_chain(g.header.id(), kNoteB, {2, 4, 6});
  Scenario s = variant_base("variant-01-density-window-includes-bound",
                    "A chain against a denser one whose second block sits on the density "
                    "window's bound (LCA.slot + s): the spec's window stops one slot short of "
                    "it and keeps the local chain.",
                    g, config);
  // The spec's window is one slot short of the Genesis definition's
  // (impl/tests/genesis_window_test.cpp): this is that erratum's vector.
  s.tags.push_back("erratum:density-window-one-slot-short");
  s.local_blocks = {a[0], a[1]};
  s.peers.push_back({"peer", examples::peer_of(g, config, {b[0], b[1], b[2]}), {}});
  const std::vector<Id> tree{g.header.id(), a[0].id(), a[1].id(), b[0].id(), b[1].id(),
                             b[2].id()};
  const Expectation a_stays = completed(a[1].id(), {b[2].id()}, tree);
  const Expectation b_wins = completed(b[2].id(), {a[1].id()}, tree);
  for (const Variants& v : {Variants{Variant::DensityWindowIncludesBound}, Variants::engine()}) {
    expect(s, Profile::Spec, v, b_wins);
    expect(s, Profile::Reference, v, b_wins);
  }
  expect(s, Profile::Spec, {}, loops(a_stays));
  expect(s, Profile::Reference, {}, a_stays);
  return s;
}

/*
 * 2. k = 1, s = 6 (IBD.md 4.3). The local node holds A10 and B1 (tip A10:
 *    within k of B1 and as long); the peer holds A11 on A10.
 *
 *      g - 10 - 11   (A)   the peer's tip A11
 *       \
 *        1           (B)
 *
 *    The spec moves the tip to A11, which extends it, without a fold. With
 *    fork-choice-on-every-block the fold runs: A11's depth past g is 2 > k,
 *    and B1 has 1 block in the window against A's 0, so B1 wins. With
 *    fold-over-all-tips as well, the fold starts from A10 and visits the tips
 *    A11 and B1 in an order the engine does not fix: A11 first ends on B1
 *    (as above), B1 first ties A10 and then moves to A11; both are right.
 *    fold-over-all-tips alone changes nothing (A11 extends the tip: no fold).
 *
 *    reference: A11; B1 with fork-choice-on-every-block; either with the fold
 *    over all tips too.
 *    spec: A11; wherever the fold ends on B1 it asks again for ever (the
 *    peer's A11 is later).
 */
Scenario fork_choice_on_every_block() {
  const Config config = Config::with_s(1, 6);
  const GenesisState g = make_genesis({kNoteA, kNoteB});
  const auto a = make_chain(g.header.id(), kNoteA, {10, 11});
  const BlockHeader b1 = make_block(g.header.id(), 1, kNoteB);
  Scenario s = variant_base("variant-02-fork-choice-on-every-block",
                    "A block that extends the tip past k, against a denser fork: the spec "
                    "moves the tip without a fold; the engine folds, and over every tip in "
                    "an order it does not fix.",
                    g, config);
  s.local_blocks = {a[0], b1};
  s.peers.push_back({"peer", examples::peer_of(g, config, {a[0], a[1]}), {}});
  const std::vector<Id> tree{g.header.id(), a[0].id(), a[1].id(), b1.id()};
  const Expectation a_wins = completed(a[1].id(), {b1.id()}, tree);
  const Expectation b_wins = completed(b1.id(), {a[1].id()}, tree);
  const Variants every{Variant::ForkChoiceOnEveryBlock};
  const Variants every_over_all{Variant::ForkChoiceOnEveryBlock, Variant::FoldOverAllTips};
  for (const Profile p : {Profile::Spec, Profile::Reference}) expect(s, p, {}, a_wins);
  expect(s, Profile::Reference, every, b_wins);
  expect(s, Profile::Spec, every, loops(b_wins));
  for (const Variants& v : {every_over_all, Variants::engine()}) {
    Expectation reference = b_wins;
    reference.alternatives.push_back(a_wins);
    expect(s, Profile::Reference, v, reference);
    // The default order (ascending id) is the expectation, the other its
    // alternative; which tip each order ends on depends on the ids.
    Expectation spec = a_wins;
    spec.alternatives.push_back(loops(b_wins));
    expect(s, Profile::Spec, v, spec);
  }
  return s;
}

/*
 * 3. k = 1, s = 6. The peer's chain ends with X, led by B at slot 2 on A2,
 *    also at slot 2: its proof names its own slot and parent, so the spec
 *    takes it (it has no parent/child slot check); the real node's ledger
 *    refuses it (slot-after-parent, InvalidSlot). Local at genesis.
 *
 *      g - 1 - 2 - X2    (A, then X by B)
 *
 *    spec, reference: tip X2. With slot-after-parent: tip A2, X2 never
 *    stored. The spec ends too: it asks only peers whose tip's slot is
 *    ahead of the local tip's, and X2's is not ahead of A2's.
 */
Scenario slot_after_parent() {
  const Config config = Config::with_s(1, 6);
  const GenesisState g = make_genesis({kNoteA, kNoteB});
  const auto a = make_chain(g.header.id(), kNoteA, {1, 2});
  const BlockHeader x = make_block(a[1].id(), 2, kNoteB);
  Scenario s = variant_base("variant-03-slot-after-parent",
                            "A block in its parent's slot: the spec has no parent/child slot "
                            "check and takes it; the real node's ledger refuses it.",
                            g, config);
  s.peers.push_back({"peer", examples::peer_of(g, config, {a[0], a[1], x}), {}});
  const std::vector<Id> all{g.header.id(), a[0].id(), a[1].id(), x.id()};
  for (const Profile p : {Profile::Spec, Profile::Reference}) {
    expect(s, p, {}, completed(x.id(), {}, all));
  }
  Expectation refused = completed(a[1].id(), {}, {g.header.id(), a[0].id(), a[1].id()});
  refused.absent = {x.id()};
  for (const Variants& v : {Variants{Variant::SlotAfterParent}, Variants::engine()}) {
    expect(s, Profile::Reference, v, refused);
    expect(s, Profile::Spec, v, refused);
  }
  return s;
}

/*
 * 4. k = 1, s = 1, ibd under the engine's rules. The local node holds A1;
 *    peer "long" holds B2..B4 (tip B4), peer "short" B2, B3 (tip B3).
 *
 *      g - 1               (A)   local tip A1
 *       \
 *        2 - 3 - 4         (B)   long: tip B4; short: tip B3
 *
 *    Both downloads start at g (known: tip A1, LIB g), so B2 and B3 arrive
 *    twice. Under the engine's rules here: A1 (depth 1 <= k) loses to a
 *    longer B3 or B4; B3 or B4 (depth 2+ > k) loses to A1 on density (the
 *    window, slots 0..1 with its bound, holds g, A1 against g); A1 and B2
 *    tie; on B a block beats its ancestors, never the reverse. So the fold
 *    over all tips ends where its unfixed order says.
 *
 *    spec, reference, ibd: re-delivered blocks are dropped: tip B4, fork
 *    A1, in every order.
 *    With the engine's rules (fork choice on every block, the fold over
 *    every tip): B4 or A1, the other a fork.
 *    With reapplied-block-becomes-tip too, a re-delivered block is a tip
 *    again (IBD.md 4.6) and the fold runs. B3 re-delivered after B4 joins
 *    the tips, and the fold from B4 (or A1) over B4, A1, B3 can visit B4,
 *    A1 (A1 wins on density), then B3 (longer than A1, within k): the tip
 *    ends on B3 while B4, its child, is stored: a phantom tip. B2
 *    re-delivered after B3 is a phantom fork (it never wins: nothing
 *    switches to it). Which of the eleven outcomes below a node reaches
 *    depends on the interleaving of the two downloads and the fold's order.
 */
Scenario reapplied_block_becomes_tip() {
  const Config config = Config::with_s(1, 1);
  const GenesisState g = make_genesis({kNoteA, kNoteB});
  const BlockHeader a1 = make_block(g.header.id(), 1, kNoteA);
  const auto b = make_chain(g.header.id(), kNoteB, {2, 3, 4});
  Scenario s = variant_base("variant-04-reapplied-block-becomes-tip",
                            "Two downloads that share a prefix: under the engine's rules a "
                            "re-delivered block becomes a tip again and the fold can end on it, "
                            "though its child is stored (a phantom tip).",
                            g, config);
  s.local_blocks = {a1};
  s.peers.push_back({"long", examples::peer_of(g, config, {b[0], b[1], b[2]}), {}});
  s.peers.push_back({"short", examples::peer_of(g, config, {b[0], b[1]}), {}});
  const std::vector<Id> tree{g.header.id(), a1.id(), b[0].id(), b[1].id(), b[2].id()};
  const Id& A1 = a1.id();
  const Id &B2 = b[0].id(), &B3 = b[1].id(), &B4 = b[2].id();
  for (const Profile p : {Profile::Spec, Profile::Reference, Profile::Ibd}) {
    expect(s, p, {}, completed(B4, {A1}, tree));
  }
  Expectation engine = completed(B4, {A1}, tree);
  engine.alternatives.push_back(completed(A1, {B4}, tree));
  expect(s, Profile::Ibd, Variants::engine(), engine);
  // The phantom tip first; then the outcomes where B2 and B3 each came
  // twice in a row, where B2 came again after B3, and where B3 came again
  // after B4 (the rest of the phantom's group).
  Expectation phantom = completed(B3, {A1, B4}, tree);
  for (const auto& [tip, forks] : std::vector<std::pair<Id, std::vector<Id>>>{
           {B4, {A1}}, {A1, {B4}},
           {B4, {A1, B2}}, {A1, {B2, B4}}, {B4, {B2, A1}},
           {B4, {A1, B3}}, {A1, {B3, B4}}, {A1, {B4, B3}}, {B4, {B3, A1}}, {B3, {B4, A1}}}) {
    phantom.alternatives.push_back(completed(tip, forks, tree));
  }
  Variants reapplied = Variants::engine();
  reapplied.add(Variant::ReappliedBlockBecomesTip);
  expect(s, Profile::Ibd, reapplied, phantom);
  return s;
}

}  // namespace

std::vector<Scenario> variant_examples() {
  return {density_window_bound(), fork_choice_on_every_block(), slot_after_parent(),
          reapplied_block_becomes_tip()};
}

}  // namespace cryptarchia
