#include "protocol_session.hpp"

#include <algorithm>
#include <chrono>

#include "protocol_serve.hpp"
#include "subprocess_child.hpp"

namespace cryptarchia::harness::detail {

using protocol::Json;
using protocol::ProtocolError;

namespace {

Clock::time_point deadline_after(double seconds) {
  return Clock::now() +
         std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
}

Hello parse_hello(const Json& m) {
  if (protocol::type_of(m) != "hello") {
    throw ProtocolError("expected hello, got \"" + protocol::type_of(m) + "\"");
  }
  Hello h;
  h.protocol = protocol::string_of(protocol::field(m, "protocol", "hello"), "hello.protocol");
  const Json& impl = protocol::field(m, "implementation", "hello");
  h.name = protocol::string_of(protocol::field(impl, "name", "hello.implementation"),
                               "hello.implementation.name");
  h.version = protocol::string_of(protocol::field(impl, "version", "hello.implementation"),
                                  "hello.implementation.version");
  const auto features = m.find("features");
  if (features != m.end()) {
    if (!features->is_array()) throw ProtocolError("hello.features is not an array");
    for (const Json& f : *features) h.features.insert(protocol::string_of(f, "a hello feature"));
  }
  if (const auto follows = m.find("follows"); follows != m.end()) {
    const std::string& text = protocol::string_of(*follows, "hello.follows");
    std::string error;
    const std::optional<RunAs> as = text.size() <= 200 ? parse_run_as(text, &error) : std::nullopt;
    if (!as) {
      throw ProtocolError("hello.follows \"" + protocol::abbreviate(text, 80) +
                          "\" is not a profile with follower variants: " +
                          (error.empty() ? "longer than 200 characters" : error));
    }
    h.follows = *as;
  }
  return h;
}

std::vector<Id> ids_of(const Json& done, const char* key) {
  const Json& list = protocol::field(done, key, "done");
  if (!list.is_array()) throw ProtocolError(std::string("done.") + key + " is not an array");
  std::vector<Id> ids;
  ids.reserve(list.size());
  for (const Json& id : list)
    ids.push_back(protocol::hex_of(id, std::string("an id of done.") + key));
  return ids;
}

// The optional "abort" of an aborted `done`: kind, block_status, block, peer.
void read_abort(const Json& done, std::size_t peer_count, SyncAbort& abort) {
  const auto it = done.find("abort");
  if (it == done.end() || it->is_null()) {
    abort.details_known = false;
    return;
  }
  if (!it->is_object()) throw ProtocolError("done.abort is not an object");
  // Every field reads null as not given (issue 12, item 13).
  const auto kind = it->find("kind");
  if (kind != it->end() && !kind->is_null()) {
    const std::string& k = protocol::string_of(*kind, "done.abort.kind");
    bool known = false;
    for (const auto candidate :
         {SyncAbort::Kind::BlockError, SyncAbort::Kind::InvalidBlockFromBackfillFork,
          SyncAbort::Kind::PeerFailure, SyncAbort::Kind::Internal}) {
      if (k == to_string(candidate)) {
        abort.kind = candidate;
        known = true;
      }
    }
    if (!known)
      throw ProtocolError("done.abort.kind \"" + protocol::abbreviate(k, 40) + "\" is unknown");
  }
  const auto status = it->find("block_status");
  if (status != it->end() && !status->is_null()) {
    const std::string& st = protocol::string_of(*status, "done.abort.block_status");
    bool known = false;
    for (const auto candidate : {BlockStatus::ParentNotFound, BlockStatus::ImmutableFork,
                                 BlockStatus::InvalidLeaderProof, BlockStatus::InvalidSlot}) {
      if (st == to_string(candidate)) {
        abort.block_status = candidate;
        known = true;
      }
    }
    if (!known)
      throw ProtocolError("done.abort.block_status \"" + protocol::abbreviate(st, 40) +
                          "\" is unknown");
  }
  const auto block = it->find("block");
  if (block != it->end() && !block->is_null())
    abort.block = protocol::hex_of(*block, "done.abort.block");
  const auto peer = it->find("peer");
  if (peer != it->end() && !peer->is_null()) {
    if (!peer->is_number_unsigned() || peer->get<std::uint64_t>() >= peer_count) {
      throw ProtocolError("done.abort.peer " + protocol::shown(*peer, 40) +
                          " is not a peer of the case (" + std::to_string(peer_count) + " peers)");
    }
    abort.peer = peer->get<std::size_t>();
  }
}

// Every id of a `done` names a block the adapter was given.
void check_received(const SyncResult& r, const std::unordered_set<Id>& received) {
  const auto check = [&](const Id& id, const std::string& where) {
    if (received.count(id) == 0) {
      throw ProtocolError(where + " " + id.hex() +
                          " names a block the adapter was never given: not the genesis, a local "
                          "block, the checkpoint or a header a peer served");
    }
  };
  check(r.tip, "done.tip");
  for (const Id& id : r.forks) check(id, "an id of done.forks");
  for (const Id& id : r.tree) check(id, "an id of done.tree");
}

SyncResult result_of(const Json& done, const RequestServer& server, const Budget& budget,
                     std::size_t peer_count, bool& budget_claimed) {
  SyncResult r;
  const std::string& end = protocol::string_of(protocol::field(done, "end", "done"), "done.end");
  if (end == "completed") {
    r.end = SyncEnd::Completed;
  } else if (end == "budget-exceeded") {
    r.end = SyncEnd::BudgetExceeded;
  } else if (end == "aborted") {
    r.end = SyncEnd::Aborted;
    SyncAbort abort;
    abort.kind = SyncAbort::Kind::Internal;
    const auto error = done.find("error");
    abort.message = error != done.end() && error->is_string() ? error->get<std::string>()
                                                              : "aborted (no error given)";
    read_abort(done, peer_count, abort);
    r.abort = abort;
  } else {
    throw ProtocolError("done.end is \"" + protocol::abbreviate(end, 40) +
                        "\", not completed, aborted or budget-exceeded");
  }
  r.tip = protocol::hex_of(protocol::field(done, "tip", "done"), "done.tip");
  r.forks = ids_of(done, "forks");
  r.tree = ids_of(done, "tree");
  std::sort(r.tree.begin(), r.tree.end());
  r.requests = server.counts();
  if (r.end == SyncEnd::BudgetExceeded && !server.budget_exceeded()) {
    // Not refused a request, it says it would not stop: only a vector whose
    // expectation says the steps ran out accepts that (judge()).
    budget_claimed = true;
    // After every allowed request, the next one would have been refused.
    r.exhausted = r.requests.requests() >= budget.max_requests ? Exhausted::Requests
                                                               : Exhausted::Steps;
    r.detail = "claimed by the adapter after " + std::to_string(r.requests.requests()) +
               " request(s); the harness refused none";
  }
  if (server.budget_exceeded()) {
    // The harness refused a request: whatever the adapter says, the sync
    // did not end within the budget.
    r.end = SyncEnd::BudgetExceeded;
    r.exhausted = Exhausted::Requests;
    r.abort.reset();
    r.detail = "request budget of " + std::to_string(budget.max_requests) + " exhausted";
  }
  return r;
}

SyncReply skip_reply(const Json& skip) {
  SyncReply reply;
  reply.skipped = true;
  const auto reason = skip.find("reason");
  reply.skip_reason = reason != skip.end() && reason->is_string() ? reason->get<std::string>()
                                                                  : "the adapter skipped the case";
  return reply;
}

}  // namespace

std::string error_report(const std::string& case_id, const std::string& reason,
                         const std::string& stderr_tail) {
  std::string out = "case " + case_id + ": " + reason;
  if (!stderr_tail.empty()) out += "\nadapter stderr (last bytes):\n" + stderr_tail;
  return out;
}

AdapterSession::AdapterSession(const std::vector<std::string>& argv, const AdapterLimits& limits)
    : AdapterSession(std::make_unique<ChildProcess>(argv, limits.stderr_tail_bytes), limits) {}

AdapterSession::AdapterSession(std::unique_ptr<Transport> transport, const AdapterLimits& limits)
    : limits_(limits), child_(std::move(transport)) {
  deadline_ = deadline_after(limits_.case_timeout_seconds);
  child_->reset_output_budget(limits_.max_case_output_bytes);
  try {
    hello_ = parse_hello(receive(nullptr));
  } catch (const ProtocolError& e) {
    throw AdapterError(error_report("handshake", e.what(), child_->stderr_tail()));
  }
  // MAJOR.MINOR, both digits (issue 12, item 12): "1", "1." or "1.0.0" is
  // no version of major 1.
  const std::string& v = hello_.protocol;
  const auto dot = v.find('.');
  const auto digits = [](std::string_view t) {
    return !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  const bool well_formed = dot != std::string::npos && digits(std::string_view(v).substr(0, dot)) &&
                           digits(std::string_view(v).substr(dot + 1));
  if (!well_formed || v.substr(0, dot) != protocol::kMajor) {
    const std::string shown = protocol::abbreviate(v, 40);
    std::string reason = "the harness speaks protocol " + std::string(protocol::kVersion) +
                         ", the adapter " + shown;
    if (!well_formed) reason += " (\"" + shown + "\" is not MAJOR.MINOR in digits)";
    try {
      send(Json{{"type", "bye"}, {"reason", reason}}, nullptr);
    } catch (const ProtocolError&) {
      // it may be gone already; the mismatch is what gets reported
    }
    child_->shut_down(std::chrono::milliseconds(100));
    throw ProtocolVersionMismatch(reason);
  }
  // The welcome names the version both sides speak: the lower minor. A 1.0
  // adapter is welcomed to 1.0, as before 1.1 existed.
  const std::string_view ours = protocol::kVersion;
  const std::string_view our_minor = ours.substr(ours.find('.') + 1);
  const std::string_view their_minor = std::string_view(v).substr(dot + 1);
  // Minors compare as numbers of any length: "12" > "7" and "01" == "1".
  const auto minor_less = [](std::string_view a, std::string_view b) {
    a.remove_prefix(std::min(a.find_first_not_of('0'), a.size()));
    b.remove_prefix(std::min(b.find_first_not_of('0'), b.size()));
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  };
  const bool adapter_older = minor_less(their_minor, our_minor);
  const std::string agreed = adapter_older ? v : std::string(ours);
  // The download request came with minor 1, hello.follows with minor 2.
  std::string reason;
  if (supports("download") && minor_less(their_minor, "1")) {
    reason = "the adapter declares the feature \"download\" in a protocol " +
              protocol::abbreviate(v, 40) + " hello; the download request is protocol 1.1";
  } else if (hello_.follows && minor_less(their_minor, "2")) {
    reason = "the adapter's protocol " + protocol::abbreviate(v, 40) +
             " hello says what it follows (\"follows\"); that field is protocol 1.2";
  }
  if (!reason.empty()) {
    try {
      send(Json{{"type", "bye"}, {"reason", reason}}, nullptr);
    } catch (const ProtocolError&) {
      // it may be gone already; the refusal is what gets reported
    }
    child_->shut_down(std::chrono::milliseconds(100));
    throw AdapterError(error_report("handshake", reason, child_->stderr_tail()));
  }
  try {
    send(Json{{"type", "welcome"}, {"protocol", agreed}}, nullptr);
  } catch (const ProtocolError& e) {
    throw AdapterError(error_report("handshake", e.what(), child_->stderr_tail()));
  }
}

AdapterSession::~AdapterSession() {
  if (!broken_) child_->shut_down(std::chrono::milliseconds(200));
}

void AdapterSession::expect_silence(const char* when) {
  const std::string line = child_->pending_output();
  if (!line.empty()) {
    throw ProtocolError(std::string("a message ") + when +
                        ", when none is allowed: " + protocol::abbreviate(line, 80));
  }
}

void AdapterSession::send(const Json& message, std::vector<std::string>* log) {
  const std::string line = message.dump();
  if (log) log->push_back("harness: " + protocol::abbreviate(line));
  child_->write_line(line, deadline_);
}

Json AdapterSession::receive(std::vector<std::string>* log) {
  const std::string line = child_->read_line(deadline_, limits_.max_line_bytes);
  ++lines_in_case_;
  if (log) log->push_back("adapter: " + protocol::abbreviate(line));
  return protocol::parse_message(line);
}

void AdapterSession::begin_case(const Scenario& s) {
  broken_ = true;  // until the case message is out
  lines_in_case_ = 0;
  deadline_ = deadline_after(limits_.case_timeout_seconds);
  child_->reset_output_budget(limits_.max_case_output_bytes);
  expect_silence("between cases");
  Json commitments = Json::array();
  for (const Hash32& c : s.genesis.commitments) commitments.push_back(c.hex());
  Json blocks = Json::array();
  received_.clear();
  received_.insert(s.genesis.header.id());
  for (const BlockHeader& b : s.local_blocks) {
    blocks.push_back(protocol::header_json(b));
    received_.insert(b.id());
  }
  Json peers = Json::array();
  for (const ScenarioPeer& p : s.peers) peers.push_back(p.name);
  send(Json{{"type", "case"},
            {"id", s.id},
            {"config", {{"k", s.config.k}, {"s", s.config.s}}},
            {"mode", s.mode == Mode::Online ? "online" : "bootstrapping"},
            {"genesis",
             {{"header", protocol::header_json(s.genesis.header)},
              {"state", protocol::state_json(s.genesis.state)},
              {"commitments", commitments}}},
            {"local", {{"blocks", blocks}}},
            {"peers", peers}},
       nullptr);
  broken_ = false;
}

SyncReply AdapterSession::sync(std::span<Peer* const> peers, const Budget& budget,
                               const std::optional<Checkpoint>& checkpoint,
                               std::vector<std::string>* log) {
  deadline_ = deadline_after(limits_.case_timeout_seconds);
  broken_ = true;  // until `done`
  // A `skip` in answer to `case` (PROTOCOL.md) may be here before `sync`
  // goes out: it is the same skip as one that comes after (issue 12, item 5).
  // Anything else before `sync` is an error.
  const std::string early = child_->pending_output();
  if (!early.empty()) {
    const Json message = receive(log);
    if (protocol::type_of(message) != "skip") {
      throw ProtocolError("a message before sync, when none is allowed: " +
                          protocol::abbreviate(early, 80));
    }
    return skip_reply(message);
  }
  Json cp = nullptr;
  if (checkpoint) {
    cp = Json{{"header", protocol::header_json(checkpoint->header)},
              {"state", protocol::state_json(checkpoint->state)}};
    received_.insert(checkpoint->header.id());
  }
  send(Json{{"type", "sync"}, {"checkpoint", cp}}, log);
  RequestServer server(peers, budget, supports("download"));
  for (;;) {
    const Json message = receive(log);
    const std::string& type = protocol::type_of(message);
    if (RequestServer::is_request(type)) {
      send(server.answer(message), log);
    } else if (type == "done") {
      SyncReply reply;
      reply.result = result_of(message, server, budget, peers.size(), reply.budget_claimed);
      received_.insert(server.served().begin(), server.served().end());
      check_received(reply.result, received_);
      broken_ = false;
      return reply;
    } else if (type == "skip") {
      return skip_reply(message);
    } else {
      throw ProtocolError("an unexpected message of type \"" + protocol::abbreviate(type, 40) +
                          "\" during a sync");
    }
  }
}

bool AdapterSession::end_case() {
  broken_ = true;
  expect_silence("after done");
  try {
    send(Json{{"type", "close"}}, nullptr);
  } catch (const ProtocolError&) {
    if (!child_->exited()) throw;
    return false;  // it exited after done: that case stands; the session is dead
  }
  broken_ = false;
  return true;
}

}  // namespace cryptarchia::harness::detail
