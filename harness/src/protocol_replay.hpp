// An adapter's stdout, recorded or made up, replayed against the harness
// side of the protocol without a process: the handshake, then up to
// `cases` cases of `scenario`, one sync each, as `harness run` runs them.
// The fuzz target fuzz_adapter_protocol and its regression tests use it.
#pragma once

#include <string>

#include "cryptarchia/harness/subprocess.hpp"
#include "cryptarchia/scenario.hpp"

namespace cryptarchia::harness::detail {

struct Replay {
  int cases_run = 0;  // cases that ended with a `done`
  bool skipped = false;
  std::string error;  // the ProtocolError or AdapterError that ended it, if any
};

// Throws nothing but what the harness would not survive either: any
// exception other than a ProtocolError or an AdapterError is a bug.
Replay replay_adapter_output(const Scenario& scenario, std::string adapter_output, bool trace,
                             const AdapterLimits& limits, int cases = 2);

}  // namespace cryptarchia::harness::detail
