// run_check(): the property suite against an adapter through the property
// engine; a verdict per property, counterexamples saved as vectors, and
// reports in the shape `run` writes.
#include "cryptarchia/harness/check.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <thread>

#include "cli.hpp"
#include "cryptarchia/harness/subprocess.hpp"
#include "cryptarchia/properties/case_export.hpp"
#include "cryptarchia/properties/property_engine.hpp"
#include "expected_failures.hpp"
#include "interrupt.hpp"
#include "protocol_session.hpp"
#include "vector_selection.hpp"
#include "report.hpp"

namespace cryptarchia::harness {

namespace {

using props::Outcome;
using props::PropertyVerdict;

// What the reports say a check is judged against: the properties and their oracle.
constexpr const char* kJudgedAs = "properties";

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

// One property's run and what became of it.
struct Checked {
  PropertyVerdict verdict;
  std::optional<std::string> expected_failure;  // the listed reason
  std::string counterexample_file;
  std::string save_error;
  double seconds = 0;
};

// The properties to check: all, or those named (an unknown name is a usage error).
std::vector<const props::PropertyDef*> chosen_properties(const CheckOptions& options) {
  std::vector<const props::PropertyDef*> out;
  for (const std::string& name : options.properties) {
    try {
      out.push_back(&props::property(name));
    } catch (const std::invalid_argument&) {
      throw UsageError("--property " + name + ": no property has this name");
    }
  }
  if (out.empty()) {
    if (options.tier != "small" && options.tier != "large" && options.tier != "all") {
      throw UsageError("--tier " + options.tier + ": must be small, large or all");
    }
    if (options.tier != "large") {
      for (const props::PropertyDef& p : props::sync_properties()) out.push_back(&p);
      // Peers that change during the sync: the harness plays the schedule.
      for (const props::PropertyDef& p : props::schedule_properties()) out.push_back(&p);
    }
    if (options.tier != "small") {
      for (const props::PropertyDef& p : props::large_tier_properties()) out.push_back(&p);
    }
  }
  return out;
}

// Progress lines on `err`, whole lines only (several properties may run at
// once), at most one a second per property, flushed so that they show when
// stderr is a pipe.
class Progress {
 public:
  Progress(std::ostream& err, bool on, int cases) : err_(err), on_(on), cases_(cases) {}
  std::function<void(int, int)> for_property(const std::string& name) {
    if (!on_) return {};
    const auto start = std::chrono::steady_clock::now();
    auto last = std::make_shared<std::chrono::steady_clock::time_point>(start);
    return [this, name, start, last](int generated, int judged) {
      const auto now = std::chrono::steady_clock::now();
      if (now - *last < std::chrono::seconds(1) && judged < cases_) return;
      *last = now;
      line(name, generated, judged, std::chrono::duration<double>(now - start).count());
    };
  }

 private:
  void line(const std::string& name, int generated, int judged, double seconds) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.1f s", seconds);
    const std::lock_guard lock(mutex_);
    err_ << "check: " << name << ": " << judged << "/" << cases_ << " cases judged ("
         << generated << " generated), " << buf << "\n"
         << std::flush;
  }

