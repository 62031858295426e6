#include "adapter_test_support.hpp"

#include <sys/wait.h>

#include <cerrno>
#include <chrono>
#include <fstream>
#include <thread>

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

int pid_in(const std::filesystem::path& file) {
  std::ifstream in(file);
  int pid = 0;
  in >> pid;
  return pid;
}

bool process_gone(int pid, int patience_ms) {
  for (int waited = 0; waited <= patience_ms; waited += 10) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string pid_field, comm, state;
    // A zombie has been killed; only its parent (init, after us) reaps it.
    if (!(stat >> pid_field >> comm >> state) || state == "Z") return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

bool has_children() {
  int status = 0;
  return !(waitpid(-1, &status, WNOHANG) < 0 && errno == ECHILD);
}

}  // namespace cryptarchia::harness::testing
