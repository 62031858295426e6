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
#include <rapidcheck/gtest.h>

#include "cryptarchia/properties/sync_properties.hpp"

namespace cryptarchia::props {

// Runs one property under RapidCheck inside the current gtest test.
void check_in_gtest(const PropertyDef& p, const NodeFactory& factory);

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
