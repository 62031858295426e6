// `harness check`: differential property testing of an adapter. Runs the
// property suite with the adapter as the node under test; every shrunk
// counterexample is saved as a vector.
#pragma once

#include <string>
#include <vector>

namespace cryptarchia::harness {

struct CheckOptions {
  std::vector<std::string> adapter;  // program and arguments
  int cases = 100;                   // per property
  std::string out_dir;               // where counterexamples go
  bool shrink = true;                // false: save counterexamples as first found
};

// Returns the process exit status (0 all hold, 1 some property failed,
// 2 harness error, 3 protocol version mismatch).
int run_check(const CheckOptions& options);

}  // namespace cryptarchia::harness
