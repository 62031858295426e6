// Helpers for the harness CLI tests: run harness_main in-process with its
// output captured, scratch directories, and vectors crafted for a test.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cryptarchia/scenario.hpp"

namespace cryptarchia::harness::test {

struct CliResult {
  int code = -1;
  std::string out;
  std::string err;
};
CliResult run_cli(const std::vector<std::string>& args);

// A fresh, empty directory under the test scratch area.
std::filesystem::path scratch_dir(const std::string& name);
void write_text(const std::filesystem::path& file, const std::string& text);
std::string read_text(const std::filesystem::path& file);
// id -> the JSON record of a `--json` report (a repeated id fails the test).
std::map<std::string, nlohmann::json> records(const std::filesystem::path& json);

std::filesystem::path corpus_dir();
std::filesystem::path spec_vector(const std::string& id);
// A corpus vector, loaded.
Scenario load_spec(const std::string& id);
// Saves a scenario as <dir>/<id>.json.
std::filesystem::path save_in(const std::filesystem::path& dir, const Scenario& s);

// The line "N passed, N failed, N xfailed, N skipped, N errors" of an output.
std::string summary_line(const std::string& out);

}  // namespace cryptarchia::harness::test
