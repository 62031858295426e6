// `harness run`: every selected vector against one implementation, with a
// line per case, a closing count, and optional JSON and JUnit reports.
#include <chrono>
#include <fstream>
#include <set>

#include "cli.hpp"
#include "cryptarchia/harness/subprocess.hpp"
#include "cryptarchia/vectors/vector_io.hpp"
#include "run_case.hpp"

namespace cryptarchia::harness {

void write_report_file(const std::string& path, const std::string& text, const char* what) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw UsageError(std::string("cannot write the ") + what + " report to " + path);
}

namespace {

// The shard's vectors, loaded and filtered.
std::vector<LoadedVector> select_vectors(const RunOptions& options, const Shard& shard) {
  const auto files = shard_files(find_vector_files(options.paths), shard);
  std::vector<LoadedVector> chosen;
  std::set<std::string> seen_ids;
  for (const auto& file : files) {
    LoadedVector v = load(file);
    if (v.scenario) seen_ids.insert(v.scenario->id);
    if (selected(v, options.ids, options.tags)) chosen.push_back(std::move(v));
  }
  // A misspelt --id must not pass silently (other shards may hold it).
  if (shard.count == 1) {
    for (const std::string& id : options.ids) {
      if (!seen_ids.count(id)) throw UsageError("--id " + id + ": no vector has this id");
    }
  }
  return chosen;
}

int run_selected(const RunOptions& options, const Shard& shard, std::ostream& out) {
  const ExpectedFailures expected_failures =
      options.expected_failures_file.empty()
          ? ExpectedFailures{}
          : load_expected_failures(options.expected_failures_file);
  const std::vector<LoadedVector> vectors = select_vectors(options, shard);
  const std::unique_ptr<Implementation> impl = make_implementation(options.impl);

  out << "harness run: " << impl->name() << ", judged as " << to_string(impl->judged_as()) << ", "
      << vectors.size() << " vector(s)";
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
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  if (!options.json_file.empty()) {
    write_report_file(options.json_file, to_json_report(reports, impl->name()), "JSON");
  }
  if (!options.junit_file.empty()) write_report_file(options.junit_file, to_junit_report(reports), "JUnit");
  write_summary(out, reports, seconds);
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
    err << who << "protocol version mismatch: " << e.what() << "\n";
    return kExitProtocol;
  } catch (const AdapterError& e) {
    err << who << "the adapter failed: " << e.what() << "\n";
  } catch (const vectors::VectorError& e) {
    err << who << e.what() << "\n";  // names the file, the JSON path and the reason
  } catch (const std::exception& e) {
    err << who << "internal error: " << e.what() << "\n";
  }
  return kExitUsage;
}

}  // namespace cryptarchia::harness
