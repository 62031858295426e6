#include "protocol_json.hpp"

#include <limits>

namespace cryptarchia::harness::protocol {

Json header_json(const BlockHeader& h) {
  return Json{{"slot", h.slot},
              {"parent", h.parent.hex()},
              {"content_size", h.content_size},
              {"content_id", h.content_id.hex()},
              {"proof",
               {{"note", {{"value", h.proof.note.value}, {"sk", h.proof.note.sk}}},
                {"slot", h.proof.slot},
                {"parent", h.proof.parent.hex()}}}};
}

Json state_json(const LedgerState& s) {
  return Json{{"nonce", s.nonce.hex()}, {"leader_count", s.leader_count}};
}

bool is_lower_hex64(std::string_view text) {
  if (text.size() != 64) return false;
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

const Json& field(const Json& object, const char* key, const std::string& what) {
  if (!object.is_object()) throw ProtocolError(what + " is not an object");
  const auto it = object.find(key);
  if (it == object.end()) throw ProtocolError(what + " has no \"" + key + "\"");
  return *it;
}

std::string shown(const Json& value, std::size_t max) {
  // nlohmann reads a non-negative integer as unsigned, so a signed zero
  // can only have been written -0.
  if (value.is_number_integer() && !value.is_number_unsigned() && value.get<std::int64_t>() == 0) {
    return "-0";
  }
  return abbreviate(value.dump(), max);
}

std::uint64_t uint_of(const Json& value, const std::string& what) {
  if (!value.is_number_unsigned()) {
    throw ProtocolError(what + " is not a non-negative integer: " + shown(value, 60));
  }
  return value.get<std::uint64_t>();
}

const std::string& string_of(const Json& value, const std::string& what) {
  if (!value.is_string()) throw ProtocolError(what + " is not a string");
  return value.get_ref<const std::string&>();
}

Hash32 hex_of(const Json& value, const std::string& what) {
  const std::string& text = string_of(value, what);
  if (!is_lower_hex64(text)) {
    throw ProtocolError(what + " is not 64 lowercase hex digits: \"" + abbreviate(text, 80) + "\"");
  }
  return Hash32::from_hex(text);
}

BlockHeader header_of(const Json& v, const std::string& what) {
  BlockHeader h;
  h.slot = uint_of(field(v, "slot", what), what + ".slot");
  h.parent = hex_of(field(v, "parent", what), what + ".parent");
  const std::uint64_t size = uint_of(field(v, "content_size", what), what + ".content_size");
  if (size > std::numeric_limits<std::uint32_t>::max()) {
    throw ProtocolError(what + ".content_size does not fit in 32 bits");
  }
  h.content_size = static_cast<std::uint32_t>(size);
  h.content_id = hex_of(field(v, "content_id", what), what + ".content_id");
  const std::string pw = what + ".proof";
  const Json& proof = field(v, "proof", what);
  const Json& note = field(proof, "note", pw);
  h.proof.note.value = uint_of(field(note, "value", pw + ".note"), pw + ".note.value");
  h.proof.note.sk = uint_of(field(note, "sk", pw + ".note"), pw + ".note.sk");
  h.proof.slot = uint_of(field(proof, "slot", pw), pw + ".slot");
  h.proof.parent = hex_of(field(proof, "parent", pw), pw + ".parent");
  return h;
}

LedgerState state_of(const Json& v, const std::string& what) {
  LedgerState s;
  s.nonce = hex_of(field(v, "nonce", what), what + ".nonce");
  s.leader_count = uint_of(field(v, "leader_count", what), what + ".leader_count");
  return s;
}

Json parse_message(std::string_view line) {
  // JSON text holds no raw NUL, and the parser would stop at one, taking
  // what comes before it for the whole line (issue 12, item 9).
  if (const auto nul = line.find('\0'); nul != std::string_view::npos) {
    throw ProtocolError("a NUL byte at byte " + std::to_string(nul) +
                        " of the line, which JSON does not allow: " +
                        abbreviate(line.substr(0, nul), 80) + "\\0...");
  }
  // The deepest message nests 4 levels; a deeper one is refused while it is
  // parsed, so that nothing later (dump() in an error message, destruction)
  // recurses through a line of a million brackets.
  const auto depth_limit = [&line](int depth, Json::parse_event_t event, Json&) {
    if ((event == Json::parse_event_t::object_start || event == Json::parse_event_t::array_start) &&
        depth >= kMaxMessageDepth) {
      throw ProtocolError("a message nested deeper than " + std::to_string(kMaxMessageDepth) +
                          " levels: " + abbreviate(line, 80));
    }
    return true;
  };
  Json message = Json::parse(line.begin(), line.end(), depth_limit, /*allow_exceptions=*/false);
  if (message.is_discarded()) throw ProtocolError("not JSON: " + abbreviate(line, 80));
  if (!message.is_object()) throw ProtocolError("not a JSON object: " + abbreviate(line, 80));
  const auto it = message.find("type");
  if (it == message.end() || !it->is_string()) {
    throw ProtocolError("a message without a string \"type\": " + abbreviate(line, 80));
  }
  return message;
}

const std::string& type_of(const Json& message) {
  return message.at("type").get_ref<const std::string&>();
}

std::string abbreviate(std::string_view line, std::size_t max) {
  if (line.size() <= max) return std::string(line);
  return std::string(line.substr(0, max)) + "... (" + std::to_string(line.size()) + " bytes)";
}

}  // namespace cryptarchia::harness::protocol
