// The conventions of the spec's own tests (spec note, section 3): how genesis
// and test blocks are built. Hand-written scenarios and vectors use them.
#pragma once

#include <initializer_list>
#include <span>
#include <vector>

#include "cryptarchia/block.hpp"
#include "cryptarchia/follower.hpp"

namespace cryptarchia {

// Genesis: slot 0, zero parent, empty content, proof by note (sk=0, value=0);
// ledger nonce zero; the stake is the given notes' commitments.
GenesisState make_genesis(std::span<const Note> stake);
GenesisState make_genesis(std::initializer_list<Note> stake);

// The content every test block carries: 32 zero bytes.
const Hash32& test_content_id();

// A test block at `slot` on `parent`, led by `note`, with a matching proof.
BlockHeader make_block(const Id& parent, Slot slot, const Note& note);
// A chain on `parent`, one block per slot, all led by `note`.
std::vector<BlockHeader> make_chain(const Id& parent, const Note& note, std::span<const Slot> slots);
std::vector<BlockHeader> make_chain(const Id& parent, const Note& note,
                                    std::initializer_list<Slot> slots);

}  // namespace cryptarchia
