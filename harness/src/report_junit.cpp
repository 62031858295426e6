#include <cstdio>
#include <filesystem>
#include <sstream>
#include <system_error>

#include "report.hpp"

namespace cryptarchia::harness {

namespace {

// The length of the valid UTF-8 sequence starting at text[i], or 0.
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  const std::size_t n = lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2
                      : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
  if (n == 0 || i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xc0) != 0x80) return 0;
  }
  if (n == 3 && lead == 0xe0 && byte(i + 1) < 0xa0) return 0;   // overlong
  if (n == 3 && lead == 0xed && byte(i + 1) >= 0xa0) return 0;  // surrogate
  if (n == 4 && lead == 0xf0 && byte(i + 1) < 0x90) return 0;   // overlong
  if (n == 4 && lead == 0xf4 && byte(i + 1) >= 0x90) return 0;  // past U+10FFFF
  return n;
}

// Text for an XML attribute or element: the five special characters
// escaped; control characters XML 1.0 cannot hold, and bytes that are not
// UTF-8 (an adapter's stderr may hold anything), replaced by '?'.
std::string xml(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const char ch = text[i];
    const auto u = static_cast<unsigned char>(ch);
    if (u >= 0x80) {
      const std::size_t n = utf8_length(text, i);
      out += n ? std::string(text.substr(i, n)) : std::string("?");
      i += n ? n : 1;
      continue;
    }
    ++i;
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\n': out += "&#10;"; break;
      case '\t': out += "&#9;"; break;
      default: out += (u < 0x20 || u == 0x7f) ? '?' : ch;
    }
  }
  return out;
}

// A path under the working directory, relative to it; any other as given.
std::string relative_to_working_directory(const std::string& file) {
  namespace fs = std::filesystem;
  if (file.empty()) return file;
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  if (ec) return file;
  const fs::path absolute = fs::absolute(fs::path(file), ec).lexically_normal();
  if (ec) return file;
  const fs::path relative = absolute.lexically_relative(cwd);
  if (relative.empty() || *relative.begin() == "..") return file;
  return relative.generic_string();
}

std::string seconds_text(double seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", seconds);
  return buf;
}

std::string body(const CaseReport& c) {
  std::string out;
  for (const std::string& d : c.details) out += d + "\n";
  return out;
}

}  // namespace

std::string to_junit_report(const std::vector<CaseReport>& cases, const ReportSubject& subject,
                            JunitOptions options) {
  const Totals t = totals(cases);
  double total_seconds = 0;
  for (const CaseReport& c : cases) total_seconds += c.seconds;
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites>\n";
  out << "  <testsuite name=\"cryptarchia-sync\" tests=\"" << cases.size() << "\" failures=\""
      << t.failed << "\" errors=\"" << t.errors << "\" skipped=\"" << (t.skipped + t.xfailed)
      << "\"" << (options.times ? " time=\"" + seconds_text(total_seconds) + "\"" : "") << ">\n";
  const auto property = [&](const char* name, const std::string& value) {
    out << "      <property name=\"" << name << "\" value=\"" << xml(value) << "\"/>\n";
  };
  out << "    <properties>\n";
  property("implementation", subject.implementation);
  property("judged_as", subject.judged_as);
  out << "    </properties>\n";
  for (const CaseReport& c : cases) {
    out << "    <testcase classname=\"" << xml(c.classname) << "\" name=\"" << xml(c.id)
        << "\" file=\"" << xml(relative_to_working_directory(c.file)) << "\"";
    if (options.times) out << " time=\"" << seconds_text(c.seconds) << "\"";
    const std::string message = xml(c.message);
    switch (c.outcome) {
      case Outcome::Pass: out << "/>\n"; continue;
      case Outcome::Fail:
        out << ">\n      <failure message=\"" << message << "\">" << xml(body(c)) << "</failure>\n";
        break;
      case Outcome::Error:
        out << ">\n      <error message=\"" << message << "\">" << xml(body(c)) << "</error>\n";
        break;
      case Outcome::Skip:
        out << ">\n      <skipped message=\"" << message << "\"/>\n";
        break;
      case Outcome::XFail:
        out << ">\n      <skipped message=\"xfail: " << message << "\"/>\n";
        break;
    }
    out << "    </testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
  return out.str();
}

}  // namespace cryptarchia::harness
