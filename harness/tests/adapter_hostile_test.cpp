// Adapters that crash, hang, flood or lie: each ends its case as an error
// (or fails the handshake), is killed, and the next case gets a fresh one.
#include <gtest/gtest.h>

#include <chrono>

#include "adapter_test_support.hpp"

namespace cryptarchia::harness {
namespace {

using namespace testing;

AdapterLimits quick() {
  AdapterLimits limits;
  limits.case_timeout_seconds = 0.5;
  return limits;
}

const Scenario& simple_case() {
  static const Scenario s = corpus_scenario("spec/spec-01-single-chain-from-genesis.json");
  return s;
}

// Handshake, then the case and sync messages read, then `body`.
std::filesystem::path after_sync(const std::string& name, const std::string& body) {
  return write_script(test_dir(name), "adapter", hello_lines() + "read c\nread s\n" + body);
}

CaseOutcome run_one(const std::filesystem::path& script, AdapterLimits limits = quick()) {
  auto adapter = subprocess({script.string()}, limits);
  return adapter->run(simple_case(), false);
}

TEST(HostileAdapter, ExitsImmediately) {
  const auto script = write_script(test_dir("exits"), "adapter", "echo bye >&2\nexit 0");
  try {
    subprocess({script.string()}, quick());
    FAIL() << "no error";
  } catch (const ProtocolVersionMismatch&) {
    FAIL() << "not a version mismatch";
  } catch (const AdapterError& e) {
    EXPECT_NE(std::string(e.what()).find("closed its stdout"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("bye"), std::string::npos) << "stderr tail: " << e.what();
  }
}

TEST(HostileAdapter, MissingProgram) {
  EXPECT_THROW(subprocess({"/nonexistent/adapter"}, quick()), AdapterError);
}

TEST(HostileAdapter, GarbageInsteadOfHello) {
  const auto script = write_script(test_dir("garbage"), "adapter", "echo 'hello there'\nsleep 5");
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_THROW(subprocess({script.string()}, quick()), AdapterError);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
}

TEST(HostileAdapter, WrongProtocolMajor) {
  const auto script = write_script(test_dir("major"), "adapter", hello_lines("2.0") + "sleep 5");
  EXPECT_THROW(subprocess({script.string()}, quick()), ProtocolVersionMismatch);
}

TEST(HostileAdapter, NeverAnswersAfterHello) {
  const auto t0 = std::chrono::steady_clock::now();
  const CaseOutcome out = run_one(after_sync("silent", "sleep 30"));
  const auto elapsed = std::chrono::steady_clock::now() - t0;
  EXPECT_EQ(out.kind, CaseOutcome::Kind::Error);
  EXPECT_NE(out.message.find("timed out"), std::string::npos) << out.message;
  EXPECT_NE(out.message.find(simple_case().id), std::string::npos) << out.message;
  EXPECT_LT(elapsed, std::chrono::seconds(3));
}

TEST(HostileAdapter, TwoMebibyteLine) {
  const CaseOutcome out =
      run_one(after_sync("flood", "head -c 2097152 /dev/zero | tr '\\0' a\necho\nsleep 5"));
  EXPECT_EQ(out.kind, CaseOutcome::Kind::Error);
  EXPECT_NE(out.message.find("longer than"), std::string::npos) << out.message;
}

TEST(HostileAdapter, TooMuchOutputInOneCase) {
  AdapterLimits limits = quick();
  limits.case_timeout_seconds = 5;
  limits.max_case_output_bytes = 1 << 16;
  const CaseOutcome out = run_one(
      after_sync("chatty", "while true; do echo '{\"type\":\"tip\",\"peer\":0}'; done"), limits);
  EXPECT_EQ(out.kind, CaseOutcome::Kind::Error);
  EXPECT_NE(out.message.find("more than"), std::string::npos) << out.message;
}

TEST(HostileAdapter, AsksForAPeerThatDoesNotExist) {
  const CaseOutcome out =
      run_one(after_sync("peer99", "echo '{\"type\":\"tip\",\"peer\":99}'\nsleep 5"));
  EXPECT_EQ(out.kind, CaseOutcome::Kind::Error);
  EXPECT_NE(out.message.find("peer 99"), std::string::npos) << out.message;
}

TEST(HostileAdapter, AsksForANegativeSlot) {
  const CaseOutcome out = run_one(
      after_sync("negative", "echo '{\"type\":\"blocks_from\",\"peer\":0,\"slot\":-1}'\nsleep 5"));
  EXPECT_EQ(out.kind, CaseOutcome::Kind::Error);
  EXPECT_NE(out.message.find("slot"), std::string::npos) << out.message;
}

TEST(HostileAdapter, AsksForAStreamThatDoesNotExist) {
  const CaseOutcome out =
      run_one(after_sync("stream", "echo '{\"type\":\"next\",\"stream\":7}'\nsleep 5"));
  EXPECT_EQ(out.kind, CaseOutcome::Kind::Error);
  EXPECT_NE(out.message.find("stream 7"), std::string::npos) << out.message;
}

TEST(HostileAdapter, DoneWithABadHexTip) {
  const CaseOutcome out = run_one(
      after_sync("badhex",
                 "echo '{\"type\":\"done\",\"end\":\"completed\",\"tip\":\"XYZ\",\"forks\":[],"
                 "\"tree\":[]}'\nsleep 5"));
  EXPECT_EQ(out.kind, CaseOutcome::Kind::Error);
  EXPECT_NE(out.message.find("done.tip"), std::string::npos) << out.message;
}

TEST(HostileAdapter, AbortWithAnUnknownKind) {
  const std::string genesis = simple_case().genesis.header.id().hex();
  const CaseOutcome out = run_one(
      after_sync("abortkind",
                 "echo '{\"type\":\"done\",\"end\":\"aborted\",\"error\":\"x\",\"abort\":"
                 "{\"kind\":\"weird\"},\"tip\":\"" +
                     genesis + "\",\"forks\":[],\"tree\":[\"" + genesis + "\"]}'\nsleep 5"));
  EXPECT_EQ(out.kind, CaseOutcome::Kind::Error);
  EXPECT_NE(out.message.find("done.abort.kind"), std::string::npos) << out.message;
}

TEST(HostileAdapter, ARequestAfterDone) {
  const std::string genesis = simple_case().genesis.header.id().hex();
  const auto script = after_sync(
      "after-done", "printf '%s\\n%s\\n' '{\"type\":\"done\",\"end\":\"completed\",\"tip\":\"" +
                        genesis + "\",\"forks\":[],\"tree\":[\"" + genesis +
                        "\"]}' '{\"type\":\"tip\",\"peer\":0}'\nsleep 5");
  auto adapter = subprocess({script.string()}, quick());
  // Caught when the harness closes the case, or else when it starts the next.
  const CaseOutcome first = adapter->run(simple_case(), false);
  const CaseOutcome second =
      first.kind == CaseOutcome::Kind::Error ? first : adapter->run(simple_case(), false);
  ASSERT_EQ(second.kind, CaseOutcome::Kind::Error);
  EXPECT_NE(second.message.find("none is allowed"), std::string::npos) << second.message;
}

TEST(HostileAdapter, StderrFloodKeepsOnlyTheTail) {
  AdapterLimits limits = quick();
  limits.case_timeout_seconds = 2;
  const CaseOutcome out =
      run_one(after_sync("stderr-flood",
                         "head -c 10485760 /dev/zero | tr '\\0' e >&2\necho last >&2\nsleep 5"),
              limits);
  EXPECT_EQ(out.kind, CaseOutcome::Kind::Error);
  EXPECT_NE(out.message.find("timed out"), std::string::npos) << out.message.substr(0, 200);
  EXPECT_GT(out.message.size(), limits.stderr_tail_bytes);
  EXPECT_LT(out.message.size(), limits.stderr_tail_bytes + 400);
  EXPECT_NE(out.message.find("eeeelast"), std::string::npos)
      << out.message.substr(out.message.size() - 100);
}

TEST(WellBehavedAdapter, ExitsOnItsOwnWhenStdinCloses) {
  const auto dir = test_dir("graceful");
  const auto marker = dir / "exited";
  const auto script =
      write_script(dir, "adapter",
                   hello_lines() + "while read line; do :; done\ntouch '" + marker.string() + "'");
  subprocess({script.string()}, quick()).reset();
  EXPECT_TRUE(std::filesystem::exists(marker));
  EXPECT_FALSE(has_children());
}

TEST(HostileAdapter, UppercaseHexIsRefused) {
  const std::string upper(64, 'A');
  const CaseOutcome out =
      run_one(after_sync("upper", "echo '{\"type\":\"done\",\"end\":\"completed\",\"tip\":\"" +
                                      upper + "\",\"forks\":[],\"tree\":[]}'\nsleep 5"));
  EXPECT_EQ(out.kind, CaseOutcome::Kind::Error);
}

TEST(HostileAdapter, CrashMidCaseReportsStderr) {
  const CaseOutcome out = run_one(after_sync("crash", "echo 'segfault, sort of' >&2\nexit 139"));
  EXPECT_EQ(out.kind, CaseOutcome::Kind::Error);
  EXPECT_NE(out.message.find("status 139"), std::string::npos) << out.message;
  EXPECT_NE(out.message.find("segfault, sort of"), std::string::npos) << out.message;
}

TEST(HostileAdapter, MissingFeaturesSkip) {
  const auto script = write_script(test_dir("nofeatures"), "adapter",
                                   hello_lines("1.0", "") + "while read line; do :; done");
  auto adapter = subprocess({script.string()}, quick());
  const CaseOutcome out =
      adapter->run(corpus_scenario("spec/spec-09-checkpoint-single-chain.json"), false);
  EXPECT_EQ(out.kind, CaseOutcome::Kind::Skipped);
  EXPECT_NE(out.message.find("checkpoint"), std::string::npos) << out.message;
}

TEST(HostileAdapter, TheNextCaseStartsAFreshAdapter) {
  const auto dir = test_dir("first-run-fails");
  const auto marker = dir / "marker";
  const auto script = write_script(
      dir, "adapter",
      "if [ ! -e '" + marker.string() + "' ]; then\n  touch '" + marker.string() + "'\n" +
          hello_lines() + "  read c\n  read s\n  echo 'not json'\n  sleep 5\nfi\nexec '" +
          CSC_REFERENCE_ADAPTER + "'");
  auto adapter = subprocess({script.string()}, quick());
  const CaseOutcome first = adapter->run(simple_case(), false);
  EXPECT_EQ(first.kind, CaseOutcome::Kind::Error);
  EXPECT_NE(first.message.find("not JSON"), std::string::npos) << first.message;
  const CaseOutcome second = adapter->run(simple_case(), false);
  ASSERT_EQ(second.kind, CaseOutcome::Kind::Ran) << second.message;
  EXPECT_EQ(second.result.tip, run_scenario(simple_case(), Profile::Reference).result.tip);
}

TEST(HostileAdapter, ErrorsLeakNoDescriptorsAndNoChildren) {
  const auto script =
      after_sync("leak", "echo '{\"type\":\"tip\",\"peer\":99}'\necho noise >&2\nsleep 5");
  {
    auto warm = subprocess({script.string()}, quick());  // first use of every lazy resource
    warm->run(simple_case(), false);
  }
  const std::size_t before = open_fds();
  {
    auto adapter = subprocess({script.string()}, quick());
    for (int i = 0; i < 20; ++i) {
      const CaseOutcome out = adapter->run(simple_case(), false);
      ASSERT_EQ(out.kind, CaseOutcome::Kind::Error);
    }
  }
  EXPECT_EQ(open_fds(), before);
  EXPECT_FALSE(has_children());
}

}  // namespace
}  // namespace cryptarchia::harness
