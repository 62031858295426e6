#include "vector_selection.hpp"

#include <algorithm>
#include <charconv>
#include <exception>
#include <map>
#include <set>

#include "cryptarchia/vectors/vector_io.hpp"

namespace cryptarchia::harness {

namespace {

std::optional<std::size_t> parse_count(const std::string& text) {
  std::size_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

}  // namespace

Shard parse_shard(const std::string& text) {
  const std::string usage = "--shard " + text + ": expected i/n with 0 <= i < n, e.g. 0/4";
  const auto slash = text.find('/');
  if (slash == std::string::npos) throw UsageError(usage);
  const auto index = parse_count(text.substr(0, slash));
  const auto count = parse_count(text.substr(slash + 1));
  if (!index || !count) throw UsageError(usage);
  if (*count == 0) throw UsageError("--shard " + text + ": the shard count n must be at least 1");
  if (*index >= *count) {
    throw UsageError("--shard " + text + ": the shard index i must be below n (shards are 0-based)");
  }
  return Shard{*index, *count};
}

std::vector<std::filesystem::path> find_vector_files(const std::vector<std::string>& paths) {
  // One file, however it is reached (`spec spec/../spec`, a symlink): the
  // first spelling of it is kept (issue 12, item 11).
  std::vector<std::filesystem::path> files;
  std::set<std::filesystem::path> seen;
  for (const std::string& path : paths) {
    try {
      for (auto& f : vectors::find_vectors(path)) {
        std::error_code ec;
        std::filesystem::path real = std::filesystem::weakly_canonical(f, ec);
        if (ec) real = std::filesystem::absolute(f).lexically_normal();
        if (seen.insert(real).second) files.push_back(std::move(f));
      }
    } catch (const vectors::VectorError& e) {
      throw UsageError(e.what());
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) throw UsageError("no vector files (*.json) found");
  return files;
}

std::vector<std::filesystem::path> shard_files(const std::vector<std::filesystem::path>& files,
                                               const Shard& shard) {
  std::vector<std::filesystem::path> mine;
  for (std::size_t k = shard.index; k < files.size(); k += shard.count) mine.push_back(files[k]);
  return mine;
}

LoadedVector load(const std::filesystem::path& file) {
  LoadedVector out;
  out.file = file;
  try {
    out.scenario = vectors::load_vector(file);
    // Reports and expected-failures lists name a vector by id: the id is
    // the file's name, so that the file of a report line can be found.
    if (out.scenario->id != file.stem().string()) {
      out.load_error = file.string() + ": /id: the vector id \"" + out.scenario->id +
                       "\" is not the file's name (" + out.scenario->id + ".json)";
      out.scenario.reset();
    }
  } catch (const vectors::VectorError& e) {
    out.load_error = e.what();
  } catch (const std::exception& e) {
    out.load_error = file.string() + ": " + e.what();
  }
  return out;
}

void refuse_repeated_ids(std::vector<LoadedVector>& loaded) {
  std::map<std::string, std::filesystem::path> first;
  for (LoadedVector& v : loaded) {
    if (!v.scenario) continue;
    const auto [it, fresh] = first.emplace(v.scenario->id, v.file);
    if (fresh) continue;
    v.load_error = v.file.string() + ": /id: the vector id \"" + v.scenario->id +
                   "\" is also the id of " + it->second.string();
    v.scenario.reset();
  }
}

bool selected(const LoadedVector& vector, const std::vector<std::string>& ids,
              const std::vector<std::string>& tags) {
  if (!vector.scenario) return true;
  const Scenario& s = *vector.scenario;
  if (!ids.empty() && std::find(ids.begin(), ids.end(), s.id) == ids.end()) return false;
  if (tags.empty()) return true;
  return std::any_of(s.tags.begin(), s.tags.end(), [&](const std::string& t) {
    return std::find(tags.begin(), tags.end(), t) != tags.end();
  });
}

void require_selection(const std::vector<LoadedVector>& loaded, std::size_t chosen,
                       const std::vector<std::string>& ids, const std::vector<std::string>& tags) {
  std::set<std::string> seen_ids;
  std::set<std::string> seen_tags;
  for (const LoadedVector& v : loaded) {
    if (!v.scenario) continue;
    seen_ids.insert(v.scenario->id);
    seen_tags.insert(v.scenario->tags.begin(), v.scenario->tags.end());
  }
  for (const std::string& id : ids) {
    if (!seen_ids.count(id)) throw UsageError("--id " + id + ": no vector has this id");
  }
  for (const std::string& tag : tags) {
    if (!seen_tags.count(tag)) throw UsageError("--tag " + tag + ": no vector has this tag");
  }
  if (chosen > 0 || (ids.empty() && tags.empty())) return;
  std::string selectors;
  for (const std::string& id : ids) selectors += " --id " + id;
  for (const std::string& tag : tags) selectors += " --tag " + tag;
  throw UsageError(selectors.substr(1) + ": no vector has one of these ids and one of these tags");
}

}  // namespace cryptarchia::harness
