// Notation as in spec_examples.cpp: g is genesis, A and B the two notes (the
// branch's leader is on the right), numbers are slots. Every outcome below
// was derived by hand from the walk-throughs here and IBD.md section 2, not
// by running this code; impl/tests/ibd_examples_test.cpp checks them.
#include "cryptarchia/ibd_examples.hpp"

#include "cryptarchia/spec_conventions.hpp"
#include "example_building.hpp"

namespace cryptarchia {

namespace {

using examples::completed;
using examples::kNoteA;
using examples::kNoteB;

constexpr const char* kTag = "ibd-example";

/*
 * 1. k = 3, s = 12. One peer, with the off_path_blocks fault: its download
 *    answer is its whole tree below the start, in slot order, not only the
 *    path to the target. The local node starts at genesis.
 *
 *      g - 1 - 2 - 4     (A)   the peer's tip A4
 *           \
 *            3 - 5       (B)   held by the peer, not on the path
 *
 *    ibd: GetTip says A4; DownloadBlocks(A4, tip g, LIB g) starts at g and
 *    streams A1, A2, B3, A4, B5. The client never checks the path
 *    (IBD.md 1.6): it applies A1, A2, B3 (a fork, as long as A2: the tip
 *    stays) and A4, stops reading at the target, and asks the tip again:
 *    A4 is known, so the peer is delayed and IBD ends. Tip A4, fork B3,
 *    B5 never read.
 *    spec, reference: they stream blocks_from (not faulty): all five
 *    blocks; B5 only ties A4, so the tip stays A4, fork B5. No peer is ahead
 *    in the next round: both end.
 */
Scenario off_path_blocks() {
  const Config config = Config::with_s(3, 12);
  const GenesisState g = make_genesis({kNoteA, kNoteB});
  const auto a = make_chain(g.header.id(), kNoteA, {1, 2, 4});
  const auto b = make_chain(a[0].id(), kNoteB, {3, 5});
  Scenario s = examples::scenario_base(
      "ibd-01-off-path-blocks",
      "A server that streams its blocks off the path to the target: the ibd client applies "
      "them until the target (it never checks the path) and reads no further.",
      g, config, kTag);
  s.peers.push_back({"peer", examples::peer_of(g, config, {a[0], a[1], a[2], b[0], b[1]}),
                     {{RequestKind::Download, Fault::kEveryCall, FaultKind::OffPathBlocks, 0}}});
  Expectation ibd = completed(a[2].id(), {b[0].id()},
                              {g.header.id(), a[0].id(), a[1].id(), b[0].id(), a[2].id()});
  ibd.absent = {b[1].id()};
  s.expected[Profile::Ibd] = ibd;
  const Expectation all = completed(
      a[2].id(), {b[1].id()}, {g.header.id(), a[0].id(), a[1].id(), a[2].id(), b[0].id(), b[1].id()});
  s.expected[Profile::Spec] = all;
  s.expected[Profile::Reference] = all;
  return s;
}

/*
 * 2. k = 3, s = 12. Peer 0 is Bootstrapping: it answers GetTip and
 *    DownloadBlocks with "Node is not in online mode" (IBD.md 1.3); it
 *    holds A1..A3. Peer 1 is Online and holds A1, A2.
 *
 *      g - 1 - 2 - 3     (A; peer 1 holds up to A2)
 *
 *    ibd: peer 0's GetTip fails: it is dropped. Peer 1: tip A2, one batch
 *    A1, A2, then A2 is known and IBD ends. Tip A2, A3 never fetched.
 *    reference: it asks no tip; it streams every peer (blocks_from, which
 *    has no online mode in the spec's vocabulary: not_online refuses only
 *    GetTip and DownloadBlocks), so peer 0 serves A1..A3. Tip A3.
 *    spec: a failed tip request aborts its sync
 *    (peer-failures-outside-streams-abort-sync, docs/ERRATA.md), at once,
 *    at genesis.
 */
Scenario bootstrapping_server() {
  const Config config = Config::with_s(3, 12);
  const GenesisState g = make_genesis({kNoteA, kNoteB});
  const auto a = make_chain(g.header.id(), kNoteA, {1, 2, 3});
  Scenario s = examples::scenario_base(
      "ibd-02-bootstrapping-server",
      "A Bootstrapping server refuses GetTip and DownloadBlocks (not in online mode): the ibd "
      "client drops it and syncs from the other peer.",
      g, config, kTag);
  s.peers.push_back({"bootstrapping", examples::peer_of(g, config, {a[0], a[1], a[2]}),
                     {{RequestKind::Tip, Fault::kEveryCall, FaultKind::NotOnline, 0},
                      {RequestKind::Download, Fault::kEveryCall, FaultKind::NotOnline, 0}}});
  s.peers.push_back({"online", examples::peer_of(g, config, {a[0], a[1]}), {}});
  Expectation two = completed(a[1].id(), {}, {g.header.id(), a[0].id(), a[1].id()});
  two.absent = {a[2].id()};
  s.expected[Profile::Ibd] = two;
  s.expected[Profile::Reference] =
      completed(a[2].id(), {}, {g.header.id(), a[0].id(), a[1].id(), a[2].id()});
  Expectation aborted = completed(g.header.id(), {}, {g.header.id()});
  aborted.end = SyncEnd::Aborted;
  aborted.abort_kind = SyncAbort::Kind::PeerFailure;
  aborted.failing_peer = 0;
  s.expected[Profile::Spec] = aborted;
  return s;
}

}  // namespace

std::vector<Scenario> ibd_examples() { return {off_path_blocks(), bootstrapping_server()}; }

}  // namespace cryptarchia
