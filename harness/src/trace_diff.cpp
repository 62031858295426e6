#include "trace_diff.hpp"

#include <algorithm>

namespace cryptarchia::harness {

std::optional<std::size_t> first_departure(const std::vector<std::string>& a,
                                           const std::vector<std::string>& b) {
  const auto [in_a, in_b] = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
  if (in_a == a.end() && in_b == b.end()) return std::nullopt;
  return static_cast<std::size_t>(in_a - a.begin());
}

namespace {

void write_line(std::ostream& out, std::size_t index, const std::string& who, std::size_t width,
                const std::string& line) {
  out << "  #" << index + 1 << " " << who << ":" << std::string(width - who.size() + 1, ' ')
      << line << "\n";
}

void write_side(std::ostream& out, const NamedTrace& t, std::size_t at, std::size_t context,
                std::size_t width) {
  if (at >= t.lines.size()) {
    write_line(out, at, t.name, width, "(no more requests)");
    return;
  }
  for (std::size_t i = at; i < t.lines.size() && i <= at + context; ++i) {
    write_line(out, i, t.name, width, t.lines[i]);
  }
}

}  // namespace

void write_departure(std::ostream& out, const NamedTrace& a, const NamedTrace& b, std::size_t at,
                     std::size_t context) {
  const std::string both = "both";
  const std::size_t width = std::max({a.name.size(), b.name.size(), both.size()});
  for (std::size_t i = at > context ? at - context : 0; i < at; ++i) {
    write_line(out, i, both, width, a.lines[i]);
  }
  write_side(out, a, at, context, width);
  write_side(out, b, at, context, width);
}

}  // namespace cryptarchia::harness
