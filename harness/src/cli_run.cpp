// `harness run`: every selected vector against one implementation, with a
// line per case, a closing count, and optional JSON and JUnit reports.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <set>

#include "cli.hpp"
#include "cryptarchia/harness/subprocess.hpp"
#include "cryptarchia/vectors/vector_io.hpp"
#include "interrupt.hpp"
#include "run_case.hpp"

namespace cryptarchia::harness {

void write_report_file(const std::string& path, const std::string& text, const char* what) {
  // Whole or not at all: a temporary file in the same directory, renamed
  // over the path (issue 12, item 8).
  const std::string temporary = path + ".tmp-" + std::to_string(::getpid());
  interrupt::remove_if_interrupted(temporary);
  std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  const bool written = static_cast<bool>(out) && std::rename(temporary.c_str(), path.c_str()) == 0;
  const int error = errno;
  if (!written) std::remove(temporary.c_str());
  interrupt::keep(temporary);
  if (!written) {
    throw UsageError(std::string("cannot write the ") + what + " report to " + path + ": " +
                     std::strerror(error));
  }
}

void check_report_paths(const std::vector<std::pair<std::string, const char*>>& reports,
                        const std::vector<std::filesystem::path>& inputs) {
  namespace fs = std::filesystem;
  const auto canonical = [](const fs::path& p) {
    std::error_code ec;
    const fs::path c = fs::weakly_canonical(fs::absolute(p), ec);
    return ec ? fs::absolute(p).lexically_normal() : c;
  };
  std::set<fs::path> input_set;
  for (const fs::path& in : inputs) input_set.insert(canonical(in));
  std::map<fs::path, std::string> seen;
  for (const auto& [path, what] : reports) {
    if (path.empty()) continue;
    const std::string option = std::string("--") + (std::string(what) == "JSON" ? "json" : "junit");
    const fs::path where = canonical(path);
    if (const auto it = seen.find(where); it != seen.end()) {
      throw UsageError(it->second + " and " + option + " name the same file: " + path);
    }
    seen.emplace(where, option);
    if (input_set.count(where) != 0) {
      throw UsageError(option + " " + path +
                       ": is an input of the run (a vector or the expected-failures list); "
                       "choose another path for the report");
    }
    std::error_code ec;
    if (fs::is_directory(where, ec)) {
      throw UsageError(std::string("cannot write the ") + what + " report to " + path +
                       ": it is a directory");
    }
    // Writable? Found now, not after the whole run.
    const std::string probe = path + ".tmp-" + std::to_string(::getpid());
    const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
      throw UsageError(std::string("cannot write the ") + what + " report to " + path + ": " +
                       std::strerror(errno));
    }
    ::close(fd);
    ::unlink(probe.c_str());
  }
}

namespace {

// The shard's vectors, loaded and filtered.
std::vector<LoadedVector> select_vectors(const RunOptions& options, const Shard& shard) {
  std::vector<LoadedVector> loaded;
  for (const auto& file : shard_files(find_vector_files(options.paths), shard)) {
    loaded.push_back(load(file));
  }
  refuse_repeated_ids(loaded);  // within the shard: other shards are not loaded
  const auto chosen = [&](const LoadedVector& v) { return selected(v, options.ids, options.tags); };
  // A misspelt --id or --tag must not pass silently (other shards may hold it).
  if (shard.count == 1) {
    const auto count = std::count_if(loaded.begin(), loaded.end(), chosen);
    require_selection(loaded, static_cast<std::size_t>(count), options.ids, options.tags);
  }
  std::erase_if(loaded, std::not_fn(chosen));
  return loaded;
}

int run_selected(const RunOptions& options, const Shard& shard, std::ostream& out) {
  const ExpectedFailures expected_failures =
      options.expected_failures_file.empty()
          ? ExpectedFailures{}
          : load_expected_failures(options.expected_failures_file);
  const std::vector<LoadedVector> vectors = select_vectors(options, shard);
  std::vector<std::filesystem::path> inputs = find_vector_files(options.paths);
  if (!options.expected_failures_file.empty()) inputs.emplace_back(options.expected_failures_file);
  check_report_paths({{options.json_file, "JSON"}, {options.junit_file, "JUnit"}}, inputs);
  // Interrupted, the run leaves no report: an old one would pass for its.
  for (const std::string* report : {&options.json_file, &options.junit_file}) {
    interrupt::remove_if_interrupted(*report);
  }
  const std::unique_ptr<Implementation> impl = make_implementation(options.impl);

  out << "harness run: " << printable(impl->name()) << ", judged as "
      << to_string(impl->judged_as());
  if (const auto declared = impl->declares(); declared && *declared != impl->judged_as()) {
    out << " (--impl; the adapter says it follows " << to_string(*declared) << ")";
  }
  out << ", " << vectors.size() << " vector(s)";
  if (shard.count > 1) out << " (shard " << shard.index << "/" << shard.count << ")";
  out << "\n" << std::flush;

  const auto start = std::chrono::steady_clock::now();
  std::vector<CaseReport> reports;
  for (const LoadedVector& v : vectors) {
    CaseReport report = run_case(*impl, v);
    if (v.scenario) apply_expected_failures(report, expected_failures, options.expected_failures_file);
    write_case_line(out, report);
    out << std::flush;
    reports.push_back(std::move(report));
  }
  const std::size_t ran = reports.size();
  // With shards, an entry may name a vector of another shard.
  if (shard.count == 1) {
    for (CaseReport& stale :
         stale_expected_failures(reports, expected_failures, options.expected_failures_file)) {
      write_case_line(out, stale);
      reports.push_back(std::move(stale));
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const ReportSubject subject{impl->name(), to_string(impl->judged_as())};
  if (!options.json_file.empty()) {
    write_report_file(options.json_file, to_json_report(reports, subject), "JSON");
  }
  if (!options.junit_file.empty()) {
    write_report_file(options.junit_file,
                      to_junit_report(reports, subject, JunitOptions{options.junit_times}), "JUnit");
  }
  for (const std::string* report : {&options.json_file, &options.junit_file}) {
    interrupt::keep(*report);
  }
  write_summary(out, reports, ran, seconds);
  const Totals t = totals(reports);
  return t.failed || t.errors ? kExitFailed : kExitOk;
}

}  // namespace

int run_command(const RunOptions& options, std::ostream& out, std::ostream& err) {
  return exit_status_of("run", err, [&] {
    const Shard shard = parse_shard(options.shard);
    return run_selected(options, shard, out);
  });
}

int exit_status_of(const char* command, std::ostream& err, const std::function<int()>& body) {
  const std::string who = std::string("harness ") + command + ": ";
  try {
    return body();
  } catch (const UsageError& e) {
    err << who << e.what() << "\n";
  } catch (const ProtocolVersionMismatch& e) {
    err << who << "protocol version mismatch: " << printable(e.what(), true) << "\n";
    return kExitProtocol;
  } catch (const AdapterError& e) {
    err << who << "the adapter failed: " << printable(e.what(), true) << "\n";
  } catch (const vectors::VectorError& e) {
    err << who << e.what() << "\n";  // names the file, the JSON path and the reason
  } catch (const std::exception& e) {
    err << who << "internal error: " << e.what() << "\n";
  }
  return kExitUsage;
}

}  // namespace cryptarchia::harness
