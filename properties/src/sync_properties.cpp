#include "cryptarchia/properties/sync_properties.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <stdexcept>

#include "cryptarchia/properties/oracle.hpp"

namespace cryptarchia::props {

namespace {

std::string labels(const World& w, const std::vector<Id>& ids) {
  std::string out;
  for (const Id& id : ids) out += (out.empty() ? "" : " ") + w.label_of(id);
  return "[" + out + "]";
}

std::string oracle_text(const World& w, const Verdict& v) {
  std::string out = "oracle: " + v.kind;
  if (v.decisive()) out += ", heaviest " + w.label_of(v.heaviest_id(w));
  out += ", acceptable {";
  for (std::size_t i = 0; i < v.acceptable.size(); ++i) {
    out += (i ? " " : "") + (v.acceptable[i] ? w.blocks[*v.acceptable[i]].label : std::string("g"));
  }
  return out + "}";
}

std::string what_happened(const World& w, const SyncResult& r) {
  return "sync: " + std::string(to_string(r.end)) + (r.abort ? " (" + r.abort->message + ")" : "") +
         (r.detail.empty() ? "" : " (" + r.detail + ")") + ", tip " + w.label_of(r.tip) + ", forks " +
         labels(w, r.forks) + "; " + r.summary();
}

Verdict verdict_of(const SyncCase& c) { return judge(c.world, obtainable_from_well_behaved(c)); }

bool invalid_ancestry_start(const SyncCase& c) {
  return c.local.kind == "checkpoint-invalid-ancestry";
}

// A checkpoint the node can verify: honest, with its whole chain in `have`.
// (No checkpoint counts as verifiable.)
bool checkpoint_verifiable_in(const SyncCase& c, const std::vector<std::size_t>& have) {
  if (!c.local.checkpoint) return true;
  for (const std::size_t a : c.world.chain_of(*c.local.checkpoint)) {
    if (!c.world.blocks[a].honest || !std::binary_search(have.begin(), have.end(), a)) return false;
  }
  return true;
}
// ... with its whole chain obtainable from well-behaved peers.
bool checkpoint_verifiable(const SyncCase& c) {
  return checkpoint_verifiable_in(c, obtainable_from_well_behaved(c));
}

Scenario with_peer_order(const Scenario& s, const std::vector<std::size_t>& order) {
  Scenario out = s;
  out.peers.clear();
  for (const std::size_t i : order) out.peers.push_back(s.peers[i]);
  // A schedule names peers by index: it follows them to their new places.
  std::vector<std::size_t> place(order.size());
  for (std::size_t n = 0; n < order.size(); ++n) place[order[n]] = n;
  for (ScheduleEvent& e : out.schedule) e.peer = place.at(e.peer);
  return out;
}

// All permutations for up to 4 peers; otherwise the reverse and every rotation.
std::vector<std::vector<std::size_t>> orders(std::size_t n) {
  std::vector<std::size_t> id(n);
  std::iota(id.begin(), id.end(), 0);
  std::vector<std::vector<std::size_t>> out;
  if (n <= 4) {
    std::vector<std::size_t> p = id;
    while (std::next_permutation(p.begin(), p.end())) out.push_back(p);
    return out;
  }
  out.emplace_back(id.rbegin(), id.rend());
  for (std::size_t r = 1; r < n; ++r) {
    std::vector<std::size_t> p = id;
    std::rotate(p.begin(), p.begin() + static_cast<std::ptrdiff_t>(r), p.end());
    out.push_back(p);
  }
  return out;
}

// --- 1 ---------------------------------------------------------------------
// What is wrong with where a completed sync left its tip, if anything.
std::optional<std::string> tip_problem(const SyncCase& c, const Verdict& v, const SyncResult& r) {
  if (r.end != SyncEnd::Completed) return "the sync did not complete";
  if (v.decisive()) {
    if (r.tip != v.heaviest_id(c.world)) return "the tip is not at the heaviest honest chain";
    return std::nullopt;
  }
  // Without a unique heaviest chain the spec's fold may end at a tip that
  // another tip beats (erratum fold-result-can-be-beaten, a property of the
  // follower, not of the sync). What the sync owes is that nothing obtainable
  // extends the tip: it ends at a leaf of the obtainable tree.
  const bool at_leaf =
      (v.genesis_only && r.tip == c.world.genesis_id) ||
      std::any_of(v.leaves.begin(), v.leaves.end(),
                  [&](std::size_t l) { return c.world.blocks[l].id == r.tip; });
  if (!at_leaf) return "the tip is not at a tip of the obtainable tree";
  return std::nullopt;
}

void tip_ends_at_heaviest_honest_chain(const NodeFactory& f, const SyncCase& c, CaseContext& ctx) {
  require(checkpoint_verifiable(c), "the checkpoint's history is obtainable");
  const Verdict v = verdict_of(c);
  ctx.tag(v.kind);
  const Run run = run_once(f, c.scenario);
  const std::optional<std::string> problem = tip_problem(c, v, run.result);
  expect(!problem, problem.value_or("") + "\n" + what_happened(c.world, run.result) + "\n" +
                          oracle_text(c.world, v));
}

// The case's world and peers, with the local node starting on the chain of
// a tip of the obtainable tree that no other tip beats.
void an_unbeaten_local_tip_stays(const NodeFactory& f, const SyncCase& generated, CaseContext& ctx) {
  require(!generated.local.checkpoint.has_value(), "no checkpoint");
  SyncCase c = generated;
  c.local = LocalStart{};
  c.local.kind = "genesis";
  std::vector<std::size_t> unbeaten;
  for (const auto& a : verdict_of(c).acceptable) {
    if (a) unbeaten.push_back(*a);
  }
  require(!unbeaten.empty(), "an obtainable tip that nothing beats");
  const std::size_t tip =
      unbeaten[ctx.choose_below(unbeaten.size())];
  c.local.kind = "unbeaten-tip";
  c.local.blocks = c.world.chain_of(tip);
  std::reverse(c.local.blocks.begin(), c.local.blocks.end());
  c.scenario = make_scenario(c.world, c.peers, c.local);
  // The local blocks were obtainable already: the verdict is the same.
  const Verdict v = verdict_of(c);
  ctx.tag(v.kind);
  const Run run = run_once(f, c.scenario);
  const Id start_id = c.world.blocks[tip].id;
  expect(run.result.end == SyncEnd::Completed && run.result.tip == start_id,
         "the sync moved the tip " + c.world.blocks[tip].label +
             ", which nothing obtainable beats\n" + what_happened(c.world, run.result) + "\n" +
             oracle_text(c.world, v));
}

// --- 2 ---------------------------------------------------------------------
void peer_order_does_not_matter(const NodeFactory& f, const SyncCase& c, CaseContext& /*ctx*/) {
  const Verdict v = verdict_of(c);
  const Run base = run_once(f, c.scenario);
  for (const auto& order : orders(c.peers.size())) {
    const Run other = run_once(f, with_peer_order(c.scenario, order));
    std::string ord;
    for (const std::size_t i : order) ord += " p" + std::to_string(i);
    const std::string context = "\nin the given order: " + what_happened(c.world, base.result) +
                                "\nin the order" + ord + ": " +
                                what_happened(c.world, other.result) + "\n" +
                                oracle_text(c.world, v);
    expect(other.result.end == base.result.end, "the outcome depends on peer order" + context);
    const bool both_completed = base.result.end == SyncEnd::Completed;
    if (both_completed && c.world.mode == Mode::Bootstrapping) {
      expect(other.result.tree == base.result.tree,
             "the final tree depends on peer order" + context);
    }
    if (both_completed && v.decisive()) {
      expect(other.result.tip == base.result.tip, "the tip depends on peer order" + context);
    }
  }
}

// --- 3 ---------------------------------------------------------------------
void sync_terminates(const NodeFactory& f, const SyncCase& c, CaseContext& /*ctx*/) {
  const Run run = run_once(f, c.scenario);
  expect(run.result.end != SyncEnd::BudgetExceeded,
         "the sync did not terminate within " + std::to_string(c.scenario.budget.max_requests) +
             " requests / " + std::to_string(c.scenario.budget.max_steps) + " steps\n" +
             what_happened(c.world, run.result));
}

// --- 4 ---------------------------------------------------------------------
void no_invalid_block_enters_the_tree(const NodeFactory& f, const SyncCase& c, CaseContext& /*ctx*/) {
  const Run run = run_once(f, c.scenario);
  const SyncResult& r = run.result;
  const std::optional<Id> checkpoint =
      c.local.checkpoint ? std::optional<Id>(c.world.blocks[*c.local.checkpoint].id) : std::nullopt;
  const std::vector<Id>& tree = r.tree;
  const auto stored = [&](const Id& id) { return std::binary_search(tree.begin(), tree.end(), id); };
  const std::string context = "\n" + what_happened(c.world, r);
  const std::vector<bool> valid = valid_blocks(c.world);  // under the rules the node follows
  const std::string rules =
      c.world.rules.empty() ? "" : " (under " + to_string(c.world.rules) + ")";
  for (const Id& id : tree) {
    if (id == c.world.genesis_id) continue;
    const WorldBlock* b = c.world.find(id);
    expect(b != nullptr, "the tree holds a block that exists nowhere: " + id.hex() + context);
    expect(valid[static_cast<std::size_t>(b - c.world.blocks.data())],
           "the tree holds " + b->label + ", which is invalid or descends from an invalid block" +
               rules + context);
    // A seed-era checkpoint is stored without its history; nothing else may be.
    const Id parent = b->parent ? c.world.blocks[*b->parent].id : c.world.genesis_id;
    expect(stored(parent) || id == checkpoint,
           "the tree is not parent-closed: " + b->label + " without its parent" + context);
  }
  if (const Follower* local = run.node->follower()) {
    for (const TreeNode* n : local->tree().in_insertion_order()) {
      expect(n->header.id() == *n->id,
             "a stored id does not recompute from its header: " + n->id->hex());
    }
  }
}

// --- 5 ---------------------------------------------------------------------
void faults_on_some_peers_change_nothing(const NodeFactory& f, const SyncCase& c, CaseContext& ctx) {
  require(checkpoint_verifiable(c), "the checkpoint's history is obtainable");
  const bool any_fault = std::any_of(c.peers.begin(), c.peers.end(),
                                     [](const PeerSetup& p) { return !p.well_behaved(); });
  require(any_fault, "a peer with a fault");
  std::vector<PeerSetup> clean = c.peers;
  for (PeerSetup& p : clean) {
    p.faults.clear();
    p.holds.insert(p.holds.end(), p.withheld.begin(), p.withheld.end());
    std::sort(p.holds.begin(), p.holds.end());
    p.withheld.clear();
    p.fake_tip = false;
  }
  const Scenario fault_free = make_scenario(c.world, clean, c.local);
  const Verdict v = verdict_of(c);
  ctx.tag(v.kind);
  const Run with_faults = run_once(f, c.scenario);
  const Run without = run_once(f, fault_free);
  const std::string context = "\nwith faults: " + what_happened(c.world, with_faults.result) +
                              "\nwithout faults: " + what_happened(c.world, without.result) +
                              "\n" + oracle_text(c.world, v);
  expect(with_faults.result.end == without.result.end,
         "faults on some peers changed how the sync ended" + context);
  if (v.decisive()) {
    expect(with_faults.result.tip == without.result.tip,
           "faults on some peers changed the final tip" + context);
  }
}

// --- 6 ---------------------------------------------------------------------
void syncing_again_changes_nothing(const NodeFactory& f, const SyncCase& c, CaseContext& ctx) {
  const Run first = run_once(f, c.scenario);
  require(first.result.end == SyncEnd::Completed, "the first sync completed");
  const SyncResult again = sync_again(*first.node, c.scenario, c.scenario.budget);
  const std::string context = "\nfirst: " + what_happened(c.world, first.result) +
                              "\nagain: " + what_happened(c.world, again);
  expect(again.end == SyncEnd::Completed, "a second sync did not complete" + context);
  expect(again.tip == first.result.tip && again.forks == first.result.forks &&
                again.tree == first.result.tree,
         "a second sync changed the node" + context);

  // A node synced with some of the peers and then again with the others
  // ends at the heaviest chain it can obtain that way, when there is one:
  // what the first sync can obtain, then what the others add to it (issue
  // 17 item 6, gap f). The
  // second sync meets a node with forks of its own, which no local start
  // gives. Checkpoints stay with property 7; with one peer there is no split.
  if (c.peers.size() < 2 || c.local.checkpoint) return;
  // A faulty peer whose faults may lose blocks holds only what well-behaved
  // peers of the whole case serve; in a split those may be on the other
  // side, and whether the faulty one then delivers them is not for the
  // oracle to say. Such cases are left to the first half.
  if (!std::all_of(c.peers.begin(), c.peers.end(), [](const PeerSetup& p) {
        return p.well_behaved() || p.delivers_everything();
      })) {
    return;
  }
  const auto split = static_cast<std::ptrdiff_t>(1 + ctx.choose_below(c.peers.size() - 1));
  const std::vector<PeerSetup> some(c.peers.begin(), c.peers.begin() + split);
  const std::vector<PeerSetup> others(c.peers.begin() + split, c.peers.end());
  // Both syncs see as many peers as the case has (an adapter's node may
  // count its peers once): the peers of the other set serve genesis only.
  PeerSetup idle;
  idle.view = "genesis-only";
  std::vector<PeerSetup> first_set = some, second_set(some.size(), idle);
  first_set.resize(c.peers.size(), idle);
  second_set.insert(second_set.end(), others.begin(), others.end());
  const Run with_some = run_once(f, make_scenario(c.world, first_set, c.local));
  if (with_some.result.end != SyncEnd::Completed) return;
  const SyncResult then = sync_again(*with_some.node, make_scenario(c.world, second_set, c.local),
                                     c.scenario.budget);
  // What the node can hold after the first sync, with what the others serve
  // (a block served by the first peers only, whose parent only the others
  // serve, is out of reach of both syncs).
  SyncCase first_case = c, later_case = c;
  first_case.peers = some;
  later_case.peers = others;
  std::vector<std::size_t> available = judge(c.world, obtainable_from_well_behaved(first_case)).obtainable;
  const std::vector<std::size_t> later = obtainable_from_well_behaved(later_case);
  available.insert(available.end(), later.begin(), later.end());
  const Verdict v = judge(c.world, available);
  ctx.tag("split:" + v.kind);
  const std::string split_context = "\nwith the first " + std::to_string(split) + " peer(s): " +
                                    what_happened(c.world, with_some.result) +
                                    "\nthen with the other " + std::to_string(others.size()) +
                                    ": " + what_happened(c.world, then) + "\n" +
                                    oracle_text(c.world, v);
  expect(then.end == SyncEnd::Completed,
         "a sync with other peers after a completed one did not complete" + split_context);
  if (v.decisive()) {
    expect(then.tip == v.heaviest_id(c.world),
           "synced with some peers and then with the others, the node is not at the heaviest "
           "chain it can obtain from them" + split_context);
  }
}

void resuming_reaches_the_same_tip(const NodeFactory& f, const SyncCase& c, CaseContext& ctx) {
  // A checkpoint is an input of the first sync only; whether an interrupted
  // sync got past it is not observable, so checkpoint starts are left to
  // property 7.
  require(!c.local.checkpoint.has_value(), "no checkpoint");
  // The interruption is made by the peers (the harness plays them), so it
  // reaches an adapter too: after `cut` answers every peer stops answering.
  const CountedRun full = run_counted(f, c.scenario);
  require(full.run.result.end == SyncEnd::Completed && full.answers > 1,
          "the uninterrupted sync completed after more than one answer");
  const std::uint64_t cut = 1 + ctx.choose_below(full.answers - 1);
  const Verdict v = verdict_of(c);
  ctx.tag(v.kind);
  std::unique_ptr<NodeUnderTest> node = f(c.scenario);
  const SyncResult interrupted = sync_cut_off(*node, c.scenario, cut);
  const SyncResult resumed = sync_again(*node, c.scenario, c.scenario.budget);
  const std::string context = "\nuninterrupted: " + what_happened(c.world, full.run.result) +
                              "\ncut off after " + std::to_string(cut) + " of " +
                              std::to_string(full.answers) + " answers: " +
                              what_happened(c.world, interrupted) +
                              "\nthen resumed: " + what_happened(c.world, resumed) + "\n" +
                              oracle_text(c.world, v);
  expect(resumed.end == SyncEnd::Completed, "the resumed sync did not complete" + context);
  if (v.decisive()) {
    expect(resumed.tip == full.run.result.tip,
           "resuming from an intermediate state reached another tip" + context);
  }
}

// --- 7 ---------------------------------------------------------------------
void checkpoints_lead_to_the_tip_of_a_sync_from_genesis(const NodeFactory& f, const SyncCase& c, CaseContext& ctx) {
  require(c.local.checkpoint.has_value(), "a checkpoint start");
  ctx.tag(c.local.kind);
  const Run run = run_once(f, c.scenario);
  LocalStart genesis_start;
  genesis_start.kind = "genesis";
  const Scenario from_genesis = make_scenario(c.world, c.peers, genesis_start);
  const Run plain = run_once(f, from_genesis);
  SyncCase genesis_case = c;
  genesis_case.local = genesis_start;
  const Verdict v = verdict_of(genesis_case);
  const Verdict v_cp = verdict_of(c);
  const std::string context = "\nfrom the checkpoint: " + what_happened(c.world, run.result) +
                              "\nfrom genesis: " + what_happened(c.world, plain.result) + "\n" +
                              oracle_text(c.world, v);
  if (invalid_ancestry_start(c)) {
    expect(run.result.end == SyncEnd::Aborted,
           "a checkpoint with invalid ancestry must end in an error" + context);
    return;
  }
  if (!checkpoint_verifiable(c)) {
    // No peer can serve its history: refusing it (an error) or syncing as
    // from genesis are both right; taking it on trust is not.
    const Id cp = c.world.blocks[*c.local.checkpoint].id;
    const bool taken = std::binary_search(run.result.tree.begin(), run.result.tree.end(), cp);
    expect(run.result.end == SyncEnd::Aborted || !taken,
           "a checkpoint whose history nobody serves was taken on trust" + context);
    return;
  }
  expect(run.result.end == SyncEnd::Completed,
         "a sync from a checkpoint with valid ancestry did not complete" + context);
  if (v.decisive() && v_cp.decisive() && v.heaviest == v_cp.heaviest) {
    expect(run.result.tip == plain.result.tip,
           "the sync from the checkpoint ends elsewhere than the sync from genesis" + context);
  }
}

// --- 9 ---------------------------------------------------------------------
// What the spec's follower keeps after a completed sync: its forks are the
// tips of the tree other than its own; in Online mode every block is an
// ancestor or a descendant of the LIB (k blocks behind the tip); and every
// obtainable block that fork choice could still use (related to the LIB) is
// stored.
void the_tree_holds_what_the_spec_keeps(const NodeFactory& f, const SyncCase& c, CaseContext& /*ctx*/) {
  require(checkpoint_verifiable(c), "the checkpoint's history is obtainable");
  const Run run = run_once(f, c.scenario);
  const SyncResult& r = run.result;
  require(r.end == SyncEnd::Completed, "the sync completed");
  const World& w = c.world;
  const std::string context = "\n" + what_happened(w, r);
  // World indices of the stored blocks (genesis is not a world block).
  std::vector<bool> stored(w.blocks.size(), false);
  for (const Id& id : r.tree) {
    if (const WorldBlock* b = w.find(id)) stored[static_cast<std::size_t>(b - w.blocks.data())] = true;
  }
  std::vector<bool> has_stored_child(w.blocks.size(), false);
  bool genesis_has_child = false;
  for (std::size_t i = 0; i < w.blocks.size(); ++i) {
    if (!stored[i]) continue;
    if (w.blocks[i].parent) {
      has_stored_child[*w.blocks[i].parent] = true;
    } else {
      genesis_has_child = true;
    }
  }
  std::vector<Id> leaves;
  for (std::size_t i = 0; i < w.blocks.size(); ++i) {
    if (stored[i] && !has_stored_child[i]) leaves.push_back(w.blocks[i].id);
  }
  if (!genesis_has_child) leaves.push_back(w.genesis_id);
  // Whatever the fork-choice rule, a tip with a stored child is wrong: the
  // child's chain extends it, so it is at least as long and as dense.
  const WorldBlock* tip_block = w.find(r.tip);
  if (tip_block != nullptr) {
    const auto i = static_cast<std::size_t>(tip_block - w.blocks.data());
    expect(!has_stored_child[i], "the tip " + tip_block->label +
                                     " is not a leaf: the tree holds a chain that extends it" +
                                     context);
  } else {
    expect(r.tip != w.genesis_id || !genesis_has_child,
           "the tip is genesis, though the tree holds blocks on it" + context);
  }
  std::vector<Id> tips = r.forks;
  tips.push_back(r.tip);
  std::sort(tips.begin(), tips.end());
  std::sort(leaves.begin(), leaves.end());
  expect(std::adjacent_find(tips.begin(), tips.end()) == tips.end(),
         "the forks list repeats a block or holds the tip" + context);
  if (w.rules.has(Variant::ReappliedBlockBecomesTip)) {
    // Re-received interior blocks stay among the tips (phantom tips): the
    // forks hold every other leaf, and may hold more.
    expect(std::includes(tips.begin(), tips.end(), leaves.begin(), leaves.end()),
           "a tip of the tree is neither the tip nor a fork: tree tips " + labels(w, leaves) +
               context);
  } else {
    expect(tips == leaves,
           "the tip and the forks are not the tips of the tree: tree tips " + labels(w, leaves) +
               context);
  }

  // The LIB: k blocks behind the tip, or genesis.
  require(tip_block != nullptr || r.tip == w.genesis_id, "the tip is a block of the world");
  std::optional<std::size_t> lib;
  if (tip_block != nullptr && w.mode == Mode::Online) {
    const std::vector<std::size_t> chain =
        w.chain_of(static_cast<std::size_t>(tip_block - w.blocks.data()));
    if (chain.size() > w.config.k) lib = chain[w.config.k];
  }
  const auto related = [&](std::size_t i) {
    if (!lib) return true;
    const std::vector<std::size_t> chain_i = w.chain_of(i);
    if (std::find(chain_i.begin(), chain_i.end(), *lib) != chain_i.end()) return true;
    const std::vector<std::size_t> chain_lib = w.chain_of(*lib);
    return std::find(chain_lib.begin(), chain_lib.end(), i) != chain_lib.end();
  };
  const std::string lib_text = lib ? w.blocks[*lib].label : std::string("g");
  for (std::size_t i = 0; i < w.blocks.size(); ++i) {
    expect(!stored[i] || related(i),
           "Online, LIB " + lib_text + ": " + w.blocks[i].label +
               " is neither an ancestor nor a descendant of the LIB and was not pruned" + context);
  }
  const Verdict v = verdict_of(c);
  for (const std::size_t i : v.obtainable) {
    expect(stored[i] || !related(i),
           "the tree lacks " + w.blocks[i].label + ", which the node can obtain" +
               (lib ? " and which descends from or leads to the LIB " + lib_text : "") + context);
  }
}

// --- 11 --------------------------------------------------------------------
// Where several tips beat each other in a cycle, properties 1 and 2 accept
// any of them; the spec's fold still picks exactly one, fixed by the order
// the blocks arrive in and the order of the forks list. From genesis, with
// one well-behaved peer that holds the honest tree, that order is fixed by
// the protocol: blocks_from streams ascending slots, ties in the peer's
// storage order. So the tip is exact: the oracle's own spec follower, fed the
// blocks in that order. Bootstrapping, so that no LIB prunes.
void one_peer_sync_ends_where_the_spec_fold_ends(const NodeFactory& f, const SyncCase& generated,
                                                 CaseContext& ctx) {
  SyncCase c;
  c.world = generated.world;
  c.world.mode = Mode::Bootstrapping;
  const World& w = c.world;
  // Every block of the world, invalid ones too (they must change nothing).
  std::vector<std::size_t> stream;
  for (std::size_t i = 0; i < w.blocks.size(); ++i) {
    // A child in an earlier slot than its parent streams first and is an
    // orphan: its way in is a backfill, whose order is the profile's.
    const std::optional<std::size_t> parent = w.blocks[i].parent;
    require(!parent || w.blocks[*parent].header.slot <= w.blocks[i].header.slot,
            "no child in an earlier slot than its parent");
    stream.push_back(i);
  }
  // The peer's storage order: world order, or within each slot reversed
  // where that keeps parents first (a child in its parent's slot comes
  // right after its parent). Built in two passes: a comparator that calls
  // parent and child "equal" is no strict weak order, and a sort with it
  // once put a child before its parent.
  const bool reversed_ties = ctx.choose_below(2) == 1;
  std::stable_sort(stream.begin(), stream.end(), [&](std::size_t a, std::size_t b) {
    return w.blocks[a].header.slot < w.blocks[b].header.slot;
  });
  if (reversed_ties) {
    std::vector<std::size_t> ordered;
    std::vector<bool> placed(w.blocks.size(), false);
    for (auto run = stream.begin(); run != stream.end();) {
      const Slot slot = w.blocks[*run].header.slot;
      const auto end = std::find_if(run, stream.end(),
                                    [&](std::size_t i) { return w.blocks[i].header.slot != slot; });
      std::multimap<std::size_t, std::size_t> waiting;  // same-slot parent -> children
      for (auto it = std::make_reverse_iterator(end); it != std::make_reverse_iterator(run); ++it) {
        const std::optional<std::size_t> parent = w.blocks[*it].parent;
        if (parent && w.blocks[*parent].header.slot == slot && !placed[*parent]) {
          waiting.emplace(*parent, *it);
          continue;
        }
        std::vector<std::size_t> ready{*it};
        while (!ready.empty()) {
          const std::size_t b = ready.back();
          ready.pop_back();
          placed[b] = true;
          ordered.push_back(b);
          const auto [first, last] = waiting.equal_range(b);
          for (auto child = first; child != last; ++child) ready.push_back(child->second);
          waiting.erase(first, last);
        }
      }
      run = end;
    }
    stream = std::move(ordered);
  }
  if (reversed_ties) ctx.tag("ties-reversed");
  PeerSetup peer;
  peer.view = "whole";
  peer.holds = stream;
  c.peers = {peer};
  c.local.kind = "genesis";
  c.scenario = make_scenario(c.world, c.peers, c.local);
  const Verdict v = verdict_of(c);
  ctx.tag(v.kind);
  // Under the node's variants, the same fold by those rules; with the fold
  // over all tips, any tip some visiting order gives.
  const auto folds = follower_tips(w, stream);
  require(folds.has_value(), "few enough tips to try every order of the fold over all tips");
  std::vector<Id> expected;
  std::string names;
  for (const auto& t : *folds) {
    expected.push_back(t ? w.blocks[*t].id : w.genesis_id);
    names += (names.empty() ? "" : " or ") + w.label_of(expected.back());
  }
  if (folds->size() > 1) ctx.tag("fold-order-matters");
  const Run run = run_once(f, c.scenario);
  const bool at_a_fold_result =
      std::find(expected.begin(), expected.end(), run.result.tip) != expected.end();
  expect(run.result.end == SyncEnd::Completed && at_a_fold_result,
         "the tip is not where the " +
             std::string(w.rules.empty() ? "spec's" : to_string(w.rules) + "") +
             " follower ends when fed the stream in order (" + names + ")\n" +
             what_happened(w, run.result) + "\n" + oracle_text(w, v));
}

// --- schedules (issue 17 item 3) -----------------------------------------
// What the schedule did in a run, for a failure message.
std::string schedule_text(const SyncCase& c, const ScheduleLog& log) {
  std::string out = "schedule (" + std::to_string(log.requests) + " requests, clock " +
                    std::to_string(log.now) + "):";
  for (std::size_t i = 0; i < c.scenario.schedule.size(); ++i) {
    out += "\n  " + c.scenario.schedule[i].describe() +
           (i < log.applied.size() && log.applied[i] ? "" : " (not reached)");
  }
  for (std::size_t p = 0; p < log.looks.size(); ++p) {
    std::string times;
    for (const std::uint64_t t : log.looks[p]) times += " " + std::to_string(t);
    out += "\n  p" + std::to_string(p) + " asked for its tip or a stream at:" +
           (times.empty() ? std::string(" never") : times);
  }
  return out;
}

// Tags the changes that took effect during the sync (after its first
// request and no later than its last).
void tag_schedule(const SyncCase& c, const ScheduleLog& log, CaseContext& ctx) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < c.schedule.size(); ++i) {
    if (i < log.applied.size() && log.applied[i] && c.schedule[i].at > 0) {
      seen.insert("mid-sync:" + std::string(to_string(c.schedule[i].kind)));
    }
  }
  for (const std::string& t : seen) ctx.tag(t);
}

