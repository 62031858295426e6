// The Graphviz drawing of a vector: blocks as boxes (short id and slot),
// edges parent -> child, the genesis doubled, invalid blocks red and
// dashed, each peer as an ellipse pointing at the tip it advertises, the
// local start's tip filled, the checkpoint bold.
#include <optional>
#include <sstream>

#include "block_catalogue.hpp"
#include "show.hpp"

namespace cryptarchia::harness {

namespace {

// A dot string literal's content.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (const char ch : text) {
    if (ch == '"' || ch == '\\') out += '\\';
    if (ch == '\n') {
      out += "\\n";
      continue;
    }
    out += ch;
  }
  return out + "\"";
}

}  // namespace

std::string draw_dot(const Scenario& s) {
  const BlockCatalogue c(s);
  const std::optional<Id> local = local_start_tip(s);
  const std::optional<Id> checkpoint =
      s.checkpoint ? std::optional<Id>(s.checkpoint->header.id()) : std::nullopt;
  std::ostringstream out;
  out << "digraph " << quoted(s.id) << " {\n";
  out << "  rankdir=LR;\n  node [shape=box, fontname=\"monospace\"];\n";
  for (const auto& [id, h] : c.headers) {
    std::string attrs = "label=" + quoted(id.short_hex() + "\n@" + std::to_string(h.slot));
    if (id == c.genesis) {
      attrs += ", peripheries=2";
    } else if (!proof_flaw(s, h).empty()) {
      attrs += ", color=red, style=dashed, xlabel=" + quoted("!" + proof_flaw(s, h));
    }
    if (local && id == *local) attrs += ", style=filled, fillcolor=lightblue";
    if (checkpoint && id == *checkpoint) attrs += ", penwidth=3";
    out << "  " << quoted(id.hex()) << " [" << attrs << "];\n";
  }
  for (const auto& [parent, kids] : c.children) {
    for (const Id& kid : kids) out << "  " << quoted(parent.hex()) << " -> " << quoted(kid.hex()) << ";\n";
  }
  for (std::size_t n = 0; n < s.peers.size(); ++n) {
    const ScenarioPeer& p = s.peers[n];
    if (!p.view) continue;
    const std::string node = "peer p" + std::to_string(n) + " " + p.name;
    std::string label = node;
    if (!p.faults.empty()) label += "\n" + std::to_string(p.faults.size()) + " fault(s)";
    out << "  " << quoted(node) << " [shape=ellipse, color=blue, label=" << quoted(label) << "];\n";
    out << "  " << quoted(node) << " -> " << quoted(p.view->tip().id().hex())
        << " [style=dashed, color=blue, arrowhead=vee];\n";
  }
  if (local) {
    out << "  \"local tip\" [shape=ellipse, style=filled, fillcolor=lightblue];\n";
    out << "  \"local tip\" -> " << quoted(local->hex()) << " [style=dashed];\n";
  }
  out << "}\n";
  return out.str();
}

}  // namespace cryptarchia::harness
