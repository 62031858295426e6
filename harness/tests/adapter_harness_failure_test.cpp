// Issue 12, item 2: the harness's own failures (an allocation that fails, a
// bug that throws) while it serves a peer request are never answered to the
// adapter as that peer's `failure`: the vector never said the peer fails.
// They end the case as an error that blames the harness, and the adapter
// is killed (it is mid-sync and cannot be trusted with the next case).
#include <gtest/gtest.h>

#include <new>
#include <stdexcept>

#include "adapter_test_support.hpp"
#include "protocol_serve.hpp"
#include "protocol_session.hpp"

namespace cryptarchia::harness {
namespace {

using namespace testing;
using detail::HarnessFailure;
using detail::RequestServer;
using protocol::Json;

const Scenario& simple_case() {
  static const Scenario s = corpus_scenario("spec/spec-01-single-chain-from-genesis.json");
  return s;
}

// A stream whose next block cannot be produced for want of memory.
class BadAllocStream : public BlockStream {
 public:
  std::optional<BlockHeader> next() override { throw std::bad_alloc(); }
};

// A peer whose every answer hits a harness bug (not a PeerFailure).
class BrokenPeer : public Peer {
 public:
  BlockHeader tip() override { throw std::bad_alloc(); }
  std::unique_ptr<BlockStream> blocks_from(Slot) override {
    return std::make_unique<BadAllocStream>();
  }
  std::optional<BlockHeader> block(const Id&) override { throw std::logic_error("a harness bug"); }
  std::unique_ptr<BlockStream> download(const DownloadRequest&) override {
    throw std::logic_error("a harness bug");
  }
};

// A peer the vector says fails: its failure is the peer's answer.
class FailingPeer : public Peer {
 public:
  BlockHeader tip() override { throw PeerFailure("injected: fail_call on tip (every call)"); }
  std::unique_ptr<BlockStream> blocks_from(Slot) override { throw PeerFailure("injected"); }
  std::optional<BlockHeader> block(const Id&) override { throw PeerFailure("injected"); }
  std::unique_ptr<BlockStream> download(const DownloadRequest&) override {
    throw PeerFailure("injected");
  }
};

Json request(const std::string& line) { return protocol::parse_message(line); }

TEST(HarnessFailure, AnInternalErrorWhileServingIsNeverAPeerFailure) {
  BrokenPeer broken;
  Peer* const peers[] = {&broken};
  RequestServer server(peers, Budget{});
  const std::string id(64, '0');
  EXPECT_THROW(server.answer(request(R"({"type":"tip","peer":0})")), HarnessFailure);
  EXPECT_THROW(server.answer(request(R"({"type":"block","peer":0,"id":")" + id + "\"}")),
               HarnessFailure);
  const Json stream = server.answer(request(R"({"type":"blocks_from","peer":0,"slot":0})"));
  ASSERT_EQ(stream["type"], "stream");
  EXPECT_THROW(server.answer(request(R"({"type":"next","stream":0})")), HarnessFailure);
}

TEST(HarnessFailure, APeerFailureTheVectorAsksForIsStillAnswered) {
  FailingPeer failing;
  Peer* const peers[] = {&failing};
  RequestServer server(peers, Budget{});
  const Json answer = server.answer(request(R"({"type":"tip","peer":0})"));
  EXPECT_EQ(answer["type"], "failure");
  EXPECT_EQ(answer["reason"], "injected: fail_call on tip (every call)");
}

TEST(HarnessFailure, TheAdapterIsNotToldAndTheCaseEndsAsAHarnessError) {
  const auto dir = test_dir("harness-failure");
  const auto script = write_script(
      dir, "adapter",
      hello_lines() + "read c\nread s\n" + "echo '{\"type\":\"tip\",\"peer\":0}'\nread answer\n" +
          "echo \"$answer\" > " + (dir / "answer").string() + "\nsleep 30\n");
  AdapterLimits limits;
  limits.case_timeout_seconds = 5;
  detail::AdapterSession session({script.string()}, limits);
  session.begin_case(simple_case());
  BrokenPeer broken;
  Peer* const peers[] = {&broken};
  std::vector<std::string> log;
  EXPECT_THROW(session.sync(peers, Budget{}, std::nullopt, &log), HarnessFailure);
  for (const std::string& line : log) EXPECT_EQ(line.find("failure"), std::string::npos) << line;
}

}  // namespace
}  // namespace cryptarchia::harness