// Property 1 for peers that change during the sync: judged against what is
// obtainable at the end (obtainable_at_end() in oracle.hpp), when the node
// looked at every changed peer after its change (unseen_changes()).
void tip_ends_at_heaviest_chain_of_changing_peers(const NodeFactory& f, const SyncCase& c,
                                                  CaseContext& ctx) {
  const ObservedRun o = run_observed(f, c.scenario);
  require(unseen_changes(c, o.log).empty(),
          "the sync went on for two passes over the other peers after every change");
  require(!history_arrives_late(c, o.log),
          "no block's history became obtainable only after the block (see oracle.hpp)");
  const std::vector<std::size_t> have = obtainable_at_end(c, o.log);
  require(checkpoint_verifiable_in(c, have), "the checkpoint's history is obtainable");
  const Verdict v = judge(c.world, have);
  ctx.tag(v.kind);
  tag_schedule(c, o.log, ctx);
  const std::optional<std::string> problem = tip_problem(c, v, o.run.result);
  expect(!problem, problem.value_or("") + "\n" + what_happened(c.world, o.run.result) + "\n" +
                          oracle_text(c.world, v) + " (at the end)\n" + schedule_text(c, o.log));
}

}  // namespace

void reference_agrees_with_spec(const SyncCase& c, CaseContext& ctx) {
  require(checkpoint_verifiable(c), "the checkpoint's history is obtainable");
  const Run spec = run_once(profile_node(Profile::Spec), c.scenario);
  const Verdict v = verdict_of(c);
  // Where the spec profile's own run is right by properties 1, 3 and 4 ...
  bool spec_right = !tip_problem(c, v, spec.result);
  for (const Id& id : spec.result.tree) {
    const WorldBlock* b = c.world.find(id);
    if (id != c.world.genesis_id && (b == nullptr || !b->honest)) spec_right = false;
  }
  require(spec_right, "the spec profile's run is right");
  ctx.tag(v.kind);
  // ... the reference profile must end the same way, where the oracle says
  // there is only one right way.
  const Run ref = run_once(profile_node(Profile::Reference), c.scenario);
  const std::string context = "\nspec: " + what_happened(c.world, spec.result) +
                              "\nreference: " + what_happened(c.world, ref.result) + "\n" +
                              oracle_text(c.world, v);
  expect(ref.result.end == spec.result.end,
         "the reference profile ends differently from a correct spec run" + context);
  if (v.decisive()) {
    expect(ref.result.tip == spec.result.tip,
           "the reference profile disagrees with a correct spec run" + context);
  }
}

