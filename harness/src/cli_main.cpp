// harness_main: the subcommands and their options. Each subcommand's work
// is in its own file (cli_run.cpp, cli_replay.cpp, cli_show.cpp).
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli.hpp"
#include "cryptarchia/harness/check.hpp"
#include "cryptarchia/harness/subprocess.hpp"
#include "interrupt.hpp"
#include "vector_selection.hpp"

namespace cryptarchia::harness {

namespace {

// An option that may be given many times, one value each time, so that it
// never swallows the positional paths that follow it.
template <typename T>
void add_repeatable(CLI::App& app, const std::string& name, std::vector<T>& into,
                    const std::string& help) {
  app.add_option(name, into, help)->allow_extra_args(false);
}

}  // namespace

int harness_main(int argc, char** argv) {
  interrupt::install_handlers();
#ifdef CSC_HAVE_ADAPTER
  reap_escaped_descendants();  // Linux; elsewhere a setsid escapes (RELIABILITY.md)
#endif
  return harness_main(argc, argv, std::cout, std::cerr);
}

int harness_main(int argc, char** argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"The Cryptarchia sync conformance harness: runs vectors against an "
               "implementation (in-process or an adapter), replays and draws them."};
  app.name("harness");
  app.require_subcommand(1);

  RunOptions run;
  CLI::App* run_app = app.add_subcommand("run", "run vectors against an implementation");
  run_app->add_option("paths", run.paths, "vector files or directories")->required();
  add_impl_options(*run_app, run.impl);
  add_repeatable(*run_app, "--id", run.ids, "run only the vector with this id (repeatable)");
  add_repeatable(*run_app, "--tag", run.tags, "run only vectors with this tag (repeatable)");
  run_app->add_option("--shard", run.shard, "run the i-th of n shards, 0-based: i/n");
  run_app->add_option("--junit", run.junit_file, "write a JUnit XML report here");
  run_app->add_flag("--junit-times", run.junit_times,
                    "put each case's seconds in the JUnit report (its bytes then vary)");
  run_app->add_option("--json", run.json_file, "write a JSON report here");
  run_app->add_option("--expected-failures", run.expected_failures_file,
                      "vectors known to fail: lines \"<vector-id> <reason...>\"");

  ReplayOptions replay;
  CLI::App* replay_app = app.add_subcommand("replay", "replay one vector step by step");
  replay_app->add_option("file", replay.file, "the vector file")->required();
  add_impl_options(*replay_app, replay.impl);
  replay_app->add_flag("--diff", replay.diff,
                       "with --adapter: show the first request where the adapter departs from "
                       "the in-process --impl profile");

  ShowOptions show;
  CLI::App* show_app = app.add_subcommand("show", "draw a vector's block tree and peers");
  show_app->add_option("file", show.file, "the vector file")->required();
  show_app->add_flag("--dot", show.dot, "print Graphviz dot instead of text");

  CheckOptions check;
  std::string check_adapter;
  MergeOptions merge;
  CLI::App* merge_app = app.add_subcommand(
      "merge", "merge the JSON reports of the shards of one run or check into one");
  merge_app->add_option("reports", merge.reports, "the shards' JSON reports")->required();
  merge_app->add_option("--json", merge.json_file, "write the merged JSON report here")->required();

