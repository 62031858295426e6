#include "cryptarchia/block.hpp"

#include <array>

#include "cryptarchia/hash.hpp"

namespace cryptarchia {

namespace {
// The note fields the spec fixes for every note in this model.
const Hash32& default_nonce() {
  static const Hash32 h = H("nonce");
  return h;
}
const Hash32& default_unit() {
  static const Hash32 h = H("NMO");
  return h;
}
const Hash32& default_state() {
  static const Hash32 h = H("state");
  return h;
}
const Hash32& default_zone() {
  static const Hash32 h = H("ZoneID");
  return h;
}

Hash32 nonce_contribution_with(Slot slot, const Hash32& commitment, std::uint64_t sk) {
  return H("NOMOS_NONCE_CONTRIB", u64_be(slot), commitment, u256_be(sk));
}

Id block_id_with(const BlockHeader& h, const Hash32& nonce_contribution) {
  static constexpr std::array<std::uint8_t, 1> kVersion{0x01};
  return H("BLOCK_ID", kVersion, u32_be(h.content_size), h.content_id, u64_be(h.slot), h.parent,
           nonce_contribution);
}
}  // namespace

Hash32 Note::commitment() const {
  // Every block id needs its leader's note commitment, the largest of its
  // three hashes, and blocks are led by few notes: remember the last ones
  // seen, per thread, in a small direct-mapped table.
  struct Entry {
    Note note;
    Hash32 commitment;
    bool valid = false;
  };
  thread_local std::array<Entry, 64> recent;
  Entry& e = recent[((sk ^ (value * 0x9E3779B97F4A7C15ULL)) * 0x9E3779B97F4A7C15ULL) >> 58];
  if (e.valid && e.note == *this) return e.commitment;
  // pk == sk in this model.
  e = Entry{*this,
            H("NOMOS_NOTE_CM", default_state(), u256_be(value), default_unit(), default_nonce(),
              u256_be(sk), default_zone()),
            true};
  return e.commitment;
}

Hash32 Note::nullifier() const { return H("NOMOS_NOTE_NF", commitment(), u256_be(sk)); }

Hash32 MockLeaderProof::nonce_contribution() const {
  return nonce_contribution_with(slot, note.commitment(), note.sk);
}

Id BlockHeader::id() const { return block_id_with(*this, proof.nonce_contribution()); }

HeaderDigest digest(const BlockHeader& header) {
  HeaderDigest d;
  d.commitment = header.proof.note.commitment();
  d.nonce_contribution =
      nonce_contribution_with(header.proof.slot, d.commitment, header.proof.note.sk);
  d.id = block_id_with(header, d.nonce_contribution);
  return d;
}

std::string describe(const BlockHeader& header) {
  return header.id().short_hex() + " @slot " + std::to_string(header.slot) + " on " +
         header.parent.short_hex() + " by sk=" + std::to_string(header.proof.note.sk);
}

}  // namespace cryptarchia
