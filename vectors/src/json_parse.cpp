#include "json_parse.hpp"

#include <algorithm>
#include <unordered_set>
#include <vector>

#include "cryptarchia/vectors/vector_io.hpp"
#include "json_reader.hpp"

namespace cryptarchia::vectors {

namespace {

// Follows the parser's events to know the JSON Pointer of the value being
// read, so that a duplicate key or a too deep value can be located.
class PathTracker {
 public:
  explicit PathTracker(const std::string& file) : file_(file) {}

  bool on_event(nlohmann::json::parse_event_t event, const nlohmann::json& parsed) {
    using E = nlohmann::json::parse_event_t;
    if (event == E::object_start || event == E::array_start || event == E::value) {
      if (++values_ > Limits::kMaxJsonValues) {
        throw VectorError(file_, child_path(),
                          "more than " + std::to_string(Limits::kMaxJsonValues) + " JSON values");
      }
    }
    switch (event) {
      case E::object_start:
      case E::array_start:
        if (stack_.size() >= static_cast<std::size_t>(Limits::kMaxNesting)) {
          throw VectorError(
              file_, child_path(),
              "nested deeper than " + std::to_string(Limits::kMaxNesting) + " levels");
        }
        stack_.push_back(Frame{event == E::array_start, 0, {}, {}, child_path()});
        break;
      case E::key: {
        Frame& top = stack_.back();
        top.key = parsed.get<std::string>();
        if (!top.keys.insert(top.key).second) {
          throw VectorError(file_, child_path(), "duplicate key \"" + top.key.substr(0, 80) + "\"");
        }
        break;
      }
      case E::value: finished_value(); break;
      case E::object_end:
      case E::array_end:
        stack_.pop_back();
        finished_value();
        break;
    }
    return true;
  }

  // The JSON Pointer of the value being read.
  [[nodiscard]] std::string where() const { return child_path(); }

 private:
  struct Frame {
    bool array;
    std::size_t index;  // arrays: of the next element
    std::string key;    // objects: the current key
    std::unordered_set<std::string> keys;
    std::string path;
  };

  std::string child_path() const {
    if (stack_.empty()) return "";
    const Frame& top = stack_.back();
    return top.path + "/" + (top.array ? std::to_string(top.index) : pointer_token(top.key));
  }

  void finished_value() {
    if (!stack_.empty() && stack_.back().array) ++stack_.back().index;
  }

  const std::string& file_;
  std::vector<Frame> stack_;
  std::size_t values_ = 0;
};

// nlohmann's message without its "[json.exception.parse_error.101] " prefix.
std::string plain_message(const nlohmann::json::exception& e) {
  const std::string what = e.what();
  const auto end = what.find("] ");
  return what.rfind("[json.exception.", 0) == 0 && end != std::string::npos ? what.substr(end + 2)
                                                                            : what;
}

}  // namespace

nlohmann::json parse_document(std::string_view text, const std::string& file) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    throw VectorError(file, "", "empty file: expected a JSON object");
  }
  // The parser would stop at a NUL and ignore the rest of the file (even a
  // second document): JSON text holds none (issue 12, item 9).
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    const std::size_t line = 1 + static_cast<std::size_t>(
                                     std::count(text.begin(), text.begin() + nul, '\n'));
    throw VectorError(file, "",
                      "a NUL byte at byte " + std::to_string(nul) + " (line " +
                          std::to_string(line) + "), which JSON does not allow");
  }
  PathTracker tracker(file);
  try {
    return nlohmann::json::parse(
        text.begin(), text.end(),
        [&tracker](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
          return tracker.on_event(event, parsed);
        });
  } catch (const nlohmann::json::parse_error& e) {
    throw VectorError(file, "",
                      "malformed JSON at byte " + std::to_string(e.byte) + ": " + plain_message(e));
  } catch (const nlohmann::json::out_of_range& e) {
    // A number too large for a double ("1e999"): found by fuzz_vector_loader.
    throw VectorError(file, tracker.where(), "malformed JSON: " + plain_message(e));
  } catch (const nlohmann::json::exception& e) {
    throw VectorError(file, tracker.where(), "malformed JSON: " + plain_message(e));
  }
}

}  // namespace cryptarchia::vectors
