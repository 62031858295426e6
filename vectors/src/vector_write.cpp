// to_json and dump_vector: a Scenario in the canonical vector form
// (vectors/README.md). Canonical means: fixed key order, the block table
// sorted by slot (ties in order of first use), id sets sorted.
#include <algorithm>
#include <unordered_map>

#include "cryptarchia/vectors/vector_io.hpp"
#include "json_parse.hpp"
#include "names.hpp"

namespace cryptarchia::vectors {

namespace {

using Json = nlohmann::ordered_json;

Json note_json(const Note& n) { return Json{{"value", n.value}, {"sk", n.sk}}; }

Json header_json(const BlockHeader& h) {
  return Json{{"slot", h.slot},
              {"parent", h.parent.hex()},
              {"content_size", h.content_size},
              {"content_id", h.content_id.hex()},
              {"proof", Json{{"note", note_json(h.proof.note)},
                             {"slot", h.proof.slot},
                             {"parent", h.proof.parent.hex()}}}};
}

Json state_json(const LedgerState& s) {
  return Json{{"nonce", s.nonce.hex()}, {"leader_count", s.leader_count}};
}

Json id_list(const std::vector<Id>& ids, bool sorted) {
  std::vector<Id> out = ids;
  if (sorted) std::sort(out.begin(), out.end());
  Json list = Json::array();
  for (const Id& id : out) list.push_back(id.hex());
  return list;
}

// A peer's blocks in storage order: by slot, then in insertion order.
std::vector<const BlockHeader*> stored_blocks(const PeerView& view) {
  std::vector<const BlockHeader*> out;
  for (const auto& [slot, ids] : view.by_slot()) {
    for (const Id& id : ids) out.push_back(view.find(id));
  }
  return out;
}

// Every header the scenario uses except the genesis, by slot, ties in order of first use.
class BlockTable {
 public:
  explicit BlockTable(const Id& genesis) : genesis_(genesis) {}

  void add(const BlockHeader& h) {
    const Id id = h.id();
    if (id != genesis_ && index_.try_emplace(id, blocks_.size()).second) blocks_.push_back({id, h});
  }

  [[nodiscard]] Json to_json() {
    std::stable_sort(blocks_.begin(), blocks_.end(),
                     [](const auto& a, const auto& b) { return a.second.slot < b.second.slot; });
    Json out = Json::array();
    for (const auto& [id, h] : blocks_)
      out.push_back(Json{{"id", id.hex()}, {"header", header_json(h)}});
    return out;
  }

  [[nodiscard]] const std::vector<std::pair<Id, BlockHeader>>& blocks() const { return blocks_; }

