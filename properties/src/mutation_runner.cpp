#include "cryptarchia/properties/mutation_runner.hpp"
#include "cryptarchia/properties/follower_properties.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <fstream>
#include <iomanip>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "cryptarchia/properties/drawing.hpp"
#include "cryptarchia/properties/errata_matrix.hpp"

namespace cryptarchia::props {

bool PropertyKill::killed() const {
  return std::any_of(cases.begin(), cases.end(), [](const auto& c) { return c.has_value(); });
}

std::optional<double> PropertyKill::median_cases() const {
  if (cases.empty()) return std::nullopt;
  std::vector<double> v;
  for (const auto& c : cases) v.push_back(c ? *c : std::numeric_limits<double>::infinity());
  std::sort(v.begin(), v.end());
  const double m = v[(v.size() - 1) / 2];
  if (m == std::numeric_limits<double>::infinity()) return std::nullopt;
  return m;
}

bool MutantReport::killed_by_properties() const {
  return std::any_of(properties.begin(), properties.end(),
                     [](const PropertyKill& p) { return p.killed(); });
}

const PropertyKill* MutantReport::best() const {
  const PropertyKill* best = nullptr;
  for (const PropertyKill& p : properties) {
    if (!p.killed()) continue;
    const double m = p.median_cases().value_or(std::numeric_limits<double>::infinity());
    const double b = best ? best->median_cases().value_or(std::numeric_limits<double>::infinity())
                          : std::numeric_limits<double>::infinity();
    if (best == nullptr || m < b) best = &p;
  }
  return best;
}

// Every property on the small tier, then every property on the large tier
// (named Property@large): a bug that only long chains show is killed there.
const std::vector<PropertyDef>& mutation_properties() {
  static const std::vector<PropertyDef> all = [] {
    // Peers that change during the sync (issue 17 item 3) first: they are
    // small and quick, and the quick check climbs to its next rung of cases
    // with the first property of the list, so the mutant only they kill
    // (failed-peer-dropped-for-the-sync) does not run the large tier at the
    // higher rung.
    std::vector<PropertyDef> out = schedule_properties();
    out.insert(out.end(), sync_properties().begin(), sync_properties().end());
    out.insert(out.end(), large_tier_properties().begin(), large_tier_properties().end());
    // The follower's own (header-level) property, small worlds only.
    out.insert(out.end(), follower_properties().begin(), follower_properties().end());
    return out;
  }();
  return all;
}

namespace {

using nlohmann::json;

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

// The rungs from `cases` to `max_cases`, ten times apart.
std::vector<int> ladder(const MutationOptions& o) {
  std::vector<int> out{o.cases};
  while (out.back() < o.max_cases) {
    out.push_back(out.back() > o.max_cases / 10 ? o.max_cases : out.back() * 10);
  }
  return out;
}

// One property on `seeds` seeds of `limit` cases; shrinks the first failure.
PropertyKill run_property(const MatrixRow& row, const PropertyDef& p, int seeds, int limit,
                          bool shrink_first, const MutationOptions& options) {
  PropertyKill kill;
  kill.property = p.name;
  kill.limit = limit;
  for (int i = 0; i < seeds; ++i) {
    const bool shrink = shrink_first && !kill.killed();
    const CellResult cell =
        check_cell(row, p, limit, shrink, options.first_seed + static_cast<std::uint64_t>(i));
    if (!cell.failed) {
      kill.cases.push_back(std::nullopt);
      continue;
    }
    if (!kill.killed()) {
      kill.message = first_line(cell.message);
      if (shrink && cell.counterexample) {
        kill.blocks = cell.counterexample->world.blocks.size();
        kill.peers = cell.counterexample->peers.size();
        kill.counterexample = draw(*cell.counterexample) + "\n" + cell.message;
      }
    }
    kill.cases.push_back(cell.cases_until_failure + 1);
  }
  return kill;
}

MutantReport measure_here(const std::string& name, const std::vector<PropertyDef>& properties,
                          const NodeFactory& factory,
                          const std::function<VectorCheck()>& check_vectors,
                          const MutationOptions& options) {
  MutantReport report;
  report.mutant = name;
  const MatrixRow row{name, factory};
  const VectorCheck v = check_vectors();
  report.vectors_run = v.run;
  report.killing_vectors = v.failing;
  if (options.quick) {
    for (const int limit : ladder(options)) {
      report.properties.clear();
      for (const PropertyDef& p : properties) {
        // A large world costs about a hundred small ones: at each rung the
        // large tier runs a tenth of the cases (at least 50), so a mutant
        // that only small worlds miss is not paid for at full rung.
        const int cases =
            p.shape.tier == Tier::Small ? limit : std::max(std::min(limit, 50), limit / 10);
        report.properties.push_back(run_property(row, p, 1, cases, false, options));
        if (report.properties.back().killed()) return report;
      }
    }
  } else {
    for (const PropertyDef& p : properties) {
      report.properties.push_back(run_property(row, p, options.seeds, options.cases, true, options));
    }
    const PropertyKill* best = report.best();
    if (best == nullptr || !best->median_cases()) {
      // Climb the ladder on the first seed to find a killing property, then
      // measure it on every seed at that rung.
      const std::vector<int> rungs = ladder(options);
      for (std::size_t r = 1; r < rungs.size(); ++r) {
        std::size_t found = properties.size();
        for (std::size_t i = 0; i < properties.size() && found == properties.size(); ++i) {
          if (run_property(row, properties[i], 1, rungs[r], false, options).killed()) found = i;
        }
        if (found == properties.size()) continue;
        report.properties[found] =
            run_property(row, properties[found], options.seeds, rungs[r], true, options);
        break;
      }
    }
  }
  return report;
}

json to_json(const MutantReport& r) {
  json props = json::array();
  for (const PropertyKill& p : r.properties) {
    json cases = json::array();
    for (const auto& c : p.cases) cases.push_back(c ? json(*c) : json(nullptr));
    props.push_back({{"property", p.property},
                     {"cases", cases},
                     {"blocks", p.blocks ? json(*p.blocks) : json(nullptr)},
                     {"peers", p.peers ? json(*p.peers) : json(nullptr)},
                     {"limit", p.limit},
                     {"message", p.message},
                     {"counterexample", p.counterexample}});
  }
  return {{"mutant", r.mutant},
          {"properties", props},
          {"killing_vectors", r.killing_vectors},
          {"vectors_run", r.vectors_run},
          {"crash", r.crash}};
}

MutantReport from_json(const json& j) {
  MutantReport r;
  r.mutant = j.at("mutant").get<std::string>();
  for (const json& p : j.at("properties")) {
    PropertyKill k;
    k.property = p.at("property").get<std::string>();
    for (const json& c : p.at("cases")) {
      k.cases.push_back(c.is_null() ? std::nullopt : std::optional<int>(c.get<int>()));
    }
    if (!p.at("blocks").is_null()) k.blocks = p.at("blocks").get<std::size_t>();
    if (!p.at("peers").is_null()) k.peers = p.at("peers").get<std::size_t>();
    k.limit = p.at("limit").get<int>();
    k.message = p.at("message").get<std::string>();
    k.counterexample = p.at("counterexample").get<std::string>();
    r.properties.push_back(std::move(k));
  }
  r.killing_vectors = j.at("killing_vectors").get<std::vector<std::string>>();
  r.vectors_run = j.at("vectors_run").get<int>();
  r.crash = j.at("crash").get<std::string>();
  return r;
}

void write_all(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

MutantReport hang_report(const std::string& name, const MutationOptions& options) {
  MutantReport report;
  report.mutant = name;
  report.crash = "hang: no result within " + std::to_string(options.timeout_seconds) + " s";
  return report;
}

}  // namespace

MutantReport measure_mutant(const std::string& name, const std::vector<PropertyDef>& properties,
                            const NodeFactory& factory,
                            const std::function<VectorCheck()>& check_vectors,
                            const MutationOptions& options) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("mutation runner: pipe: " + std::string(std::strerror(errno)));
  // Whatever is still buffered would otherwise be written twice, once by the
  // child when RapidCheck flushes its own output.
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  const pid_t parent = ::getpid();
  const pid_t child = ::fork();
  if (child < 0) throw std::runtime_error("mutation runner: fork: " + std::string(std::strerror(errno)));
  if (child == 0) {
    // If the parent dies, however it dies, the child is told to stop (a
    // harness's child stops its adapters then; issue 12, item 4).
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) ::raise(SIGTERM);
    ::close(fds[0]);
    int status = 0;
    try {
      write_all(fds[1], to_json(measure_here(name, properties, factory, check_vectors, options)).dump());
    } catch (const std::exception& e) {
      write_all(fds[1], json{{"error", e.what()}}.dump());
      status = 1;
    }
    ::close(fds[1]);
    ::_exit(status);  // no atexit handlers: RapidCheck's exit report is the parent's business
  }
  ::close(fds[1]);
  std::string out;
  bool timed_out = false;
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(options.timeout_seconds);
  char buf[65536];
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd pfd{fds[0], POLLIN, 0};
    const int ready = ::poll(&pfd, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) continue;
    const ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  if (timed_out) {
    // SIGTERM first, so that a child that can (the harness's, which has a
    // handler) kills the adapters it started; SIGKILL if it has not ended
    // within 2 s.
    ::kill(child, SIGTERM);
    const auto grace = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    pid_t got = 0;
    while ((got = ::waitpid(child, &status, WNOHANG)) == 0 &&
           std::chrono::steady_clock::now() < grace) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (got == child) return hang_report(name, options);
    ::kill(child, SIGKILL);
  }
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) return hang_report(name, options);
  MutantReport report;
  report.mutant = name;
  if (WIFSIGNALED(status)) {
    report.crash = "crash: signal " + std::to_string(WTERMSIG(status)) + " (" +
                   ::strsignal(WTERMSIG(status)) + ")";
    return report;
  }
  const json j = json::parse(out, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    report.crash = "crash: the runner's child exited with status " +
                   std::to_string(WEXITSTATUS(status)) + " and no result";
    return report;
  }
  if (j.contains("error")) {
    // An exception outside any property (the vector check, say): the mutant
    // broke the run, which counts as noticed.
    report.crash = "error: " + j.at("error").get<std::string>();
    return report;
  }
  return from_json(j);
}

