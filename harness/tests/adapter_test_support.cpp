#include "adapter_test_support.hpp"

#include <sys/wait.h>

#include <cerrno>
#include <fstream>

#include "cryptarchia/vectors/vector_io.hpp"

namespace cryptarchia::harness::testing {

std::vector<std::string> reference_adapter(Profile profile) {
  return {CSC_REFERENCE_ADAPTER, "--profile", std::string(to_string(profile))};
}

Scenario corpus_scenario(const std::string& relative_path) {
  return vectors::load_vector(std::filesystem::path(CSC_CORPUS_DIR) / relative_path);
}

std::filesystem::path test_dir(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(CSC_ADAPTER_TEST_TMP) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::filesystem::path write_script(const std::filesystem::path& dir, const std::string& name,
                                   const std::string& body) {
  const std::filesystem::path file = dir / name;
  {
    std::ofstream out(file);
    out << "#!/bin/sh\n" << body << "\n";
  }
  std::filesystem::permissions(file, std::filesystem::perms::owner_all);
  return file;
}

std::string hello_lines(const std::string& protocol, const std::string& features) {
  return "echo '{\"type\":\"hello\",\"protocol\":\"" + protocol +
         "\",\"implementation\":{\"name\":\"hostile\",\"version\":\"0\"},\"features\":[" +
         features + "]}'\nread welcome\n";
}

std::size_t open_fds() {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd"))
    ++n;
  return n;
}

bool has_children() {
  int status = 0;
  return !(waitpid(-1, &status, WNOHANG) < 0 && errno == ECHILD);
}

}  // namespace cryptarchia::harness::testing
