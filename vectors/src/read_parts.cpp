#include "read_parts.hpp"

#include <algorithm>
#include <charconv>
#include <unordered_set>

#include "cryptarchia/vectors/vector_io.hpp"
#include "names.hpp"

namespace cryptarchia::vectors {

namespace {

// A string naming one value of an enum; `parse` gives nullopt for an unknown name.
template <typename T>
T one_of(const Node& node, std::optional<T> (*parse)(std::string_view),
         const std::string& choices) {
  const std::string name = node.string(Limits::kMaxNameLength);
  const std::optional<T> value = parse(name);
  if (!value) node.fail("unknown value \"" + name + "\": expected " + choices);
  return *value;
}

std::vector<Id> read_id_list(const Node& node, bool is_set) {
  std::vector<Id> ids;
  std::unordered_set<Id> seen;
  for (const Node& e : node.elements(Limits::kMaxIds)) {
    const Id id = e.hex();
    if (!seen.insert(id).second) {
      e.fail("id " + id.hex() + " listed twice" + (is_set ? " (the list is a set)" : ""));
    }
    ids.push_back(id);
  }
  return ids;
}

// Fields a minor version introduced, refused in documents that declare an
// older one (a 1.0 reader would reject them as unknown).
void require_minor(const Node& field, const ExpectedContext& context, unsigned minor) {
  if (context.minor_version < minor) {
    field.fail("needs version \"1." + std::to_string(minor) + "\" or later; the vector declares \"1." +
               std::to_string(context.minor_version) + "\"");
  }
}

Expectation read_expectation(const Node& node, const ExpectedContext& context,
                             bool alternative) {
  const Object o = alternative
                       ? Object(node, {"end", "exhausted", "abort_kind", "block_status",
                                       "failing_block", "failing_peer", "tip", "forks", "tree",
                                       "absent"})
                       : Object(node, {"end", "exhausted", "abort_kind", "block_status",
                                       "failing_block", "failing_peer", "tip", "forks", "tree",
                                       "absent", "alternatives"});
  Expectation e;
  e.end = one_of(o.required("end"), names::parse_end, names::end_choices());
  const auto only_if_aborted = [&](const Node& n) {
    if (e.end != SyncEnd::Aborted) n.fail("only allowed when \"end\" is \"aborted\"");
  };
  if (auto n = o.optional("exhausted")) {
    require_minor(*n, context, 1);
    if (e.end != SyncEnd::BudgetExceeded) {
      n->fail("only allowed when \"end\" is \"budget-exceeded\"");
    }
    e.exhausted = one_of(*n, names::parse_exhausted, names::exhausted_choices());
  }
  if (auto n = o.optional("abort_kind")) {
    only_if_aborted(*n);
    e.abort_kind = one_of(*n, names::parse_abort_kind, names::abort_kind_choices());
  }
  if (auto n = o.optional("block_status")) {
    only_if_aborted(*n);
    e.block_status = one_of(*n, names::parse_block_status, names::block_status_choices());
    if (e.block_status == BlockStatus::InvalidSlot) require_minor(*n, context, 4);
  }
  if (auto n = o.optional("failing_block")) {
    only_if_aborted(*n);
    e.failing_block = n->hex();
  }
  if (auto n = o.optional("failing_peer")) {
    require_minor(*n, context, 1);
    only_if_aborted(*n);
    const std::uint64_t peer = n->u64();
    if (peer >= context.peer_count) {
      n->fail("peer " + std::to_string(peer) + " does not exist: the vector has " +
              std::to_string(context.peer_count) + " peer(s)");
    }
    e.failing_peer = static_cast<std::size_t>(peer);
  }
  if (auto n = o.optional("tip")) e.tip = n->hex();
  if (auto n = o.optional("forks")) e.forks = read_id_list(*n, false);
  if (auto n = o.optional("tree")) e.tree = read_id_list(*n, true);
  if (auto n = o.optional("absent")) e.absent = read_id_list(*n, true);
  if (auto n = o.optional("alternatives")) {
    require_minor(*n, context, 1);
    for (const Node& a : n->elements(Limits::kMaxAlternatives)) {
      e.alternatives.push_back(read_expectation(a, context, true));
    }
    if (e.alternatives.empty()) n->fail("an empty list: leave \"alternatives\" out instead");
  }
  return e;
}

}  // namespace

void check_format(const Node& node) {
  if (!node.is_string() || node.json().get_ref<const std::string&>() != kFormatName) {
    node.fail("not a sync vector: \"format\" must be \"" + std::string(kFormatName) + "\", got " +
              node.json().dump().substr(0, 80));
  }
}

// "MAJOR.MINOR", each a decimal number without leading zeros.
unsigned check_version(const Node& node) {
  const std::string text = node.string(Limits::kMaxNameLength);
  const std::string supported = std::to_string(kMajorVersion) + "." + std::to_string(kMinorVersion);
  const auto number = [](std::string_view part, unsigned& out) {
    if (part.empty() || part.size() > 9 || (part.size() > 1 && part[0] == '0')) return false;
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
    return ec == std::errc{} && end == part.data() + part.size();
  };
  const auto dot = text.find('.');
  unsigned major = 0;
  unsigned minor = 0;
  if (dot == std::string::npos || !number(std::string_view(text).substr(0, dot), major) ||
      !number(std::string_view(text).substr(dot + 1), minor)) {
    node.fail("version must be \"MAJOR.MINOR\" (e.g. \"" + supported + "\"), got \"" + text + "\"");
  }
  const std::string range = std::to_string(kMajorVersion) + ".x up to " + supported;
  if (major != kMajorVersion) {
    node.fail("unsupported major version " + std::to_string(major) + " (\"" + text +
              "\"): this reader supports " + range);
  }
  if (minor > kMinorVersion) {
    node.fail("version \"" + text + "\" is newer than this reader, which supports " + range);
  }
  return minor;
}

std::string read_vector_id(const Node& node) {
  std::string id = node.string(Limits::kMaxNameLength, 1);
  const auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
  };
  if (!std::all_of(id.begin(), id.end(), allowed)) {
    node.fail("id may only hold letters, digits, '-', '_' and '.'");
  }
  if (id.front() == '.') node.fail("id must not start with '.'");
  return id;
}