namespace {

std::string cases_text(const PropertyKill& p) {
  std::ostringstream s;
  const auto m = p.median_cases();
  if (m) {
    s << *m;
  } else {
    s << "-";
  }
  return s.str();
}

std::string size_text(const PropertyKill& p) {
  if (!p.blocks) return "-";
  return std::to_string(*p.blocks) + "b/" + std::to_string(*p.peers) + "p";
}

std::string per_seed(const PropertyKill& p) {
  std::string out;
  for (const auto& c : p.cases) out += (out.empty() ? "" : ",") + (c ? std::to_string(*c) : std::string("-"));
  return out;
}

std::string verdict(const MutantReport& r) {
  if (!r.crash.empty()) return "killed (" + r.crash + ")";
  return r.killed() ? "killed" : "SURVIVED";
}

}  // namespace

int run_catalogue(const std::vector<CatalogueEntry>& entries,
                  const std::vector<PropertyDef>& properties, const MutantTarget& target,
                  const MutationOptions& options, const std::string& markdown, bool show,
                  std::ostream& out, std::ostream& err) {
  const std::vector<PropertyDef> no_properties;
  const auto measure = [&](const std::string& name, bool vectors_only,
                           const MutationOptions& o) {
    return measure_mutant(name, o.quick && vectors_only ? no_properties : properties,
                          target.factory(name), [&target, name] { return target.vectors(name); },
                          o);
  };
  MutationOptions baseline_options = options;
  baseline_options.quick = true;
  baseline_options.max_cases = baseline_options.cases;  // one rung: it must hold there
  const MutantReport baseline = measure("none", false, baseline_options);
  if (baseline.killed()) {
    err << "the implementation without a mutant already fails the suite:\n"
        << mutation_table_text({baseline});
    return 1;
  }
  out << "baseline: without a mutant, " << baseline.properties.size() << " properties and "
      << baseline.vectors_run << " vectors pass\n";

  std::vector<MutantReport> reports;
  std::vector<std::string> descriptions;
  int missed = 0;
  for (const CatalogueEntry& entry : entries) {
    reports.push_back(measure(entry.name, entry.vectors_only, options));
    descriptions.push_back(entry.bug);
    const MutantReport& r = reports.back();
    out << mutation_table_text({r});
    if (show) {
      for (const PropertyKill& p : r.properties) {
        if (!p.counterexample.empty()) {
          out << "  " << p.property << ", shrunk counterexample:\n" << p.counterexample << "\n";
        }
      }
    }
    const bool seen = entry.vectors_only ? r.killed() : !r.crash.empty() || r.killed_by_properties();
    if (!seen && !entry.equivalent) {
      ++missed;
      out << "  MISSED: " << (entry.vectors_only ? "no vector kills it" : "no property kills it")
          << "\n";
    }
    out << std::flush;
  }
  out << "\n" << mutation_table_text(reports);
  if (!markdown.empty()) {
    std::ofstream md(markdown);
    md << mutation_table_markdown(reports, descriptions);
    if (!md) {
      err << "cannot write " << markdown << "\n";
      return 2;
    }
  }
  if (missed > 0) {
    out << missed << " mutant(s) missed: the suite does not see these bugs\n";
    return 1;
  }
  return 0;
}

