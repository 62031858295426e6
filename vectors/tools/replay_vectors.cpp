// cryptarchia-replay-vectors: loads vector files (or every *.json under a
// directory) and runs each under every profile it has an expectation for,
// with the reference implementation. Exit status 0 when every vector loads
// and every run ends as expected.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>

#include "cryptarchia/vectors/vector_io.hpp"

int main(int argc, char** argv) {
  using namespace cryptarchia;
  CLI::App app{"Replay sync vectors against the reference implementation."};
  std::vector<std::string> paths;
  app.add_option("paths", paths, "vector files or directories")->required();
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
      if (s.expected.empty()) std::printf("  no expectations: loaded only\n");
      for (const auto& [profile, expectation] : s.expected) {
        const ScenarioRun run = run_scenario(s, profile);
        const bool ok = run.mismatches.empty();
        ok ? ++passed : ++failed;
        std::printf("  %-9s %-4s %s\n", std::string(to_string(profile)).c_str(), ok ? "ok" : "FAIL",
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
