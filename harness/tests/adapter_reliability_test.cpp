// More hostile adapters (issue 7), each a small shell program: silent or
// malformed at start, killed, exiting while a child holds its pipes, never
// reading, trickling, every wrong shape of message, requests out of range,
// ignoring the budget, claiming blocks it never received, flooding stderr
// while working, leaving children behind. Every one ends its case as an
// error naming the reason (or, where the adapter only misbehaves harmlessly,
// as a case judged on what the harness saw); the next case gets a fresh
// adapter; no process or descriptor outlives the adapter.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "adapter_test_support.hpp"
#include "cryptarchia/spec_conventions.hpp"

namespace cryptarchia::harness {
namespace {

using namespace testing;
using Seconds = std::chrono::duration<double>;

AdapterLimits quick(double timeout = 0.5) {
  AdapterLimits limits;
  limits.case_timeout_seconds = timeout;
  return limits;
}

const Scenario& simple_case() {
  static const Scenario s = corpus_scenario("spec/spec-01-single-chain-from-genesis.json");
  return s;
}

std::string genesis_hex() { return simple_case().genesis.header.id().hex(); }

std::string done_line(const std::string& tip, const std::string& forks, const std::string& tree) {
  return R"({"type":"done","end":"completed","tip":")" + tip + R"(","forks":[)" + forks +
         R"(],"tree":[)" + tree + "]}";
}

// Handshake, then the case and sync messages read, then `body`.
std::filesystem::path after_sync(const std::filesystem::path& dir, const std::string& body) {
  return write_script(dir, "adapter", hello_lines() + "read c\nread s\n" + body);
}

// A shell command that prints `line` and a newline, whatever it holds but '.
std::string print(const std::string& line) { return "printf '%s\\n' '" + line + "'\n"; }

Seconds since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::steady_clock::now() - t0;
}

CaseOutcome run_one(const std::filesystem::path& script, AdapterLimits limits = quick(),
                    const Scenario& s = simple_case()) {
  auto adapter = subprocess({script.string()}, limits);
  return adapter->run(s, false);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// --- at start -------------------------------------------------------------

TEST(HostileStart, NeverSaysHello) {
  const auto script = write_script(test_dir("no-hello"), "adapter", "sleep 30");
  const auto t0 = std::chrono::steady_clock::now();
  try {
    subprocess({script.string()}, quick());
    FAIL() << "no error";
  } catch (const AdapterError& e) {
    EXPECT_TRUE(contains(e.what(), "handshake: timed out waiting for the adapter")) << e.what();
  }
  EXPECT_LT(since(t0).count(), 3.0);
}

struct BadHello {
  const char* name;
  std::string line;
  const char* reason;
};

TEST(HostileStart, HelloOfTheWrongShape) {
  const std::vector<BadHello> cases = {
      {"no-protocol", R"({"type":"hello","implementation":{"name":"x","version":"0"}})",
       "hello has no \"protocol\""},
      {"numeric-protocol", R"({"type":"hello","protocol":1,"implementation":{"name":"x","version":"0"}})",
       "hello.protocol is not a string"},
      {"no-implementation", R"({"type":"hello","protocol":"1.0"})",
       "hello has no \"implementation\""},
      {"features-not-array",
       R"({"type":"hello","protocol":"1.0","implementation":{"name":"x","version":"0"},"features":"all"})",
       "hello.features is not an array"},
      {"request-first", R"({"type":"tip","peer":0})", "expected hello, got \"tip\""},
      {"array", R"([1,2,3])", "not a JSON object"},
  };
  for (const BadHello& c : cases) {
    const auto script = write_script(test_dir(std::string("hello-") + c.name), "adapter",
                                     print(c.line) + "sleep 30");
    try {
      subprocess({script.string()}, quick());
      ADD_FAILURE() << c.name << ": no error";
    } catch (const ProtocolVersionMismatch& e) {
      ADD_FAILURE() << c.name << ": a version mismatch: " << e.what();
    } catch (const AdapterError& e) {
      EXPECT_TRUE(contains(e.what(), c.reason)) << c.name << ": " << e.what();
    }
  }
}

TEST(HostileStart, UnknownProtocolVersionsAreMismatchesAndTheAdapterIsToldBye) {
  for (const std::string version : {"0.9", "2.0", "banana", "", "10.0"}) {
    const auto dir = test_dir("version");
    const auto answer = dir / "answer";
    const auto script = write_script(dir, "adapter",
                                     hello_lines(version) + "echo \"$welcome\" > '" +
                                         answer.string() + "'\nsleep 30");
    try {
      subprocess({script.string()}, quick());
      ADD_FAILURE() << version << ": accepted";
    } catch (const ProtocolVersionMismatch& e) {
      EXPECT_TRUE(contains(e.what(), "the harness speaks protocol 1.2, the adapter " + version))
          << e.what();
    }
    std::ifstream in(answer);
    std::string line;
    std::getline(in, line);
    EXPECT_TRUE(contains(line, R"("type":"bye")")) << version << ": " << line;
  }
  // Another minor version of major 1 is spoken.
  const auto script = write_script(test_dir("minor"), "adapter",
                                   hello_lines("1.7") + "while read line; do :; done");
  EXPECT_NO_THROW(subprocess({script.string()}, quick()));
}

TEST(HostileStart, ARestartThatFailsIsAnErrorForEveryCaseAndTheRunGoesOn) {
  const auto dir = test_dir("restart-fails");
  const auto marker = dir / "started";
  const auto script = write_script(
      dir, "adapter",
      "if [ -e '" + marker.string() + "' ]; then echo 'cannot start again' >&2; exit 1; fi\n" +
          "touch '" + marker.string() + "'\n" + hello_lines() + "read c\nread s\n" +
          print("not json") + "sleep 30");
  auto adapter = subprocess({script.string()}, quick());
  const CaseOutcome first = adapter->run(simple_case(), false);
  ASSERT_EQ(first.kind, CaseOutcome::Kind::Error);
  EXPECT_TRUE(contains(first.message, "not JSON")) << first.message;
  for (int i = 0; i < 3; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    const CaseOutcome next = adapter->run(simple_case(), false);
    ASSERT_EQ(next.kind, CaseOutcome::Kind::Error);
    EXPECT_TRUE(contains(next.message, "the adapter did not restart")) << next.message;
    EXPECT_TRUE(contains(next.message, "exited with status 1")) << next.message;
    EXPECT_TRUE(contains(next.message, "cannot start again")) << next.message;
    EXPECT_LT(since(t0).count(), 2.0);
  }
  EXPECT_FALSE(has_children());
}

// --- in the middle of a case -------------------------------------------------

TEST(HostileMidCase, KilledBySignal) {
  const CaseOutcome out = run_one(after_sync(test_dir("sigkill"), "kill -9 $$"));
  ASSERT_EQ(out.kind, CaseOutcome::Kind::Error);
  EXPECT_TRUE(contains(out.message, "closed its stdout (it was killed by signal 9)")) << out.message;
}

TEST(HostileMidCase, ExitsWhileAChildHoldsItsStdoutIsSeenAtOnce) {
  const auto dir = test_dir("exit-child-holds");
  const auto pid_file = dir / "pid";
  const auto t0 = std::chrono::steady_clock::now();
  const CaseOutcome out = run_one(
      after_sync(dir, "sleep 300 &\necho $! > '" + pid_file.string() + "'\nexit 3"), quick(5));
  ASSERT_EQ(out.kind, CaseOutcome::Kind::Error);
  EXPECT_TRUE(contains(out.message, "the adapter exited (it exited with status 3)")) << out.message;
  EXPECT_TRUE(contains(out.message, "still holds its stdin or stdout")) << out.message;
  EXPECT_LT(since(t0).count(), 2.5) << "waited for the 5 s timeout";
  ASSERT_NE(pid_in(pid_file), 0);
  EXPECT_TRUE(process_gone(pid_in(pid_file)));
}

TEST(HostileMidCase, TimeoutKillsTheAdapterAndTheNextCaseRunsOnAFreshOne) {
  const auto dir = test_dir("timeout-restart");
  const auto pid_file = dir / "first-pid";
  const auto script = write_script(
      dir, "adapter",
      "if [ ! -e '" + pid_file.string() + "' ]; then\n  echo $$ > '" + pid_file.string() +
          "'\n" + hello_lines() + "  read c\n  read s\n  sleep 300\nfi\nexec '" +
          CSC_REFERENCE_ADAPTER + "'");
  auto adapter = subprocess({script.string()}, quick());
  const auto t0 = std::chrono::steady_clock::now();
  const CaseOutcome first = adapter->run(simple_case(), false);
  ASSERT_EQ(first.kind, CaseOutcome::Kind::Error);
  EXPECT_TRUE(contains(first.message, "timed out waiting for the adapter")) << first.message;
  EXPECT_LT(since(t0).count(), 2.0);
  EXPECT_TRUE(process_gone(pid_in(pid_file))) << "the adapter that timed out still runs";
  const CaseOutcome second = adapter->run(simple_case(), false);
  ASSERT_EQ(second.kind, CaseOutcome::Kind::Ran) << second.message;
  EXPECT_EQ(second.result.tip, run_scenario(simple_case(), Profile::Reference).result.tip);
}

TEST(HostileMidCase, ALineThatTricklesForeverTimesOut) {
  const auto t0 = std::chrono::steady_clock::now();
  const CaseOutcome out = run_one(
      after_sync(test_dir("trickle"), "while :; do printf '{'; sleep 0.05; done"));
  ASSERT_EQ(out.kind, CaseOutcome::Kind::Error);
  EXPECT_TRUE(contains(out.message, "timed out waiting for the adapter")) << out.message;
  EXPECT_LT(since(t0).count(), 2.0);
}

TEST(HostileMidCase, NeverReadingItsStdinTimesOutTheWrite) {
  // A case message far larger than a pipe holds: 3000 local blocks.
  Scenario big = simple_case();
  std::vector<Slot> slots;
  for (Slot s = 1; s <= 3000; ++s) slots.push_back(s);
  big.local_blocks = make_chain(big.genesis.header.id(), Note{10, 0}, slots);
  const auto script = write_script(test_dir("no-read"), "adapter", hello_lines() + "sleep 300");
  const auto t0 = std::chrono::steady_clock::now();
  const CaseOutcome out = run_one(script, quick(), big);
  ASSERT_EQ(out.kind, CaseOutcome::Kind::Error);
  EXPECT_TRUE(contains(out.message, "timed out writing to the adapter")) << out.message;
  EXPECT_LT(since(t0).count(), 2.0);
}

// --- messages of the wrong shape, requests out of range ----------------------

struct BadLine {
  const char* name;
  std::string line;
  std::string reason;
};

// Names the case in ctest's listing instead of dumping its bytes.
void PrintTo(const BadLine& c, std::ostream* os) { *os << c.name; }

class WrongShape : public ::testing::TestWithParam<BadLine> {};

TEST_P(WrongShape, EndsTheCaseAsAnErrorNamingTheField) {
  const BadLine& c = GetParam();
  const auto t0 = std::chrono::steady_clock::now();
  const CaseOutcome out = run_one(
      after_sync(test_dir(std::string("shape-") + c.name), print(c.line) + "sleep 30"), quick(5));
  ASSERT_EQ(out.kind, CaseOutcome::Kind::Error) << c.line.substr(0, 200);
  EXPECT_TRUE(contains(out.message, "case " + simple_case().id + ": " + c.reason))
      << out.message.substr(0, 400);
  EXPECT_LT(since(t0).count(), 4.0) << "an error is seen at once, not at the timeout";
}

const std::string kA64(64, 'a');

INSTANTIATE_TEST_SUITE_P(
    HostileAdapter, WrongShape,
    ::testing::Values(
        BadLine{"array", "[1,2,3]", "not a JSON object"},
        BadLine{"string", R"("tip")", "not a JSON object"},
        BadLine{"no-type", R"({"peer":0})", "a message without a string \"type\""},
        BadLine{"numeric-type", R"({"type":7})", "a message without a string \"type\""},
        BadLine{"unknown-type", R"({"type":"teleport"})",
                "an unexpected message of type \"teleport\" during a sync"},
        BadLine{"hello-again",
                R"({"type":"hello","protocol":"1.0","implementation":{"name":"x","version":"0"}})",
                "an unexpected message of type \"hello\" during a sync"},
        BadLine{"tip-no-peer", R"({"type":"tip"})", "the request has no \"peer\""},
        BadLine{"tip-string-peer", R"({"type":"tip","peer":"0"})",
                "a request for peer \"0\", which does not exist (1 peers)"},
        BadLine{"tip-negative-peer", R"({"type":"tip","peer":-1})",
                "a request for peer -1, which does not exist"},
        BadLine{"tip-fractional-peer", R"({"type":"tip","peer":0.5})",
                "a request for peer 0.5, which does not exist"},
        BadLine{"tip-huge-peer", R"({"type":"tip","peer":18446744073709551615})",
                "a request for peer 18446744073709551615, which does not exist"},
        BadLine{"blocks-from-no-slot", R"({"type":"blocks_from","peer":0})",
                "blocks_from has no \"slot\""},
        BadLine{"blocks-from-string-slot", R"({"type":"blocks_from","peer":0,"slot":"3"})",
                "blocks_from.slot is not a non-negative integer: \"3\""},
        BadLine{"blocks-from-fractional-slot", R"({"type":"blocks_from","peer":0,"slot":1.5})",
                "blocks_from.slot is not a non-negative integer: 1.5"},
        BadLine{"blocks-from-slot-above-u64",
                R"({"type":"blocks_from","peer":0,"slot":18446744073709551616})",
                "blocks_from.slot is not a non-negative integer"},
        BadLine{"blocks-from-slot-1e300", R"({"type":"blocks_from","peer":0,"slot":1e300})",
                "blocks_from.slot is not a non-negative integer: 1e+300"},
        BadLine{"block-short-id", R"({"type":"block","peer":0,"id":"abc"})",
                "block.id is not 64 lowercase hex digits: \"abc\""},
        BadLine{"block-no-id", R"({"type":"block","peer":0})", "block has no \"id\""},
        BadLine{"next-no-stream", R"({"type":"next"})", "next has no \"stream\""},
        BadLine{"next-negative-stream", R"({"type":"next","stream":-1})",
                "next on stream -1, which does not exist"},
        BadLine{"done-empty", R"({"type":"done"})", "done has no \"end\""},
        BadLine{"done-unknown-end", R"({"type":"done","end":"finished"})",
                "done.end is \"finished\", not completed, aborted or budget-exceeded"},
        BadLine{"done-no-tip", R"({"type":"done","end":"completed"})", "done has no \"tip\""},
        BadLine{"done-forks-object",
                R"({"type":"done","end":"completed","tip":")" + kA64 +
                    R"(","forks":{},"tree":[]})",
                "done.forks is not an array"},
        BadLine{"done-tree-number", done_line(kA64, "", "1"), "an id of done.tree is not a string"},
        BadLine{"done-abort-not-object",
                R"({"type":"done","end":"aborted","abort":7,"tip":")" + kA64 +
                    R"(","forks":[],"tree":[]})",
                "done.abort is not an object"},
        BadLine{"done-abort-unknown-status",
                R"({"type":"done","end":"aborted","abort":{"block_status":"Fine"},"tip":")" +
                    kA64 + R"(","forks":[],"tree":[]})",
                "done.abort.block_status \"Fine\" is unknown"},
        BadLine{"deep-nesting-in-slot",
                R"({"type":"blocks_from","peer":0,"slot":)" + std::string(400'000, '[') +
                    std::string(400'000, ']') + "}",
                "a message nested deeper than 16 levels"},
        BadLine{"deep-nesting-in-peer",
                R"({"type":"tip","peer":)" + std::string(400'000, '[') +
                    std::string(400'000, ']') + "}",
                "a message nested deeper than 16 levels"}),
    [](const ::testing::TestParamInfo<BadLine>& info) {
      std::string name = info.param.name;
      for (char& ch : name) {
        if (ch == '-') ch = '_';
      }
      return name;
    });

TEST(HostileRequests, TheLastSlotIsAValidRequestAndGetsAnEmptyStream) {
  const auto dir = test_dir("last-slot");
  const auto answers = dir / "answers";
  const std::string g = genesis_hex();
  const CaseOutcome out = run_one(after_sync(
      dir, print(R"({"type":"blocks_from","peer":0,"slot":18446744073709551615})") +
               "read a\necho \"$a\" >> '" + answers.string() + "'\n" +
               print(R"({"type":"next","stream":0})") + "read b\necho \"$b\" >> '" +
               answers.string() + "'\n" + print(done_line(g, "\"" + g + "\"", "\"" + g + "\"")) +
               "while read line; do :; done"));
  ASSERT_EQ(out.kind, CaseOutcome::Kind::Ran) << out.message;
  EXPECT_EQ(out.result.requests.blocks_from, 1u);
  std::ifstream in(answers);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), "{\"stream\":0,\"type\":\"stream\"}\n{\"type\":\"end\"}\n");
}

