#include <nlohmann/json.hpp>

#include "report.hpp"

namespace cryptarchia::harness {

std::string to_json_report(const std::vector<CaseReport>& cases, const ReportSubject& subject) {
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  for (const CaseReport& c : cases) {
    nlohmann::ordered_json r;
    r["id"] = c.id;
    r["file"] = c.file;
    r["outcome"] = std::string(to_string(c.outcome));
    r["message"] = c.message;
    r["details"] = c.details;
    r["end"] = c.end ? nlohmann::ordered_json(*c.end) : nlohmann::ordered_json(nullptr);
    r["tip"] = c.tip ? nlohmann::ordered_json(*c.tip) : nlohmann::ordered_json(nullptr);
    r["requests"] = c.requests ? nlohmann::ordered_json(*c.requests) : nlohmann::ordered_json(nullptr);
    results.push_back(std::move(r));
  }
  const Totals t = totals(cases);
  nlohmann::ordered_json doc;
  doc["suite"] = "cryptarchia-sync";
  doc["implementation"] = subject.implementation;
  doc["judged_as"] = subject.judged_as;
  doc["summary"] = {{"passed", t.passed}, {"failed", t.failed}, {"xfailed", t.xfailed},
                    {"skipped", t.skipped}, {"errors", t.errors}};
  doc["results"] = std::move(results);
  // Invalid UTF-8 (say, in an adapter's stderr) is replaced, never thrown.
  return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace cryptarchia::harness
