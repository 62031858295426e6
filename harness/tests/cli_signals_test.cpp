// Issue 12, item 3: `harness run` told to stop (SIGINT, SIGTERM, SIGHUP)
// kills its adapter's process group (the adapter and what it started), and
// leaves no report behind: the previous run's would pass for this one's.
// It exits with 128 + the signal. Before, the adapter and its children
// kept running with parent 1 and the old report stayed in place.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "cli_test_support.hpp"

extern char** environ;

namespace cryptarchia::harness::test {
namespace {

bool gone(int pid, int patience_ms = 3000) {
  for (int waited = 0; waited <= patience_ms; waited += 10) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string pid_field, comm, state;
    if (!(stat >> pid_field >> comm >> state) || state == "Z") return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

pid_t spawn(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  EXPECT_EQ(posix_spawn(&pid, args[0], nullptr, nullptr, args.data(), environ), 0);
  return pid;
}

TEST(Signals, AnInterruptedRunKillsTheAdapterGroupRemovesTheReportsAndExits128PlusTheSignal) {
  for (const int sig : {SIGINT, SIGTERM, SIGHUP}) {
    const auto dir = scratch_dir("signal-" + std::to_string(sig));
    const auto pids = dir / "pids";
    // The adapter starts a child, records both pids, and never answers.
    write_text(dir / "adapter",
               "#!/bin/sh\necho '{\"type\":\"hello\",\"protocol\":\"1.0\",\"implementation\":"
               "{\"name\":\"hung\",\"version\":\"0\"},\"features\":[]}'\nread w\nread c\n"
               "sleep 300 &\necho $$ $! > '" + pids.string() + ".tmp'\nmv '" + pids.string() +
                   ".tmp' '" + pids.string() + "'\nsleep 300\n");
    std::filesystem::permissions(dir / "adapter", std::filesystem::perms::owner_all);
    const auto json = dir / "report.json";
    const auto junit = dir / "report.xml";
    write_text(json, "{\"stale\": true}");
    write_text(junit, "<stale/>");
    const pid_t harness = spawn({CSC_HARNESS, "run", spec_vector("spec-01-single-chain-from-genesis").string(),
                                 "--adapter", (dir / "adapter").string(), "--timeout", "120",
                                 "--json", json.string(), "--junit", junit.string()});
    ASSERT_GT(harness, 0);
    for (int i = 0; i < 1000 && !std::filesystem::exists(pids); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_TRUE(std::filesystem::exists(pids)) << "the adapter never got its case";
    int adapter = 0, child = 0;
    std::ifstream(pids) >> adapter >> child;
    ASSERT_GT(adapter, 0);
    ASSERT_GT(child, 0);
    ASSERT_EQ(::kill(harness, sig), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(harness, &status, 0), harness);
    EXPECT_TRUE(WIFEXITED(status)) << "signal " << sig << ": status " << status;
    if (WIFEXITED(status)) {
      EXPECT_EQ(WEXITSTATUS(status), 128 + sig);
    }
    EXPECT_TRUE(gone(adapter)) << "signal " << sig << ": the adapter outlived the harness";
    EXPECT_TRUE(gone(child)) << "signal " << sig << ": the adapter's child outlived the harness";
    EXPECT_FALSE(std::filesystem::exists(json)) << "a stale JSON report is left";
    EXPECT_FALSE(std::filesystem::exists(junit)) << "a stale JUnit report is left";
    if (!gone(adapter, 0)) ::kill(-adapter, SIGKILL);
    if (!gone(child, 0)) ::kill(child, SIGKILL);
  }
}

}  // namespace
}  // namespace cryptarchia::harness::test