TEST(HostileRequests, AnAdapterThatIgnoresTheBudgetIsJudgedBudgetExceeded) {
  Scenario tight = simple_case();
  tight.budget.max_requests = 3;
  const auto dir = test_dir("ignores-budget");
  const auto answers = dir / "answers";
  const std::string g = genesis_hex();
  std::string body;
  for (int i = 0; i < 6; ++i) {
    body += print(R"({"type":"tip","peer":0})") + "read a\necho \"$a\" >> '" +
            answers.string() + "'\n";
  }
  body += print(done_line(g, "\"" + g + "\"", "\"" + g + "\"")) + "while read line; do :; done";
  const CaseOutcome out = run_one(after_sync(dir, body), quick(), tight);
  ASSERT_EQ(out.kind, CaseOutcome::Kind::Ran) << out.message;
  EXPECT_EQ(out.result.end, SyncEnd::BudgetExceeded) << "the adapter said completed";
  EXPECT_EQ(out.result.requests.requests(), 3u);
  std::ifstream in(answers);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 6u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(lines[i].rfind(R"({"header":{)", 0), 0u) << lines[i];
  for (int i = 3; i < 6; ++i) EXPECT_EQ(lines[i], R"({"type":"budget-exceeded"})") << i;
}

TEST(HostileRequests, EndlessRequestsUnderTheLargestBudgetAreCutOff) {
  Scenario rich = simple_case();
  rich.budget = Budget{};  // the largest a vector may ask: 10^7 requests
  AdapterLimits limits = quick(3);
  limits.max_case_output_bytes = 256 * 1024;
  const auto t0 = std::chrono::steady_clock::now();
  const CaseOutcome out = run_one(
      after_sync(test_dir("endless"), "while :; do echo '{\"type\":\"tip\",\"peer\":0}'; read a; done"),
      limits, rich);
  ASSERT_EQ(out.kind, CaseOutcome::Kind::Error);
  EXPECT_TRUE(contains(out.message, "the adapter wrote more than 262144 bytes in one case") ||
              contains(out.message, "timed out"))
      << out.message;
  EXPECT_LT(since(t0).count(), 4.0);
}

