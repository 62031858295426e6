#include "cli_test_support.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "cli.hpp"
#include "cryptarchia/vectors/vector_io.hpp"

namespace cryptarchia::harness::test {

CliResult run_cli(const std::vector<std::string>& args) {
  std::vector<std::string> words = {"harness"};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  std::ostringstream out;
  std::ostringstream err;
  CliResult r;
  r.code = harness_main(static_cast<int>(words.size()), argv.data(), out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

std::filesystem::path scratch_dir(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(CSC_HARNESS_TEST_TMP) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

void write_text(const std::filesystem::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary) << text;
}

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::map<std::string, nlohmann::json> records(const std::filesystem::path& json) {
  std::map<std::string, nlohmann::json> out;
  const nlohmann::json doc = nlohmann::json::parse(read_text(json));
  for (const auto& r : doc["results"]) {
    EXPECT_TRUE(out.emplace(r["id"].get<std::string>(), r).second) << "twice: " << r["id"];
  }
  return out;
}

std::filesystem::path corpus_dir() { return CSC_CORPUS_DIR; }

std::filesystem::path spec_vector(const std::string& id) {
  return corpus_dir() / "spec" / (id + ".json");
}

Scenario load_spec(const std::string& id) { return vectors::load_vector(spec_vector(id)); }

std::filesystem::path save_in(const std::filesystem::path& dir, const Scenario& s) {
  const std::filesystem::path file = dir / (s.id + ".json");
  vectors::save_vector(s, file);
  return file;
}

std::string summary_line(const std::string& out) {
  std::istringstream in(out);
  std::string line;
  std::string found;
  while (std::getline(in, line)) {
    if (line.find(" passed, ") != std::string::npos && line.find(" errors") != std::string::npos) {
      found = line;
    }
  }
  return found;
}

}  // namespace cryptarchia::harness::test
