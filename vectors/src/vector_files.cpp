// Vector files: reading, writing and finding them.
#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

#include "cryptarchia/vectors/vector_io.hpp"
#include "json_parse.hpp"

namespace cryptarchia::vectors {

namespace fs = std::filesystem;

Scenario parse_vector(std::string_view text, const std::string& source_name) {
  return from_json(parse_document(text, source_name), source_name);
}

Scenario load_vector(const fs::path& file) {
  const std::string name = file.string();
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec) throw VectorError(name, "", "cannot read: " + ec.message());
  if (size > Limits::kMaxFileBytes) {
    throw VectorError(name, "",
                      "file too large: " + std::to_string(size) + " bytes, at most " +
                          std::to_string(Limits::kMaxFileBytes));
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw VectorError(name, "", "cannot read");
  return parse_vector(text.str(), name);
}

namespace {
// Why a path that is neither a regular file nor a directory cannot be
// walked: what it is, rather than "no such file" for a device or a FIFO.
std::string not_a_vector_path(const fs::path& path) {
  std::error_code ec;
  const fs::file_status link = fs::symlink_status(path, ec);
  if (ec || !fs::exists(link)) return "no such file or directory";
  const fs::file_status target = fs::status(path, ec);
  if (!fs::exists(target)) {
    return "a symbolic link to " + fs::read_symlink(path, ec).string() + ", which does not exist";
  }
  const char* what = "of an unknown type";
  switch (target.type()) {
    case fs::file_type::character: what = "a character device"; break;
    case fs::file_type::block: what = "a block device"; break;
    case fs::file_type::fifo: what = "a FIFO"; break;
    case fs::file_type::socket: what = "a socket"; break;
    default: break;
  }
  return std::string("not a regular file or a directory (") + what + ")";
}
}  // namespace

void save_vector(const Scenario& scenario, const fs::path& file) {
  const std::string text = dump_vector(scenario);
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw VectorError(file.string(), "", "cannot write");
}

std::vector<fs::path> find_vectors(const fs::path& file_or_dir) {
  std::error_code ec;
  if (fs::is_regular_file(file_or_dir, ec)) return {file_or_dir};
  if (!fs::is_directory(file_or_dir, ec)) {
    throw VectorError(file_or_dir.string(), "", not_a_vector_path(file_or_dir));
  }
  std::vector<fs::path> found;
  // Directory symlinks are not followed, so a link cycle cannot trap the walk.
  for (auto it = fs::recursive_directory_iterator(file_or_dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == ".json") found.push_back(it->path());
  }
  if (ec) throw VectorError(file_or_dir.string(), "", "cannot list: " + ec.message());
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace cryptarchia::vectors
