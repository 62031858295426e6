// Notes (stake), the mock leader proof and block headers with their ids
// (spec note, sections 2 and 3).
#pragma once

#include <cstdint>
#include <string>

#include "cryptarchia/bytes.hpp"

namespace cryptarchia {

// A note: `value` of stake owned by secret key `sk` (its public key equals sk).
// nonce, unit, state and zone are the spec's fixed defaults. Both integers are
// hashed as u256; this model keeps them within 64 bits.
struct Note {
  std::uint64_t value = 0;
  std::uint64_t sk = 0;

  friend bool operator==(const Note&, const Note&) = default;

  [[nodiscard]] Hash32 commitment() const;
  [[nodiscard]] Hash32 nullifier() const;
};

// The mock leader proof: the note that leads, the slot and the parent it claims.
struct MockLeaderProof {
  Note note;
  Slot slot = 0;
  Id parent;

  friend bool operator==(const MockLeaderProof&, const MockLeaderProof&) = default;

  [[nodiscard]] Hash32 nonce_contribution() const;
};

struct BlockHeader {
  Slot slot = 0;
  Id parent;
  std::uint32_t content_size = 0;
  Hash32 content_id;
  MockLeaderProof proof;

  friend bool operator==(const BlockHeader&, const BlockHeader&) = default;

  // H("BLOCK_ID", 0x01, u32(content_size), content_id, u64(slot), parent,
  //   proof.nonce_contribution). Recomputed on every call: cache it.
  [[nodiscard]] Id id() const;
};

// The id with the intermediate values that validation and the ledger update
// need; computing them together hashes each only once.
struct HeaderDigest {
  Id id;
  Hash32 commitment;          // of the proof's note
  Hash32 nonce_contribution;  // of the proof
};
HeaderDigest digest(const BlockHeader& header);

// One line: "<short id> @slot <s> on <short parent> by sk=<sk>".
std::string describe(const BlockHeader& header);

}  // namespace cryptarchia
