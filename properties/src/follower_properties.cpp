#include "cryptarchia/properties/follower_properties.hpp"

#include <algorithm>
#include <numeric>

#include "cryptarchia/properties/oracle.hpp"

namespace cryptarchia::props {

namespace {

// The order the blocks of a case reach the follower: world order (parents
// first), slot order (as one stream from genesis sends them), or each
// peer's view in turn (as peers stream one after another).
std::vector<std::size_t> feeding_order(const SyncCase& c, std::uint64_t kind) {
  const World& w = c.world;
  std::vector<std::size_t> out(w.blocks.size());
  std::iota(out.begin(), out.end(), 0);
  if (kind == 1) {
    std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
      return w.blocks[a].header.slot < w.blocks[b].header.slot;
    });
  } else if (kind == 2) {
    out.clear();
    for (const PeerSetup& p : c.peers) out.insert(out.end(), p.holds.begin(), p.holds.end());
  }
  return out;
}

void the_incremental_fold_matches_a_full_fold(const NodeFactory& f, const SyncCase& c,
                                              CaseContext& ctx) {
  require(f(c.scenario)->follower() != nullptr, "the implementation is this library's follower");
  const World& w = c.world;
  const std::uint64_t kind = ctx.choose_below(3);
  ctx.tag(kind == 0 ? "order:world" : kind == 1 ? "order:slot" : "order:peer-views");
  // The spec's fold with the Bootstrapping rule: the oracle's follower_tip
  // models exactly that (it keeps no LIB).
  Follower local(w.genesis, w.config, Mode::Bootstrapping);
  std::vector<bool> have(w.blocks.size(), false);
  std::vector<std::size_t> fed;
  std::string log;
  for (const std::size_t i : feeding_order(c, kind)) {
    const WorldBlock& b = w.blocks[i];
    // Only blocks whose parent the follower has: an orphan would be the
    // oracle's checkpoint, and the follower's error.
    if (have[i] || (b.parent && !have[*b.parent])) continue;
    const BlockStatus status = local.try_on_block(b.header);
    log += " " + b.label + (status == BlockStatus::Accepted ? "" : "(" + std::string(to_string(status)) + ")");
    if (status != BlockStatus::Accepted) continue;
    have[i] = true;
    fed.push_back(i);
    const std::optional<std::size_t> full = follower_tip(w, fed);
    const Id expected = full ? w.blocks[*full].id : w.genesis_id;
    const Id got = local.tip().id();
    std::string forks;
    for (const Id& id : local.forks()) forks += " " + w.label_of(id);
    expect(got == expected, "after" + log + ": the follower's tip is " + w.label_of(got) +
                                 " (forks" + forks + "), a full fold over its tips ends at " +
                                 w.label_of(expected));
  }
}

}  // namespace

const std::vector<PropertyDef>& follower_properties() {
  static const std::vector<PropertyDef> all = {
      {"TheIncrementalFoldMatchesAFullFold",
       "After every block the follower accepts, its tip is where the oracle's own fold of the "
       "spec's fork choice over every fork, from scratch, ends on the same blocks.",
       CaseShape{}, &the_incremental_fold_matches_a_full_fold},
  };
  return all;
}

}  // namespace cryptarchia::props
