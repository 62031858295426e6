// The real node's vocabulary and its initial block download
// (../shared/spec/IBD.md): how a server answers DownloadBlocks (section 1.5,
// with the known answers of the node's own tests), and the ibd profile
// (section 2) on drawn trees. Trees are drawn as in follower_test.cpp:
// numbers are slots, `g` is genesis at slot 0.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "cryptarchia/faults.hpp"
#include "cryptarchia/peer.hpp"
#include "cryptarchia/scenario.hpp"
#include "cryptarchia/sync.hpp"
#include "follower_fixture.hpp"

namespace cryptarchia {
namespace {

class IbdTest : public testing::FollowerTest {
 protected:
  // A view holding the named blocks (genesis implied), advertising `tip`.
  std::shared_ptr<PeerView> view(const Names& blocks, const std::string& tip) const {
    auto v = std::make_shared<PeerView>();
    v->set_genesis(g);
    for (const std::string& n : blocks) v->add(hdr(n));
    v->set_tip(hdr(tip));
    return v;
  }
  DownloadRequest request(const std::string& target, const std::string& local_tip,
                          const std::string& lib, const Names& additional = {}) const {
    DownloadRequest r{id(target), id(local_tip), id(lib), {}};
    for (const std::string& n : additional) r.additional.push_back(id(n));
    return r;
  }
  Names served(const PeerView& v, const DownloadRequest& r) const {
    Names out;
    for (const BlockHeader& h : serve_download(v, r)) out.push_back(name(h.id()));
    return out;
  }
  // A chain named prefix1, prefix2, ... at slots 1..n on genesis.
  Names long_chain(const std::string& prefix, Slot n, const Note& note) {
    Names names;
    BlockHeader parent = genesis.header;
    for (Slot s = 1; s <= n; ++s) {
      names.push_back(prefix + std::to_string(s));
      parent = reg(names.back(), make_block(parent.id(), s, note));
    }
    return names;
  }

