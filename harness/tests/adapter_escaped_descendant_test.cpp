// Issue 12, item 15: a process an adapter starts that leaves the adapter's
// process group with `setsid` survived every group kill. With the harness
// a child subreaper (PR_SET_CHILD_SUBREAPER, as `harness` is from its
// start), it is reparented to the harness when its parent dies and killed,
// with its own group, once the adapter is done.
#include <gtest/gtest.h>

#include <signal.h>

#include "adapter_test_support.hpp"

namespace cryptarchia::harness {
namespace {

using namespace testing;

TEST(EscapedDescendants, ASetsidGrandchildIsKilledWhenTheAdapterIsDone) {
  ASSERT_TRUE(reap_escaped_descendants());
  const Scenario s = corpus_scenario("spec/spec-01-single-chain-from-genesis.json");
  for (const bool errs : {true, false}) {
    const auto dir = test_dir(errs ? "setsid-error" : "setsid-graceful");
    const auto pid_file = dir / "pid";
    // A new session (and group) for the grandchild, which records its pid.
    const std::string escape = "setsid sh -c 'echo $$ > \"" + pid_file.string() +
                               ".tmp\"; mv \"" + pid_file.string() + ".tmp\" \"" +
                               pid_file.string() + "\"; exec sleep 300' </dev/null >/dev/null 2>&1 &\n";
    const auto script = write_script(
        dir, "adapter",
        escape + "while [ ! -s '" + pid_file.string() + "' ]; do sleep 0.01; done\n" +
            (errs ? hello_lines() + "read c\nread s\necho 'not json'\nsleep 30\n"
                  : "exec '" + std::string(CSC_REFERENCE_ADAPTER) + "'\n"));
    {
      AdapterLimits limits;
      limits.case_timeout_seconds = 5;
      auto adapter = subprocess({script.string()}, limits);
      const CaseOutcome out = adapter->run(s, false);
      EXPECT_EQ(out.kind, errs ? CaseOutcome::Kind::Error : CaseOutcome::Kind::Ran) << out.message;
      ASSERT_NE(pid_in(pid_file), 0);
      if (!errs) {
        EXPECT_FALSE(process_gone(pid_in(pid_file), 0)) << "killed before the adapter was done";
      }
    }
    const int escaped = pid_in(pid_file);
    EXPECT_TRUE(process_gone(escaped)) << (errs ? "after an error" : "after a graceful end")
                                       << ": the setsid grandchild " << escaped << " survived";
    if (!process_gone(escaped, 0)) ::kill(escaped, SIGKILL);
  }
  EXPECT_FALSE(has_children()) << "an escaped process was left unreaped";
}

}  // namespace
}  // namespace cryptarchia::harness
