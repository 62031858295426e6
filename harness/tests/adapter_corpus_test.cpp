// Every corpus vector through the reference adapter ends as the same
// profile does in-process: end, tip, forks, tree and request counts.
#include <gtest/gtest.h>

#include <chrono>

#include "adapter_test_support.hpp"
#include "cryptarchia/vectors/vector_io.hpp"

namespace cryptarchia::harness {
namespace {

using namespace testing;

class CorpusThroughAdapter : public ::testing::TestWithParam<Profile> {};

TEST_P(CorpusThroughAdapter, MatchesTheProfileInProcess) {
  const Profile profile = GetParam();
  const auto files = vectors::find_vectors(CSC_CORPUS_DIR);
  ASSERT_GE(files.size(), 20u);
  std::vector<Scenario> scenarios;
  for (const auto& f : files) scenarios.push_back(vectors::load_vector(f));

  const auto t0 = std::chrono::steady_clock::now();
  std::vector<ScenarioRun> expected;
  for (const Scenario& s : scenarios) expected.push_back(run_scenario(s, profile));
  const auto t1 = std::chrono::steady_clock::now();
  auto adapter = subprocess(reference_adapter(profile), AdapterLimits{}, profile);
  std::vector<CaseOutcome> outcomes;
  for (const Scenario& s : scenarios) outcomes.push_back(adapter->run(s, false));
  const auto t2 = std::chrono::steady_clock::now();

  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    SCOPED_TRACE(scenarios[i].id);
    const CaseOutcome& out = outcomes[i];
    ASSERT_EQ(out.kind, CaseOutcome::Kind::Ran) << out.message;
    const SyncResult& want = expected[i].result;
    EXPECT_EQ(out.result.end, want.end) << out.result.summary() << "\n" << want.summary();
    EXPECT_EQ(out.result.tip, want.tip);
    EXPECT_EQ(out.result.forks, want.forks);
    EXPECT_EQ(out.result.tree, want.tree);
    ASSERT_EQ(out.result.abort.has_value(), want.abort.has_value());
    if (want.abort) {
      EXPECT_EQ(out.result.abort->kind, want.abort->kind);
      EXPECT_EQ(out.result.abort->block_status, want.abort->block_status);
      EXPECT_EQ(out.result.abort->block, want.abort->block);
    }
    // The adapter is not told the step budget (PROTOCOL.md): where the profile
    // ran out of steps, the adapter spends requests until the harness stops it.
    if (want.detail.find("step budget") == std::string::npos) {
      EXPECT_EQ(out.result.requests, want.requests) << out.result.summary() << "\n"
                                                    << want.summary();
    }
  }
  std::uint64_t round_trips = 0;
  for (const CaseOutcome& out : outcomes) {
    round_trips += out.result.requests.requests() + out.result.requests.streamed_blocks;
  }
  using ms = std::chrono::duration<double, std::milli>;
  RecordProperty("in_process_ms", std::to_string(ms(t1 - t0).count()));
  RecordProperty("adapter_ms", std::to_string(ms(t2 - t1).count()));
  std::printf(
      "[ timing ] %s: %zu cases in-process %.1f ms, through the adapter %.1f ms "
      "(%.2f ms per case, handshake included; %llu requests and streamed blocks)\n",
      std::string(to_string(profile)).c_str(), scenarios.size(), ms(t1 - t0).count(),
      ms(t2 - t1).count(), ms(t2 - t1).count() / static_cast<double>(scenarios.size()),
      static_cast<unsigned long long>(round_trips));
}

INSTANTIATE_TEST_SUITE_P(Profiles, CorpusThroughAdapter,
                         ::testing::Values(Profile::Reference, Profile::Spec, Profile::Seed),
                         [](const auto& info) { return std::string(to_string(info.param)); });

TEST(ReferenceAdapter, NameAndTrace) {
  auto adapter = subprocess(reference_adapter(Profile::Spec));
  EXPECT_EQ(adapter->name(), "cryptarchia-reference-adapter spec");
  const CaseOutcome out =
      adapter->run(corpus_scenario("spec/spec-03-forks-from-genesis.json"), true);
  ASSERT_EQ(out.kind, CaseOutcome::Kind::Ran) << out.message;
  ASSERT_GE(out.protocol_log.size(), 3u);
  EXPECT_EQ(out.protocol_log.front().rfind("harness: {\"checkpoint\":null,\"type\":\"sync\"}", 0),
            0u)
      << out.protocol_log.front();
  EXPECT_EQ(out.protocol_log.back().rfind("adapter: {\"end\":\"completed\"", 0), 0u)
      << out.protocol_log.back();
  // The readable trace is the in-process route's, line for line.
  const CaseOutcome in =
      in_process(Profile::Spec)->run(corpus_scenario("spec/spec-03-forks-from-genesis.json"), true);
  EXPECT_FALSE(out.log.empty());
  EXPECT_EQ(out.log, in.log);
}

}  // namespace
}  // namespace cryptarchia::harness
