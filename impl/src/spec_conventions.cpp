#include "cryptarchia/spec_conventions.hpp"

#include "cryptarchia/hash.hpp"

namespace cryptarchia {

GenesisState make_genesis(std::span<const Note> stake) {
  GenesisState g;
  g.header.slot = 0;
  g.header.content_size = 0;
  g.header.proof = MockLeaderProof{Note{0, 0}, 0, Id{}};
  g.state = LedgerState{Hash32{}, 0};
  for (const Note& n : stake) g.commitments.push_back(n.commitment());
  return g;
}

GenesisState make_genesis(std::initializer_list<Note> stake) {
  return make_genesis(std::span<const Note>(stake.begin(), stake.size()));
}

const Hash32& test_content_id() {
  static const Hash32 id = H("CONTENT_ID", Hash32{});
  return id;
}

BlockHeader make_block(const Id& parent, Slot slot, const Note& note) {
  BlockHeader b;
  b.slot = slot;
  b.parent = parent;
  b.content_size = 32;
  b.content_id = test_content_id();
  b.proof = MockLeaderProof{note, slot, parent};
  return b;
}

std::vector<BlockHeader> make_chain(const Id& parent, const Note& note,
                                    std::span<const Slot> slots) {
  std::vector<BlockHeader> chain;
  Id at = parent;
  for (Slot s : slots) {
    chain.push_back(make_block(at, s, note));
    at = chain.back().id();
  }
  return chain;
}

std::vector<BlockHeader> make_chain(const Id& parent, const Note& note,
                                    std::initializer_list<Slot> slots) {
  return make_chain(parent, note, std::span<const Slot>(slots.begin(), slots.size()));
}

}  // namespace cryptarchia
