// Follower variants through the adapter protocol (protocol 1.2, hello
// "follows"; docs/VARIANTS.md): an adapter is judged as what it says it
// follows, by the vector's expectation for those variants or, where the
// vector stores none, by the in-process profile with the same variants; one
// that follows variants without saying so, or says so without following
// them, fails the vectors on which they change the outcome.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "adapter_test_support.hpp"
#include "cryptarchia/harness/subprocess.hpp"
#include "run_case.hpp"
#include "vector_selection.hpp"

namespace cryptarchia::harness {
namespace {

using testing::corpus_scenario;
using testing::hello_lines;
using testing::reference_adapter;
using testing::test_dir;
using testing::write_script;

const RunAs kDensity(Profile::Reference, {Variant::DensityWindowIncludesBound});

std::vector<std::string> adapter_with(Profile profile, const std::string& variants,
                                      bool hide = false) {
  std::vector<std::string> argv = reference_adapter(profile);
  argv.insert(argv.end(), {"--variants", variants});
  if (hide) argv.push_back("--hide-variants");
  return argv;
}

CaseReport run_vector(Implementation& impl, const std::string& relative) {
  return run_case(impl, load(std::filesystem::path(CSC_CORPUS_DIR) / relative));
}

const char* kVariant01 = "variants/variant-01-density-window-includes-bound.json";
const char* kVariant02 = "variants/variant-02-fork-choice-on-every-block.json";
const char* kVariant03 = "variants/variant-03-slot-after-parent.json";

TEST(AdapterVariants, AnAdapterIsJudgedAsWhatItSaysItFollows) {
  auto impl = subprocess(adapter_with(Profile::Reference, "density-window-includes-bound"));
  EXPECT_EQ(impl->judged_as(), kDensity);
  ASSERT_TRUE(impl->declares());
  EXPECT_EQ(*impl->declares(), kDensity);
  const CaseReport r = run_vector(*impl, kVariant01);
  EXPECT_EQ(r.outcome, Outcome::Pass) << r.message;
  // The vector stores this key: no computing, and the report says whose it is.
  EXPECT_NE(r.message.find("judged by the vector's expectation for "
                           "reference+density-window-includes-bound"),
            std::string::npos)
      << r.message;
}

TEST(AdapterVariants, AVectorWithoutTheVariantsIsJudgedByTheInProcessProfileWithThem) {
  // spec-03 stores only plain expectations; the variant changes nothing on
  // it, so the plain expectation judges, and the report says why.
  auto same = subprocess(adapter_with(Profile::Spec, "density-window-includes-bound"));
  const CaseReport r = run_vector(*same, "spec/spec-03-forks-from-genesis.json");
  EXPECT_EQ(r.outcome, Outcome::Pass) << r.message;
  EXPECT_NE(r.message.find("ends the same with the variants"), std::string::npos) << r.message;

  // variant-02 stores no key for density-window-includes-bound alone: the
  // in-process reference computes it (the variant does not change the
  // outcome there either) and the adapter passes.
  auto density = subprocess(adapter_with(Profile::Reference, "density-window-includes-bound"));
  const CaseReport r2 = run_vector(*density, kVariant02);
  EXPECT_EQ(r2.outcome, Outcome::Pass) << r2.message;
}

TEST(AdapterVariants, AVariantItFollowsWithoutSayingSoFailsWhereItChangesTheOutcome) {
  auto hidden =
      subprocess(adapter_with(Profile::Reference, "density-window-includes-bound", true));
  EXPECT_EQ(hidden->judged_as(), RunAs(Profile::Reference));
  const CaseReport r = run_vector(*hidden, kVariant01);
  EXPECT_EQ(r.outcome, Outcome::Fail) << r.message;
  // Where the variant does not change the outcome it passes.
  EXPECT_EQ(run_vector(*hidden, kVariant02).outcome, Outcome::Pass);
  // A ledger that refuses a block in its parent's slot, undeclared.
  auto ledger = subprocess(adapter_with(Profile::Spec, "slot-after-parent", true));
  EXPECT_EQ(run_vector(*ledger, kVariant03).outcome, Outcome::Fail);
  auto declared = subprocess(adapter_with(Profile::Spec, "slot-after-parent"));
  EXPECT_EQ(run_vector(*declared, kVariant03).outcome, Outcome::Pass);
}

TEST(AdapterVariants, JudgedAsVariantsItDoesNotFollowItFails) {
  // --impl (here the judged_as argument) overrides what the hello says.
  auto plain = subprocess(reference_adapter(Profile::Reference), {}, kDensity);
  EXPECT_EQ(plain->judged_as(), kDensity);
  EXPECT_EQ(run_vector(*plain, kVariant01).outcome, Outcome::Fail);
  // Judged as fork-choice-on-every-block, which changes variant-02 and
  // which the vector stores.
  auto every = subprocess(reference_adapter(Profile::Reference), {},
                          RunAs(Profile::Reference, {Variant::ForkChoiceOnEveryBlock}));
  const CaseReport r = run_vector(*every, kVariant02);
  EXPECT_EQ(r.outcome, Outcome::Fail) << r.message;
}

TEST(AdapterVariants, TheFoldOverAllTipsIsJudgedAgainstEveryOrder) {
  // The adapter folds in ascending id order; the vector allows both tips.
  auto engine = subprocess(adapter_with(
      Profile::Reference, "density-window-includes-bound,fork-choice-on-every-block,fold-over-all-tips,"
                         "slot-after-parent"));
  EXPECT_EQ(engine->judged_as(), RunAs(Profile::Reference, Variants::engine()));
  for (const char* v : {kVariant01, kVariant02, kVariant03}) {
    const CaseReport r = run_vector(*engine, v);
    EXPECT_EQ(r.outcome, Outcome::Pass) << v << ": " << r.message;
  }
}

TEST(AdapterVariants, FollowsIsProtocol1_2AndMustNameKnownVariantsInOrder) {
  AdapterLimits limits;
  limits.case_timeout_seconds = 5;
  const auto hello_with = [](const std::string& protocol, const std::string& follows) {
    return "echo '{\"type\":\"hello\",\"protocol\":\"" + protocol +
           "\",\"implementation\":{\"name\":\"n\",\"version\":\"0\"},\"follows\":" + follows +
           "}'\nread welcome\nsleep 30\n";
  };
  const auto error_of = [&](const std::string& name, const std::string& body) -> std::string {
    const auto script = write_script(test_dir(name), "adapter", body);
    try {
      subprocess({script.string()}, limits);
    } catch (const AdapterError& e) {
      return e.what();
    }
    return "(accepted)";
  };
  EXPECT_NE(error_of("follows-in-1.1", hello_with("1.1", "\"spec+fold-over-all-tips\""))
                .find("that field is protocol 1.2"),
            std::string::npos);
  EXPECT_NE(error_of("follows-unknown", hello_with("1.2", "\"spec+fold-over-all\""))
                .find("hello.follows \"spec+fold-over-all\" is not a profile with follower "
                      "variants: unknown follower variant \"fold-over-all\""),
            std::string::npos);
  EXPECT_NE(error_of("follows-order",
                     hello_with("1.2", "\"spec+fold-over-all-tips+density-window-includes-bound\""))
                .find("names its variants out of order"),
            std::string::npos);
  EXPECT_NE(error_of("follows-type", hello_with("1.2", "[\"spec\"]")).find("hello.follows"),
            std::string::npos);
  EXPECT_EQ(error_of("follows-ok", hello_with("1.2", "\"seed\"")), "(accepted)");
  // No follows: judged as the reference, as before 1.2.
  const auto plain = write_script(test_dir("follows-none"), "adapter", hello_lines("1.1") + "sleep 30");
  auto impl = subprocess({plain.string()}, limits);
  EXPECT_EQ(impl->judged_as(), RunAs(Profile::Reference));
  EXPECT_FALSE(impl->declares());
}

}  // namespace
}  // namespace cryptarchia::harness