void backfill_order_does_not_matter(Profile profile, const std::vector<Erratum>& keep,
                                    const SyncCase& c, CaseContext& ctx) {
  require(!c.local.checkpoint.has_value(), "no checkpoint");
  // The fork tip: an honest leaf of the world the local node does not hold.
  std::vector<std::size_t> tips;
  std::vector<bool> has_child(c.world.blocks.size(), false);
  for (const WorldBlock& b : c.world.blocks) {
    if (b.parent) has_child[*b.parent] = true;
  }
  for (std::size_t i = 0; i < c.world.blocks.size(); ++i) {
    const bool local = std::find(c.local.blocks.begin(), c.local.blocks.end(), i) !=
                       c.local.blocks.end();
    if (c.world.blocks[i].honest && !has_child[i] && !local) tips.push_back(i);
  }
  require(!tips.empty(), "a fork tip the local node lacks");
  const std::size_t tip =
      tips[ctx.choose_below(tips.size())];
  const auto backfill_in = [&](const Scenario& s) {
    Follower local = s.make_local();
    const ScenarioPeers peers = make_peers(s);
    SyncOptions options;
    options.profile = profile;
    options.budget = s.budget;
    options.keep_errata = keep;
    return backfill(local, peers.list, c.world.blocks[tip].id, options);
  };
  const SyncResult base = backfill_in(c.scenario);
  for (const auto& order : orders(c.peers.size())) {
    const SyncResult other = backfill_in(with_peer_order(c.scenario, order));
    std::string ord;
    for (const std::size_t i : order) ord += " p" + std::to_string(i);
    expect(other.end == base.end && other.tree == base.tree,
           "backfilling " + c.world.blocks[tip].label + " depends on peer order\ngiven order: " +
               what_happened(c.world, base) + "\norder" + ord + ": " +
               what_happened(c.world, other));
  }
}

