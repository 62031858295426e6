// Parsing a vector file's text into JSON, stricter than nlohmann's default:
// duplicate keys and deep nesting are errors, and every error is a
// VectorError with a position.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace cryptarchia::vectors {

nlohmann::json parse_document(std::string_view text, const std::string& file);

}  // namespace cryptarchia::vectors