  CLI::App* check_app = app.add_subcommand(
      "check", "differential property testing of an adapter: every property, shrunk "
               "counterexamples saved as vectors");
  check_app->add_option("--adapter", check_adapter, "the adapter command (\"CMD ARGS...\")")
      ->required();
  check_app->add_option("--cases", check.cases, "judged cases per property")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  check_app->add_option("--shard", check.shard,
                        "check the i-th of n shards of the properties, 0-based: i/n");
  check_app->add_option("--tier", check.tier,
                        "worlds: small (default), large (every property again as Name@large, "
                        "chains of 1,000+ blocks) or all")
      ->check(CLI::IsMember({"small", "large", "all"}));
  check_app->add_option("--seed", check.seed, "the engine's seed: the same seed, the same cases")
      ->capture_default_str();
  check_app->add_option("--out", check.out_dir, "where counterexample vectors are written")
      ->capture_default_str();
  check_app->add_flag("!--no-shrink", check.shrink,
                      "save counterexamples as first found (faster through slow adapters)");
  check_app->add_option("--timeout", check.timeout_seconds,
                        "wall-clock limit per adapter case, seconds")
      ->check(CLI::Range(0.001, 86400.0))
      ->capture_default_str();
  check_app->add_option("--jobs", check.jobs, "properties checked at once, one adapter each")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  add_repeatable(*check_app, "--property", check.properties, "only this property (repeatable)");
  check_app->add_option("--junit", check.junit_file, "write a JUnit report here");
  check_app->add_flag("--junit-times", check.junit_times,
                      "put each property's seconds in the JUnit report (its bytes then vary)");
  check_app->add_option("--json", check.json_file, "write a JSON report here");
  check_app->add_option("--expected-failures", check.expected_failures_file,
                        "properties known to fail: lines \"<Property> <reason...>\"");
  check_app->add_flag("!--no-progress", check.progress, "no progress lines on stderr");

  MutantsOptions mutants;
  CLI::App* mutants_app = app.add_subcommand(
      "mutants", "the suite's strength through an adapter: every property and the vectors "
                 "against each mutant of a mutant-aware adapter (cryptarchia-mutant-adapter)");
  mutants_app->add_option("--adapter", mutants.adapter,
                          "the adapter command; --mutant NAME is appended per mutant")
      ->required();
  add_repeatable(*mutants_app, "--mutant", mutants.mutants, "only this mutant (repeatable)");
  mutants_app->add_option("--vectors", mutants.vector_paths, "the vector corpus to replay")
      ->required();
  mutants_app->add_option("--shard", mutants.shard,
                          "measure the i-th of n shards of the mutants, 0-based: i/n");
  mutants_app->add_option("--tier", mutants.tier,
                          "worlds: small (default), large (Name@large, chains of 1,000+ blocks: "
                          "slow through an adapter) or all")
      ->check(CLI::IsMember({"small", "large", "all"}))
      ->capture_default_str();
  mutants_app->add_flag("--quick", mutants.mutation.quick,
                        "one seed, stop at the first killing property, no shrinking");
  mutants_app->add_option("--cases", mutants.mutation.cases, "cases per property and seed")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  mutants_app->add_option("--max-cases", mutants.mutation.max_cases,
                          "the last rung of the ladder of cases")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  mutants_app->add_option("--seeds", mutants.mutation.seeds, "seeds per property")
      ->check(CLI::Range(1, 50))
      ->capture_default_str();
  mutants_app->add_option("--timeout", mutants.mutation.timeout_seconds,
                          "seconds per mutant before it counts as a hang")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  mutants_app->add_option("--markdown", mutants.markdown, "also write the table as Markdown");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::ParseError& e) {
    app.exit(e, out, err);
    return kExitUsage;
  }
  if (run_app->parsed()) return run_command(run, out, err);
  if (replay_app->parsed()) return replay_command(replay, out, err);
  if (show_app->parsed()) return show_command(show, out, err);
  if (merge_app->parsed()) return merge_command(merge, out, err);
  if (mutants_app->parsed()) {
#ifdef CSC_HAVE_ADAPTER
    return mutants_command(mutants, out, err);
#else
    err << "harness mutants: this build has no adapter client\n";
    return kExitUsage;
#endif
  }
  if (check_app->parsed()) {
#ifdef CSC_HAVE_ADAPTER
    try {
      check.adapter = split_command(check_adapter);
    } catch (const UsageError& e) {
      err << "harness check: " << e.what() << "\n";
      return kExitUsage;
    }
    return run_check(check, out, err);
#else
    err << "harness check: this build has no adapter client\n";
    return kExitUsage;
#endif
  }
  return kExitUsage;
}

}  // namespace cryptarchia::harness
