#include "interrupt.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstring>

namespace cryptarchia::harness::interrupt {

namespace {

constexpr int kGroups = 256;
constexpr int kFiles = 8;
constexpr std::size_t kPathBytes = 4096;

struct Group {
  std::atomic<pid_t> pid{0};
  std::atomic<pid_t> owner{0};
};
Group groups[kGroups];

// A slot is written while `used` is 0 and published by setting it to the
// owner's pid; the handler reads only published slots.
struct File {
  std::atomic<pid_t> used{0};
  char path[kPathBytes] = {};
};
File files[kFiles];

static_assert(std::atomic<pid_t>::is_always_lock_free);

void put(const char* text) {
  const std::size_t n = std::strlen(text);
  [[maybe_unused]] const ssize_t written = ::write(2, text, n);
}

void on_signal(int sig) {
  const pid_t self = ::getpid();
  for (Group& g : groups) {
    const pid_t pid = g.pid.load();
    if (pid > 0 && g.owner.load() == self) ::kill(-pid, SIGKILL);
  }
  for (File& f : files) {
    if (f.used.load() == self) ::unlink(f.path);
  }
  // "harness: interrupted by signal NN: adapters killed, reports removed"
  char digits[4] = {static_cast<char>('0' + sig / 10 % 10), static_cast<char>('0' + sig % 10),
                    '\0', '\0'};
  put("harness: interrupted by signal ");
  put(sig >= 10 ? digits : digits + 1);
  put(": adapters killed, reports removed\n");
  ::_exit(128 + sig);
}

}  // namespace

void install_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  for (const int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&action.sa_mask, sig);
  for (const int sig : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(sig, &action, nullptr);
}

void adopt_group(pid_t group) {
  const pid_t self = ::getpid();
  for (Group& g : groups) {
    pid_t empty = 0;
    // Owner first: the handler kills a pid only once its owner is set.
    if (g.pid.load() == 0) {
      g.owner.store(self);
      if (g.pid.compare_exchange_strong(empty, group)) return;
    }
  }
}

void forget_group(pid_t group) {
  const pid_t self = ::getpid();
  for (Group& g : groups) {
    pid_t expected = group;
    if (g.owner.load() == self && g.pid.compare_exchange_strong(expected, 0)) return;
  }
}

bool adopted(pid_t group) {
  const pid_t self = ::getpid();
  for (Group& g : groups) {
    if (g.pid.load() == group && g.owner.load() == self) return true;
  }
  return false;
}

void remove_if_interrupted(const std::string& path) {
  if (path.empty() || path.size() >= kPathBytes) return;
  static std::atomic<int> claiming{0};
  while (claiming.exchange(1) != 0) {
  }
  for (File& f : files) {
    if (f.used.load() != 0) continue;
    std::memcpy(f.path, path.c_str(), path.size() + 1);
    f.used.store(::getpid());
    break;
  }
  claiming.store(0);
}

void keep(const std::string& path) {
  const pid_t self = ::getpid();
  for (File& f : files) {
    if (f.used.load() == self && path == f.path) f.used.store(0);
  }
}

}  // namespace cryptarchia::harness::interrupt