std::string mutation_table_text(const std::vector<MutantReport>& reports) {
  std::ostringstream out;
  int killed = 0;
  for (const MutantReport& r : reports) {
    if (r.killed()) ++killed;
    out << std::left << std::setw(46) << r.mutant << " " << verdict(r);
    if (const PropertyKill* b = r.best()) {
      out << "; best " << b->property << ", median cases " << cases_text(*b) << " [" << per_seed(*b)
          << "], shrunk " << size_text(*b);
    }
    if (r.vectors_run > 0) {
      out << "; vectors " << r.killing_vectors.size() << "/" << r.vectors_run;
    }
    out << "\n";
  }
  int by_property = 0;
  for (const MutantReport& r : reports) by_property += r.killed_by_properties() ? 1 : 0;
  out << killed << " of " << reports.size() << " mutants killed, " << by_property
      << " of them by a property\n";
  return out.str();
}

std::string mutation_table_markdown(const std::vector<MutantReport>& reports,
                                    const std::vector<std::string>& descriptions) {
  std::ostringstream out;
  out << "| # | mutant | bug | verdict | by a property | killing properties | best | "
         "median cases [per seed] | shrunk | vectors |\n";
  out << "|---|---|---|---|---|---|---|---|---|---|\n";
  int by_property = 0;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const MutantReport& r = reports[i];
    std::string killers;
    for (const PropertyKill& p : r.properties) {
      if (p.killed()) killers += (killers.empty() ? "" : ", ") + p.property;
    }
    const PropertyKill* b = r.best();
    out << "| " << i + 1 << " | `" << r.mutant << "` | "
        << (i < descriptions.size() ? descriptions[i] : "") << " | " << verdict(r) << " | "
        << (r.killed_by_properties() ? "yes" : "**no**") << " | "
        << (killers.empty() ? "-" : killers) << " | " << (b ? b->property : "-") << " | "
        << (b ? cases_text(*b) + " [" + per_seed(*b) + "]" : "-") << " | "
        << (b ? size_text(*b) : "-") << " | "
        << (r.vectors_run > 0 ? std::to_string(r.killing_vectors.size()) + "/" +
                                    std::to_string(r.vectors_run)
                              : "-")
        << " |\n";
    if (r.killed_by_properties()) ++by_property;
  }
  out << "\nKilled by a property: " << by_property << " of " << reports.size() << ".\n";
  return out.str();
}

}  // namespace cryptarchia::props
