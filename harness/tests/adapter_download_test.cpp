// Protocol 1.1: the `download` request (PROTOCOL.md, section 2), served only
// to an adapter whose hello declares the feature "download". Its answers are
// those of blocks_from (a stream, a failure, budget-exceeded); a malformed
// one is a protocol error naming the field; a 1.0 adapter sees nothing new.
#include <gtest/gtest.h>

#include <fstream>
#include <utility>
#include <vector>

#include "adapter_test_support.hpp"
#include "protocol_serve.hpp"

namespace cryptarchia::harness {
namespace {

using namespace testing;
using detail::RequestServer;
using protocol::Json;
using protocol::ProtocolError;

const Scenario& simple_case() {
  static const Scenario s = corpus_scenario("spec/spec-01-single-chain-from-genesis.json");
  return s;
}

std::string genesis_hex() { return simple_case().genesis.header.id().hex(); }

// A download line with these fields, `additional` as written.
std::string download_line(const std::string& target, const std::string& additional = "[]",
                          const std::string& lib = genesis_hex()) {
  return R"({"type":"download","peer":0,"target":")" + target + R"(","local_tip":")" +
         genesis_hex() + R"(","lib":")" + lib + R"(","additional":)" + additional + "}";
}

std::string ids(std::size_t n) {
  std::string out = "[";
  for (std::size_t i = 0; i < n; ++i) out += std::string(i ? "," : "") + '"' + genesis_hex() + '"';
  return out + "]";
}

// The ProtocolError a line raises with a server whose adapter declared
// "download", or "(answered)".
std::string error_of(const std::string& line, bool declared = true) {
  const auto peers = make_peers(simple_case());
  RequestServer server(peers.list, Budget{}, declared);
  try {
    server.answer(protocol::parse_message(line));
  } catch (const ProtocolError& e) {
    return e.what();
  }
  return "(answered)";
}

TEST(Download, IsAnsweredWithAStreamOfThePeersBlocksTowardsTheTarget) {
  const auto peers = make_peers(simple_case());
  RequestServer server(peers.list, Budget{}, true);
  const BlockHeader tip = peers.list[0]->tip();
  const Json opened = server.answer(protocol::parse_message(download_line(tip.id().hex())));
  ASSERT_EQ(opened["type"], "stream") << opened.dump();
  std::vector<std::string> streamed;
  for (;;) {
    const Json next = server.answer(Json{{"type", "next"}, {"stream", opened["stream"]}});
    if (next["type"] == "end") break;
    ASSERT_EQ(next["type"], "block") << next.dump();
    streamed.push_back(protocol::header_of(next["header"], "block").id().hex());
  }
  // What the peer itself answers, block for block, ending at its tip.
  auto expected_stream = peers.list[0]->download(
      DownloadRequest{tip.id(), simple_case().genesis.header.id(),
                      simple_case().genesis.header.id(), {}});
  std::vector<std::string> expected;
  while (const auto b = expected_stream->next()) expected.push_back(b->id().hex());
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(streamed, expected);
  EXPECT_EQ(streamed.back(), tip.id().hex());
  EXPECT_EQ(server.counts().download, 1u);
  EXPECT_EQ(server.counts().requests(), 1u);
  EXPECT_EQ(server.counts().streamed_blocks, expected.size());
}

TEST(Download, ThePeersRefusalsAreFailureAnswers) {
  const auto peers = make_peers(simple_case());
  RequestServer server(peers.list, Budget{}, true);
  const std::string tip = peers.list[0]->tip().id().hex();
  const std::string unknown(64, 'a');
  const Json unknown_target = server.answer(protocol::parse_message(download_line(unknown)));
  EXPECT_EQ(unknown_target["type"], "failure") << unknown_target.dump();
  const Json too_many =
      server.answer(protocol::parse_message(download_line(tip, ids(kMaxAdditionalBlocks + 1))));
  EXPECT_EQ(too_many["type"], "failure") << too_many.dump();
  const std::string none_known = R"({"type":"download","peer":0,"target":")" + tip +
                                 R"(","local_tip":")" + unknown + R"(","lib":")" + unknown +
                                 R"(","additional":[]})";
  const Json no_start = server.answer(protocol::parse_message(none_known));
  EXPECT_EQ(no_start["type"], "failure") << no_start.dump();
  EXPECT_NE(no_start["reason"].get<std::string>().find("no known block"), std::string::npos)
      << no_start.dump();
  EXPECT_EQ(server.counts().download, 3u);  // a refused request is still a request
}

