// cryptarchia-reference-adapter: this project's sync behind the adapter
// protocol (harness/PROTOCOL.md). Every peer call becomes a request on
// stdout answered on stdin; logs go to stderr.
//
//   cryptarchia-reference-adapter [--profile reference|spec|seed|ibd]
//                                 [--variants NAME,...] [--hide-variants]
//
// --variants: the local node follows these follower variants
// (docs/VARIANTS.md) and the hello says so (protocol 1.2, "follows").
// --hide-variants: follow them without saying so, as a node that does not
// declare what it implements; the harness then judges it as the plain
// profile and must fail it where a variant changes the outcome.
//
// The same source builds cryptarchia-mutant-adapter (test-only, linked with
// the mutable library): it also takes --mutant NAME, to switch in one bug of
// the catalogue (impl/mutants/), and --list-mutants. `harness mutants` drives it.
#include <cstring>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "cryptarchia/scenario.hpp"
#include "cryptarchia/sync.hpp"
#include "protocol_json.hpp"
#ifdef CSC_ADAPTER_WITH_MUTANTS
#include "cryptarchia/mutants.hpp"
#endif

namespace {

using cryptarchia::harness::protocol::Json;
namespace proto = cryptarchia::harness::protocol;
using namespace cryptarchia;

// The harness ended the request budget: every later call fails at once and
// the sync is reported as budget-exceeded.
class Channel {
 public:
  void send(const Json& message) { std::cout << message.dump() << '\n' << std::flush; }

  std::optional<Json> receive() {
    std::string line;
    if (!std::getline(std::cin, line)) return std::nullopt;
    return proto::parse_message(line);
  }

  // A request and its answer; `failure` and `budget-exceeded` throw PeerFailure.
  Json request(const Json& message) {
    if (budget_spent) throw PeerFailure("the request budget is spent");
    send(message);
    std::optional<Json> answer = receive();
    if (!answer) throw std::runtime_error("stdin closed during a request");
    const std::string& type = proto::type_of(*answer);
    if (type == "failure") {
      const auto reason = answer->find("reason");
      throw PeerFailure(reason != answer->end() && reason->is_string() ? reason->get<std::string>()
                                                                       : "failure");
    }
    if (type == "budget-exceeded") {
      budget_spent = true;
      throw PeerFailure("the request budget is spent");
    }
    return *answer;
  }

  bool budget_spent = false;
};

Json hex_list(const std::vector<Id>& ids) {
  Json out = Json::array();
  for (const Id& id : ids) out.push_back(id.hex());
  return out;
}

std::optional<BlockHeader> block_or_end(const Json& answer, const char* end_type) {
  if (proto::type_of(answer) == end_type) return std::nullopt;
  return proto::header_of(proto::field(answer, "header", "answer"), "answer.header");
}

class RemoteStream : public BlockStream {
 public:
  RemoteStream(Channel& channel, std::uint64_t id) : channel_(channel), id_(id) {}
  std::optional<BlockHeader> next() override {
    return block_or_end(channel_.request(Json{{"type", "next"}, {"stream", id_}}), "end");
  }

 private:
  Channel& channel_;
  std::uint64_t id_;
};

class RemotePeer : public Peer {
 public:
  RemotePeer(Channel& channel, std::size_t index) : channel_(channel), index_(index) {}
  BlockHeader tip() override {
    const Json answer = channel_.request(Json{{"type", "tip"}, {"peer", index_}});
    return proto::header_of(proto::field(answer, "header", "tip"), "tip.header");
  }
  std::unique_ptr<BlockStream> blocks_from(Slot from) override {
    const Json answer =
        channel_.request(Json{{"type", "blocks_from"}, {"peer", index_}, {"slot", from}});
    return std::make_unique<RemoteStream>(
        channel_, proto::uint_of(proto::field(answer, "stream", "stream"), "stream.stream"));
  }
  std::optional<BlockHeader> block(const Id& id) override {
    return block_or_end(
        channel_.request(Json{{"type", "block"}, {"peer", index_}, {"id", id.hex()}}), "none");
  }
  // Protocol 1.1, feature "download". The harness's peer refuses more than
  // kMaxAdditionalBlocks ids; the sync never sends that many.
  std::unique_ptr<BlockStream> download(const DownloadRequest& request) override {
    const Json answer = channel_.request(Json{{"type", "download"},
                                              {"peer", index_},
                                              {"target", request.target.hex()},
                                              {"local_tip", request.local_tip.hex()},
                                              {"lib", request.lib.hex()},
                                              {"additional", hex_list(request.additional)}});
    return std::make_unique<RemoteStream>(
        channel_, proto::uint_of(proto::field(answer, "stream", "stream"), "stream.stream"));
  }

