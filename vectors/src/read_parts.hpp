// Readers for the self-contained parts of a vector: each checks one JSON
// value completely (types, ranges, allowed fields, names) and converts it.
// References between parts (block ids) are resolved in vector_read.cpp.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cryptarchia/scenario.hpp"
#include "json_reader.hpp"

namespace cryptarchia::vectors {

void check_format(const Node& node);
// Returns the minor version.
unsigned check_version(const Node& node);
// A short, safe name: it is also the vector's file name.
std::string read_vector_id(const Node& node);
std::vector<std::string> read_tags(const Node& node);
Config read_config(const Node& node);
Mode read_mode(const Node& node);
Budget read_budget(const Node& node);

Note read_note(const Node& node);
BlockHeader read_header(const Node& node);
LedgerState read_state(const Node& node);

// Faults on download and end_stream_early need 1.3 (`minor_version`).
Fault read_fault(const Node& node, unsigned minor_version);
// What reading `expected` needs from the rest of the document.
struct ExpectedContext {
  unsigned minor_version = 0;
  std::size_t peer_count = 0;
};
// Keys are profile names, or (1.4) a profile with follower variants,
// "spec+fold-over-all-tips" (scenario.hpp's parse_run_as).
struct ExpectedByKey {
  std::map<Profile, Expectation> plain;
  std::map<RunAs, Expectation> with_variants;
};
ExpectedByKey read_expected(const Node& node, const ExpectedContext& context);

}  // namespace cryptarchia::vectors
