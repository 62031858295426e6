// from_json: a vector document into a Scenario. The parts are read by
// read_parts.cpp; this file owns the block table and every reference into
// it, and the checks that span parts.
#include <unordered_map>
#include <unordered_set>

#include "cryptarchia/vectors/vector_io.hpp"
#include "read_parts.hpp"

namespace cryptarchia::vectors {

namespace {

class VectorReader {
 public:
  explicit VectorReader(const Node& root) : root_(root) {}

  Scenario read() {
    // Format and version first: for a document of another format or version
    // they are the error worth reporting, not its unknown fields.
    if (root_.json().is_object()) {
      if (root_.json().contains("format")) check_format(root_.child("format"));
      if (root_.json().contains("version")) check_version(root_.child("version"));
    }
    const Object o(root_, {"format", "version", "id", "description", "tags", "reproduce", "config",
                           "mode", "genesis", "blocks", "local", "peers", "budget", "expected",
                           "schedule"});
    check_format(o.required("format"));
    const unsigned minor_version = check_version(o.required("version"));
    Scenario s;
    s.id = read_vector_id(o.required("id"));
    if (auto n = o.optional("description")) s.description = n->string(Limits::kMaxTextLength);
    if (auto n = o.optional("tags")) s.tags = read_tags(*n);
    if (auto n = o.optional("reproduce")) s.reproduce = n->string(Limits::kMaxTextLength);
    s.config = read_config(o.required("config"));
    s.mode = read_mode(o.required("mode"));
    s.genesis = read_genesis(o.required("genesis"));
    read_blocks(o.required("blocks"));
    const Node local = o.required("local");
    read_local(local, s);
    minor_version_ = minor_version;
    s.peers = read_peers(o.required("peers"));
    if (auto n = o.optional("schedule")) {
      if (minor_version < 2) {
        n->fail("needs version \"1.2\" or later; the vector declares \"1." +
                std::to_string(minor_version) + "\"");
      }
      s.schedule = read_schedule(*n, s.peers.size());
    }
    s.budget = read_budget(o.required("budget"));
    ExpectedByKey expected = read_expected(o.required("expected"), {minor_version, s.peers.size()});
    s.expected = std::move(expected.plain);
    s.expected_with_variants = std::move(expected.with_variants);
    check_every_block_used();
    check_local_applies(s, local.child("blocks"));
    return s;
  }

 private:
  struct Entry {
    BlockHeader header;
    std::string path;  // of its "id", for errors
    bool used;
  };

  static void check_stated_id(const Node& id_node, const Id& stated, const BlockHeader& header) {
    const Id computed = header.id();
    if (stated != computed) {
      id_node.fail("stated id " + stated.hex() +
                   " does not match the id recomputed from the header, " + computed.hex());
    }
  }

  GenesisState read_genesis(const Node& node) {
    const Object o(node, {"id", "header", "state", "stake"});
    GenesisState g;
    g.header = read_header(o.required("header"));
    g.state = read_state(o.required("state"));
    const Node id = o.required("id");
    genesis_id_ = id.hex();
    genesis_header_ = g.header;
    check_stated_id(id, genesis_id_, g.header);
    std::unordered_set<Hash32> seen;
    for (const Node& entry : o.required("stake").elements(Limits::kMaxStake)) {
      const Object e(entry, {"commitment", "note"});
      const Node commitment = e.required("commitment");
      const Hash32 cm = commitment.hex();
      if (!seen.insert(cm).second) commitment.fail("duplicate stake commitment " + cm.hex());
      if (auto note = e.optional("note")) {
        const Hash32 computed = read_note(*note).commitment();
        if (computed != cm) {
          note->fail("the note's commitment is " + computed.hex() + ", not the stated " + cm.hex());
        }
      }
      g.commitments.push_back(cm);
    }
    return g;
  }

  void read_blocks(const Node& node) {
    for (const Node& entry : node.elements(Limits::kMaxBlocks)) {
      const Object o(entry, {"id", "header"});
      BlockHeader header = read_header(o.required("header"));
      const Node id_node = o.required("id");
      const Id id = id_node.hex();
      check_stated_id(id_node, id, header);
      if (id == genesis_id_) {
        id_node.fail("block " + id.hex() + " is the genesis, which is given in /genesis only");
      }
      const auto [it, fresh] =
          blocks_.try_emplace(id, Entry{std::move(header), id_node.path(), false});
      if (!fresh)
        id_node.fail("duplicate block id " + id.hex() + " (also at " + it->second.path + ")");
      order_.push_back(id);
    }
  }

  // A block referred to by id: the genesis or an entry of /blocks.
  const BlockHeader& resolve(const Node& node) {
    const Id id = node.hex();
    if (id == genesis_id_) return genesis_header_;
    const auto it = blocks_.find(id);
    if (it == blocks_.end()) {
      node.fail("unknown block id " + id.hex() + ": neither the genesis nor listed in /blocks");
    }
    it->second.used = true;
    return it->second.header;
  }

  void read_local(const Node& node, Scenario& s) {
    const Object o(node, {"blocks", "checkpoint"});
    for (const Node& ref : o.required("blocks").elements(Limits::kMaxIds)) {
      s.local_blocks.push_back(resolve(ref));
    }
    const Node cp = o.required("checkpoint");
    if (cp.is_null()) return;
    const Object c(cp, {"block", "state"});
    s.checkpoint = Checkpoint{resolve(c.required("block")), read_state(c.required("state"))};
  }