 private:
  Channel& channel_;
  std::size_t index_;
};

struct Node {
  Follower follower;
  std::size_t peers;
};

Node build_node(const Json& c, const Variants& variants) {
  const Json& config = proto::field(c, "config", "case");
  const Json& genesis = proto::field(c, "genesis", "case");
  GenesisState g;
  g.header = proto::header_of(proto::field(genesis, "header", "genesis"), "genesis.header");
  g.state = proto::state_of(proto::field(genesis, "state", "genesis"), "genesis.state");
  for (const Json& h : proto::field(genesis, "commitments", "genesis")) {
    g.commitments.push_back(proto::hex_of(h, "a commitment"));
  }
  const Mode mode =
      proto::field(c, "mode", "case") == "online" ? Mode::Online : Mode::Bootstrapping;
  Node node{Follower(g,
                     Config::with_s(proto::uint_of(proto::field(config, "k", "config"), "k"),
                                    proto::uint_of(proto::field(config, "s", "config"), "s")),
                     mode, FollowerOptions{variants, {}, {}}),
            proto::field(c, "peers", "case").size()};
  for (const Json& h : proto::field(proto::field(c, "local", "case"), "blocks", "local")) {
    node.follower.on_block(proto::header_of(h, "a local block"));
  }
  return node;
}

Json run_sync(Channel& channel, Node& node, const Json& message, Profile profile) {
  SyncOptions options;
  options.profile = profile;
  options.budget =
      Budget{~std::uint64_t{0}, ~std::uint64_t{0}};  // the harness enforces the real one
  const Json& cp = proto::field(message, "checkpoint", "sync");
  if (!cp.is_null()) {
    options.checkpoint =
        Checkpoint{proto::header_of(proto::field(cp, "header", "checkpoint"), "checkpoint.header"),
                   proto::state_of(proto::field(cp, "state", "checkpoint"), "checkpoint.state")};
  }
  std::vector<std::unique_ptr<RemotePeer>> owned;
  std::vector<Peer*> peers;
  for (std::size_t i = 0; i < node.peers; ++i) {
    owned.push_back(std::make_unique<RemotePeer>(channel, i));
    peers.push_back(owned.back().get());
  }
  channel.budget_spent = false;
  const SyncResult r = sync(node.follower, peers, options);
  Json done{{"type", "done"},
            {"end", channel.budget_spent ? "budget-exceeded" : std::string(to_string(r.end))},
            {"tip", r.tip.hex()},
            {"forks", hex_list(r.forks)},
            {"tree", hex_list(r.tree)}};
  if (r.end == SyncEnd::Aborted && !channel.budget_spent && r.abort) {
    done["error"] = r.abort->message;
    Json abort{{"kind", std::string(to_string(r.abort->kind))}};
    if (r.abort->block_status)
      abort["block_status"] = std::string(to_string(*r.abort->block_status));
    if (r.abort->block) abort["block"] = r.abort->block->hex();
    if (r.abort->peer) abort["peer"] = *r.abort->peer;
    done["abort"] = abort;
  }
  return done;
}

int serve(Profile profile, const Variants& variants, bool declare_variants) {
  Channel channel;
  Json hello{
      {"type", "hello"},
      {"protocol", proto::kVersion},
      {"implementation",
       {{"name", "cryptarchia-reference-adapter"}, {"version", std::string(to_string(profile))}}},
      // "download" (protocol 1.1) is needed only by --profile ibd; declaring
      // it always is harmless, since other profiles never send the request.
      {"features", {"checkpoint", "online", "sync-again", "download"}}};
  // Protocol 1.2: what it follows, the profile and its variants.
  if (declare_variants) hello["follows"] = to_string(RunAs(profile, variants));
  channel.send(hello);
  const std::optional<Json> welcome = channel.receive();
  if (!welcome || proto::type_of(*welcome) != "welcome") {
    std::cerr << "no welcome from the harness\n";
    return 3;
  }
  std::optional<Node> node;
  while (const std::optional<Json> message = channel.receive()) {
    const std::string& type = proto::type_of(*message);
    if (type == "case") {
      node = build_node(*message, variants);
    } else if (type == "sync" && node) {
      channel.send(run_sync(channel, *node, *message, profile));
    } else if (type == "close") {
      node.reset();
    } else {
      std::cerr << "unexpected message: " << proto::abbreviate(message->dump()) << "\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Profile profile = Profile::Reference;
  Variants variants;
  bool declare_variants = true;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--profile") == 0 && i + 1 < argc) {
      const std::optional<Profile> p = parse_profile(argv[++i]);
      if (!p) {
        std::cerr << "unknown profile " << argv[i] << "\n";
        return 2;
      }
      profile = *p;
    } else if (std::strcmp(argv[i], "--variants") == 0 && i + 1 < argc) {
      std::vector<std::string> names;
      for (std::string_view list = argv[++i]; !list.empty();) {
        const std::size_t comma = list.find(',');
        names.emplace_back(list.substr(0, comma));
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
      }
      std::string error;
      const std::optional<Variants> v = parse_variants(names, &error);
      if (!v) {
        std::cerr << "--variants: " << error << "\n";
        return 2;
      }
      variants = *v;
    } else if (std::strcmp(argv[i], "--hide-variants") == 0) {
      declare_variants = false;
#ifdef CSC_ADAPTER_WITH_MUTANTS
    } else if (std::strcmp(argv[i], "--mutant") == 0 && i + 1 < argc) {
      const auto m = cryptarchia::mutants::parse_mutant(argv[++i]);
      if (!m) {
        std::cerr << "unknown mutant " << argv[i] << " (see --list-mutants)\n";
        return 2;
      }
      cryptarchia::mutants::activate(*m);
    } else if (std::strcmp(argv[i], "--list-mutants") == 0) {
      // name, then whether only vectors can see it, then whether it is equivalent
      for (const auto& m : cryptarchia::mutants::catalogue()) {
        std::cout << m.name << (m.vectors_only ? " vectors-only" : "")
                  << (m.equivalent ? " equivalent" : "") << "\n";
      }
      return 0;
#endif
    } else {
      std::cerr << "usage: cryptarchia-reference-adapter [--profile reference|spec|seed|ibd] "
                   "[--variants NAME,...] [--hide-variants]\n";
      return 2;
    }
  }
  std::ios::sync_with_stdio(false);
  std::cin.tie(nullptr);
  try {
    return serve(profile, variants, declare_variants);
  } catch (const std::exception& e) {
    std::cerr << "cryptarchia-reference-adapter: " << e.what() << "\n";
    return 1;
  }
}
