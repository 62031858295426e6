// `harness merge`: the JSON reports of the shards of one `run` or `check`
// (--shard i/n on n machines) made into one report, as if one machine had
// run them all. The reports must come from the same command with the same
// settings; no result may appear twice (shards are disjoint); the summary
// is recounted from the outcomes.
#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cli.hpp"
#include "vector_selection.hpp"

namespace cryptarchia::harness {

namespace {

using nlohmann::ordered_json;

ordered_json read_report(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError(path + ": cannot read this report");
  std::stringstream text;
  text << in.rdbuf();
  ordered_json doc;
  try {
    doc = ordered_json::parse(text.str());
  } catch (const std::exception& e) {
    throw UsageError(path + ": not a JSON report (" + e.what() + ")");
  }
  if (!doc.is_object() || doc.value("suite", "") != "cryptarchia-sync") {
    throw UsageError(path + ": not a harness report (field 'suite' is not \"cryptarchia-sync\")");
  }
  if (!doc.contains("results") || !doc.at("results").is_array()) {
    throw UsageError(path + ": field 'results' is missing or not an array");
  }
  for (const ordered_json& r : doc.at("results")) {
    if (!r.is_object() || !r.contains("id") || !r.at("id").is_string() || !r.contains("outcome") ||
        !r.at("outcome").is_string()) {
      throw UsageError(path + ": a result of field 'results' lacks a string 'id' or 'outcome'");
    }
  }
  return doc;
}

}  // namespace

int merge_command(const MergeOptions& options, std::ostream& out, std::ostream& err) {
  return exit_status_of("merge", err, [&] {
    check_report_paths({{options.json_file, "JSON"}},
                       {options.reports.begin(), options.reports.end()});
    // Everything but the results and the summary must agree: what ran, on
    // what, judged how, with which seed and case count.
    ordered_json merged;
    std::string first;
    std::map<std::string, std::string> seen;  // result id -> the report it came from
    ordered_json results = ordered_json::array();
    for (const std::string& path : options.reports) {
      ordered_json doc = read_report(path);
      if (first.empty()) {
        first = path;
        merged = doc;
      } else {
        for (const auto& [key, value] : doc.items()) {
          if (key == "results" || key == "summary") continue;
          if (!merged.contains(key) || merged.at(key) != value) {
            throw UsageError(path + ": field '" + key + "' is " + value.dump() + " where " + first +
                             " has " + (merged.contains(key) ? merged.at(key).dump() : "none"));
          }
        }
        for (const auto& [key, value] : merged.items()) {
          if (!doc.contains(key) && key != "results" && key != "summary") {
            throw UsageError(path + ": field '" + key + "' is missing, which " + first + " has");
          }
        }
      }
      for (ordered_json& r : doc.at("results")) {
        const std::string id = r.at("id").get<std::string>();
        const auto [it, fresh] = seen.emplace(id, path);
        if (!fresh) {
          throw UsageError(path + ": result '" + id + "' is also in " + it->second +
                           ": the shards overlap");
        }
        results.push_back(std::move(r));
      }
    }
    // One order whatever the order of the shards: by id.
    std::stable_sort(results.begin(), results.end(), [](const ordered_json& a, const ordered_json& b) {
      return a.at("id").get<std::string>() < b.at("id").get<std::string>();
    });
    std::map<std::string, int> counts{{"pass", 0}, {"fail", 0}, {"xfail", 0}, {"skip", 0},
                                      {"error", 0}};
    for (const ordered_json& r : results) {
      const std::string outcome = r.at("outcome").get<std::string>();
      if (!counts.count(outcome)) {
        throw UsageError(seen.at(r.at("id").get<std::string>()) + ": result '" +
                         r.at("id").get<std::string>() + "' has an unknown outcome '" + outcome + "'");
      }
      ++counts[outcome];
    }
    merged["summary"] = {{"passed", counts["pass"]}, {"failed", counts["fail"]},
                         {"xfailed", counts["xfail"]}, {"skipped", counts["skip"]},
                         {"errors", counts["error"]}};
    merged["results"] = std::move(results);
    write_report_file(options.json_file,
                      merged.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n",
                      "JSON");
    const bool ok = counts["fail"] == 0 && counts["error"] == 0;
    out << "harness merge: " << options.reports.size() << " report(s), "
        << merged.at("results").size() << " result(s): " << counts["pass"] << " passed, "
        << counts["fail"] << " failed, " << counts["xfail"] << " xfailed, " << counts["skip"]
        << " skipped, " << counts["error"] << " errors\n";
    return ok ? 0 : 1;
  });
}

}  // namespace cryptarchia::harness