// --- lies ---------------------------------------------------------------------

TEST(HostileLies, ATipItNeverReceived) {
  const std::string g = genesis_hex();
  const CaseOutcome out = run_one(after_sync(test_dir("lie-tip"),
                                             print(done_line(kA64, "", "\"" + g + "\"")) +
                                                 "sleep 30"));
  ASSERT_EQ(out.kind, CaseOutcome::Kind::Error);
  EXPECT_TRUE(contains(out.message, "done.tip " + kA64 +
                                        " names a block the adapter was never given"))
      << out.message;
}

TEST(HostileLies, AForkOrATreeBlockItNeverReceived) {
  const std::string g = genesis_hex();
  const std::string b(64, 'b');
  for (const auto& [line, where] :
       std::vector<std::pair<std::string, std::string>>{
           {done_line(g, "\"" + b + "\"", "\"" + g + "\""), "an id of done.forks "},
           {done_line(g, "\"" + g + "\"", "\"" + g + "\",\"" + b + "\""), "an id of done.tree "}}) {
    const CaseOutcome out = run_one(after_sync(test_dir("lie-tree"), print(line) + "sleep 30"));
    ASSERT_EQ(out.kind, CaseOutcome::Kind::Error);
    EXPECT_TRUE(contains(out.message, where + b + " names a block the adapter was never given"))
        << out.message;
  }
}

