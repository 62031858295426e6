// `harness show FILE [--dot]`: draws one vector.
#include "cli.hpp"
#include "cryptarchia/vectors/vector_io.hpp"
#include "show.hpp"

namespace cryptarchia::harness {

int show_command(const ShowOptions& options, std::ostream& out, std::ostream& err) {
  Scenario s;
  try {
    s = vectors::load_vector(options.file);
  } catch (const std::exception& e) {
    err << "harness show: " << e.what() << "\n";
    return kExitUsage;
  }
  out << (options.dot ? draw_dot(s) : draw_text(s));
  return kExitOk;
}

}  // namespace cryptarchia::harness