  std::ostream& err_;
  bool on_;
  int cases_;
  std::mutex mutex_;
};

// Runs `properties` on `jobs` threads; results in the order given.
std::vector<PropertyVerdict> run_all(const std::vector<const props::PropertyDef*>& properties,
                                     const props::NodeFactory& factory,
                                     const CheckOptions& options,
                                     const std::optional<RunAs>& follows, Progress& progress,
                                     std::vector<double>& seconds) {
  std::vector<PropertyVerdict> verdicts(properties.size());
  seconds.assign(properties.size(), 0.0);
  std::atomic<std::size_t> next{0};
  const auto worker = [&] {
    for (std::size_t i = next++; i < properties.size(); i = next++) {
      props::EngineOptions engine;
      engine.cases = options.cases;
      engine.seed = options.seed;
      engine.shrink = options.shrink;
      engine.progress = progress.for_property(properties[i]->name);
      if (follows) {
        // The oracle judges by the variants the adapter follows; the real
        // node (ibd) has no checkpoint start, so no case brings one and the
        // checkpoint property is untested rather than failed.
        engine.follows = follows->variants;
        engine.checkpoints = follows->profile != Profile::Ibd;
      }
      const auto start = std::chrono::steady_clock::now();
      verdicts[i] = props::run_property(*properties[i], factory, engine);
      seconds[i] =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
  };
  const int jobs = std::clamp(options.jobs, 1, static_cast<int>(properties.size()));
  std::vector<std::thread> threads;
  for (int j = 1; j < jobs; ++j) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();
  return verdicts;
}

// The verdict as a case of `run`'s reports: holds passes, fails fails (or
// is an expected failure), and weak, untested and error are errors: none of
// them says the property holds.
CaseReport as_case_report(const Checked& c) {
  const PropertyVerdict& v = c.verdict;
  CaseReport r;
  r.id = v.property;
  r.file = c.counterexample_file;
  r.seconds = c.seconds;
  r.classname = "properties";
  r.details.push_back(v.summary());
  switch (v.outcome) {
    case Outcome::Holds: r.outcome = harness::Outcome::Pass; break;
    case Outcome::Fails:
      r.outcome = harness::Outcome::Fail;
      r.message = first_line(v.message);
      break;
    case Outcome::Weak:
      r.outcome = harness::Outcome::Error;
      r.message = "weakly tested: the precondition held in too few generated cases";
      break;
    case Outcome::Untested:
      r.outcome = harness::Outcome::Error;
      r.message = "untested: no generated case met the precondition";
      break;
    case Outcome::Error:
      r.outcome = harness::Outcome::Error;
      r.message = "the adapter could not run a case: " + first_line(v.message);
      break;
  }
  if (c.expected_failure) {
    if (v.outcome == Outcome::Fails) {
      r.outcome = harness::Outcome::XFail;
      r.message = "expected failure (" + *c.expected_failure + "): " + r.message;
    } else if (v.outcome == Outcome::Holds) {
      r.outcome = harness::Outcome::Fail;
      r.message = "XPASS: listed as an expected failure (" + *c.expected_failure +
                  ") but holds; remove it from the list";
    }
  }
  return r;
}

std::string json_report(const std::vector<Checked>& checked, const std::string& adapter,
                        const std::optional<RunAs>& follows, const CheckOptions& options) {
  using nlohmann::ordered_json;
  ordered_json results = ordered_json::array();
  std::vector<CaseReport> cases;
  for (const Checked& c : checked) {
    const PropertyVerdict& v = c.verdict;
    const CaseReport r = as_case_report(c);
    cases.push_back(r);
    ordered_json j;
    j["id"] = r.id;
    j["file"] = r.file;
    j["outcome"] = std::string(to_string(r.outcome));
    j["verdict"] = std::string(props::to_string(v.outcome));
    j["message"] = r.message;
    j["details"] = r.details;
    j["seed"] = v.seed;
    j["generated"] = v.generated;
    j["judged"] = v.judged;
    j["discarded"] = v.discarded;
    j["errored"] = v.errored;
    j["passed_before_failure"] = v.passed_before_failure;
    j["shrink_steps"] = v.shrink_steps;
    results.push_back(std::move(j));
  }
  const Totals t = totals(cases);
  ordered_json doc;
  doc["suite"] = "cryptarchia-sync";
  doc["command"] = "check";
  doc["implementation"] = adapter;
  doc["judged_as"] = kJudgedAs;
  if (follows) doc["follows"] = to_string(*follows);  // what the oracle judged by
  doc["cases_per_property"] = options.cases;
  doc["seed"] = options.seed;
  doc["summary"] = {{"passed", t.passed}, {"failed", t.failed}, {"xfailed", t.xfailed},
                    {"skipped", t.skipped}, {"errors", t.errors}};
  doc["results"] = std::move(results);
  return doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

int check(const CheckOptions& options, std::ostream& out, std::ostream& err) {
  AdapterLimits limits;
  limits.case_timeout_seconds = options.timeout_seconds;
  std::vector<std::filesystem::path> inputs;
  if (!options.expected_failures_file.empty()) inputs.emplace_back(options.expected_failures_file);
  check_report_paths({{options.json_file, "JSON"}, {options.junit_file, "JUnit"}}, inputs);
  // The k-th property of the chosen list goes to shard k mod n: the split
  // depends only on the options, so n machines together check each
  // property exactly once (merge their JSON reports with `harness merge`).
  const Shard shard = parse_shard(options.shard);
  std::vector<const props::PropertyDef*> properties;
  {
    const std::vector<const props::PropertyDef*> all = chosen_properties(options);
    for (std::size_t k = shard.index; k < all.size(); k += shard.count) properties.push_back(all[k]);
  }
  const ExpectedFailures expected = options.expected_failures_file.empty()
                                        ? ExpectedFailures{}
                                        : load_expected_failures(options.expected_failures_file);
  std::string adapter_name;
  std::optional<RunAs> follows;
  {
    // The handshake first: a version mismatch or an adapter that does not
    // start is a harness-level failure, not a failing property.
    detail::AdapterSession probe(options.adapter, limits);
    adapter_name = probe.hello().name + " " + probe.hello().version;
    follows = probe.hello().follows;
  }
  out << "harness check: " << printable(adapter_name) << ", " << properties.size() << " properties, "
      << options.cases << " cases each, seed " << options.seed;
  if (follows) out << ", judged as it follows " << to_string(*follows);
  if (shard.count > 1) out << " (shard " << shard.index << "/" << shard.count << ")";
  out << "\n" << std::flush;

  // Interrupted, the check leaves no report: an old one would pass for its.
  for (const std::string* report : {&options.json_file, &options.junit_file}) {
    interrupt::remove_if_interrupted(*report);
  }
  Progress progress(err, options.progress, options.cases);
  const props::NodeFactory factory = adapter_node_factory(options.adapter, limits);
  std::vector<double> seconds;
  const std::vector<PropertyVerdict> verdicts =
      run_all(properties, factory, options, follows, progress, seconds);

  std::vector<Checked> checked;
  for (std::size_t i = 0; i < verdicts.size(); ++i) {
    const PropertyVerdict& v = verdicts[i];
    Checked c{v, std::nullopt, "", "", seconds[i]};
    if (const auto it = expected.find(v.property); it != expected.end()) {
      c.expected_failure = it->second;
    }
    if (v.counterexample) {
      try {
        const std::string why = v.outcome == Outcome::Error
                                    ? "the adapter could not run this case: " + first_line(v.message)
                                    : first_line(v.message);
        c.counterexample_file =
            props::save_failure(options.out_dir, v.property, *v.counterexample, why).string();
      } catch (const std::exception& e) {
        c.save_error = e.what();
      }
    }
    checked.push_back(std::move(c));
  }

  std::vector<CaseReport> cases;
  for (const Checked& c : checked) cases.push_back(as_case_report(c));
  int bad = 0;
  std::map<Outcome, int> count;
  int xfailed = 0;
  for (std::size_t i = 0; i < checked.size(); ++i) {
    const Checked& c = checked[i];
    const PropertyVerdict& v = c.verdict;
    const CaseReport& r = cases[i];
    ++count[v.outcome];
    if (r.outcome == harness::Outcome::XFail) ++xfailed;
    if (r.outcome != harness::Outcome::Pass && r.outcome != harness::Outcome::XFail) ++bad;
    out << v.summary() << "\n";
    if (!r.message.empty()) out << "  " << r.message << "\n";
    if (v.outcome == Outcome::Fails || v.outcome == Outcome::Error) {
      out << v.message << "\n";
    }
    if (!c.counterexample_file.empty()) {
      out << "  counterexample: " << c.counterexample_file << "\n"
          << "  replay: harness replay --adapter " << shell_words({shell_words(options.adapter)})
          << " " << shell_words({c.counterexample_file}) << "\n";
    }
    if (!c.save_error.empty()) {
      err << "harness check: could not save the counterexample: " << c.save_error << "\n";
    }
  }
  // An entry that names no property checked here is stale: say so, and fail
  // (with shards another shard may check it: no entry is stale there).
  std::set<std::string> checked_names;
  for (const props::PropertyDef* p : properties) checked_names.insert(p->name);
  const std::vector<StaleEntry> stale =
      shard.count > 1 ? std::vector<StaleEntry>{}
                      : stale_entries(expected, checked_names, "property checked");
  for (const StaleEntry& entry : stale) out << entry.message << "\n";

  if (!options.json_file.empty()) {
    write_report_file(options.json_file, json_report(checked, adapter_name, follows, options), "JSON");
  }
  if (!options.junit_file.empty()) {
    const ReportSubject subject{adapter_name, kJudgedAs};
    write_report_file(options.junit_file,
                      to_junit_report(cases, subject, JunitOptions{options.junit_times}), "JUnit");
  }

  for (const std::string* report : {&options.json_file, &options.junit_file}) {
    interrupt::keep(*report);
  }
  const auto n = [&](Outcome o) { return count.count(o) ? count.at(o) : 0; };
  out << "\ncheck: " << n(Outcome::Holds) << " hold, " << n(Outcome::Fails) - xfailed
      << " fail, " << xfailed << " fail as expected, " << n(Outcome::Weak) << " weak, "
      << n(Outcome::Untested) << " untested, " << n(Outcome::Error) << " errors";
  if (!stale.empty()) out << ", " << stale.size() << " stale expected failures";
  out << "\n";
  if (bad == 0 && stale.empty()) {
    out << (xfailed ? "every property holds or fails as expected\n" : "all properties hold\n");
    return kExitOk;
  }
  return kExitFailed;
}

}  // namespace

std::string shell_words(const std::vector<std::string>& argv) {
  std::string out;
  for (const std::string& a : argv) {
    const bool plain = !a.empty() && a.find_first_of(" \t\n'\"\\$`*?;&|<>()") == std::string::npos;
    std::string quoted = "'";
    for (const char c : a) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    out += (out.empty() ? "" : " ") + (plain ? a : quoted + "'");
  }
  return out;
}

int run_check(const CheckOptions& options, std::ostream& out, std::ostream& err) {
  return exit_status_of("check", err, [&] { return check(options, out, err); });
}

int run_check(const CheckOptions& options) { return run_check(options, std::cout, std::cerr); }

}  // namespace cryptarchia::harness
