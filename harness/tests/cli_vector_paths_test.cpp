// Issue 12, item 11: the vectors of a run are files, not spellings of
// paths. `spec spec/../spec` ran every vector twice; two files with one
// vector id, or a vector whose id is not its file's name, were accepted
// silently (reports and expected-failures lists are keyed by id). A file is
// now run once however it is reached, and the other two are load errors.
#include <gtest/gtest.h>

#include "cli_test_support.hpp"

namespace cryptarchia::harness::test {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

const std::string kId = "spec-01-single-chain-from-genesis";

TEST(VectorPaths, AFileReachedTwoWaysRunsOnce) {
  const auto spec = corpus_dir() / "spec";
  std::size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(spec)) files += e.path().extension() == ".json";
  const CliResult r = run_cli({"run", spec.string(), (spec / ".." / "spec").string(),
                               (spec / (kId + ".json")).string()});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(summary_line(r.out), std::to_string(files) + " passed, 0 failed, 0 xfailed, 0 skipped, 0 errors")
      << r.out;
}

TEST(VectorPaths, TwoFilesWithOneIdAreALoadErrorNamingBoth) {
  const auto dir = scratch_dir("same-id");
  std::filesystem::create_directories(dir / "a");
  std::filesystem::create_directories(dir / "b");
  std::filesystem::copy_file(spec_vector(kId), dir / "a" / (kId + ".json"));
  std::filesystem::copy_file(spec_vector(kId), dir / "b" / (kId + ".json"));
  const CliResult r = run_cli({"run", dir.string()});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(summary_line(r.out), "1 passed, 0 failed, 0 xfailed, 0 skipped, 1 errors") << r.out;
  EXPECT_TRUE(contains(r.out, (dir / "b" / (kId + ".json")).string() + ": /id: the vector id \"" +
                                  kId + "\" is also the id of " +
                                  (dir / "a" / (kId + ".json")).string()))
      << r.out;
}

TEST(VectorPaths, AnIdThatIsNotTheFilesNameIsALoadError) {
  const auto dir = scratch_dir("id-not-name");
  std::filesystem::copy_file(spec_vector(kId), dir / "renamed.json");
  const CliResult r = run_cli({"run", dir.string()});
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(contains(r.out, (dir / "renamed.json").string() + ": /id: the vector id \"" + kId +
                                  "\" is not the file's name (" + kId + ".json)"))
      << r.out;
}

}  // namespace
}  // namespace cryptarchia::harness::test
