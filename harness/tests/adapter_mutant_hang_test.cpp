// Issue 12, item 4: a mutant that hangs is timed out by the mutation
// runner. Its forked child was SIGKILLed, so the adapters it had started
// were never shut down and kept running. The child is now asked to stop
// first (SIGTERM, which the harness handles by killing its adapters'
// groups), and killed only if it has not ended within 2 s.
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "adapter_test_support.hpp"
#include "cryptarchia/properties/mutation_runner.hpp"
#include "interrupt.hpp"

namespace cryptarchia::harness {
namespace {

using namespace testing;

TEST(MutantHang, AHungMutantsAdapterAndItsChildrenAreKilledWithItsRunner) {
  interrupt::install_handlers();  // as `harness` does at start
  const auto dir = test_dir("mutant-hang");
  const auto pids = dir / "pids";
  const auto script = write_script(
      dir, "adapter",
      hello_lines() + "read c\nsleep 300 &\necho $$ $! > '" + pids.string() + ".tmp'\nmv '" +
          pids.string() + ".tmp' '" + pids.string() + "'\nsleep 300\n");
  const Scenario s = corpus_scenario("spec/spec-01-single-chain-from-genesis.json");
  props::MutationOptions options;
  options.timeout_seconds = 2;
  options.quick = true;
  const auto check_vectors = [&] {
    AdapterLimits limits;
    limits.case_timeout_seconds = 120;
    subprocess({script.string()}, limits)->run(s, false);  // hangs
    return props::VectorCheck{};
  };
  const props::MutantReport report = props::measure_mutant(
      "hangs", {}, adapter_node_factory({script.string()}), check_vectors, options);
  EXPECT_NE(report.crash.find("hang"), std::string::npos) << report.crash;
  ASSERT_TRUE(std::filesystem::exists(pids));
  int adapter = 0, child = 0;
  std::ifstream(pids) >> adapter >> child;
  EXPECT_TRUE(process_gone(adapter)) << "the hung mutant's adapter outlived its runner";
  EXPECT_TRUE(process_gone(child)) << "the adapter's child outlived the runner";
  if (!process_gone(adapter, 0)) ::kill(-adapter, SIGKILL);
  if (!process_gone(child, 0)) ::kill(child, SIGKILL);
}

}  // namespace
}  // namespace cryptarchia::harness
