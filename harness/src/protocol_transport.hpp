// Where the harness side of the adapter protocol reads its lines from and
// writes its lines to: an adapter process (ChildProcess), or a buffer given
// up front (BufferTransport: the fuzz target and fast protocol tests). Both
// split the adapter's bytes into lines with one LineBuffer, so both refuse
// the same input the same way.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cryptarchia::harness::detail {

using Clock = std::chrono::steady_clock;

// The adapter's stdout, split into lines under the protocol's limits.
class LineBuffer {
 public:
  // Output counted against `limit` from now on (a new case starts).
  void reset_budget(std::size_t limit);
  // Adds bytes the adapter wrote; throws ProtocolError once more than the
  // budget arrived since the last reset.
  void append(std::string_view bytes);
  // The next complete line without its newline, or nullopt if none has
  // arrived. Throws ProtocolError when a line, complete or not, is longer
  // than `max_line` bytes.
  std::optional<std::string> take_line(std::size_t max_line);
  // The first pending line, possibly incomplete; "" if nothing is pending.
  [[nodiscard]] std::string peek() const;

 private:
  std::string buffer_;
  std::size_t scanned_ = 0;  // buffer_[0, scanned_) holds no newline
  std::size_t limit_ = SIZE_MAX;
  std::size_t bytes_ = 0;
};

class Transport {
 public:
  virtual ~Transport() = default;
  virtual void reset_output_budget(std::size_t limit) = 0;
  // Writes `line` and a newline; throws ProtocolError if it cannot.
  virtual void write_line(std::string_view line, Clock::time_point deadline) = 0;
  // The next line; throws ProtocolError at end of output, on a line longer
  // than `max_line`, a spent output budget, or the deadline.
  virtual std::string read_line(Clock::time_point deadline, std::size_t max_line) = 0;
  // What has arrived so far without waiting: the first pending line, or "".
  virtual std::string pending_output() = 0;
  // Ends the conversation, giving the other side `grace` to finish.
  virtual void shut_down(std::chrono::milliseconds grace) = 0;
  [[nodiscard]] virtual std::string stderr_tail() const = 0;
  // Whether the other side is known to have exited.
  virtual bool exited() { return false; }
};

// An adapter whose whole stdout is given up front and arrives in chunks as
// the harness reads, as from a pipe. Nothing is pending between messages:
// a scripted adapter is never early. What the harness writes is kept.
class BufferTransport : public Transport {
 public:
  explicit BufferTransport(std::string adapter_output, std::string stderr_text = "");

  void reset_output_budget(std::size_t limit) override { lines_.reset_budget(limit); }
  void write_line(std::string_view line, Clock::time_point deadline) override;
  std::string read_line(Clock::time_point deadline, std::size_t max_line) override;
  std::string pending_output() override { return ""; }
  void shut_down(std::chrono::milliseconds) override { closed_ = true; }
  [[nodiscard]] std::string stderr_tail() const override { return stderr_; }

  [[nodiscard]] const std::vector<std::string>& written() const { return written_; }

 private:
  static constexpr std::size_t kChunk = 65536;  // what one read of a pipe returns at most
  std::string output_;
  std::size_t fed_ = 0;
  std::string stderr_;
  LineBuffer lines_;
  std::vector<std::string> written_;
  bool closed_ = false;
};

}  // namespace cryptarchia::harness::detail
