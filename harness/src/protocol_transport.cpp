#include "protocol_transport.hpp"

#include <algorithm>

#include "protocol_json.hpp"

namespace cryptarchia::harness::detail {

using protocol::ProtocolError;

void LineBuffer::reset_budget(std::size_t limit) {
  limit_ = limit;
  bytes_ = 0;
}

void LineBuffer::append(std::string_view bytes) {
  bytes_ += bytes.size();
  if (bytes_ > limit_) {
    throw ProtocolError("the adapter wrote more than " + std::to_string(limit_) +
                        " bytes in one case");
  }
  buffer_.append(bytes);
}

std::optional<std::string> LineBuffer::take_line(std::size_t max_line) {
  const std::size_t newline = buffer_.find('\n', scanned_);
  if (newline == std::string::npos) {
    scanned_ = buffer_.size();
    if (buffer_.size() > max_line) {
      throw ProtocolError("a line longer than " + std::to_string(max_line) + " bytes");
    }
    return std::nullopt;
  }
  if (newline > max_line) {
    throw ProtocolError("a line longer than " + std::to_string(max_line) + " bytes");
  }
  std::string line = buffer_.substr(0, newline);
  buffer_.erase(0, newline + 1);
  scanned_ = 0;
  return line;
}

std::string LineBuffer::peek() const { return buffer_.substr(0, buffer_.find('\n')); }

BufferTransport::BufferTransport(std::string adapter_output, std::string stderr_text)
    : output_(std::move(adapter_output)), stderr_(std::move(stderr_text)) {}

void BufferTransport::write_line(std::string_view line, Clock::time_point) {
  if (closed_) throw ProtocolError("the adapter's stdin is closed");
  written_.emplace_back(line);
}

std::string BufferTransport::read_line(Clock::time_point, std::size_t max_line) {
  for (;;) {
    if (std::optional<std::string> line = lines_.take_line(max_line)) return std::move(*line);
    if (fed_ == output_.size()) throw ProtocolError("the adapter closed its stdout");
    const std::size_t n = std::min(kChunk, output_.size() - fed_);
    lines_.append(std::string_view(output_).substr(fed_, n));
    fed_ += n;
  }
}

}  // namespace cryptarchia::harness::detail
