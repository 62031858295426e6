// Notation in the drawings: g is genesis, bN a block (numbered as in the
// spec's tests), @n its slot, (A)/(B) the leading note, x an invalid block
// (led by a note outside the stake). A = (sk 0, value 10), B = (sk 1, value
// 10). Config: k = 1, s = 6 (the spec's test config), Bootstrapping.
//
// Every expected outcome below was derived by hand from the seed text and
// section 7 of the spec note, not by running this code.
#include "cryptarchia/spec_examples.hpp"

#include "cryptarchia/spec_conventions.hpp"
#include "example_building.hpp"

namespace cryptarchia {

namespace {

using examples::kNoteA;
using examples::kNoteB;

// Every peer of the spec's examples runs the spec's test config.
std::shared_ptr<const PeerView> peer_of(const GenesisState& genesis,
                                        const std::vector<BlockHeader>& blocks,
                                        const std::vector<BlockHeader>& invalid = {}) {
  return examples::peer_of(genesis, Config::spec_test(), blocks, invalid);
}

std::vector<Id> ids(std::initializer_list<const BlockHeader*> blocks, const GenesisState& g) {
  std::vector<Id> out{g.header.id()};
  for (const BlockHeader* b : blocks) out.push_back(b->id());
  return out;
}

Checkpoint checkpoint_at(const std::shared_ptr<const PeerView>& view, const GenesisState& g,
                         const BlockHeader& block) {
  // The peer's ledger state at `block`: replay its chain from genesis.
  std::vector<const BlockHeader*> chain;
  for (const BlockHeader* b = &block; b->id() != g.header.id(); b = view->find(b->parent)) {
    chain.push_back(b);
  }
  LedgerState state = g.state;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) state = state.applied(**it);
  return Checkpoint{block, state};
}

using examples::completed;

Expectation aborted_by_invalid_block(const BlockHeader& bad, const Id& tip, std::vector<Id> forks) {
  Expectation e;
  e.end = SyncEnd::Aborted;
  e.abort_kind = SyncAbort::Kind::BlockError;
  e.block_status = BlockStatus::InvalidLeaderProof;
  e.failing_block = bad.id();
  e.tip = tip;
  e.forks = std::move(forks);
  return e;
}

void expect_all(Scenario& s, const Expectation& e) {
  for (const Profile p : kAllProfiles) s.expected[p] = e;
}

void expect_spec_and_reference(Scenario& s, const Expectation& e) {
  s.expected[Profile::Spec] = e;
  s.expected[Profile::Reference] = e;
}

// The tree of examples 3-6 and 10:
//   g - b0@1 - b1@2 - b2@3 - b5@4   (A)
//          |
//          +-- b3@2 - b4@3          (B)
struct ForkTree {
  GenesisState g = make_genesis({kNoteA, kNoteB});
  std::vector<BlockHeader> main = make_chain(g.header.id(), kNoteA, {1, 2, 3, 4});
  const BlockHeader& b0 = main[0];
  const BlockHeader& b1 = main[1];
  const BlockHeader& b2 = main[2];
  const BlockHeader& b5 = main[3];
  std::vector<BlockHeader> fork = make_chain(b0.id(), kNoteB, {2, 3});
  const BlockHeader& b3 = fork[0];
  const BlockHeader& b4 = fork[1];
  std::vector<BlockHeader> peer_order() const { return {b0, b1, b2, b3, b4, b5}; }
  std::vector<Id> all() const { return ids({&b0, &b1, &b2, &b3, &b4, &b5}, g); }
};

// The tree of examples 8, 12 and 13:
//   g - b0@1 - b1@2 - b3@3 - b4@4 - b5@5   (A)
//          |
//          +-- b2@2 - x6@3 - x7@4          (B, then an unstaked note)
struct InvalidForkTree {
  GenesisState g = make_genesis({kNoteA, kNoteB});
  std::vector<BlockHeader> main = make_chain(g.header.id(), kNoteA, {1, 2, 3, 4, 5});
  const BlockHeader& b0 = main[0];
  const BlockHeader& b1 = main[1];
  const BlockHeader& b3 = main[2];
  const BlockHeader& b4 = main[3];
  const BlockHeader& b5 = main[4];
  BlockHeader b2 = make_block(b0.id(), 2, kNoteB);
  std::vector<BlockHeader> invalid = make_chain(b2.id(), Note{10, 2}, {3, 4});
  const BlockHeader& x6 = invalid[0];
  const BlockHeader& x7 = invalid[1];
  std::shared_ptr<const PeerView> peer = peer_of(g, {b0, b1, b2, b3, b4, b5}, invalid);
};

Scenario base(std::string id, std::string description, const GenesisState& g) {
  return examples::scenario_base(std::move(id), std::move(description), g, Config::spec_test(),
                                 "spec-example");
}

// 1. g - b0@1 - b1@2 - b2@3 - b3@4 (A), one peer; local at genesis.
//    Every profile ends equal to the peer.
Scenario single_chain_from_genesis() {
  const GenesisState g = make_genesis({kNoteA});
  const auto chain = make_chain(g.header.id(), kNoteA, {1, 2, 3, 4});
  Scenario s = base("spec-01-single-chain-from-genesis",
                    "One peer with a single chain; the local node starts at genesis.", g);
  s.peers.push_back({"peer", peer_of(g, chain), {}});
  expect_all(s, completed(chain[3].id(), {}, ids({&chain[0], &chain[1], &chain[2], &chain[3]}, g)));
  return s;
}

// 2. Same chain; the local node already holds b0, b1.
Scenario single_chain_from_middle() {
  Scenario s = single_chain_from_genesis();
  s.id = "spec-02-single-chain-from-middle";
  s.description = "One peer with a single chain; the local node already holds its first two blocks.";
  const auto chain = make_chain(s.genesis.header.id(), kNoteA, {1, 2, 3, 4});
  s.local_blocks = {chain[0], chain[1]};
  return s;
}

// 3. The fork tree, one peer; local at genesis. The peer's tip b5, fork b4.
//    The seed streams the whole tree in slot order, parents always first.
Scenario forks_from_genesis() {
  const ForkTree t;
  Scenario s = base("spec-03-forks-from-genesis",
                    "One peer with a main chain and a fork; the local node starts at genesis.", t.g);
  s.peers.push_back({"peer", peer_of(t.g, t.peer_order()), {}});
  expect_all(s, completed(t.b5.id(), {t.b4.id()}, t.all()));
  return s;
}

// 4. The fork tree; local holds b0, b1 and b3 (the fork's first block).
Scenario forks_from_middle() {
  const ForkTree t;
  Scenario s = forks_from_genesis();
  s.id = "spec-04-forks-from-middle";
  s.description = "One peer with forks; the local node holds both branches' first blocks.";
  s.local_blocks = {t.b0, t.b1, t.b3};
  return s;
}

// 5. The fork tree; local holds b0, b1 only. From slot 2 the peer streams
//    b1, b3, b2, b4, b5: all parents known, so the fork arrives in order too.
Scenario forks_by_backfilling() {
  const ForkTree t;
  Scenario s = forks_from_genesis();
  s.id = "spec-05-forks-by-backfilling";
  s.description = "One peer with forks; the local node holds only the main chain's first blocks.";
  s.local_blocks = {t.b0, t.b1};
  return s;
}

// 6. Three peers, local at genesis:
//    P0: g - b0 - b1 - b2 - b5      P1: g - b0 - b1 - b2      P2: g - b0 - b3 - b4
//    The merged tree: tip b5, fork b4.
Scenario multiple_peers_from_genesis() {
  const ForkTree t;
  Scenario s = base("spec-06-multiple-peers-from-genesis",
                    "Three peers with different parts of the tree; the local node merges them.", t.g);
  s.peers.push_back({"p0", peer_of(t.g, {t.b0, t.b1, t.b2, t.b5}), {}});
  s.peers.push_back({"p1", peer_of(t.g, {t.b0, t.b1, t.b2}), {}});
  s.peers.push_back({"p2", peer_of(t.g, {t.b0, t.b3, t.b4}), {}});
  expect_all(s, completed(t.b5.id(), {t.b4.id()}, t.all()));
  return s;
}

// 7. g - b0@1 - b1@2 - b2@3 - b3@4 (A) - x4@5 - x5@6 (unstaked); the peer's tip is b3.
//    spec/reference: x4 is rejected, x5 with it (its parent was rejected).
//    seed: x4's InvalidLeaderProof escapes and aborts the sync after b3.
Scenario reject_invalid_blocks() {
  const GenesisState g = make_genesis({kNoteA});
  const auto chain = make_chain(g.header.id(), kNoteA, {1, 2, 3, 4});
  const auto invalid = make_chain(chain[3].id(), kNoteB, {5, 6});  // B is not staked here
  Scenario s = base("spec-07-reject-invalid-blocks",
                    "A peer stores invalid blocks after its honest tip.", g);
  s.tags.push_back("erratum:seed-aborts-on-invalid-block");
  s.peers.push_back({"peer", peer_of(g, chain, invalid), {}});
  Expectation good =
      completed(chain[3].id(), {}, ids({&chain[0], &chain[1], &chain[2], &chain[3]}, g));
  expect_spec_and_reference(s, good);
  s.expected[Profile::Seed] = aborted_by_invalid_block(invalid[0], chain[3].id(), {});
  s.expected[Profile::Seed].tree = good.tree;
  return s;
}

// 8. The invalid-fork tree; local holds b0, b1, b3, b4. x7 arrives in the
//    slot-4 stream as an orphan; backfilling it brings b2, then x6 fails.
//    spec/reference: the suffix x6, x7 is rejected; tip b5, fork b2.
//    seed: x6's InvalidLeaderProof escapes; b2 and b5 are already in.
Scenario reject_invalid_blocks_from_backfilling() {
  const InvalidForkTree t;
  Scenario s = base("spec-08-reject-invalid-blocks-from-backfilling",
                    "A peer holds invalid blocks on a fork that starts at a valid fork block.", t.g);
  s.tags.push_back("erratum:seed-aborts-on-invalid-block");
  s.local_blocks = {t.b0, t.b1, t.b3, t.b4};
  s.peers.push_back({"peer", t.peer, {}});
  Expectation good =
      completed(t.b5.id(), {t.b2.id()}, ids({&t.b0, &t.b1, &t.b2, &t.b3, &t.b4, &t.b5}, t.g));
  expect_spec_and_reference(s, good);
  s.expected[Profile::Seed] = aborted_by_invalid_block(t.x6, t.b5.id(), {t.b2.id()});
  s.expected[Profile::Seed].tree = good.tree;
  return s;
}

// 9. Checkpoint variant of 1: checkpoint at b2.
//    spec/reference: the checkpoint's chain is backfilled to genesis: the peer's tree.
//    seed: apply_checkpoint stores b2 alone; the tree ends as {g, b2, b3}.
Scenario checkpoint_single_chain() {
  const GenesisState g = make_genesis({kNoteA});
  const auto chain = make_chain(g.header.id(), kNoteA, {1, 2, 3, 4});
  const auto view = peer_of(g, chain);
  Scenario s = base("spec-09-checkpoint-single-chain",
                    "A single chain; the local node starts from a checkpoint on it.", g);
  s.peers.push_back({"peer", view, {}});
  s.checkpoint = checkpoint_at(view, g, chain[2]);
  expect_spec_and_reference(
      s, completed(chain[3].id(), {}, ids({&chain[0], &chain[1], &chain[2], &chain[3]}, g)));
  s.expected[Profile::Seed] = completed(chain[3].id(), {}, ids({&chain[2], &chain[3]}, g));
  return s;
}

// 10. Checkpoint variant of 3: checkpoint at b2 on the main chain.
//     seed: b4 arrives as an orphan; its backfill walks both chains to b0,
//     fills in b0, b1 under the checkpoint, then adds the fork: all profiles
//     end with the peer's tree.
Scenario checkpoint_forks() {
  const ForkTree t;
  const auto view = peer_of(t.g, t.peer_order());
  Scenario s = base("spec-10-checkpoint-forks",
                    "A tree with a fork; the local node starts from a checkpoint on the main chain.",
                    t.g);
  s.peers.push_back({"peer", view, {}});
  s.checkpoint = checkpoint_at(view, t.g, t.b2);
  expect_all(s, completed(t.b5.id(), {t.b4.id()}, t.all()));
  return s;
}

// 11. A dishonest checkpoint on the lighter fork:
//     P0: g - b0 - b1 - b2 - b5 (A)      P1: g - b0 - b3 - b4 (B), checkpoint b4
//     The honest chain must still win: tip b5, fork b4, all 7 blocks.
Scenario dishonest_checkpoint() {
  const ForkTree t;
  const auto p1 = peer_of(t.g, {t.b0, t.b3, t.b4});
  Scenario s = base("spec-11-dishonest-checkpoint",
                    "The checkpoint is the tip of a lighter fork; the honest chain must still win.",
                    t.g);
  s.peers.push_back({"p0", peer_of(t.g, {t.b0, t.b1, t.b2, t.b5}), {}});
  s.peers.push_back({"p1", p1, {}});
  s.checkpoint = checkpoint_at(p1, t.g, t.b4);
  expect_all(s, completed(t.b5.id(), {t.b4.id()}, t.all()));
  return s;
}

// 12. The invalid-fork tree; checkpoint at b4 (valid ancestry).
//     spec/reference: tip b5, fork b2, x6 and x7 rejected.
//     seed: backfilling orphan x7 reaches x6, whose error escapes.
Scenario checkpoint_valid_ancestry() {
  const InvalidForkTree t;
  Scenario s = base("spec-12-checkpoint-valid-ancestry",
                    "A checkpoint whose ancestors are valid, in a tree with an invalid fork.", t.g);
  s.peers.push_back({"peer", t.peer, {}});
  s.checkpoint = checkpoint_at(t.peer, t.g, t.b4);
  Expectation good =
      completed(t.b5.id(), {t.b2.id()}, ids({&t.b0, &t.b1, &t.b2, &t.b3, &t.b4, &t.b5}, t.g));
  good.absent = {t.x6.id(), t.x7.id()};
  expect_spec_and_reference(s, good);
  s.expected[Profile::Seed] = aborted_by_invalid_block(t.x6, t.b5.id(), {t.b2.id()});
  s.expected[Profile::Seed].absent = good.absent;
  return s;
}

// 13. The invalid-fork tree; checkpoint at x7 (invalid ancestry).
//     spec/reference: the checkpoint's backfill fails at x6: the sync aborts
//     with InvalidBlockFromBackfillFork after storing b0 and b2.
//     seed: x7 is stored as the checkpoint; backfilling orphan b5 fills in
//     x7's ancestors b0, b2, then x6 fails and its error escapes.
Scenario checkpoint_invalid_ancestry() {
  const InvalidForkTree t;
  Scenario s = base("spec-13-checkpoint-invalid-ancestry",
                    "A checkpoint with an invalid ancestor: the sync must end in an error.", t.g);
  s.peers.push_back({"peer", t.peer, {}});
  s.checkpoint = checkpoint_at(t.peer, t.g, t.x7);
  Expectation spec;
  spec.end = SyncEnd::Aborted;
  spec.abort_kind = SyncAbort::Kind::InvalidBlockFromBackfillFork;
  spec.block_status = BlockStatus::InvalidLeaderProof;
  spec.failing_block = t.x6.id();
  spec.tip = t.b2.id();
  spec.tree = ids({&t.b0, &t.b2}, t.g);
  expect_spec_and_reference(s, spec);
  Expectation seed = aborted_by_invalid_block(t.x6, t.x7.id(), {});
  seed.tree = ids({&t.b0, &t.b2, &t.x7}, t.g);
  s.expected[Profile::Seed] = seed;
  return s;
}

}  // namespace

std::vector<Scenario> spec_examples() {
  return {single_chain_from_genesis(),
          single_chain_from_middle(),
          forks_from_genesis(),
          forks_from_middle(),
          forks_by_backfilling(),
          multiple_peers_from_genesis(),
          reject_invalid_blocks(),
          reject_invalid_blocks_from_backfilling(),
          checkpoint_single_chain(),
          checkpoint_forks(),
          dishonest_checkpoint(),
          checkpoint_valid_ancestry(),
          checkpoint_invalid_ancestry()};
}

}  // namespace cryptarchia