// --- stderr and children -------------------------------------------------------

TEST(HostileStderr, FloodingStderrWhileWorkingDoesNotDisturbTheCase) {
  const auto script =
      write_script(test_dir("stderr-busy"), "adapter",
                   "head -c 20000000 /dev/zero >&2 &\nexec '" + std::string(CSC_REFERENCE_ADAPTER) +
                       "'");
  const CaseOutcome out = run_one(script, quick(10));
  ASSERT_EQ(out.kind, CaseOutcome::Kind::Ran) << out.message.substr(0, 300);
  EXPECT_EQ(out.result.tip, run_scenario(simple_case(), Profile::Reference).result.tip);
}

TEST(HostileChildren, ChildrenOfAnAdapterThatErredAreKilled) {
  const auto dir = test_dir("children-error");
  const auto pid_file = dir / "pid";
  const CaseOutcome out = run_one(after_sync(
      dir, "sleep 300 &\necho $! > '" + pid_file.string() + "'\n" + print("not json") + "sleep 30"));
  ASSERT_EQ(out.kind, CaseOutcome::Kind::Error);
  ASSERT_NE(pid_in(pid_file), 0);
  EXPECT_TRUE(process_gone(pid_in(pid_file)));
}

TEST(HostileChildren, ChildrenOfAWellBehavedAdapterAreKilledWhenItIsDone) {
  const auto dir = test_dir("children-graceful");
  const auto pid_file = dir / "pid";
  const auto script = write_script(
      dir, "adapter",
      "sleep 300 </dev/null >/dev/null 2>&1 &\necho $! > '" + pid_file.string() + "'\nexec '" +
          std::string(CSC_REFERENCE_ADAPTER) + "'");
  {
    auto adapter = subprocess({script.string()}, quick(5));
    const CaseOutcome out = adapter->run(simple_case(), false);
    ASSERT_EQ(out.kind, CaseOutcome::Kind::Ran) << out.message;
    ASSERT_NE(pid_in(pid_file), 0);
    EXPECT_FALSE(process_gone(pid_in(pid_file), 0)) << "killed too early";
  }
  EXPECT_TRUE(process_gone(pid_in(pid_file)));
}

