// The ground truth a property case is built from: a world (every block that
// exists, valid or not), the peers' views of it with their faults, and the
// local node's start. A SyncCase also carries the Scenario that runs it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "cryptarchia/faults.hpp"
#include "cryptarchia/follower.hpp"
#include "cryptarchia/scenario.hpp"

namespace cryptarchia::props {

// Why a block is invalid by itself (its descendants are invalid by ancestry).
enum class Flaw { None, UnstakedNote, ProofSlotMismatch, ProofParentMismatch };
std::string_view to_string(Flaw flaw);

struct WorldBlock {
  BlockHeader header;
  Id id;
  std::optional<std::size_t> parent;  // index into World::blocks; nullopt: genesis
  std::uint64_t height = 0;           // genesis counts as 1
  Flaw flaw = Flaw::None;
  bool honest = true;                 // no flaw here nor in any ancestor
  std::string label;                  // t3 (trunk), f2.1 (fork 2), x1.0 (invalid chain 1)
};

struct World {
  Config config;
  Mode mode = Mode::Bootstrapping;
  GenesisState genesis;
  Id genesis_id;
  std::vector<WorldBlock> blocks;  // parents before children
  std::unordered_map<Id, std::size_t, Hash32Hasher> index;
  std::vector<std::string> classes;  // what the generator built (coverage tags)
  // The follower rules the oracle judges by: the variants the implementation
  // under test says it follows (docs/VARIANTS.md); empty, the spec's. Never
  // generated: the property engine sets it (EngineOptions::follows), so the
  // peers of a case, spec nodes, are built without it.
  Variants rules;

  [[nodiscard]] const WorldBlock* find(const Id& id) const;
  // A block's name for messages: "g" for genesis, its label, or
  // "<unknown abcd1234>" for an id the world does not hold.
  [[nodiscard]] std::string label_of(const Id& id) const;
  // Indices of `i` and its ancestors, nearest first.
  [[nodiscard]] std::vector<std::size_t> chain_of(std::size_t i) const;
  // The ledger state at block i, replayed from genesis (validity not checked).
  [[nodiscard]] LedgerState state_at(std::size_t i) const;
};

struct PeerSetup {
  std::string view;                   // whole, honest, prefix, branch, subtree
  std::vector<std::size_t> holds;     // world indices it serves, storage order
  std::vector<std::size_t> withheld;  // held by its node (tip counts them) but never served
  bool fake_tip = false;              // advertises a tip header it does not hold
  std::vector<Fault> faults;

  [[nodiscard]] bool well_behaved() const {
    return withheld.empty() && !fake_tip && faults.empty();
  }
  // Its faults only reorder or repeat its streams: every block it holds
  // still reaches a node that streams from it, so what it holds is
  // obtainable even where no well-behaved peer holds it too.
  [[nodiscard]] bool delivers_everything() const {
    return withheld.empty() && !fake_tip &&
           std::all_of(faults.begin(), faults.end(), [](const Fault& f) {
             // Duplicates in either stream; a reorder in blocks_from only
             // (a download must come parents first); a download that also
             // streams blocks off its path (the path's blocks come too).
             return f.kind == FaultKind::DuplicateBlocks || f.kind == FaultKind::OffPathBlocks ||
                    (f.request == RequestKind::BlocksFrom && f.kind == FaultKind::ReorderStream);
           });
  }
};

struct LocalStart {
  std::string kind;                        // genesis, trunk-prefix, partial-fork, checkpoint-*
  std::vector<std::size_t> blocks;         // fed to on_block in order
  std::optional<std::size_t> checkpoint;   // world index
};

// A change of one peer during the sync (cryptarchia/schedule.hpp), in world
// terms: the generator's form of a ScheduleEvent.
struct PeerChange {
  std::uint64_t at = 0;     // virtual time: requests made of all peers so far
  std::size_t peer = 0;     // index into SyncCase::peers
  ScheduleEventKind kind = ScheduleEventKind::Update;
  std::vector<std::size_t> holds;  // Update: what it serves from then on (world indices)
  std::uint64_t delay = 0;         // Slow
};

struct SyncCase {
  World world;
  std::vector<PeerSetup> peers;  // in the order the sync sees them (their views at time 0)
  LocalStart local;
  std::vector<PeerChange> schedule;  // empty unless CaseShape::schedules
  Scenario scenario;             // what actually runs

  // Everything the case is (world, peers, local start) in coverage tags.
  [[nodiscard]] std::vector<std::string> tags() const;
};

// Builds the runnable scenario of a case (views, tips, faults, budget).
Scenario make_scenario(const World& world, const std::vector<PeerSetup>& peers,
                       const LocalStart& local);
// The same, with the peers changing during the sync as `schedule` says.
Scenario make_scenario(const World& world, const std::vector<PeerSetup>& peers,
                       const LocalStart& local, const std::vector<PeerChange>& schedule);

// The request and step budget that properties allow, with b = blocks + 2 and
// p = peers + 1: 4bp + b^2 requests and 8bp + 2b^2 steps.
Budget property_budget(std::size_t blocks, std::size_t peers);

}  // namespace cryptarchia::props