  SyncResult ibd(Follower& local, const std::vector<Peer*>& peers, Budget budget = {}) const {
    SyncOptions o;
    o.profile = Profile::Ibd;
    o.budget = budget;
    return sync(local, peers, o);
  }
};

/*
 * The node's test (IBD.md 1.5): known {b1, b3, b6}, target b9 -> b7, b8, b9.
 *
 *   g - 1 - 2 - ... - 9   (b)
 */
TEST_F(IbdTest, DownloadStartsAfterTheHighestKnownBlock) {
  const Names b = long_chain("b", 9, A);
  const auto v = view(b, "b9");
  EXPECT_EQ(served(*v, request("b9", "b1", "b3", {"b6"})), (Names{"b7", "b8", "b9"}));
  EXPECT_EQ(served(*v, request("b9", "g", "g")), b);
  // A target at or below a known block: nothing to send.
  EXPECT_EQ(served(*v, request("b4", "b6", "g")), Names{});
  EXPECT_EQ(served(*v, request("b6", "b6", "g")), Names{});
}

// The node's test: a 1001-block chain -> exactly the first 1000 blocks.
TEST_F(IbdTest, DownloadSendsAtMostAThousandBlocks) {
  const Names b = long_chain("b", 1001, A);
  const auto v = view(b, "b1001");
  const Names got = served(*v, request("b1001", "g", "g"));
  ASSERT_EQ(got.size(), kMaxDownloadBlocks);
  EXPECT_EQ(got.front(), "b1");
  EXPECT_EQ(got.back(), "b1000");
}

/*
 * A known block on another branch: the answer starts after its common
 * ancestor with the target, not after the known block.
 *
 *   g - 1 - 2 - 3 - 4   (A)   target A4
 *        \
 *         5             (B)   the client's tip
 */
TEST_F(IbdTest, DownloadStartsAfterTheCommonAncestorOfAKnownFork) {
  chain("A", "g", A, {1, 2, 3, 4});
  blk("B5", "A1", 5, B);
  const auto v = view({"A1", "A2", "A3", "A4", "B5"}, "A4");
  EXPECT_EQ(served(*v, request("A4", "B5", "g")), (Names{"A2", "A3", "A4"}));
}

TEST_F(IbdTest, DownloadFailsWhereTheServerAnswersFailure) {
  chain("A", "g", A, {1, 2, 3});
  blk("B5", "g", 5, B);  // the client knows it, the server does not
  const auto v = view({"A1", "A2"}, "A2");
  // The target is not held.
  EXPECT_THROW(serve_download(*v, request("A3", "g", "g")), PeerFailure);
  // No known id is held (the client's tip and LIB are both unknown to it).
  EXPECT_THROW(serve_download(*v, request("A2", "B5", "B5")), PeerFailure);
  // More than five additional ids: refused unanswered.
  EXPECT_THROW(serve_download(*v, request("A2", "g", "g", {"A1", "A1", "A1", "A1", "A1", "A1"})),
               PeerFailure);
  EXPECT_EQ(served(*v, request("A2", "g", "g", {"A1", "A1", "A1", "A1", "A1"})), Names{"A2"});
}

TEST_F(IbdTest, EndStreamEarlyEndsADownloadNormally) {
  const Names b = long_chain("b", 5, A);
  FaultyPeer p(std::make_unique<InMemoryPeer>(view(b, "b5")),
               {{RequestKind::Download, 0, FaultKind::EndStreamEarly, 2}});
  auto first = p.download(request("b5", "g", "g"));
  EXPECT_EQ(name(first->next()->id()), "b1");
  EXPECT_EQ(name(first->next()->id()), "b2");
  EXPECT_FALSE(first->next().has_value());
  auto second = p.download(request("b5", "b2", "g"));  // call 1: not faulty
  EXPECT_EQ(name(second->next()->id()), "b3");
  EXPECT_THROW(validate(Fault{RequestKind::Tip, 0, FaultKind::EndStreamEarly, 1}),
               std::invalid_argument);
}

/*
 * A server with the off_path_blocks fault streams its whole subtree below S,
 * parents first, ascending slot; the path's blocks are among them, and the
 * 1000-block limit still holds.
 *
 *   g - 1 - 2 - 3 - 4   (A)   target A4, the client's tip A1: S = A1
 *   |    \   \
 *   |     \   5             (C5 on A2)
 *   |      6                (B6 on A1)
 *   7                       (D7 on genesis: not below S, never sent)
 */
TEST_F(IbdTest, OffPathBlocksStreamsTheSubtreeBelowTheStart) {
  chain("A", "g", A, {1, 2, 3, 4});
  blk("C5", "A2", 5, B);
  blk("B6", "A1", 6, B);
  blk("D7", "g", 7, B);
  blk("X9", "A4", 9, A);  // the server does not hold it
  const auto v = view({"A1", "A2", "A3", "A4", "C5", "B6", "D7"}, "A4");
  Names off;
  for (const BlockHeader& h : serve_download(*v, request("A4", "A1", "g"),
                                             DownloadAnswer::WithOffPathBlocks)) {
    off.push_back(name(h.id()));
  }
  EXPECT_EQ(off, (Names{"A2", "A3", "A4", "C5", "B6"}));
  EXPECT_EQ(served(*v, request("A4", "A1", "g")), (Names{"A2", "A3", "A4"}));
  // Through the fault, from an InMemoryPeer; unknown targets still fail.
  FaultyPeer p(std::make_unique<InMemoryPeer>(v),
               {{RequestKind::Download, Fault::kEveryCall, FaultKind::OffPathBlocks, 0}});
  auto stream = p.download(request("A4", "A1", "g"));
  std::size_t n = 0;
  while (stream->next()) ++n;
  EXPECT_EQ(n, 5u);
  EXPECT_THROW(p.download(request("X9", "A1", "g")), PeerFailure);
  EXPECT_THROW(validate(Fault{RequestKind::BlocksFrom, 0, FaultKind::OffPathBlocks, 0}),
               std::invalid_argument);
  // At most 1000 blocks, also off the path.
  const Names b = long_chain("b", 1001, B);
  const auto big = view(b, "b1001");
  EXPECT_EQ(serve_download(*big, request("b1001", "g", "g"), DownloadAnswer::WithOffPathBlocks)
                .size(),
            kMaxDownloadBlocks);
}

/*
 * The client applies what it is sent, on the path or not (it never checks,
 * IBD.md 1.6), and stops reading at the target: off-path blocks that come
 * before the target in slot order are stored, the later ones are not read.
 *
 *   g - 1 - 2 - 4   (A, the peer's tip A4)
 *        \
 *         3 - 5     (B, held by the peer, not advertised)
 */
TEST_F(IbdTest, OffPathBlocksBeforeTheTargetAreApplied) {
  chain("A", "g", A, {1, 2, 4});
  blk("B3", "A1", 3, B);
  blk("B5", "B3", 5, B);
  FaultyPeer p(std::make_unique<InMemoryPeer>(view({"A1", "A2", "A4", "B3", "B5"}, "A4")),
               {{RequestKind::Download, Fault::kEveryCall, FaultKind::OffPathBlocks, 0}});
  Follower local = follower();
  const SyncResult r = ibd(local, {&p});
  ASSERT_EQ(r.end, SyncEnd::Completed) << r.summary();
  EXPECT_EQ(tip(local), "A4");
  EXPECT_TRUE(local.contains(id("B3")));   // streamed before the target, applied
  EXPECT_FALSE(local.contains(id("B5")));  // after the target: not read
  // An honest server sends the path only.
  InMemoryPeer honest(view({"A1", "A2", "A4", "B3", "B5"}, "A4"));
  Follower plain = follower();
  ASSERT_EQ(ibd(plain, {&honest}).end, SyncEnd::Completed);
  EXPECT_FALSE(plain.contains(id("B3")));
}

/*
 * A Bootstrapping server answers GetTip and DownloadBlocks with "Node is not
 * in online mode" (IBD.md 1.3): the client drops it at its first request,
 * and with no other peer IBD fails (AllPeersFailed).
 */
TEST_F(IbdTest, ABootstrappingServerIsDropped) {
  const Names b = long_chain("b", 3, A);
  const std::vector<Fault> bootstrapping{
      {RequestKind::Tip, Fault::kEveryCall, FaultKind::NotOnline, 0},
      {RequestKind::Download, Fault::kEveryCall, FaultKind::NotOnline, 0}};
  FaultyPeer booting(std::make_unique<InMemoryPeer>(view(b, "b3")), bootstrapping);
  InMemoryPeer online(view({"b1", "b2"}, "b2"));
  Follower local = follower();
  const SyncResult r = ibd(local, {&booting, &online});
  ASSERT_EQ(r.end, SyncEnd::Completed) << r.summary();
  EXPECT_EQ(tip(local), "b2");
  EXPECT_EQ(r.requests.download, 1u);  // the online peer's only
  FaultyPeer alone(std::make_unique<InMemoryPeer>(view(b, "b3")), bootstrapping);
  Follower nobody = follower();
  const SyncResult failed = ibd(nobody, {&alone});
  ASSERT_EQ(failed.end, SyncEnd::Aborted) << failed.summary();
  EXPECT_NE(failed.abort->message.find("not in online mode"), std::string::npos) << failed.summary();
  EXPECT_THROW(validate(Fault{RequestKind::BlockById, 0, FaultKind::NotOnline, 0}),
               std::invalid_argument);
}

// 2,500 blocks from one peer: three batches (1000, 1000, 500), each asked
// with the last block of the one before; then the peer's tip is known and
// IBD ends.
TEST_F(IbdTest, OnePeerIsDownloadedInBatchesUntilItsTipIsKnown) {
  const Names b = long_chain("b", 2500, A);
  InMemoryPeer p(view(b, "b2500"));
  Follower local = follower();
  const SyncResult r = ibd(local, {&p});
  ASSERT_EQ(r.end, SyncEnd::Completed) << r.summary();
  EXPECT_EQ(tip(local), "b2500");
  EXPECT_EQ(r.requests.download, 3u);
  EXPECT_EQ(r.requests.tip, 4u);  // one per batch, and the one that finds the tip known
  EXPECT_EQ(r.requests.streamed_blocks, 2500u);
}

/*
 * An invalid block drops only its peer, and the blocks applied before it
 * stay (IBD.md 2.4, the node's tests).
 *
 *   g - 1 - 2 - 3x      (A, peer 0: A3 is signed with a note not in the stake)
 *   g - 1 - 2 - 3 - 4   (peer 1 streams A1, A2, then its own A3', A4 ... )
 */
TEST_F(IbdTest, AnInvalidBlockDropsOnlyItsPeer) {
  chain("A", "g", A, {1, 2});
  blk("X3", "A2", 3, C);  // C is not in the stake: an invalid proof
  chain("H", "A2", A, {4, 5});
  InMemoryPeer bad(view({"A1", "A2", "X3"}, "X3"));
  InMemoryPeer good(view({"A1", "A2", "H4", "H5"}, "H5"));
  Follower local = follower();
  const SyncResult r = ibd(local, {&bad, &good});
  ASSERT_EQ(r.end, SyncEnd::Completed) << r.summary();
  EXPECT_EQ(tip(local), "H5");
  EXPECT_FALSE(local.contains(id("X3")));
  EXPECT_TRUE(local.contains(id("A2")));
}

// Every peer failed: the node shuts down (AllPeersFailed).
TEST_F(IbdTest, AllPeersFailedAbortsTheSync) {
  const Names b = long_chain("b", 3, A);
  FaultyPeer p(std::make_unique<InMemoryPeer>(view(b, "b3")),
               {{RequestKind::Tip, Fault::kEveryCall, FaultKind::FailCall, 0}});
  Follower local = follower();
  const SyncResult r = ibd(local, {&p});
  ASSERT_EQ(r.end, SyncEnd::Aborted) << r.summary();
  EXPECT_EQ(r.abort->kind, SyncAbort::Kind::PeerFailure);
  EXPECT_EQ(r.abort->peer, 0u);
  // No peer at all: IBD succeeds at once.
  Follower alone = follower();
  EXPECT_EQ(ibd(alone, {}).end, SyncEnd::Completed);
}

/*
 * Found by this model (docs/ERRATA.md, ibd-peer-delayed-behind-a-failed-download):
 * two peers advertise the same tip b3; peer 0's stream breaks after b1. The
 * download for b3 was peer 0's, so peer 1 was delayed ("the target is in
 * progress"); when peer 0 is dropped no download is left and IBD ends, with
 * peer 1 still delayed and b2, b3 never fetched.
 *
 *   g - 1 - 2 - 3   (b, both peers)
 */
TEST_F(IbdTest, APeerDelayedBehindAFailedDownloadIsNotAskedAgain) {
  const Names b = long_chain("b", 3, A);
  FaultyPeer breaks(std::make_unique<InMemoryPeer>(view(b, "b3")),
                    {{RequestKind::Download, Fault::kEveryCall, FaultKind::FailMidStream, 1}});
  InMemoryPeer honest(view(b, "b3"));
  Follower local = follower();
  const SyncResult r = ibd(local, {&breaks, &honest});
  ASSERT_EQ(r.end, SyncEnd::Completed) << r.summary();
  EXPECT_EQ(tip(local), "b1");
  EXPECT_EQ(r.requests.download, 1u);  // the honest peer was never asked to download
}

/*
 * Found by this model (docs/ERRATA.md, ibd-failed-peer-dropped-for-good):
 * one failure drops a peer for the whole IBD, a transient one too. Peer 1
 * alone serves b2, and its first download fails (a timeout, say); asked
 * again it would answer, but it is never asked again.
 *
 *   g - 1 - 2   (peer 1; peer 0 holds b1 only)
 */
TEST_F(IbdTest, APeerThatFailedOnceIsNeverAskedAgain) {
  const Names b = long_chain("b", 2, A);
  InMemoryPeer short_peer(view({"b1"}, "b1"));
  FaultyPeer flaky(std::make_unique<InMemoryPeer>(view(b, "b2")),
                   {{RequestKind::Download, 0, FaultKind::FailCall, 0}});
  Follower local = follower();
  const SyncResult r = ibd(local, {&short_peer, &flaky});
  ASSERT_EQ(r.end, SyncEnd::Completed) << r.summary();
  EXPECT_EQ(tip(local), "b1");
  EXPECT_FALSE(local.contains(id("b2")));
  EXPECT_EQ(r.requests.download, 2u);  // one each; the flaky peer's second call would have served
}

/*
 * Found by this model (docs/ERRATA.md, ibd-empty-batch-asked-again-forever):
 * a peer that answers every download with NoMoreBlocks at once is asked
 * again at once, with the same request, forever (no delay, no progress
 * check): IBD never ends.
 */
TEST_F(IbdTest, AnEmptyBatchIsAskedAgainWithoutEnd) {
  const Names b = long_chain("b", 3, A);
  FaultyPeer empty(std::make_unique<InMemoryPeer>(view(b, "b3")),
                   {{RequestKind::Download, Fault::kEveryCall, FaultKind::EndStreamEarly, 0}});
  InMemoryPeer honest(view(b, "b3"));
  Follower local = follower();
  const SyncResult r = ibd(local, {&empty, &honest}, Budget{1000, 100000});
  ASSERT_EQ(r.end, SyncEnd::BudgetExceeded) << r.summary();
  EXPECT_EQ(r.exhausted, Exhausted::Requests);
  EXPECT_EQ(tip(local), "g");
}

/*
 * IBD.md 6 (derived there, confirmed here): Online, the node has no ledger
 * state for its LIB's ancestors, so a peer whose tip is one of them is never
 * "known"; a server that holds the client's LIB finds the target below it
 * and answers an empty stream, and the client asks again at once, forever.
 * One peer that advertises an old tip is enough.
 *
 *   g - 1 - 2 - 3 - 4   (local, Online, k = 1: LIB b3)
 *   g - 1 - 2 - 3       (the peer, advertising b2)
 */
TEST_F(IbdTest, OnlineAPeerBehindTheLibIsAskedAgainWithoutEnd) {
  const Names b = long_chain("b", 4, A);
  InMemoryPeer behind(view({"b1", "b2", "b3"}, "b2"));
  Follower local = follower(Config::with_s(1, 4), Mode::Online);
  feed(local, b);
  ASSERT_EQ(lib(local), "b3");
  const SyncResult r = ibd(local, {&behind}, Budget{1000, 100000});
  ASSERT_EQ(r.end, SyncEnd::BudgetExceeded) << r.summary();
  EXPECT_EQ(r.requests.streamed_blocks, 0u);
  // Bootstrapping keeps every ledger state: the same peer is delayed and IBD ends.
  Follower boot = follower(Config::with_s(1, 4));
  feed(boot, b);
  InMemoryPeer again(view({"b1", "b2", "b3"}, "b2"));
  EXPECT_EQ(ibd(boot, {&again}).end, SyncEnd::Completed);
}

/*
 * Parallel downloads are one open choice: which download delivers next.
 * explore_orphan_orders enumerates it for ibd as it does same-slot orphans
 * for the other profiles, so a vector can list every interleaving's outcome.
 *
 *   g - 1 - 2   (A, peer 0)
 *    \
 *     3         (B, peer 1)
 */
TEST_F(IbdTest, TheInterleavingsOfParallelDownloadsAreExplored) {
  chain("A", "g", A, {1, 2});
  blk("B3", "g", 3, B);
  Scenario s;
  s.config = testing::kLongest;
  s.genesis = genesis;
  s.peers = {ScenarioPeer{"a", view({"A1", "A2"}, "A2"), {}},
             ScenarioPeer{"b", view({"B3"}, "B3"), {}}};
  const OrderOutcomes out = explore_orphan_orders(s, Profile::Ibd);
  EXPECT_TRUE(out.complete);
  // Both downloads are open from the start: A1, A2 and B3 arrive in any of
  // the 3 orders that keep A1 before A2.
  EXPECT_EQ(out.runs, 3u);
  for (const Expectation& e : out.outcomes) {
    EXPECT_EQ(e.end, SyncEnd::Completed);
    ASSERT_TRUE(e.tree.has_value());
    EXPECT_EQ(e.tree->size(), 4u);  // g, A1, A2, B3 whatever the order
  }
}

}  // namespace
}  // namespace cryptarchia