// Every way a case ends in error, many times over: the descriptors, the
// children and the grandchildren are all gone afterwards.
TEST(HostileChildren, NoDescriptorOrProcessOutlivesAnyKindOfError) {
  const std::vector<std::pair<const char*, std::string>> kinds = {
      {"timeout", "sleep 30"},
      {"crash", "exit 7"},
      {"signal", "kill -9 $$"},
      {"not-json", print("not json") + "sleep 30"},
      {"lie", print(done_line(kA64, "", "")) + "sleep 30"},
      {"child-holds-stdout", "sleep 300 &\necho $! >> '@PIDS@'\nexit 3"},
  };
  {
    auto warm = subprocess({after_sync(test_dir("warm"), "exit 1").string()}, quick(0.2));
    warm->run(simple_case(), false);
  }
  const std::size_t before = open_fds();
  for (const auto& [name, body] : kinds) {
    const auto dir = test_dir(std::string("outlive-") + name);
    const auto pids = dir / "pids";
    std::string own_body = body;
    if (const auto at = own_body.find("@PIDS@"); at != std::string::npos) {
      own_body.replace(at, 6, pids.string());
    }
    const auto script = after_sync(dir, "echo $$ >> '" + pids.string() + "'\n" + own_body);
    {
      auto adapter = subprocess({script.string()}, quick(0.2));
      for (int i = 0; i < 4; ++i) {
        const CaseOutcome out = adapter->run(simple_case(), false);
        ASSERT_EQ(out.kind, CaseOutcome::Kind::Error) << name;
      }
    }
    int count = 0;
    {
      std::ifstream in(pids);
      for (int pid = 0; in >> pid; ++count) EXPECT_TRUE(process_gone(pid)) << name << " " << pid;
    }
    EXPECT_EQ(count, body.find("@PIDS@") == std::string::npos ? 4 : 8) << name;
    EXPECT_EQ(open_fds(), before) << name;
    EXPECT_FALSE(has_children()) << name;
  }
}

}  // namespace
}  // namespace cryptarchia::harness
