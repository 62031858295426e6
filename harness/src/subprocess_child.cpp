#include "subprocess_child.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "cryptarchia/harness/subprocess.hpp"
#include "interrupt.hpp"
#include "protocol_json.hpp"

extern char** environ;

namespace cryptarchia::harness::detail {

using protocol::ProtocolError;

namespace {

// A write to a pipe the adapter closed must fail with EPIPE, not kill us.
void ignore_sigpipe() {
  struct sigaction current {};
  if (sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) {
    signal(SIGPIPE, SIG_IGN);
  }
}

// Both ends close on destruction unless taken.
struct Pipe {
  int read = -1, write = -1;
  Pipe() {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
      throw AdapterError(std::string("cannot create a pipe: ") + std::strerror(errno));
    }
    read = fds[0];
    write = fds[1];
  }
  ~Pipe() {
    if (read >= 0) ::close(read);
    if (write >= 0) ::close(write);
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  static int take(int& fd) {
    const int out = fd;
    fd = -1;
    return out;
  }
};

// Spawning an adapter and recording it, against the sweep for escaped
// processes: a fresh adapter must never be taken for one.
std::mutex spawn_mutex;
std::atomic<bool> reaping_escaped{false};

// Kills and reaps every child of this process (a subreaper) that is not in
// its process group nor a live adapter's: a process an adapter started that
// left the adapter's group and was reparented here when its parent died.
void kill_escaped() {
  const std::lock_guard<std::mutex> lock(spawn_mutex);
  const pid_t self = ::getpid();
  const pid_t own_group = ::getpgrp();
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string text;
    std::getline(stat, text);
    const auto close = text.rfind(')');  // the command may hold spaces and parentheses
    if (close == std::string::npos) continue;
    std::istringstream fields(text.substr(close + 1));
    std::string state;
    long ppid = 0, group = 0;
    if (!(fields >> state >> ppid >> group) || ppid != self) continue;
    if (group == own_group || interrupt::adopted(static_cast<pid_t>(group))) continue;
    const auto pid = static_cast<pid_t>(std::stol(name));
    if (group > 1) ::kill(static_cast<pid_t>(-group), SIGKILL);
    ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
}

void set_nonblocking(int fd) { fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK); }

// At most 100 ms at a time, so that a child that exited is noticed even
// when a process it started holds its pipes open.
int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return static_cast<int>(std::clamp<long long>(left.count() + 1, 0, 100));
}

}  // namespace

ChildProcess::ChildProcess(const std::vector<std::string>& argv, std::size_t stderr_tail_bytes)
    : stderr_tail_bytes_(stderr_tail_bytes) {
  if (argv.empty()) throw AdapterError("no adapter program given");
  ignore_sigpipe();
  Pipe in, out, err;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.read, 0);
  posix_spawn_file_actions_adddup2(&actions, out.write, 1);
  posix_spawn_file_actions_adddup2(&actions, err.write, 2);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  // The harness's interrupt handlers are not the adapter's.
  for (const int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&defaults, sig);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::unique_lock<std::mutex> spawning(spawn_mutex);
  const int rc = posix_spawnp(&pid_, args[0], &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    pid_ = -1;
    throw AdapterError("cannot start " + argv[0] + ": " + std::strerror(rc));
  }
  interrupt::adopt_group(pid_);  // killed with us if the harness is interrupted
  spawning.unlock();
  in_ = Pipe::take(in.write);
  out_ = Pipe::take(out.read);
  err_ = Pipe::take(err.read);
  for (int fd : {in_, out_, err_}) set_nonblocking(fd);
}

ChildProcess::~ChildProcess() {
  kill_and_reap();
  if (reaping_escaped.load() && pid_ > 0) {
    // Killed processes of the adapter's group may take a moment to die;
    // once none is left, whatever escaped the group has been reparented
    // here. Each sweep also reaps the group's dead, reparented here too.
    for (int i = 0; i < 100; ++i) {
      kill_escaped();
      if (::kill(-pid_, 0) != 0) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    kill_escaped();
  }
  close_fd(in_);
  close_fd(out_);
  close_fd(err_);
}

void ChildProcess::close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

void ChildProcess::kill_and_reap() {
  if (pid_ <= 0 || reaped_) return;
  ::kill(-pid_, SIGKILL);  // the whole group: shells and whatever they started
  ::kill(pid_, SIGKILL);
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  reaped_ = true;
  exit_status_ = status;
  interrupt::forget_group(pid_);
}

void ChildProcess::shut_down(std::chrono::milliseconds grace) {
  close_fd(in_);
  const auto until = Clock::now() + grace;
  while (pid_ > 0 && !reaped_ && Clock::now() < until) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      reaped_ = true;
      exit_status_ = status;
      ::kill(-pid_, SIGKILL);  // leftovers of the group, if any
      interrupt::forget_group(pid_);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  kill_and_reap();
}

void ChildProcess::reset_output_budget(std::size_t limit) { out_lines_.reset_budget(limit); }

bool ChildProcess::exited() {
  if (reaped_) return true;
  if (pid_ <= 0) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) != pid_) return false;
  reaped_ = true;
  exit_status_ = status;
  ::kill(-pid_, SIGKILL);  // leftovers of the group, if any
  interrupt::forget_group(pid_);
  return true;
}

