// The `harness` command line. main() only calls harness_main; tests call
// the stream form to capture what it prints.
#pragma once

#include <filesystem>
#include <functional>

#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "cryptarchia/harness/implementation.hpp"
#include "cryptarchia/properties/mutation_runner.hpp"

namespace CLI {
class App;
}

namespace cryptarchia::harness {

// Exit statuses.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;    // some case failed or errored
inline constexpr int kExitUsage = 2;     // bad arguments, no vectors, harness error
inline constexpr int kExitProtocol = 3;  // the adapter speaks another protocol version

int harness_main(int argc, char** argv);
int harness_main(int argc, char** argv, std::ostream& out, std::ostream& err);

// --impl, --adapter and --timeout, shared by `run` and `replay`.
struct ImplOptions {
  std::string impl;  // "" (not given): reference, or what an adapter says it follows
  std::string adapter;  // "CMD ARGS...", empty for in-process
  double timeout_seconds = 10.0;
};
void add_impl_options(CLI::App& app, ImplOptions& options);
// The implementation they name. Throws UsageError (including --adapter in a
// build without the adapter client), AdapterError, ProtocolVersionMismatch.
std::unique_ptr<Implementation> make_implementation(const ImplOptions& options);

// Splits "CMD ARGS..." into words: blanks separate, '...' and "..." quote,
// a backslash escapes the next character. Throws UsageError if unbalanced.
std::vector<std::string> split_command(const std::string& command);

struct RunOptions {
  std::vector<std::string> paths;
  ImplOptions impl;
  std::vector<std::string> ids;
  std::vector<std::string> tags;
  std::string shard = "0/1";  // "i/n": the whole set by default
  std::string junit_file;
  bool junit_times = false;  // time attributes in the JUnit report
  std::string json_file;
  std::string expected_failures_file;
};
int run_command(const RunOptions& options, std::ostream& out, std::ostream& err);

// Writes a report (`what`: "JSON", "JUnit") to `path`, whole or not at all
// (a temporary file renamed over it); throws UsageError if it cannot.
void write_report_file(const std::string& path, const std::string& text, const char* what);
// Before a run: throws UsageError if two reports (path, "JSON" or "JUnit")
// name the same file, one names an input of the run, or one cannot be
// written (a temporary file is created and removed to find out).
void check_report_paths(const std::vector<std::pair<std::string, const char*>>& reports,
                        const std::vector<std::filesystem::path>& inputs);

// Runs a subcommand's body and turns what it throws into an exit status and
// one line on `err`: usage and adapter errors 2, a protocol version
// mismatch 3, anything else 2 as an internal error.
int exit_status_of(const char* command, std::ostream& err, const std::function<int()>& body);

// `harness merge` (cli_merge.cpp): the JSON reports of the shards of one
// run or check, made into one.
struct MergeOptions {
  std::vector<std::string> reports;
  std::string json_file;
};
int merge_command(const MergeOptions& options, std::ostream& out, std::ostream& err);

// `harness mutants` (cli_mutants.cpp; needs the adapter client).
struct MutantsOptions {
  std::string adapter;                    // "CMD ARGS...", a mutant-aware adapter
  std::vector<std::string> mutants;       // only these (default: all but equivalent ones)
  std::vector<std::string> vector_paths;  // the corpus to replay
  std::string markdown;                   // also write the table here
  std::string tier = "small";             // small, large or all (the in-process runner: all)
  std::string shard = "0/1";              // "i/n": the k-th mutant listed goes to shard k mod n
  props::MutationOptions mutation;
};
int mutants_command(const MutantsOptions& options, std::ostream& out, std::ostream& err);

struct ReplayOptions {
  std::string file;
  ImplOptions impl;
  bool diff = false;  // compare the adapter's requests with the in-process profile's
};
int replay_command(const ReplayOptions& options, std::ostream& out, std::ostream& err);
// `replay --diff` (cli_replay_diff.cpp): runs `scenario` through the adapter
// and in-process under the profile it is judged as, and prints the first
// request where the two part. Returns kExitOk when the requests agree,
// kExitFailed when they depart or the adapter errs; throws UsageError
// without --adapter.
int replay_diff(const Scenario& scenario, const ReplayOptions& options, std::ostream& out);

struct ShowOptions {
  std::string file;
  bool dot = false;
};
int show_command(const ShowOptions& options, std::ostream& out, std::ostream& err);

}  // namespace cryptarchia::harness
