// Issue 12, item 13 (paths): a path given to `harness run` that exists but
// is not a vector file or a directory (a symlink to /dev/zero, a FIFO) was
// reported as "no such file or directory"; it now says what it is. A path
// that does not exist, or a link to nothing, still says so.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "cli_test_support.hpp"

namespace cryptarchia::harness::test {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(PathMessages, APathThatIsNotAFileOrADirectorySaysWhatItIs) {
  const auto dir = scratch_dir("path-messages");
  std::filesystem::create_symlink("/dev/zero", dir / "zero.json");
  ASSERT_EQ(mkfifo((dir / "fifo.json").c_str(), 0600), 0);
  std::filesystem::create_symlink(dir / "nothing-here", dir / "dangling.json");
  const struct {
    std::filesystem::path path;
    std::string reason;
  } cases[] = {
      {dir / "zero.json", "not a regular file or a directory (a character device)"},
      {dir / "fifo.json", "not a regular file or a directory (a FIFO)"},
      {dir / "dangling.json", "a symbolic link to " + (dir / "nothing-here").string() +
                                  ", which does not exist"},
      {dir / "absent.json", "no such file or directory"},
  };
  for (const auto& c : cases) {
    const CliResult r = run_cli({"run", c.path.string()});
    EXPECT_EQ(r.code, 2) << c.path;
    EXPECT_TRUE(contains(r.err, c.path.string() + ": " + c.reason)) << r.err;
    if (c.path != dir / "absent.json") {
      EXPECT_FALSE(contains(r.err, "no such file or directory")) << r.err;
    }
  }
}

}  // namespace
}  // namespace cryptarchia::harness::test
