// Shared by the adapter client's tests: the reference adapter's command
// line, corpus scenarios, and hostile adapters written as shell scripts.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "cryptarchia/harness/subprocess.hpp"
#include "cryptarchia/scenario.hpp"

namespace cryptarchia::harness::testing {

std::vector<std::string> reference_adapter(Profile profile = Profile::Reference);
Scenario corpus_scenario(const std::string& relative_path);
// A fresh directory for one test.
std::filesystem::path test_dir(const std::string& name);
// Writes an executable `#!/bin/sh` script with this body; returns its path.
std::filesystem::path write_script(const std::filesystem::path& dir, const std::string& name,
                                   const std::string& body);
// Shell lines that do the handshake of a well-formed adapter.
std::string hello_lines(const std::string& protocol = "1.0",
                        const std::string& features = "\"checkpoint\",\"online\",\"sync-again\"");
// Open file descriptors of this process.
std::size_t open_fds();
// Whether this process has a child not yet reaped.
bool has_children();
// The pid a hostile adapter wrote to `file` (0 if none yet).
int pid_in(const std::filesystem::path& file);
// Whether process `pid` is gone (or a zombie) within `patience_ms`.
bool process_gone(int pid, int patience_ms = 2000);

}  // namespace cryptarchia::harness::testing