const std::vector<PropertyDef>& sync_properties() {
  static const std::vector<PropertyDef> all = {
      {"TipEndsAtHeaviestHonestChain",
       "The local tip ends at the heaviest honest chain the node can obtain when there is a "
       "unique one; otherwise at a tip of the obtainable tree (see docs/ERRATA.md, "
       "fold-result-can-be-beaten).",
       CaseShape{}, &tip_ends_at_heaviest_honest_chain},
      {"AnUnbeatenLocalTipStays",
       "When nothing the node can obtain beats its tip, the sync leaves the tip where it is: "
       "a tie keeps the chain the node already has.",
       CaseShape{}, &an_unbeaten_local_tip_stays},
      {"PeerOrderDoesNotMatter",
       "Every order of the peers gives the same outcome and final tree, and the same tip "
       "whenever the heaviest chain is unique.",
       CaseShape{.faults = false}, &peer_order_does_not_matter},
      {"SyncTerminates", "Sync ends within a request budget polynomial in blocks times peers.",
       CaseShape{}, &sync_terminates},
      {"NoInvalidBlockEntersTheTree",
       "No invalid block, nor any descendant of one, enters the tree; the tree stays "
       "parent-closed; every stored id recomputes from its header.",
       CaseShape{}, &no_invalid_block_enters_the_tree},
      {"FaultsOnSomePeersChangeNothing",
       "With faults on some peers, while the honest chain stays obtainable from well-behaved "
       "ones, the final tip equals the fault-free run's.",
       CaseShape{}, &faults_on_some_peers_change_nothing},
      {"SyncingAgainChangesNothing",
       "A second sync right after a completed one changes nothing; a node synced with some of "
       "the peers and then with the others ends at the heaviest chain it can obtain that way.",
       CaseShape{}, &syncing_again_changes_nothing},
      {"ResumingFromAnIntermediateStateReachesTheSameTip",
       "A sync cut off after any number of peer answers and then resumed ends at the same tip "
       "as an uninterrupted one.",
       CaseShape{}, &resuming_reaches_the_same_tip},
      {"CheckpointsLeadToTheTipOfASyncFromGenesis",
       "A checkpoint with valid ancestry, honest or not, ends at the tip a sync from genesis "
       "reaches; one with invalid ancestry ends in an error.",
       CaseShape{}, &checkpoints_lead_to_the_tip_of_a_sync_from_genesis},
      {"TheTreeHoldsWhatTheSpecKeeps",
       "After a completed sync the tip is a leaf of the tree and the forks are its other "
       "leaves (with reapplied-block-becomes-tip, among them); in Online mode every stored "
       "block is an ancestor or a descendant of the LIB; every obtainable block related to the "
       "LIB is stored.",
       CaseShape{}, &the_tree_holds_what_the_spec_keeps},
      {"OnePeerSyncEndsWhereTheSpecFoldEnds",
       "Synced from genesis in Bootstrapping mode from one well-behaved peer that holds the "
       "honest tree, the node ends exactly where the spec's follower ends when fed the blocks in "
       "the order the peer streams them (ascending slot, ties in its storage order), also where "
       "tips beat each other in a cycle.",
       CaseShape{.faults = false, .checkpoints = false, .online = false},
       &one_peer_sync_ends_where_the_spec_fold_ends},
  };
  return all;
}

