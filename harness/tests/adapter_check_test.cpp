// `harness check`: the property suite holds for the reference profile
// behind the adapter and fails, with saved counterexamples, for the spec.
#include <gtest/gtest.h>

#include "adapter_test_support.hpp"
#include "cryptarchia/harness/check.hpp"

namespace cryptarchia::harness {
namespace {

using namespace testing;

std::size_t json_files(const std::filesystem::path& dir) {
  std::size_t n = 0;
  if (!std::filesystem::exists(dir)) return 0;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    n += e.path().extension() == ".json";
  return n;
}

TEST(HarnessCheck, ReferenceAdapterHolds) {
  const auto dir = test_dir("check-reference");
  CheckOptions options{reference_adapter(Profile::Reference), 20, dir.string()};
  EXPECT_EQ(run_check(options), 0);
  EXPECT_EQ(json_files(dir), 0u);
}

TEST(HarnessCheck, SpecAdapterFailsAndSavesVectors) {
  const auto dir = test_dir("check-spec");
  // Shrinking through a subprocess is slow (minutes under ASan) and not what
  // this test is about: the counterexamples are saved either way.
  CheckOptions options{reference_adapter(Profile::Spec), 20, dir.string(), false};
  EXPECT_EQ(run_check(options), 1);
  EXPECT_GE(json_files(dir), 1u);
}

TEST(HarnessCheck, VersionMismatchIsExitStatusThree) {
  const auto script =
      write_script(test_dir("check-major"), "adapter", hello_lines("7.1") + "sleep 5");
  EXPECT_EQ(run_check(CheckOptions{{script.string()}, 1, test_dir("check-major-out").string()}), 3);
}

TEST(HarnessCheck, AnAdapterThatDoesNotStartIsExitStatusTwo) {
  EXPECT_EQ(run_check(CheckOptions{{"/nonexistent/adapter"}, 1, test_dir("check-none").string()}),
            2);
}

}  // namespace
}  // namespace cryptarchia::harness
