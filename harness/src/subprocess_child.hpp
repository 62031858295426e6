// One adapter process: started in its own process group with pipes on its
// stdin, stdout and stderr; lines written and read against a deadline with
// poll(), stderr drained into a bounded tail all the while. The destructor
// kills the whole group and reaps the child, so nothing outlives it.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "protocol_transport.hpp"

namespace cryptarchia::harness::detail {

class ChildProcess : public Transport {
 public:
  // Throws AdapterError if the program cannot be started.
  ChildProcess(const std::vector<std::string>& argv, std::size_t stderr_tail_bytes);
  ~ChildProcess() override;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Output counted against `limit` from now on (a new case starts).
  void reset_output_budget(std::size_t limit) override;

  // Writes `line` and a newline. Throws ProtocolError on timeout or when
  // the child no longer reads its stdin.
  void write_line(std::string_view line, Clock::time_point deadline) override;
  // The next stdout line, without its newline. Throws ProtocolError when the
  // child closes stdout or exits, the line exceeds `max_line` bytes, the
  // case's output budget is spent or the deadline passes.
  std::string read_line(Clock::time_point deadline, std::size_t max_line) override;

  // Reads whatever the child has written so far without waiting; returns
  // the first pending stdout line (possibly incomplete), or "" if none.
  std::string pending_output() override;

  // Closes the child's stdin and gives it `grace` to exit before the group is killed.
  void shut_down(std::chrono::milliseconds grace) override;

  [[nodiscard]] std::string stderr_tail() const override { return stderr_tail_; }
  // Reaps the child if it has exited (then kills what is left of its group).
  bool exited() override;

 private:
  // Waits for one round of I/O; returns false at the deadline. Throws
  // ProtocolError when the child has exited and nothing arrives: a process
  // it started may hold the pipes open, and we would wait for the deadline.
  bool pump(Clock::time_point deadline, bool want_write);
  void drain_stderr();
  void read_stdout();
  std::string exit_description();
  void kill_and_reap();
  void close_fd(int& fd);

  pid_t pid_ = -1;
  bool reaped_ = false;
  int exit_status_ = 0;
  int in_ = -1, out_ = -1, err_ = -1;
  LineBuffer out_lines_;
  std::string pending_write_;
  std::size_t written_ = 0;
  std::string stderr_tail_;
  std::size_t stderr_tail_bytes_;
  bool stdout_eof_ = false;
};

}  // namespace cryptarchia::harness::detail
