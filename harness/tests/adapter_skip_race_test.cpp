// Issue 12, item 5: PROTOCOL.md lets an adapter answer `case` with `skip`.
// Such a skip may arrive before the harness sends `sync`; it was then taken
// for "a message before sync" (an error) or, if it came later, for a skip:
// ten identical runs gave 4 skips and 6 errors. It is a skip either way.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "adapter_test_support.hpp"
#include "protocol_session.hpp"

namespace cryptarchia::harness {
namespace {

using namespace testing;

const Scenario& simple_case() {
  static const Scenario s = corpus_scenario("spec/spec-01-single-chain-from-genesis.json");
  return s;
}

std::filesystem::path skipping_adapter(const std::string& dir) {
  return write_script(test_dir(dir), "adapter",
                      hello_lines() + "read c\n" +
                          "echo '{\"type\":\"skip\",\"reason\":\"not my kind of case\"}'\n" +
                          "cat >/dev/null\n");
}

TEST(SkipRace, ASkipThatArrivesBeforeSyncIsASkip) {
  const auto script = skipping_adapter("skip-before-sync");
  AdapterLimits limits;
  limits.case_timeout_seconds = 5;
  detail::AdapterSession session({script.string()}, limits);
  session.begin_case(simple_case());
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the skip is there first
  const auto peers = make_peers(simple_case());
  const detail::SyncReply reply = session.sync(peers.list, Budget{}, std::nullopt, nullptr);
  EXPECT_TRUE(reply.skipped);
  EXPECT_EQ(reply.skip_reason, "not my kind of case");
}

TEST(SkipRace, TenRunsOfASkipInAnswerToCaseAreTenSkips) {
  const auto script = skipping_adapter("skip-ten-runs");
  for (int run = 0; run < 10; ++run) {
    auto adapter = subprocess({script.string()});
    const CaseOutcome out = adapter->run(simple_case(), false);
    EXPECT_EQ(out.kind, CaseOutcome::Kind::Skipped) << "run " << run << ": " << out.message;
    EXPECT_EQ(out.message, "not my kind of case");
  }
}

TEST(SkipRace, AnyOtherMessageBeforeSyncIsStillAnError) {
  const auto script = write_script(test_dir("tip-before-sync"), "adapter",
                                   hello_lines() + "read c\necho '{\"type\":\"tip\",\"peer\":0}'\n" +
                                       "cat >/dev/null\n");
  AdapterLimits limits;
  limits.case_timeout_seconds = 5;
  detail::AdapterSession session({script.string()}, limits);
  session.begin_case(simple_case());
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto peers = make_peers(simple_case());
  try {
    session.sync(peers.list, Budget{}, std::nullopt, nullptr);
    FAIL() << "no error";
  } catch (const protocol::ProtocolError& e) {
    EXPECT_NE(std::string(e.what()).find("a message before sync, when none is allowed"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace cryptarchia::harness
