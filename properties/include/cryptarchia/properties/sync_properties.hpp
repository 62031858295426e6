// The suite's claims about a sync implementation, one function each. A
// property takes a node factory (the implementation under test), one
// generated case and the case's context, and fails with a message that says
// what happened and what the oracle expected. The property engine
// (property_engine.hpp) generates the cases and judges them.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "cryptarchia/properties/generators.hpp"
#include "cryptarchia/properties/node.hpp"

namespace cryptarchia::props {

// What a property may do with a case besides judging it: draw a choice that
// is part of the generated input (and shrinks with it), and tag the case.
class CaseContext {
 public:
  explicit CaseContext(std::uint64_t choice = 0) : choice_(choice) {}
  // A value in [0, n) fixed by the generated input; 0 when n is 0.
  [[nodiscard]] std::uint64_t choose_below(std::uint64_t n) const { return n ? choice_ % n : 0; }
  void tag(std::string t) { tags_.push_back(std::move(t)); }
  [[nodiscard]] const std::vector<std::string>& tags() const { return tags_; }

 private:
  std::uint64_t choice_;
  std::vector<std::string> tags_;
};

// Thrown by require(): the case does not meet the property's precondition.
struct CaseDiscarded {
  std::string why;
};
// Thrown by expect(): the case breaks the property.
struct CaseFailed {
  std::string message;
};

// The precondition: discards the case unless `condition` holds.
inline void require(bool condition, const char* why) {
  if (!condition) throw CaseDiscarded{why};
}
// The claim: fails the case unless `ok` holds.
inline void expect(bool ok, const std::string& message) {
  if (!ok) throw CaseFailed{message};
}

struct PropertyDef {
  std::string name;   // a claim, CamelCase, e.g. TipEndsAtHeaviestHonestChain
  std::string claim;  // the claim in words
  CaseShape shape;    // what its cases may contain
  void (*body)(const NodeFactory&, const SyncCase&, CaseContext&);
};

// Every property, in the order of the issue that defined them, on the small
// tier of worlds; the same properties on the large tier, named Name@large.
const std::vector<PropertyDef>& sync_properties();
const std::vector<PropertyDef>& large_tier_properties();
// The properties with peers that change during the sync (issue 17 item 3,
// CaseShape::schedules; small tier). They are a list of their own so that
// the other lists, their seeds and the errata matrix stay as they were.
const std::vector<PropertyDef>& schedule_properties();
// A property of any list by name.
const PropertyDef& property(const std::string& name);

// The reference profile agrees with the spec profile wherever the spec
// profile's run is right (checked for the reference profile only).
void reference_agrees_with_spec(const SyncCase& c, CaseContext& ctx);

// Property 2, for one backfill of a fork tip: every peer order gives the
// same outcome and tree. Needs this library's backfill(), so it takes a
// profile (and errata to keep) instead of a node factory.
void backfill_order_does_not_matter(Profile profile, const std::vector<Erratum>& keep,
                                    const SyncCase& c, CaseContext& ctx);

}  // namespace cryptarchia::props