void ChildProcess::drain_stderr() {
  char chunk[16384];
  // Bounded, so that a child flooding stderr cannot keep us from the deadline.
  for (int round = 0; round < 64; ++round) {
    const ssize_t n = ::read(err_, chunk, sizeof chunk);
    if (n > 0) {
      stderr_tail_.append(chunk, static_cast<std::size_t>(n));
      if (stderr_tail_.size() > stderr_tail_bytes_) {
        stderr_tail_.erase(0, stderr_tail_.size() - stderr_tail_bytes_);
      }
      continue;
    }
    if (n == 0) close_fd(err_);
    if (n < 0 && errno == EINTR) continue;
    return;
  }
}

void ChildProcess::read_stdout() {
  char chunk[65536];
  for (;;) {
    const ssize_t n = ::read(out_, chunk, sizeof chunk);
    if (n > 0) {
      out_lines_.append(std::string_view(chunk, static_cast<std::size_t>(n)));
      return;  // let the caller look for a line before reading more
    }
    if (n == 0) {
      stdout_eof_ = true;
      close_fd(out_);
    }
    if (n < 0 && errno == EINTR) continue;
    return;
  }
}

bool ChildProcess::pump(Clock::time_point deadline, bool want_write) {
  if (Clock::now() >= deadline) return false;
  pollfd fds[3];
  nfds_t n = 0;
  const auto add = [&](int fd, short events) {
    if (fd >= 0) fds[n++] = pollfd{fd, events, 0};
  };
  add(err_, POLLIN);
  add(out_, POLLIN);
  if (want_write) add(in_, POLLOUT);
  if (n == 0) return true;
  const int ready = ::poll(fds, n, remaining_ms(deadline));
  if (ready < 0 && errno != EINTR)
    throw ProtocolError(std::string("poll: ") + std::strerror(errno));
  if (ready <= 0) {
    if (ready == 0 && exited()) {
      throw ProtocolError("the adapter exited" + exit_description() +
                          ", but a process it started still holds its stdin or stdout");
    }
    return Clock::now() < deadline;
  }
  for (nfds_t i = 0; i < n; ++i) {
    if (fds[i].revents == 0) continue;
    if (fds[i].fd == err_) {
      drain_stderr();
    } else if (fds[i].fd == out_) {
      read_stdout();
    } else if (fds[i].fd == in_) {
      if (fds[i].revents & (POLLERR | POLLHUP)) {
        throw ProtocolError("the adapter closed its stdin" + exit_description());
      }
      const ssize_t w =
          ::write(in_, pending_write_.data() + written_, pending_write_.size() - written_);
      if (w > 0) written_ += static_cast<std::size_t>(w);
      if (w < 0 && errno == EPIPE) {
        throw ProtocolError("the adapter closed its stdin" + exit_description());
      }
    }
  }
  return true;
}

void ChildProcess::write_line(std::string_view line, Clock::time_point deadline) {
  if (in_ < 0) throw ProtocolError("the adapter's stdin is closed");
  pending_write_.assign(line);
  pending_write_ += '\n';
  written_ = 0;
  while (written_ < pending_write_.size()) {
    if (!pump(deadline, true)) {
      throw ProtocolError("timed out writing to the adapter (it does not read its stdin)");
    }
  }
  pending_write_.clear();
}

std::string ChildProcess::read_line(Clock::time_point deadline, std::size_t max_line) {
  for (;;) {
    if (std::optional<std::string> line = out_lines_.take_line(max_line)) return std::move(*line);
    if (stdout_eof_) {
      throw ProtocolError("the adapter closed its stdout" + exit_description());
    }
    if (!pump(deadline, false)) throw ProtocolError("timed out waiting for the adapter");
  }
}

std::string ChildProcess::pending_output() {
  pollfd fds[2];
  nfds_t n = 0;
  if (err_ >= 0) fds[n++] = pollfd{err_, POLLIN, 0};
  if (out_ >= 0) fds[n++] = pollfd{out_, POLLIN, 0};
  if (n > 0 && ::poll(fds, n, 0) > 0) {
    for (nfds_t i = 0; i < n; ++i) {
      if (fds[i].revents == 0) continue;
      if (fds[i].fd == err_)
        drain_stderr();
      else
        read_stdout();
    }
  }
  return out_lines_.peek();
}

std::string ChildProcess::exit_description() {
  if (!reaped_ && pid_ > 0) {
    // Give an exiting child a moment so that its status can be reported.
    for (int i = 0; i < 50 && !reaped_; ++i) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        reaped_ = true;
        exit_status_ = status;
        ::kill(-pid_, SIGKILL);
        interrupt::forget_group(pid_);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }
  if (err_ >= 0) drain_stderr();
  if (!reaped_) return " (it is still running)";
  if (WIFEXITED(exit_status_))
    return " (it exited with status " + std::to_string(WEXITSTATUS(exit_status_)) + ")";
  if (WIFSIGNALED(exit_status_))
    return " (it was killed by signal " + std::to_string(WTERMSIG(exit_status_)) + ")";
  return "";
}

}  // namespace cryptarchia::harness::detail

namespace cryptarchia::harness {

bool reap_escaped_descendants() {
  if (::prctl(PR_SET_CHILD_SUBREAPER, 1) != 0) return false;
  detail::reaping_escaped.store(true);
  return true;
}

}  // namespace cryptarchia::harness
