// Follower variants: rules on which the real node's fork-choice engine
// differs from the Python spec (../shared/spec/IBD.md, section 4). Each is
// off by default (the follower is the spec's); a follower built with a set of
// them behaves as that engine does on that point. docs/VARIANTS.md has the
// evidence, the sources and the minimal tree on which each changes the tip.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace cryptarchia {

enum class Variant {
  // The density window counts blocks with slot <= LCA.slot + s (the engine,
  // and Genesis's "s slots after the intersection"), not < LCA.slot + s.
  DensityWindowIncludesBound,
  // Fork choice also runs for a block that extends the tip (the spec just
  // moves the tip there).
  ForkChoiceOnEveryBlock,
  // The fold starts from the tip as it was before the block and runs over
  // every tip (the old tip included when the block is a fork), in an order
  // the engine does not fix (a hash set); FollowerOptions::tip_order fixes it.
  FoldOverAllTips,
  // The ledger refuses a block whose slot is not after its parent's
  // (BlockStatus::InvalidSlot); the spec has no such check.
  SlotAfterParent,
  // A block the follower already stores, handed to it again, is re-applied:
  // it becomes a tip again (a "phantom" tip, even with children) and fork
  // choice runs; the spec drops it. In the real node only the IBD path does
  // this (gossip and orphans skip known blocks), so it is not in engine().
  ReappliedBlockBecomesTip,
};

struct VariantInfo {
  Variant id;
  std::string_view name;     // stable, kebab-case: used on command lines and in docs
  std::string_view summary;
  std::string_view source;   // where the engine does it (IBD.md's references)
};

std::span<const VariantInfo> variants();
const VariantInfo& info(Variant v);
std::string_view to_string(Variant v);
std::optional<Variant> parse_variant(std::string_view name);

// A set of variants.
class Variants {
 public:
  Variants() = default;
  Variants(std::initializer_list<Variant> list) {
    for (Variant v : list) add(v);
  }
  Variants& add(Variant v) {
    bits_ |= bit(v);
    return *this;
  }
  [[nodiscard]] bool has(Variant v) const { return (bits_ & bit(v)) != 0; }
  [[nodiscard]] bool empty() const { return bits_ == 0; }
  // The real node's follower (its ledger and fork-choice engine): every
  // variant above.
  static Variants engine() {
    return {Variant::DensityWindowIncludesBound, Variant::ForkChoiceOnEveryBlock,
            Variant::FoldOverAllTips, Variant::SlotAfterParent};
  }
  friend bool operator==(const Variants&, const Variants&) = default;
  friend auto operator<=>(const Variants&, const Variants&) = default;

 private:
  static std::uint32_t bit(Variant v) { return 1u << static_cast<unsigned>(v); }
  std::uint32_t bits_ = 0;
};

// The set's names in the order of variants(), joined by '+' ("" when empty):
// the one spelling used in vector keys, hello and reports.
std::string to_string(const Variants& set);
// The reverse of to_string for a list of names: nullopt (and `error` says
// why) for an unknown or repeated name. Any order is accepted.
std::optional<Variants> parse_variants(std::span<const std::string> names,
                                       std::string* error = nullptr);

}  // namespace cryptarchia
