// What the harness does when it is told to stop (SIGINT, SIGTERM, SIGHUP):
// kill every live adapter's process group, remove the reports this run
// would have written (an old one would be taken for this run's), and exit
// with 128 + the signal (issue 12, items 3 and 4). The handler only reads
// fixed-size tables and calls kill, unlink, write and _exit, all
// async-signal-safe.
#pragma once

#include <sys/types.h>

#include <string>

namespace cryptarchia::harness::interrupt {

// Installs the handler for SIGINT, SIGTERM and SIGHUP (`harness` does, at
// start). Without it, the tables below are kept but nothing reads them.
void install_handlers();

// A live adapter, leader of its own process group. Entries are owned by the
// process that adds them: a forked child (the mutation runner) kills only
// the adapters it started itself. Up to 256 at once; more go unrecorded.
void adopt_group(pid_t group);
void forget_group(pid_t group);
// Whether `group` is a live adapter's group adopted by this process.
bool adopted(pid_t group);

// A file to remove if the run is interrupted (a report, or its temporary
// file); up to 8 at once, each at most 4095 bytes long.
void remove_if_interrupted(const std::string& path);
void keep(const std::string& path);

}  // namespace cryptarchia::harness::interrupt