  std::shared_ptr<const PeerView> read_view(const Node& blocks, const Node& tip) {
    auto view = std::make_shared<PeerView>();
    view->set_genesis(genesis_id_);
    std::unordered_set<Id> held;
    Slot last_slot = 0;
    for (const Node& ref : blocks.elements(Limits::kMaxIds)) {
      const BlockHeader& h = resolve(ref);
      if (!held.insert(ref.hex()).second) ref.fail("block " + ref.hex().hex() + " listed twice");
      if (h.slot < last_slot) {
        ref.fail(
            "blocks must be in ascending slot order (the order blocks_from streams them): slot " +
            std::to_string(h.slot) + " after slot " + std::to_string(last_slot));
      }
      last_slot = h.slot;
      view->add(h);
    }
    view->set_tip(resolve(tip));  // may be a block the peer does not hold
    return view;
  }

  std::vector<ScenarioPeer> read_peers(const Node& node) {
    std::vector<ScenarioPeer> peers;
    std::unordered_map<std::string, std::string> paths_by_name;
    for (const Node& entry : node.elements(Limits::kMaxPeers)) {
      const Object o(entry, {"name", "blocks", "tip", "faults"});
      ScenarioPeer p;
      const Node name = o.required("name");
      p.name = name.string(Limits::kMaxNameLength, 1);
      if (const auto [it, fresh] = paths_by_name.try_emplace(p.name, name.path()); !fresh) {
        name.fail("duplicate peer name \"" + p.name + "\" (also at " + it->second + ")");
      }
      p.view = read_view(o.required("blocks"), o.required("tip"));
      for (const Node& f : o.required("faults").elements(Limits::kMaxFaultsPerPeer)) {
        p.faults.push_back(read_fault(f, minor_version_));
      }
      peers.push_back(std::move(p));
    }
    return peers;
  }

  // Peers that change during the sync (cryptarchia/schedule.hpp), 1.2.
  std::vector<ScheduleEvent> read_schedule(const Node& node, std::size_t peers) {
    std::vector<ScheduleEvent> events;
    std::vector<bool> joins(peers, false);
    for (const Node& entry : node.elements(Limits::kMaxIds)) {
      const Object o(entry, {"at", "peer", "event", "blocks", "tip", "delay"});
      ScheduleEvent e;
      e.at = o.required("at").u64();
      const Node peer = o.required("peer");
      const std::uint64_t index = peer.u64();
      if (index >= peers) {
        peer.fail("no peer " + std::to_string(index) + ": the vector has " +
                  std::to_string(peers) + " peer(s), numbered from 0");
      }
      e.peer = static_cast<std::size_t>(index);
      const Node event = o.required("event");
      const std::string kind = event.string(16);
      if (kind == "update") {
        e.kind = ScheduleEventKind::Update;
      } else if (kind == "join") {
        e.kind = ScheduleEventKind::Join;
      } else if (kind == "vanish") {
        e.kind = ScheduleEventKind::Vanish;
      } else if (kind == "slow") {
        e.kind = ScheduleEventKind::Slow;
      } else {
        event.fail("unknown event \"" + kind + "\": expected one of update, join, vanish, slow");
      }
      const auto only_with = [&](const char* field, const char* with) {
        if (auto n = o.optional(field)) {
          n->fail(std::string("only allowed with \"event\": \"") + with + "\"");
        }
      };
      if (e.kind == ScheduleEventKind::Update) {
        e.view = read_view(o.required("blocks"), o.required("tip"));
      } else {
        only_with("blocks", "update");
        only_with("tip", "update");
      }
      if (e.kind == ScheduleEventKind::Slow) {
        e.delay = o.required("delay").u64();
      } else {
        only_with("delay", "slow");
      }
      if (e.kind == ScheduleEventKind::Join) {
        if (joins[e.peer]) event.fail("peer " + std::to_string(e.peer) + " joins twice");
        joins[e.peer] = true;
      }
      events.push_back(std::move(e));
    }
    return events;
  }

  void check_every_block_used() const {
    for (const Id& id : order_) {
      const Entry& e = blocks_.at(id);
      if (!e.used) {
        throw VectorError(root_.file(), e.path,
                          "block " + id.hex() +
                              " is not used: neither a local block, the checkpoint, nor held or "
                              "advertised by a peer");
      }
    }
  }

  // Scenario::make_local feeds these to on_block, which throws for a bad block.
  static void check_local_applies(const Scenario& s, const Node& list) {
    Follower local(s.genesis, s.config, s.mode);
    const std::vector<Node> refs = list.elements(Limits::kMaxIds);
    for (std::size_t i = 0; i < s.local_blocks.size(); ++i) {
      BlockStatus status = BlockStatus::Accepted;
      try {
        status = local.try_on_block(s.local_blocks[i]);
      } catch (const std::exception& e) {
        refs[i].fail(std::string("the local node cannot take this block: ") + e.what());
      }
      if (is_error(status)) {
        refs[i].fail("the local node cannot take this block: " + std::string(to_string(status)));
      }
    }
  }

  Node root_;
  Id genesis_id_;
  unsigned minor_version_ = 0;
  BlockHeader genesis_header_;
  std::unordered_map<Id, Entry> blocks_;
  std::vector<Id> order_;  // of /blocks, for reporting in document order
};

}  // namespace

Scenario from_json(const nlohmann::json& vector, const std::string& source_name) {
  return VectorReader(Node(vector, "", source_name)).read();
}

}  // namespace cryptarchia::vectors