TEST(Download, ASpentBudgetIsBudgetExceeded) {
  const auto peers = make_peers(simple_case());
  RequestServer server(peers.list, Budget{0, 100}, true);
  const Json answer =
      server.answer(protocol::parse_message(download_line(peers.list[0]->tip().id().hex())));
  EXPECT_EQ(answer["type"], "budget-exceeded");
  EXPECT_TRUE(server.budget_exceeded());
  EXPECT_EQ(server.counts().download, 0u);
}

TEST(Download, WithoutTheDeclaredFeatureIsAProtocolErrorThatSaysToDeclareIt) {
  const std::string message = error_of(download_line(genesis_hex()), false);
  EXPECT_NE(message.find("did not declare the feature \"download\""), std::string::npos)
      << message;
  EXPECT_NE(message.find("declare it"), std::string::npos) << message;
}

TEST(Download, AMalformedRequestIsAProtocolErrorNamingTheField) {
  const std::string g = genesis_hex();
  EXPECT_EQ(error_of(download_line("ABC")),
            "download.target is not 64 lowercase hex digits: \"ABC\"");
  EXPECT_EQ(error_of(download_line(g, "[]", std::string(64, 'G'))),
            "download.lib is not 64 lowercase hex digits: \"" + std::string(64, 'G') + "\"");
  EXPECT_EQ(error_of(download_line(g, "\"" + g + "\"")), "download.additional is not an array");
  EXPECT_EQ(error_of(download_line(g, "[7]")), "an id of download.additional is not a string");
  EXPECT_EQ(error_of(download_line(g, ids(RequestServer::kMaxAdditionalIds + 1))),
            "download.additional has 65 ids, more than the 64 the protocol allows");
  EXPECT_EQ(error_of(R"({"type":"download","peer":0,"target":")" + g + "\"}"),
            "download has no \"local_tip\"");
  // 64 ids is well formed: the peer refuses it (more than 5), as a real one.
  EXPECT_EQ(error_of(download_line(g, ids(RequestServer::kMaxAdditionalIds))), "(answered)");
}

// Over a real session: a 1.0 adapter is welcomed to 1.0 and its download is
// an error naming the feature; a 1.1 or later adapter is welcomed to 1.1;
// a 1.0 hello that declares "download" is refused at the handshake.
TEST(Download, TheFeatureIsNegotiatedInHello) {
  AdapterLimits limits;
  limits.case_timeout_seconds = 5;
  // A later minor than the harness's is welcomed to the harness's own.
  for (const auto& [version, welcomed] : std::vector<std::pair<std::string, std::string>>{
           {"1.0", "1.0"}, {"1.1", "1.1"}, {"1.2", "1.2"}, {"1.12", "1.2"}}) {
    const auto dir = test_dir("download-welcome");
    const auto answer = dir / "welcome";
    const auto script = write_script(
        dir, "adapter",
        hello_lines(version) + "echo \"$welcome\" > '" + answer.string() + "'\nsleep 30");
    EXPECT_NO_THROW(subprocess({script.string()}, limits)) << version;
    std::ifstream in(answer);
    std::string line;
    std::getline(in, line);
    EXPECT_NE(line.find("\"protocol\":\"" + welcomed + "\""), std::string::npos)
        << version << ": " << line;
  }
  const auto undeclared = write_script(
      test_dir("download-undeclared"), "adapter",
      hello_lines("1.0") + "read c\nread s\nprintf '%s\\n' '" + download_line(genesis_hex()) +
          "'\ncat >/dev/null\n");
  const CaseOutcome out = subprocess({undeclared.string()}, limits)->run(simple_case(), false);
  EXPECT_EQ(out.kind, CaseOutcome::Kind::Error);
  EXPECT_NE(out.message.find("did not declare the feature \"download\""), std::string::npos)
      << out.message;
  const auto early = write_script(test_dir("download-in-1.0"), "adapter",
                                  hello_lines("1.0", "\"download\"") + "sleep 30");
  try {
    subprocess({early.string()}, limits);
    ADD_FAILURE() << "a 1.0 hello with the feature download was accepted";
  } catch (const AdapterError& e) {
    EXPECT_NE(std::string(e.what()).find("the download request is protocol 1.1"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace cryptarchia::harness
