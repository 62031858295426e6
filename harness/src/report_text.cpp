#include <cstdio>

#include "report.hpp"

namespace cryptarchia::harness {

std::string_view to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::Pass: return "pass";
    case Outcome::Fail: return "fail";
    case Outcome::XFail: return "xfail";
    case Outcome::Skip: return "skip";
    case Outcome::Error: return "error";
  }
  return "error";
}

Totals totals(const std::vector<CaseReport>& cases) {
  Totals t;
  for (const CaseReport& c : cases) {
    switch (c.outcome) {
      case Outcome::Pass: ++t.passed; break;
      case Outcome::Fail: ++t.failed; break;
      case Outcome::XFail: ++t.xfailed; break;
      case Outcome::Skip: ++t.skipped; break;
      case Outcome::Error: ++t.errors; break;
    }
  }
  return t;
}

namespace {
std::string upper(std::string_view s) {
  std::string out(s);
  for (char& ch : out) ch = static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch);
  return out;
}
std::string ms(double seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f ms", seconds * 1000.0);
  return buf;
}
}  // namespace

std::string printable(std::string_view text, bool keep_newlines) {
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto byte = static_cast<unsigned char>(ch);
    if ((byte < 0x20 && !(keep_newlines && ch == '\n')) || byte == 0x7f) {
      static const char* const hex = "0123456789abcdef";
      out += "\\x";
      out += hex[byte >> 4];
      out += hex[byte & 15];
    } else {
      out += ch;
    }
  }
  return out;
}

void write_case_line(std::ostream& out, const CaseReport& c) {
  out << upper(to_string(c.outcome)) << " " << printable(c.id) << " (" << ms(c.seconds) << ")";
  if (!c.message.empty()) {
    const std::string message = printable(c.message, true);
    out << ": ";
    std::size_t at = 0;
    for (std::size_t nl; (nl = message.find('\n', at)) != std::string::npos; at = nl + 1) {
      out << std::string_view(message).substr(at, nl - at) << "\n    | ";
    }
    out << std::string_view(message).substr(at);
  }
  out << "\n";
  for (const std::string& d : c.details) out << "    - " << printable(d) << "\n";
}

void write_summary(std::ostream& out, const std::vector<CaseReport>& cases, std::size_t ran,
                   double seconds) {
  const Totals t = totals(cases);
  out << "\n";
  out << "ran " << ran << " case(s) in " << ms(seconds);
  if (cases.size() > ran) out << "; " << cases.size() - ran << " stale expected failure(s)";
  out << "\n";
  out << t.passed << " passed, " << t.failed << " failed, " << t.xfailed << " xfailed, "
      << t.skipped << " skipped, " << t.errors << " errors\n";
}

}  // namespace cryptarchia::harness
