// An implementation under test behind the adapter protocol (PROTOCOL.md):
// a subprocess the harness starts, talks to over stdin/stdout, restarts
// after any error, and never lets hang or flood the harness.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "cryptarchia/harness/implementation.hpp"
#include "cryptarchia/properties/node.hpp"

namespace cryptarchia::harness {

struct AdapterLimits {
  double case_timeout_seconds = 10.0;
  std::size_t max_line_bytes = 1u << 20;
  std::size_t max_case_output_bytes = 64u << 20;
  std::size_t stderr_tail_bytes = 4096;
};

// The adapter could not be started or failed its handshake.
class AdapterError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The adapter speaks another major version of the protocol (exit status 3).
class ProtocolVersionMismatch : public AdapterError {
 public:
  using AdapterError::AdapterError;
};

// Linux: makes this process the reaper of what its adapters start
// (PR_SET_CHILD_SUBREAPER), so that a process that leaves an adapter's
// process group (setsid, setpgid) is reparented here when its parent dies,
// and killed (with its group) once the adapter is done. `harness` does this
// at start. Returns false where the system does not allow it.
bool reap_escaped_descendants();

// Starts `argv` (program and arguments) as an adapter and completes the
// handshake; throws AdapterError or ProtocolVersionMismatch if it cannot.
// Outcomes are judged against the expectation of `judged_as` when given,
// else of what the adapter's hello says it follows (protocol 1.2), else of
// the reference profile.
std::unique_ptr<Implementation> subprocess(std::vector<std::string> argv,
                                           AdapterLimits limits = {},
                                           std::optional<RunAs> judged_as = std::nullopt);

// The same adapter as a node for the property suite (harness `check`): each
// node is one case, each sync one `sync` message.
// `argv` as one POSIX shell command line, each word quoted where it needs it.
std::string shell_words(const std::vector<std::string>& argv);

props::NodeFactory adapter_node_factory(std::vector<std::string> argv, AdapterLimits limits = {});

}  // namespace cryptarchia::harness
