#include "cryptarchia/variants.hpp"

#include <array>
#include <stdexcept>

namespace cryptarchia {

namespace {
constexpr std::array kVariants{
    VariantInfo{Variant::DensityWindowIncludesBound, "density-window-includes-bound",
                "The density window holds the s slots after the intersection, its bound "
                "included (slot <= LCA.slot + s); the spec stops one slot short.",
                "nomos chain/engine lib.rs 89-97, 270-276; IBD.md 4.1"},
    VariantInfo{Variant::ForkChoiceOnEveryBlock, "fork-choice-on-every-block",
                "Fork choice runs for every accepted block, one that extends the tip "
                "included: growing the tip past k can hand the tip to a denser fork.",
                "nomos chain/engine lib.rs 340-351; IBD.md 4.2"},
    VariantInfo{Variant::FoldOverAllTips, "fold-over-all-tips",
                "The fold starts from the tip before the block and runs over every tip, the "
                "old one included, in hash order: with the non-transitive rule the result "
                "depends on that order.",
                "nomos chain/engine lib.rs 75-120, 237-239; IBD.md 4.3"},
    VariantInfo{Variant::SlotAfterParent, "slot-after-parent",
                "The ledger refuses a block whose slot is not after its parent's "
                "(InvalidSlot); the spec checks only that the proof's slot is the block's.",
                "nomos ledger/nomos-ledger/src/cryptarchia/mod.rs 88-94; IBD.md 4.4"},
    VariantInfo{Variant::ReappliedBlockBecomesTip, "reapplied-block-becomes-tip",
                "A block already stored, received again, is re-applied: it rejoins the tips "
                "even when it has children, and fork choice runs (the IBD path only).",
                "nomos chain/engine lib.rs 199-235, 340-351; chain-service lib.rs 421-423, "
                "549-556; IBD.md 4.6"},
};
}  // namespace

std::span<const VariantInfo> variants() { return kVariants; }

const VariantInfo& info(Variant v) {
  for (const VariantInfo& i : kVariants) {
    if (i.id == v) return i;
  }
  throw std::logic_error("unknown follower variant");
}

std::string_view to_string(Variant v) { return info(v).name; }

std::optional<Variant> parse_variant(std::string_view name) {
  for (const VariantInfo& i : kVariants) {
    if (i.name == name) return i.id;
  }
  return std::nullopt;
}

std::string to_string(const Variants& set) {
  std::string out;
  for (const VariantInfo& i : kVariants) {
    if (!set.has(i.id)) continue;
    if (!out.empty()) out += '+';
    out += i.name;
  }
  return out;
}

std::optional<Variants> parse_variants(std::span<const std::string> names, std::string* error) {
  Variants out;
  for (const std::string& name : names) {
    const std::optional<Variant> v = parse_variant(name);
    if (!v) {
      if (error) {
        *error = "unknown follower variant \"" + name + "\" (known:";
        for (const VariantInfo& i : kVariants) *error += std::string(" ") + std::string(i.name);
        *error += ")";
      }
      return std::nullopt;
    }
    if (out.has(*v)) {
      if (error) *error = "follower variant \"" + name + "\" named twice";
      return std::nullopt;
    }
    out.add(*v);
  }
  return out;
}

}  // namespace cryptarchia
