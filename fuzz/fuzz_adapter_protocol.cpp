// libFuzzer target: the harness side of the adapter protocol. The input is
// what an adapter writes on its stdout: the first byte picks the scenario
// (a vector of vectors/corpus/spec and vectors/corpus/errata, in sorted
// order) and, with its high bit, a traced exchange; the rest goes to the
// real AdapterSession through a BufferTransport, in 64 KiB chunks as a pipe
// delivers it (replay_adapter_output: the handshake and two cases). Every
// way the session may end is a ProtocolError or an AdapterError; any other
// exception, a crash or a sanitizer report is a finding.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "cryptarchia/vectors/vector_io.hpp"
#include "protocol_replay.hpp"

using namespace cryptarchia;

namespace {

const std::vector<Scenario>& scenarios() {
  static const std::vector<Scenario> all = [] {
    std::vector<Scenario> out;
    for (const char* dir : {"spec", "errata"}) {
      for (const auto& file : vectors::find_vectors(std::filesystem::path(CSC_CORPUS_DIR) / dir)) {
        out.push_back(vectors::load_vector(file));
      }
    }
    return out;
  }();
  return all;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::vector<Scenario>& all = scenarios();
  harness::AdapterLimits limits;  // smaller than the defaults, so that inputs reach them
  limits.max_line_bytes = 4096;
  limits.max_case_output_bytes = 64 * 1024;
  (void)harness::detail::replay_adapter_output(
      all[(data[0] & 0x7f) % all.size()],
      std::string(reinterpret_cast<const char*>(data) + 1, size - 1), (data[0] & 0x80) != 0,
      limits);
  return 0;
}
