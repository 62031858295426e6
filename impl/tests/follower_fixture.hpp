// The fixture of the follower's tests (follower_test.cpp, variants_test.cpp):
// blocks registered under names, fed by name, and the follower's state read
// back as names, so failure messages print "A3", not ids.
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "cryptarchia/block_tree.hpp"
#include "cryptarchia/config.hpp"
#include "cryptarchia/errors.hpp"
#include "cryptarchia/follower.hpp"
#include "cryptarchia/spec_conventions.hpp"

namespace cryptarchia::testing {

// Longest-chain configuration: k so large that no fork in these tests is
// deeper than k, so the Genesis rule never falls back to density.
inline const Config kLongest = Config::with_s(10, 20);

// Everything a refused block must leave untouched.
struct Snapshot {
  Id tip;
  std::vector<Id> forks;
  std::size_t size = 0;
  Id lib;
  Mode mode = Mode::Bootstrapping;
  std::vector<BlockHeader> blocks;

  friend bool operator==(const Snapshot&, const Snapshot&) = default;
};

inline Snapshot snapshot(const Follower& f) {
  return Snapshot{f.tip_id(), f.forks(), f.size(), f.lib(), f.mode(), f.blocks_by_slot(0)};
}

class FollowerTest : public ::testing::Test {
 protected:
  using Names = std::vector<std::string>;

  const Note A{10, 0};
  const Note B{10, 1};
  const Note C{10, 2};  // not in the stake
  const GenesisState genesis = make_genesis({A, B});
  const Id g = genesis.header.id();

  FollowerTest() {
    names_[g] = "g";
    headers_["g"] = genesis.header;
  }

  Follower follower(const Config& config = kLongest, Mode mode = Mode::Bootstrapping,
                    FollowerOptions options = {}) const {
    return Follower(genesis, config, mode, std::move(options));
  }

  // Registers an arbitrary header under `name`.
  const BlockHeader& reg(const std::string& name, const BlockHeader& header) {
    EXPECT_EQ(headers_.count(name), 0u) << "test bug: name " << name << " used twice";
    EXPECT_EQ(names_.count(header.id()), 0u) << "test bug: " << name << " duplicates a block";
    names_[header.id()] = name;
    return headers_[name] = header;
  }
  // A test block (make_block) at `slot` on the block named `parent`.
  const BlockHeader& blk(const std::string& name, const std::string& parent, Slot slot,
                         const Note& note) {
    return reg(name, make_block(id(parent), slot, note));
  }
  // make_chain on `parent`; block i is named prefix + slot.
  void chain(const std::string& prefix, const std::string& parent, const Note& note,
             std::initializer_list<Slot> slots) {
    const std::vector<BlockHeader> headers = make_chain(id(parent), note, slots);
    auto slot = slots.begin();
    for (const BlockHeader& h : headers) reg(prefix + std::to_string(*slot++), h);
  }

  const BlockHeader& hdr(const std::string& name) const {
    const auto it = headers_.find(name);
    if (it == headers_.end()) throw std::logic_error("test bug: no block named " + name);
    return it->second;
  }
  Id id(const std::string& name) const { return hdr(name).id(); }

  // on_block / apply_block_to_ledger_state for each named block, in order.
  void feed(Follower& f, const Names& names) const {
    for (const std::string& n : names) {
      SCOPED_TRACE("on_block(" + n + ")");
      ASSERT_NO_THROW(f.on_block(hdr(n)));
    }
  }
  void store(Follower& f, const Names& names) const {
    for (const std::string& n : names) {
      SCOPED_TRACE("apply_block_to_ledger_state(" + n + ")");
      ASSERT_NO_THROW(f.apply_block_to_ledger_state(hdr(n)));
    }
  }

  std::string name(const Id& id) const {
    const auto it = names_.find(id);
    return it == names_.end() ? "?" + id.short_hex() : it->second;
  }
  Names names(const std::vector<Id>& ids) const {
    Names out;
    for (const Id& i : ids) out.push_back(name(i));
    return out;
  }
  std::string tip(const Follower& f) const { return name(f.tip_id()); }
  Names forks(const Follower& f) const { return names(f.forks()); }
  std::string lib(const Follower& f) const { return name(f.lib()); }
  Names by_slot(const Follower& f, Slot from) const {
    Names out;
    for (const BlockHeader& h : f.blocks_by_slot(from)) out.push_back(name(h.id()));
    return out;
  }
  std::uint64_t height(const Follower& f, const std::string& n) const {
    const auto h = f.height(id(n));
    EXPECT_TRUE(h.has_value()) << n << " is not stored";
    return h.value_or(0);
  }
  const TreeNode* node(const Follower& f, const std::string& n) const {
    const TreeNode* p = f.tree().find(id(n));
    if (p == nullptr) throw std::logic_error("test bug: " + n + " not stored");
    return p;
  }

  // on_block must throw exactly E carrying the block's id; try_on_block must
  // return the status and change nothing. Same for the ledger-only path.
  template <typename E>
  void expect_refused(Follower& f, const std::string& n, BlockStatus status) const {
    SCOPED_TRACE("refusing " + n);
    const BlockHeader& b = hdr(n);
    const Snapshot before = snapshot(f);
    try {
      f.on_block(b);
      ADD_FAILURE() << "on_block(" << n << ") did not throw";
    } catch (const E& e) {
      EXPECT_EQ(name(e.block()), n);
      EXPECT_EQ(e.status(), status);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "on_block(" << n << ") threw the wrong type: " << e.what();
    }
    EXPECT_TRUE(snapshot(f) == before) << "on_block changed the follower";
    EXPECT_EQ(f.try_on_block(b), status);
    EXPECT_TRUE(snapshot(f) == before) << "try_on_block changed the follower";
    EXPECT_FALSE(f.contains(b.id()));
    try {
      f.apply_block_to_ledger_state(b);
      ADD_FAILURE() << "apply_block_to_ledger_state(" << n << ") did not throw";
    } catch (const E& e) {
      EXPECT_EQ(name(e.block()), n);
      EXPECT_EQ(e.status(), status);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "apply_block_to_ledger_state(" << n << ") threw the wrong type: "
                    << e.what();
    }
    EXPECT_EQ(f.try_apply_block_to_ledger_state(b), status);
    EXPECT_TRUE(snapshot(f) == before) << "apply_block_to_ledger_state changed the follower";
  }

  // The tree of FoldOrder and OnlineIgnoresForkDeeperThanKFromBest
  // (k = 1, s = 4), drawn there.
  void build_non_transitive_tree() {
    chain("A", "g", A, {1, 5, 6, 7});
    blk("B2", "g", 2, B);
    blk("B3", "B2", 3, B);
    chain("B", "B2", B, {8, 9, 10});
  }

 private:
  std::map<Id, std::string> names_;
  std::map<std::string, BlockHeader> headers_;
};

}  // namespace cryptarchia::testing