std::vector<std::string> read_tags(const Node& node) {
  std::vector<std::string> tags;
  for (const Node& t : node.elements(Limits::kMaxTags)) {
    std::string tag = t.string(Limits::kMaxNameLength, 1);
    if (std::find(tags.begin(), tags.end(), tag) != tags.end())
      t.fail("duplicate tag \"" + tag + "\"");
    tags.push_back(std::move(tag));
  }
  return tags;
}

Config read_config(const Node& node) {
  const Object o(node, {"k", "s"});
  return Config{o.required("k").u64(), o.required("s").u64()};
}

Mode read_mode(const Node& node) { return one_of(node, names::parse_mode, names::mode_choices()); }

// A budget past the library's defaults would let one vector keep an
// in-process run busy for hours; no scenario needs it.
std::uint64_t read_budget_part(const Node& node, std::uint64_t most, const char* what) {
  const std::uint64_t value = node.u64();
  if (value > most) {
    node.fail("absurd budget: " + std::to_string(value) + " " + what + ", at most " +
              std::to_string(most));
  }
  return value;
}

Budget read_budget(const Node& node) {
  const Object o(node, {"max_requests", "max_steps"});
  return Budget{read_budget_part(o.required("max_requests"), Limits::kMaxRequests, "requests"),
                read_budget_part(o.required("max_steps"), Limits::kMaxSteps, "steps")};
}

Note read_note(const Node& node) {
  const Object o(node, {"value", "sk"});
  return Note{o.required("value").u64(), o.required("sk").u64()};
}

BlockHeader read_header(const Node& node) {
  const Object o(node, {"slot", "parent", "content_size", "content_id", "proof"});
  BlockHeader h;
  h.slot = o.required("slot").u64();
  h.parent = o.required("parent").hex();
  h.content_size = o.required("content_size").u32();
  h.content_id = o.required("content_id").hex();
  const Object proof(o.required("proof"), {"note", "slot", "parent"});
  h.proof.note = read_note(proof.required("note"));
  h.proof.slot = proof.required("slot").u64();
  h.proof.parent = proof.required("parent").hex();
  return h;
}

LedgerState read_state(const Node& node) {
  const Object o(node, {"nonce", "leader_count"});
  return LedgerState{o.required("nonce").hex(), o.required("leader_count").u64()};
}

Fault read_fault(const Node& node, unsigned minor_version) {
  const Object o(node, {"request", "call", "kind", "param"});
  Fault f;
  const Node request = o.required("request");
  f.request = one_of(request, names::parse_request, names::request_choices());
  if (f.request == RequestKind::Download) require_minor(request, {minor_version, 0}, 3);
  const Node call = o.required("call");
  if (call.is_string()) {
    if (call.json().get_ref<const std::string&>() != "every") {
      call.fail("expected a call number (0-based) or \"every\"");
    }
    f.call = Fault::kEveryCall;
  } else {
    f.call = call.u64();
    if (f.call == Fault::kEveryCall) call.fail("call number out of range: use \"every\"");
  }
  const Node kind = o.required("kind");
  f.kind = one_of(kind, names::parse_fault_kind, names::fault_kind_choices());
  if (f.kind == FaultKind::EndStreamEarly) require_minor(kind, {minor_version, 0}, 3);
  if (f.kind == FaultKind::OffPathBlocks || f.kind == FaultKind::NotOnline) {
    require_minor(kind, {minor_version, 0}, 5);
  }
  if (auto param = o.optional("param")) {
    f.param = param->u64();
  } else if (f.kind == FaultKind::FailMidStream || f.kind == FaultKind::EndStreamEarly) {
    (void)o.required("param");  // reports the missing field
  }
  try {
    validate(f);
  } catch (const std::invalid_argument& e) {
    kind.fail("fault does not fit its request \"" + std::string(names::of(f.request)) +
              "\": " + e.what());
  }
  return f;
}

ExpectedByKey read_expected(const Node& node, const ExpectedContext& context) {
  if (!node.json().is_object()) node.fail("expected an object keyed by profile name");
  ExpectedByKey out;
  for (const auto& [name, value] : node.json().items()) {
    const Node entry = node.child(name);
    const std::size_t plus = name.find('+');
    const auto profile = names::parse_profile(std::string_view(name).substr(0, plus));
    if (!profile) {
      entry.fail("unknown profile \"" + name.substr(0, 80) + "\": expected " +
                 names::profile_choices() + ", optionally followed by +variant names (1.4)");
    }
    if (*profile == Profile::Ibd) require_minor(entry, context, 3);
    if (plus == std::string::npos) {
      out.plain[*profile] = read_expectation(entry, context, false);
      continue;
    }
    require_minor(entry, context, 4);
    if (name.size() > 200) entry.fail("a key longer than 200 characters");
    std::string error;
    const std::optional<RunAs> as = parse_run_as(name, &error);
    if (!as) entry.fail(error);
    out.with_variants[*as] = read_expectation(entry, context, false);
  }
  return out;
}

}  // namespace cryptarchia::vectors
