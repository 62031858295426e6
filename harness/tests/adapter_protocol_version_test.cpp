// Issue 12, item 12: a protocol version is MAJOR.MINOR, both digits (as a
// vector's "version" is). "1", "1.", "1.banana" and "1.0.0" were taken for
// major 1 because only the text before the first '.' was read; they are
// mismatches now, told `bye` like any other version the harness does not
// speak, and the message says why.
#include <gtest/gtest.h>

#include <fstream>

#include "adapter_test_support.hpp"

namespace cryptarchia::harness {
namespace {

using namespace testing;

AdapterLimits quick() {
  AdapterLimits limits;
  limits.case_timeout_seconds = 2;
  return limits;
}

TEST(ProtocolVersion, OnlyMajorDotMinorInDigitsIsSpoken) {
  for (const std::string version :
       {"1", "1.", "1.banana", "1.0.0", ".0", "1.0 ", " 1.0", "1.+1", "1.-0", "1.0x", "1..0"}) {
    const auto dir = test_dir("malformed-version");
    const auto answer = dir / "answer";
    const auto script = write_script(
        dir, "adapter",
        hello_lines(version) + "echo \"$welcome\" > '" + answer.string() + "'\nsleep 30");
    try {
      subprocess({script.string()}, quick());
      ADD_FAILURE() << "'" << version << "': accepted";
    } catch (const ProtocolVersionMismatch& e) {
      EXPECT_NE(std::string(e.what()).find("the harness speaks protocol 1.2, the adapter " + version +
                                           " (\"" + version + "\" is not MAJOR.MINOR in digits)"),
                std::string::npos)
          << e.what();
    }
    std::ifstream in(answer);
    std::string line;
    std::getline(in, line);
    EXPECT_NE(line.find(R"("type":"bye")"), std::string::npos) << version << ": " << line;
  }
}

TEST(ProtocolVersion, EveryMinorOfMajorOneIsSpoken) {
  for (const std::string version : {"1.0", "1.7", "1.12"}) {
    const auto script = write_script(test_dir("minor-version"), "adapter",
                                     hello_lines(version) + "while read line; do :; done");
    EXPECT_NO_THROW(subprocess({script.string()}, quick())) << version;
  }
}

}  // namespace
}  // namespace cryptarchia::harness
