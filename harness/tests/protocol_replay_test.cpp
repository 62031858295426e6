// The buffer seam the fuzz target drives (protocol_replay.hpp): recorded
// transcripts of the reference adapter replay as clean two-case runs, the
// hand-written seeds end as they were written to, and every input that once
// crashed the harness (fuzz/regressions/fuzz_adapter_protocol) now ends as a
// protocol error. The scenario numbering is the fuzz target's.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "adapter_test_support.hpp"
#include "cryptarchia/vectors/vector_io.hpp"
#include "protocol_json.hpp"
#include "protocol_replay.hpp"
#include "protocol_transport.hpp"

namespace cryptarchia::harness {
namespace {

using detail::Replay;

const std::vector<Scenario>& fuzz_scenarios() {
  static const std::vector<Scenario> all = [] {
    std::vector<Scenario> out;
    for (const char* dir : {"spec", "errata"}) {
      for (const auto& f : vectors::find_vectors(std::filesystem::path(CSC_CORPUS_DIR) / dir)) {
        out.push_back(vectors::load_vector(f));
      }
    }
    return out;
  }();
  return all;
}

// As fuzz_adapter_protocol runs an input.
Replay replay_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  const std::string bytes = text.str();
  EXPECT_FALSE(bytes.empty()) << file;
  if (bytes.empty()) return {};
  const auto selector = static_cast<unsigned char>(bytes[0]);
  AdapterLimits limits;
  limits.max_line_bytes = 4096;
  limits.max_case_output_bytes = 64 * 1024;
  return detail::replay_adapter_output(
      fuzz_scenarios()[(selector & 0x7f) % fuzz_scenarios().size()], bytes.substr(1),
      (selector & 0x80) != 0, limits);
}

std::vector<std::filesystem::path> files_in(const std::string& dir) {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::directory_iterator(std::string(CSC_FUZZ_DIR) + "/" + dir)) {
    out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ProtocolReplay, RecordedTranscriptsReplayAsTwoCleanCases) {
  int recorded = 0;
  for (const auto& file : files_in("seeds/protocol")) {
    if (file.filename().string().rfind("recorded-", 0) != 0) continue;
    ++recorded;
    const Replay r = replay_file(file);
    EXPECT_EQ(r.error, "") << file.filename();
    EXPECT_EQ(r.cases_run, 2) << file.filename();
  }
  EXPECT_EQ(recorded, 78);  // 26 vectors x 3 profiles
}

TEST(ProtocolReplay, HandWrittenSeedsEndAsWritten) {
  const std::map<std::string, std::string> errors = {
      {"hand-version-mismatch", "the harness speaks protocol 1.2, the adapter 2.0"},
      {"hand-wrong-shape", "a request for peer [[[[1]]]], which does not exist"},
  };
  for (const auto& file : files_in("seeds/protocol")) {
    const std::string name = file.filename().string();
    if (name.rfind("hand-", 0) != 0) continue;
    const Replay r = replay_file(file);
    if (const auto it = errors.find(name); it != errors.end()) {
      EXPECT_NE(r.error.find(it->second), std::string::npos) << name << ": " << r.error;
    } else if (name == "hand-skip-case") {
      EXPECT_TRUE(r.skipped) << r.error;
    } else if (name == "hand-abort-with-details") {
      // An aborted case with every abort detail, then a completed one.
      EXPECT_EQ(r.cases_run, 2) << r.error;
      EXPECT_EQ(r.error, "");
    } else {
      // One clean case, then the transcript ends during the second.
      EXPECT_EQ(r.cases_run, 1) << name << ": " << r.error;
      EXPECT_NE(r.error.find("the adapter closed its stdout"), std::string::npos) << name;
    }
  }
}

TEST(ProtocolReplay, EveryInputThatOnceCrashedTheHarnessIsAProtocolError) {
  const std::map<std::string, std::string> why = {
      {"deep-nesting-in-slot", "a message nested deeper than 16 levels"},
  };
  const auto files = files_in("regressions/fuzz_adapter_protocol");
  EXPECT_GE(files.size(), why.size());
  for (const auto& file : files) {
    const Replay r = replay_file(file);
    EXPECT_FALSE(r.error.empty()) << file.filename();
    if (const auto it = why.find(file.filename().string()); it != why.end()) {
      EXPECT_NE(r.error.find(it->second), std::string::npos) << r.error;
    }
  }
}

TEST(ProtocolReplay, ABufferTransportKeepsWhatTheHarnessWrote) {
  detail::BufferTransport t("{\"a\":1}\nrest-without-newline");
  const auto never = detail::Clock::now();
  t.write_line("to the adapter", never);
  EXPECT_EQ(t.written(), std::vector<std::string>{"to the adapter"});
  EXPECT_EQ(t.read_line(never, 100), "{\"a\":1}");
  EXPECT_THROW((void)t.read_line(never, 100), protocol::ProtocolError);  // no newline: EOF
  detail::BufferTransport longer(std::string(200, 'x') + "\n");
  EXPECT_THROW((void)longer.read_line(never, 100), protocol::ProtocolError);
}

}  // namespace
}  // namespace cryptarchia::harness
