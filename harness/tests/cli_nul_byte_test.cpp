// Issue 12, item 9 (vector files): a NUL byte ended the parse of a vector,
// so everything after it (even a second document) was ignored. The file is
// refused, naming the byte, line and column of the NUL.
#include <gtest/gtest.h>

#include "cli_test_support.hpp"

namespace cryptarchia::harness::test {
namespace {

TEST(NulByte, ANulInAVectorFileIsALoadErrorNamingTheFileAndLine) {
  const auto dir = scratch_dir("nul-vector");
  const std::string text = read_text(spec_vector("spec-01-single-chain-from-genesis"));
  const std::size_t end = text.rfind('}') + 1;
  const std::string second_document = std::string("\n\0\n", 3) + text;  // after the document
  const std::string inside = text.substr(0, 40) + std::string(1, '\0') + text.substr(40);
  for (const auto& [name, content] :
       {std::pair<std::string, std::string>{"after", text.substr(0, end) + second_document},
        std::pair<std::string, std::string>{"inside", inside}}) {
    const auto file = dir / (name + ".json");
    write_text(file, content);
    const std::size_t at = content.find('\0');
    const std::size_t line = 1 + std::count(content.begin(), content.begin() + at, '\n');
    const CliResult r = run_cli({"run", file.string()});
    EXPECT_EQ(r.code, 1) << name << r.err;
    EXPECT_NE(r.out.find(file.string() + ": a NUL byte at byte " + std::to_string(at) + " (line " +
                         std::to_string(line) + ")"),
              std::string::npos)
        << name << ": " << r.out;
  }
}

}  // namespace
}  // namespace cryptarchia::harness::test
