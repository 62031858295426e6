#include "cryptarchia/properties/drawing.hpp"

#include <sstream>

namespace cryptarchia::props {

namespace {

std::string name_of(const World& w, std::optional<std::size_t> i) {
  if (!i) return "g@0";
  const WorldBlock& b = w.blocks[*i];
  std::string out = b.label + "@" + std::to_string(b.header.slot);
  if (b.flaw != Flaw::None) out += "!" + std::string(to_string(b.flaw));
  return out;
}

class TreeDrawer {
 public:
  explicit TreeDrawer(const World& w) : w_(w), children_(w.blocks.size() + 1) {
    for (std::size_t i = 0; i < w.blocks.size(); ++i) {
      children_[slot(w.blocks[i].parent)].push_back(i);
    }
  }

  std::string draw() {
    segment(std::nullopt, 0, true);
    return out_.str();
  }

 private:
  static std::size_t slot(std::optional<std::size_t> i) { return i ? *i + 1 : 0; }

  // Draws the chain from `start` following first children on one line, then
  // the other children of each block on it, indented under that block and
  // naming it, so that a branch never looks as if it hung from the line above.
  void segment(std::optional<std::size_t> start, std::size_t column, bool root) {
    std::string line(column, ' ');
    if (!root) {
      const auto parent = w_.blocks[*start].parent;
      line += "+- (on " + (parent ? w_.blocks[*parent].label : std::string("g")) + ") ";
    }
    std::vector<std::pair<std::optional<std::size_t>, std::size_t>> on_line;
    for (std::optional<std::size_t> at = start;;) {
      if (!on_line.empty()) line += " - ";
      on_line.emplace_back(at, line.size());
      line += name_of(w_, at);
      const auto& kids = children_[slot(at)];
      if (kids.empty()) break;
      at = kids.front();
    }
    out_ << line << "\n";
    for (const auto& [block, col] : on_line) {
      const auto& kids = children_[slot(block)];
      for (std::size_t c = 1; c < kids.size(); ++c) segment(kids[c], col, false);
    }
  }

  const World& w_;
  std::vector<std::vector<std::size_t>> children_;
  std::ostringstream out_;
};

std::string labels(const World& w, const std::vector<std::size_t>& blocks) {
  std::string out;
  for (std::size_t n = 0; n < blocks.size(); ++n) out += (n ? " " : "") + w.blocks[blocks[n]].label;
  return out.empty() ? "-" : out;
}

}  // namespace

std::string draw_world(const World& world) { return TreeDrawer(world).draw(); }

std::string draw(const SyncCase& c) {
  std::ostringstream out;
  const World& w = c.world;
  out << "world: k=" << w.config.k << " s=" << w.config.s << " mode=" << to_string(w.mode)
      << ", " << w.blocks.size() << " block(s)\n";
  out << draw_world(w);
  for (std::size_t n = 0; n < c.peers.size(); ++n) {
    const PeerSetup& p = c.peers[n];
    const BlockHeader& tip = c.scenario.peers[n].view->tip();
    const WorldBlock* tip_block = w.find(tip.id());
    out << "peer p" << n << " [" << p.view << "] tip "
        << (tip_block ? tip_block->label : tip.id() == w.genesis_id ? "g" : "<fabricated>")
        << "@" << tip.slot << ", serves: " << labels(w, p.holds);
    if (!p.withheld.empty()) out << "; withholds: " << labels(w, p.withheld);
    for (const Fault& f : p.faults) out << "; fault: " << describe(f);
    out << "\n";
  }
  for (const PeerChange& e : c.schedule) {
    out << "at " << e.at << ": p" << e.peer << " " << to_string(e.kind);
    if (e.kind == ScheduleEventKind::Update) out << ", serves from then on: " << labels(w, e.holds);
    if (e.kind == ScheduleEventKind::Slow) out << " by " << e.delay;
    out << "\n";
  }
  out << "local start: " << c.local.kind;
  if (!c.local.blocks.empty()) out << ", holds " << labels(w, c.local.blocks);
  if (c.local.checkpoint) out << ", checkpoint " << w.blocks[*c.local.checkpoint].label;
  out << "\n";
  return out.str();
}

}  // namespace cryptarchia::props
