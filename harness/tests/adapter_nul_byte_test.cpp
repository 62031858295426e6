// Issue 12, item 9 (adapter lines): a NUL byte ended the parse of a line,
// so `{"type":"tip","peer":0}<NUL> garbage` was served as a `tip`. JSON text
// cannot hold a raw NUL: the line is refused, naming where the NUL is, and
// the message does not carry the NUL on to the report.
#include <gtest/gtest.h>

#include "adapter_test_support.hpp"

namespace cryptarchia::harness {
namespace {

using namespace testing;

TEST(NulByte, ANulInAnAdapterLineIsAnErrorNamingItsPosition) {
  const Scenario s = corpus_scenario("spec/spec-01-single-chain-from-genesis.json");
  for (const std::string printf_line :
       {R"({"type":"tip","peer":0}\000 garbage)", R"({"type":"tip",\000"peer":0})",
        R"(\000{"type":"tip","peer":0})"}) {
    const auto script = write_script(test_dir("nul-line"), "adapter",
                                     hello_lines() + "read c\nread s\nprintf '" + printf_line +
                                         "\\n'\nsleep 30\n");
    AdapterLimits limits;
    limits.case_timeout_seconds = 5;
    const CaseOutcome out = subprocess({script.string()}, limits)->run(s, false);
    ASSERT_EQ(out.kind, CaseOutcome::Kind::Error) << printf_line;
    const std::size_t at = std::string(printf_line).find("\\000");
    EXPECT_NE(out.message.find("a NUL byte at byte " + std::to_string(at) + " of the line"),
              std::string::npos)
        << out.message;
    EXPECT_EQ(out.message.find('\0'), std::string::npos) << "the NUL reached the message";
  }
}

}  // namespace
}  // namespace cryptarchia::harness