 private:
  Id genesis_;
  std::unordered_map<Id, std::size_t> index_;
  std::vector<std::pair<Id, BlockHeader>> blocks_;
};

// The stake, with each commitment's note wherever a header in the vector is
// led by it (the scenario itself only knows the commitments).
Json stake_json(const GenesisState& g, const BlockTable& table) {
  std::unordered_map<Hash32, Note> notes;
  notes.emplace(g.header.proof.note.commitment(), g.header.proof.note);
  for (const auto& [id, h] : table.blocks()) notes.emplace(h.proof.note.commitment(), h.proof.note);
  Json out = Json::array();
  for (const Hash32& cm : g.commitments) {
    Json entry{{"commitment", cm.hex()}};
    if (const auto it = notes.find(cm); it != notes.end()) entry["note"] = note_json(it->second);
    out.push_back(std::move(entry));
  }
  return out;
}

Json fault_json(const Fault& f) {
  Json out{{"request", names::of(f.request)}};
  out["call"] = f.call == Fault::kEveryCall ? Json("every") : Json(f.call);
  out["kind"] = names::of(f.kind);
  const bool needs_param = f.kind == FaultKind::FailMidStream || f.kind == FaultKind::EndStreamEarly;
  if (needs_param || f.param != 0) out["param"] = f.param;
  return out;
}

Json expectation_json(const Expectation& e) {
  Json out{{"end", names::of(e.end)}};
  if (e.exhausted) out["exhausted"] = names::of(*e.exhausted);
  if (e.abort_kind) out["abort_kind"] = names::of(*e.abort_kind);
  if (e.block_status) out["block_status"] = names::of(*e.block_status);
  if (e.failing_block) out["failing_block"] = e.failing_block->hex();
  if (e.failing_peer) out["failing_peer"] = *e.failing_peer;
  if (e.tip) out["tip"] = e.tip->hex();
  if (e.forks) out["forks"] = id_list(*e.forks, false);
  if (e.tree) out["tree"] = id_list(*e.tree, true);
  if (!e.absent.empty()) out["absent"] = id_list(e.absent, true);
  if (!e.alternatives.empty()) {
    Json alternatives = Json::array();
    for (const Expectation& a : e.alternatives) alternatives.push_back(expectation_json(a));
    out["alternatives"] = std::move(alternatives);
  }
  return out;
}

// The oldest minor version that can hold the vector: 1.0 unless it uses a
// field of 1.1 (exhausted, failing_peer, alternatives), a schedule (1.2) or a
// fault on download or end_stream_early or an ibd expectation (1.3), or an
// expectation under follower variants (1.4), or the off_path_blocks or
// not_online fault (1.5), so older readers keep reading what they can.
unsigned minor_version_needed(const Scenario& s) {
  for (const ScenarioPeer& p : s.peers) {
    for (const Fault& f : p.faults) {
      if (f.kind == FaultKind::OffPathBlocks || f.kind == FaultKind::NotOnline) return 5;
    }
  }
  if (!s.expected_with_variants.empty()) return 4;
  const auto invalid_slot = [](const Expectation& e) {
    if (e.block_status == BlockStatus::InvalidSlot) return true;
    for (const Expectation& a : e.alternatives) {
      if (a.block_status == BlockStatus::InvalidSlot) return true;
    }
    return false;
  };
  for (const auto& entry : s.expected) {
    if (invalid_slot(entry.second)) return 4;
  }
  if (s.expected.count(Profile::Ibd) != 0) return 3;
  for (const ScenarioPeer& p : s.peers) {
    for (const Fault& f : p.faults) {
      if (f.request == RequestKind::Download || f.kind == FaultKind::EndStreamEarly) return 3;
    }
  }
  if (!s.schedule.empty()) return 2;
  for (const auto& [profile, e] : s.expected) {
    if (!e.alternatives.empty()) return 1;
    if (e.failing_peer || e.exhausted) return 1;
  }
  return 0;
}

Json ordered_vector(const Scenario& s) {
  const Id genesis_id = s.genesis.header.id();
  BlockTable table(genesis_id);
  for (const BlockHeader& b : s.local_blocks) table.add(b);
  if (s.checkpoint) table.add(s.checkpoint->header);

  Json peers = Json::array();
  for (std::size_t i = 0; i < s.peers.size(); ++i) {
    const ScenarioPeer& p = s.peers[i];
    if (!p.view) {
      throw VectorError(s.id, "/peers/" + std::to_string(i), "peer \"" + p.name + "\" has no view");
    }
    Json blocks = Json::array();
    for (const BlockHeader* h : stored_blocks(*p.view)) {
      table.add(*h);
      blocks.push_back(h->id().hex());
    }
    table.add(p.view->tip());
    Json faults = Json::array();
    for (const Fault& f : p.faults) faults.push_back(fault_json(f));
    peers.push_back(Json{{"name", p.name},
                         {"blocks", std::move(blocks)},
                         {"tip", p.view->tip().id().hex()},
                         {"faults", std::move(faults)}});
  }

  Json schedule = Json::array();
  for (std::size_t i = 0; i < s.schedule.size(); ++i) {
    const ScheduleEvent& e = s.schedule[i];
    Json event{{"at", e.at}, {"peer", e.peer}, {"event", std::string(to_string(e.kind))}};
    if (e.kind == ScheduleEventKind::Update) {
      if (!e.view) {
        throw VectorError(s.id, "/schedule/" + std::to_string(i), "an update without a view");
      }
      Json blocks = Json::array();
      for (const BlockHeader* h : stored_blocks(*e.view)) {
        table.add(*h);
        blocks.push_back(h->id().hex());
      }
      table.add(e.view->tip());
      event["blocks"] = std::move(blocks);
      event["tip"] = e.view->tip().id().hex();
    }
    if (e.kind == ScheduleEventKind::Slow) event["delay"] = e.delay;
    schedule.push_back(std::move(event));
  }

  Json local{{"blocks", Json::array()}, {"checkpoint", nullptr}};
  for (const BlockHeader& b : s.local_blocks) local["blocks"].push_back(b.id().hex());
  if (s.checkpoint) {
    local["checkpoint"] = Json{{"block", s.checkpoint->header.id().hex()},
                               {"state", state_json(s.checkpoint->state)}};
  }

  Json expected = Json::object();
  for (const auto& [profile, e] : s.expected)
    expected[std::string(names::of(profile))] = expectation_json(e);
  for (const auto& [as, e] : s.expected_with_variants) expected[to_string(as)] = expectation_json(e);

  Json tags = Json::array();
  for (const std::string& t : s.tags) tags.push_back(t);

  const std::string version =
      std::to_string(kMajorVersion) + "." + std::to_string(minor_version_needed(s));
  Json doc{
      {"format", kFormatName},
      {"version", version},
      {"id", s.id},
      {"description", s.description},
      {"tags", std::move(tags)},
      {"reproduce", s.reproduce},
      {"config", Json{{"k", s.config.k}, {"s", s.config.s}}},
      {"mode", names::of(s.mode)},
      {"genesis", Json{{"id", genesis_id.hex()},
                       {"header", header_json(s.genesis.header)},
                       {"state", state_json(s.genesis.state)},
                       {"stake", stake_json(s.genesis, table)}}},
      {"blocks", table.to_json()},
      {"local", std::move(local)},
      {"peers", std::move(peers)},
      {"budget", Json{{"max_requests", s.budget.max_requests}, {"max_steps", s.budget.max_steps}}},
      {"expected", std::move(expected)},
  };
  // Only a vector with a schedule has the field (and needs version 1.2).
  if (!schedule.empty()) doc["schedule"] = std::move(schedule);
  return doc;
}

}  // namespace

nlohmann::json to_json(const Scenario& scenario) {
  return nlohmann::json(ordered_vector(scenario));
}

std::string dump_vector(const Scenario& scenario) {
  std::string text;
  try {
    text = ordered_vector(scenario).dump(2) + "\n";
  } catch (const nlohmann::json::exception& e) {
    throw VectorError(scenario.id, "", std::string("cannot be written: ") + e.what());
  }
  // What is written must load: a scenario the format cannot hold fails here.
  (void)from_json(parse_document(text, scenario.id), scenario.id);
  return text;
}

}  // namespace cryptarchia::vectors
