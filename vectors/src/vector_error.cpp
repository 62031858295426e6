#include "cryptarchia/vectors/vector_io.hpp"

namespace cryptarchia::vectors {

namespace {
std::string message(const std::string& file, const std::string& json_path,
                    const std::string& reason) {
  return json_path.empty() ? file + ": " + reason : file + ": " + json_path + ": " + reason;
}
}  // namespace

VectorError::VectorError(std::string file, std::string json_path, std::string reason)
    : std::runtime_error(message(file, json_path, reason)),
      file_(std::move(file)),
      json_path_(std::move(json_path)),
      reason_(std::move(reason)) {}

}  // namespace cryptarchia::vectors
