// Issue 12, item 13 (values): an error message shows the value the adapter
// sent. JSON's -0 was shown as 0 ("a request for peer 0, which does not
// exist" when peer 0 exists); and a null `done.abort.kind` was an error
// while a null `block_status`, `block` or `peer` meant "not given": every
// field of `abort` now reads null as not given.
#include <gtest/gtest.h>

#include "adapter_test_support.hpp"
#include "protocol_serve.hpp"

namespace cryptarchia::harness {
namespace {

using namespace testing;
using protocol::Json;
using protocol::ProtocolError;

const Scenario& simple_case() {
  static const Scenario s = corpus_scenario("spec/spec-01-single-chain-from-genesis.json");
  return s;
}

std::string error_of(const std::string& line) {
  const auto peers = make_peers(simple_case());
  detail::RequestServer server(peers.list, Budget{});
  try {
    server.answer(protocol::parse_message(line));
  } catch (const ProtocolError& e) {
    return e.what();
  }
  return "(answered)";
}

TEST(ValueMessages, MinusZeroIsShownAsTheAdapterWroteIt) {
  EXPECT_EQ(error_of(R"({"type":"tip","peer":-0})"),
            "a request for peer -0, which does not exist (1 peers)");
  EXPECT_EQ(error_of(R"({"type":"blocks_from","peer":0,"slot":-0})"),
            "blocks_from.slot is not a non-negative integer: -0");
  EXPECT_EQ(error_of(R"({"type":"next","stream":-0})"), "next on stream -0, which does not exist");
  // Other values as before.
  EXPECT_EQ(error_of(R"({"type":"tip","peer":-1})"),
            "a request for peer -1, which does not exist (1 peers)");
  EXPECT_EQ(error_of(R"({"type":"blocks_from","peer":0,"slot":-0.0})"),
            "blocks_from.slot is not a non-negative integer: -0.0");
}

// An adapter that answers `sync` with an aborted `done` whose abort is `abort`.
CaseOutcome aborted_with(const std::string& name, const std::string& abort) {
  const std::string done = R"({"type":"done","end":"aborted","error":"x","abort":)" + abort +
                           R"(,"tip":")" + simple_case().genesis.header.id().hex() +
                           R"(","forks":[],"tree":[]})";
  const auto script = write_script(test_dir(name), "adapter",
                                   hello_lines() + "read c\nread s\nprintf '%s\\n' '" + done +
                                       "'\ncat >/dev/null\n");
  AdapterLimits limits;
  limits.case_timeout_seconds = 5;
  return subprocess({script.string()}, limits)->run(simple_case(), false);
}

TEST(ValueMessages, ANullAbortFieldIsNotGivenWhicheverFieldItIs) {
  for (const std::string abort :
       {R"({"kind":null})", R"({"block_status":null})", R"({"block":null})", R"({"peer":null})",
        R"({"kind":null,"block_status":null,"block":null,"peer":null})"}) {
    const CaseOutcome out = aborted_with("null-abort-field", abort);
    ASSERT_EQ(out.kind, CaseOutcome::Kind::Ran) << abort << ": " << out.message;
    ASSERT_TRUE(out.result.abort) << abort;
    EXPECT_EQ(out.result.abort->kind, SyncAbort::Kind::Internal) << abort;
    EXPECT_FALSE(out.result.abort->block_status) << abort;
  }
  const CaseOutcome wrong = aborted_with("wrong-abort-kind", R"({"kind":7})");
  EXPECT_EQ(wrong.kind, CaseOutcome::Kind::Error);
  EXPECT_NE(wrong.message.find("done.abort.kind is not a string"), std::string::npos)
      << wrong.message;
}

}  // namespace
}  // namespace cryptarchia::harness
