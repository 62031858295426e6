// The property suite as a GoogleTest typed test suite, so that any C++
// implementation can run it in-process:
//
//   struct MySync {
//     static cryptarchia::props::NodeFactory factory();  // starts your node
//   };
//   using Impls = ::testing::Types<MySync>;
//   INSTANTIATE_TYPED_TEST_SUITE_P(Mine, SyncConformance, Impls);
//
// Every property below must hold for a conforming implementation.
#pragma once

#include <gtest/gtest.h>

#include "cryptarchia/properties/property_engine.hpp"

namespace cryptarchia::props {

// Runs one property through the property engine inside the current gtest
// test, with the seed and case count RC_PARAMS asks for. Anything but
// "holds" fails the test: a failure or an error with its shrunk case (saved
// as a vector), a weakly tested or untested property with its numbers.
void check_in_gtest(const PropertyDef& p, const NodeFactory& factory);
// The same report for a verdict the caller ran.
void report_in_gtest(const PropertyVerdict& v, const std::string& claim);

// An implementation type for the suite, for each of this library's profiles.
template <Profile P>
struct ProfileImplementation {
  static NodeFactory factory() { return profile_node(P); }
};

template <typename Impl>
class SyncConformance : public ::testing::Test {};

TYPED_TEST_SUITE_P(SyncConformance);

#define CSC_PROPERTY(Name)                                                              \
  TYPED_TEST_P(SyncConformance, Name) {                                                 \
    ::cryptarchia::props::check_in_gtest(::cryptarchia::props::property(#Name),         \
                                         TypeParam::factory());                         \
  }

CSC_PROPERTY(TipEndsAtHeaviestHonestChain)
CSC_PROPERTY(AnUnbeatenLocalTipStays)
CSC_PROPERTY(PeerOrderDoesNotMatter)
CSC_PROPERTY(SyncTerminates)
CSC_PROPERTY(NoInvalidBlockEntersTheTree)
CSC_PROPERTY(FaultsOnSomePeersChangeNothing)
CSC_PROPERTY(SyncingAgainChangesNothing)
CSC_PROPERTY(ResumingFromAnIntermediateStateReachesTheSameTip)
CSC_PROPERTY(CheckpointsLeadToTheTipOfASyncFromGenesis)
CSC_PROPERTY(TheTreeHoldsWhatTheSpecKeeps)

#undef CSC_PROPERTY

REGISTER_TYPED_TEST_SUITE_P(SyncConformance, TipEndsAtHeaviestHonestChain, AnUnbeatenLocalTipStays,
                            PeerOrderDoesNotMatter, SyncTerminates, NoInvalidBlockEntersTheTree,
                            FaultsOnSomePeersChangeNothing, SyncingAgainChangesNothing,
                            ResumingFromAnIntermediateStateReachesTheSameTip,
                            CheckpointsLeadToTheTipOfASyncFromGenesis,
                            TheTreeHoldsWhatTheSpecKeeps);

}  // namespace cryptarchia::props
