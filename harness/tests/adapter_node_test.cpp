// The adapter as a property-suite node: results match this library's node
// of the same profile, syncs repeat on one node, and errors become results.
#include <gtest/gtest.h>

#include "adapter_test_support.hpp"

namespace cryptarchia::harness {
namespace {

using namespace testing;

TEST(AdapterNode, RunsLikeTheProfileNode) {
  const Scenario s = corpus_scenario("spec/spec-10-checkpoint-forks.json");
  const props::NodeFactory factory = adapter_node_factory(reference_adapter(Profile::Reference));
  const props::Run ours = props::run_once(factory, s);
  const props::Run theirs = props::run_once(props::profile_node(Profile::Reference), s);
  EXPECT_EQ(ours.result.end, theirs.result.end);
  EXPECT_EQ(ours.result.tip, theirs.result.tip);
  EXPECT_EQ(ours.result.tree, theirs.result.tree);
  EXPECT_EQ(ours.result.requests, theirs.result.requests);
  const SyncResult again = props::sync_again(*ours.node, s, s.budget);
  EXPECT_EQ(again.end, SyncEnd::Completed) << again.summary();
  EXPECT_EQ(again.tree, ours.result.tree);
}

TEST(AdapterNode, SeveralNodesAtOnce) {
  const Scenario s = corpus_scenario("spec/spec-06-multiple-peers-from-genesis.json");
  const props::NodeFactory factory = adapter_node_factory(reference_adapter());
  const props::Run a = props::run_once(factory, s);
  const props::Run b = props::run_once(factory, s);
  EXPECT_EQ(a.result.tip, b.result.tip);
  EXPECT_EQ(a.result.end, SyncEnd::Completed);
}

TEST(AdapterNode, ASecondSyncNeedsSyncAgain) {
  const auto script = write_script(test_dir("no-sync-again"), "adapter",
                                   "exec '" + std::string(CSC_REFERENCE_ADAPTER) + "'");
  // The reference adapter declares sync-again; a wrapper that hides it:
  const auto hiding = write_script(test_dir("hide-sync-again"), "adapter",
                                   "'" + script.string() + "' | sed -u 's/,\"sync-again\"//'");
  const Scenario s = corpus_scenario("spec/spec-01-single-chain-from-genesis.json");
  const props::Run run = props::run_once(adapter_node_factory({hiding.string()}), s);
  ASSERT_EQ(run.result.end, SyncEnd::Completed) << run.result.summary();
  try {
    const SyncResult again = props::sync_again(*run.node, s, s.budget);
    FAIL() << "a second sync without sync-again gave a result: " << again.summary();
  } catch (const props::ImplementationError& e) {
    EXPECT_NE(std::string(e.what()).find("sync-again"), std::string::npos) << e.what();
  }
}

// An adapter error is never a result to judge (an aborted sync would pass
// properties that only look at how a sync ended).
TEST(AdapterNode, AnErrorIsAnImplementationErrorNotAResult) {
  const auto script = write_script(
      test_dir("node-error"), "adapter",
      hello_lines() + "read c\nread s\necho '{\"type\":\"tip\",\"peer\":99}'\nsleep 5");
  AdapterLimits limits;
  limits.case_timeout_seconds = 0.5;
  const Scenario s = corpus_scenario("spec/spec-01-single-chain-from-genesis.json");
  try {
    const props::Run run = props::run_once(adapter_node_factory({script.string()}, limits), s);
    FAIL() << "an erring adapter gave a result: " << run.result.summary();
  } catch (const props::ImplementationError& e) {
    EXPECT_NE(std::string(e.what()).find("peer 99"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace cryptarchia::harness
