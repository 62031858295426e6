// cryptarchia-replay-vectors: loads vector files (or every *.json under a
// directory) and runs each under every profile it has an expectation for,
// with the reference implementation. Exit status 0 when every vector loads
// and every run ends as expected (under follower variants too, for the
// expectations stored for them). With --every-order, each profile runs once
// per order of same-slot orphans (the spec leaves it open) and, with
// fold-over-all-tips, per result of the fold; every order must end in the
// expectation or one of its alternatives.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>

#include "cryptarchia/vectors/vector_io.hpp"

namespace {

using namespace cryptarchia;

// Every order of same-slot orphans under `profile` ends as the vector
// expects (or as one of its alternatives); prints how many orders matched
// which outcome.
bool every_order_ok(const Scenario& s, const RunAs& profile, std::size_t max_orders) {
  const Expectation& expectation = *s.expectation(profile);
  std::vector<std::size_t> matched(expectation.alternatives.size() + 1, 0);
  std::size_t failing = 0;
  std::vector<std::string> first_failure;
  const OrderRuns runs = for_each_orphan_order(s, profile, max_orders, [&](const ScenarioRun& r) {
    if (r.matched) {
      ++matched[*r.matched];
    } else if (failing++ == 0) {
      first_failure = r.mismatches;
      first_failure.insert(first_failure.begin(), r.result.summary());
    }
  });
  const bool ok = runs.complete && failing == 0;
  std::string counts;
  for (std::size_t i = 0; i < matched.size(); ++i) {
    if (matched[i] != 0) {
      counts += (counts.empty() ? "" : ", ") + std::to_string(matched[i]) + " matched " +
                matched_text(expectation, i);
    }
  }
  std::printf("  %-9s %-4s %zu order(s)%s: %s%s\n", to_string(profile).c_str(),
              ok ? "ok" : "FAIL", runs.runs, runs.complete ? "" : " (stopped: too many orders)",
              counts.empty() ? "none matched" : counts.c_str(),
              failing ? (", " + std::to_string(failing) + " matched nothing").c_str() : "");
  for (const std::string& m : first_failure) std::printf("            - %s\n", m.c_str());
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Replay sync vectors against the reference implementation."};
  std::vector<std::string> paths;
  app.add_option("paths", paths, "vector files or directories")->required();
  bool every_order = false;
  app.add_flag("--every-order", every_order,
               "run each profile in every order of same-slot orphans; each must match");
  std::size_t max_orders = 5040;
  app.add_option("--max-orders", max_orders,
                 "with --every-order: fail a vector with more orders than this")
      ->check(CLI::PositiveNumber);
  CLI11_PARSE(app, argc, argv);

  int passed = 0;
  int failed = 0;
  std::size_t files = 0;
  for (const std::string& path : paths) {
    std::vector<std::filesystem::path> found;
    try {
      found = vectors::find_vectors(path);
    } catch (const vectors::VectorError& e) {
      std::printf("FAIL %s\n", e.what());
      ++failed;
      continue;
    }
    for (const auto& file : found) {
      ++files;
      Scenario s;
      try {
        s = vectors::load_vector(file);
      } catch (const vectors::VectorError& e) {
        std::printf("FAIL %s\n", e.what());
        ++failed;
        continue;
      }
      std::printf("%s (%s)\n", s.id.c_str(), file.c_str());
      if (s.expected.empty() && s.expected_with_variants.empty()) {
        std::printf("  no expectations: loaded only\n");
      }
      std::vector<RunAs> keys;
      for (const auto& entry : s.expected) keys.emplace_back(entry.first);
      for (const auto& entry : s.expected_with_variants) keys.push_back(entry.first);
      for (const RunAs& profile : keys) {
        if (every_order) {
          every_order_ok(s, profile, max_orders) ? ++passed : ++failed;
          continue;
        }
        const ScenarioRun run = run_scenario(s, profile);
        const bool ok = run.mismatches.empty();
        ok ? ++passed : ++failed;
        std::printf("  %-9s %-4s %s\n", to_string(profile).c_str(), ok ? "ok" : "FAIL",
                    run.result.summary().c_str());
        for (const std::string& m : run.mismatches) std::printf("            - %s\n", m.c_str());
      }
    }
  }
  if (files == 0) {
    std::printf("FAIL no vector files found\n");
    ++failed;
  }
  std::printf("\n%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