const std::vector<PropertyDef>& large_tier_properties() {
  static const std::vector<PropertyDef> all = [] {
    std::vector<PropertyDef> out;
    for (const PropertyDef& p : sync_properties()) {
      PropertyDef large = p;
      large.name += "@large";
      large.shape.tier = Tier::Large;
      out.push_back(std::move(large));
    }
    return out;
  }();
  return all;
}

const std::vector<PropertyDef>& schedule_properties() {
  static const std::vector<PropertyDef> all = {
      {"TipEndsAtHeaviestChainOfChangingPeers",
       "With peers that learn blocks, join late, vanish or answer slowly during the sync, the "
       "tip ends at the heaviest honest chain obtainable at the end (from the peers present "
       "then, as they are then), whenever the node looked at each changed peer after its "
       "change.",
       CaseShape{.faults = false, .schedules = true}, &tip_ends_at_heaviest_chain_of_changing_peers},
      {"SyncTerminatesWhilePeersChange",
       "With peers changing during the sync (and faults), sync ends within the budget.",
       CaseShape{.schedules = true}, &sync_terminates},
      {"NoInvalidBlockEntersWhilePeersChange",
       "With peers changing during the sync (and faults), no invalid block enters the tree and "
       "the tree stays parent-closed.",
       CaseShape{.schedules = true}, &no_invalid_block_enters_the_tree},
  };
  return all;
}

const PropertyDef& property(const std::string& name) {
  for (const auto* list : {&sync_properties(), &large_tier_properties(), &schedule_properties()}) {
    for (const PropertyDef& p : *list) {
      if (p.name == name) return p;
    }
  }
  throw std::invalid_argument("no property named " + name);
}

}  // namespace cryptarchia::props
