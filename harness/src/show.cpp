// The text drawing of a vector.
#include <exception>
#include <sstream>
#include <utility>

#include "block_catalogue.hpp"
#include "show.hpp"

namespace cryptarchia::harness {

namespace {

std::string name(const Scenario& s, const BlockCatalogue& c, const Id& id) {
  if (id == c.genesis) return "genesis:" + c.label(id);
  std::string out = c.label(id);
  const std::string flaw = proof_flaw(s, c.headers.at(id));
  if (!flaw.empty()) out += "!" + flaw;
  return out;
}

// The tree, one chain segment per line: a line follows first children;
// every other child starts its own line, indented under its parent and
// naming it. Iterative, so a long or deeply forked vector cannot overflow
// the stack.
std::string draw_tree(const Scenario& s, const BlockCatalogue& c) {
  struct Segment {
    Id start;
    std::size_t column;
    bool branch;
  };
  std::ostringstream out;
  std::vector<Segment> todo;
  for (auto it = c.roots.rbegin(); it != c.roots.rend(); ++it) todo.push_back({*it, 0, false});
  while (!todo.empty()) {
    const Segment seg = todo.back();
    todo.pop_back();
    std::string line(seg.column, ' ');
    const BlockHeader& first = c.headers.at(seg.start);
    if (seg.branch) {
      line += "+- (on " + first.parent.short_hex() + ") ";
    } else if (seg.start != c.genesis) {
      line += "(parent " + first.parent.short_hex() + " not in the vector) ";
    }
    std::vector<std::pair<Id, std::size_t>> on_line;
    for (Id at = seg.start;;) {
      if (!on_line.empty()) line += " - ";
      on_line.emplace_back(at, line.size());
      line += name(s, c, at);
      const auto kids = c.children.find(at);
      if (kids == c.children.end()) break;
      at = kids->second.front();
    }
    out << line << "\n";
    std::vector<Segment> branches;
    for (const auto& [block, column] : on_line) {
      const auto kids = c.children.find(block);
      if (kids == c.children.end()) continue;
      for (std::size_t k = 1; k < kids->second.size(); ++k) {
        branches.push_back({kids->second[k], column, true});
      }
    }
    todo.insert(todo.end(), branches.rbegin(), branches.rend());
  }
  return out.str();
}

std::string list(const BlockCatalogue& c, const std::vector<Id>& ids) {
  if (ids.empty()) return "-";
  std::string out;
  for (const Id& id : ids) out += (out.empty() ? "" : " ") + c.label(id);
  return out;
}

}  // namespace

std::string proof_flaw(const Scenario& s, const BlockHeader& h) {
  if (h.proof.slot != h.slot) return "proof-slot";
  if (h.proof.parent != h.parent) return "proof-parent";
  const Hash32 commitment = h.proof.note.commitment();
  for (const Hash32& staked : s.genesis.commitments) {
    if (staked == commitment) return "";
  }
  return "unstaked";
}

std::optional<Id> local_start_tip(const Scenario& s) {
  try {
    return s.make_local().tip_id();
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string draw_text(const Scenario& s) {
  const BlockCatalogue c(s);
  std::ostringstream out;
  out << "vector " << s.id << ": k=" << s.config.k << " s=" << s.config.s
      << " mode=" << to_string(s.mode) << ", " << c.headers.size() - 1 << " block(s)\n";
  if (!s.description.empty()) {
    std::string indented = "  ";
    for (const char ch : s.description) indented += ch == '\n' ? std::string("\n  ") : std::string(1, ch);
    while (indented.size() > 2 && (indented.back() == ' ' || indented.back() == '\n')) indented.pop_back();
    out << indented << "\n";
  }
  out << "blocks (short id@slot; !flaw marks an invalid leader proof):\n" << draw_tree(s, c);
  for (std::size_t n = 0; n < s.peers.size(); ++n) {
    const ScenarioPeer& p = s.peers[n];
    out << "peer p" << n << " " << p.name;
    if (!p.view) {
      out << ": no view\n";
      continue;
    }
    const Id tip = p.view->tip().id();
    std::vector<Id> held;
    for (const auto& [slot, ids] : p.view->by_slot()) held.insert(held.end(), ids.begin(), ids.end());
    out << ": tip " << c.label(tip) << (p.view->find(tip) ? "" : " (not held: a fake tip)")
        << "; holds " << held.size() << ": " << list(c, held) << "\n";
    for (const Fault& f : p.faults) out << "    fault: " << describe(f) << "\n";
  }
  std::vector<Id> local;
  for (const BlockHeader& h : s.local_blocks) local.push_back(h.id());
  const std::optional<Id> tip = local_start_tip(s);
  out << "local start: " << to_string(s.mode) << ", blocks: " << list(c, local)
      << "; tip " << (tip ? c.label(*tip) : std::string("? (the local blocks do not apply)")) << "\n";
  if (s.checkpoint) {
    out << "checkpoint: " << c.label(s.checkpoint->header.id()) << " (state nonce "
        << s.checkpoint->state.nonce.short_hex() << ", leader_count "
        << s.checkpoint->state.leader_count << ")\n";
  } else {
    out << "checkpoint: none\n";
  }
  out << "budget: " << s.budget.max_requests << " request(s), " << s.budget.max_steps
      << " step(s)\n";
  return out.str();
}

}  // namespace cryptarchia::harness
