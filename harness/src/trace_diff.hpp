// Two traces of one vector compared request by request: a line of a trace
// (trace_peer.hpp) is one request made of a peer, with its answer.
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace cryptarchia::harness {

// The index of the first line where the traces differ (or where the shorter
// one ends), or nothing when they are equal.
std::optional<std::size_t> first_departure(const std::vector<std::string>& a,
                                           const std::vector<std::string>& b);

// A trace and what to call it ("adapter", "in-process reference").
struct NamedTrace {
  std::string name;
  const std::vector<std::string>& lines;
};

// The departure at `at` (as first_departure found it): up to `context`
// shared lines before it, then each side's line there and up to `context`
// more, every line numbered from 1.
void write_departure(std::ostream& out, const NamedTrace& a, const NamedTrace& b, std::size_t at,
                     std::size_t context = 3);

}  // namespace cryptarchia::harness
