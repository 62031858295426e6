// The suite's claims about a sync implementation, one function each. A
// property takes a node factory (the implementation under test) and one
// generated case, and fails through RapidCheck's assertions with a message
// that says what happened and what the oracle expected.
#pragma once

#include <string>
#include <vector>

#include <rapidcheck.h>

#include "cryptarchia/properties/generators.hpp"
#include "cryptarchia/properties/node.hpp"

namespace cryptarchia::props {

struct PropertyDef {
  std::string name;   // a claim, CamelCase, e.g. TipEndsAtHeaviestHonestChain
  std::string claim;  // the claim in words
  CaseShape shape;    // what its cases may contain
  void (*body)(const NodeFactory&, const SyncCase&);
};

// Every property, in the order of the issue that defined them.
const std::vector<PropertyDef>& sync_properties();
const PropertyDef& property(const std::string& name);

// Generates a case of the property's shape and checks it (the testable that
// RapidCheck runs).
void check_one(const PropertyDef& p, const NodeFactory& factory);

// The reference profile agrees with the spec profile wherever the spec
// profile's run is right (checked for the reference profile only).
void reference_agrees_with_spec(const SyncCase& c);

// Property 2, for one backfill of a fork tip: every peer order gives the
// same outcome and tree. Needs this library's backfill(), so it takes a
// profile (and errata to keep) instead of a node factory.
void backfill_order_does_not_matter(Profile profile, const std::vector<Erratum>& keep,
                                    const SyncCase& c);

// The case of the last failure seen in this thread: after RapidCheck has
// shrunk a failing property, this is the minimal counterexample.
const SyncCase* last_failing_case();
void clear_last_failing_case();

}  // namespace cryptarchia::props
