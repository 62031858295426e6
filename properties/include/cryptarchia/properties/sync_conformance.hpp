// The property suite as a GoogleTest typed test suite, so that any C++
// implementation can run it in-process:
//
//   struct MySync {
//     static cryptarchia::props::NodeFactory factory();  // starts your node
//     // Optional: the follower variants your node follows (docs/VARIANTS.md);
//     // the oracle then judges by them.
//     static cryptarchia::Variants follows();
//   };
//   using Impls = ::testing::Types<MySync>;
//   INSTANTIATE_TYPED_TEST_SUITE_P(Mine, SyncConformance, Impls);
//   INSTANTIATE_TYPED_TEST_SUITE_P(Mine, SyncConformanceAtScale, Impls);  // large worlds
//   INSTANTIATE_TYPED_TEST_SUITE_P(Mine, SyncConformanceWhilePeersChange, Impls);  // schedules
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
// On the large tier the property's shape is kept but its worlds are large.
// `follows`: the follower variants the implementation follows; the oracle
// judges by them.
void check_in_gtest(const PropertyDef& p, const NodeFactory& factory, Tier tier = Tier::Small,
                    const Variants& follows = {});
// The same report for a verdict the caller ran.
void report_in_gtest(const PropertyVerdict& v, const std::string& claim);

// An implementation type for the suite, for each of this library's profiles.
template <Profile P>
struct ProfileImplementation {
  static NodeFactory factory() { return profile_node(P); }
};

// The follower variants an implementation type follows: its static
// follows(), when it has one (docs/VARIANTS.md); none otherwise.
template <typename Impl>
Variants follows_of() {
  if constexpr (requires { Impl::follows(); }) {
    return Impl::follows();
  } else {
    return {};
  }
}

template <typename Impl>
class SyncConformance : public ::testing::Test {};
// The same properties on the large tier of worlds (generators.hpp): chains
// of 1,000+ blocks, k up to 50; half the cases (RC_PARAMS max_success / 2,
// at least 5), each a hundred times bigger.
template <typename Impl>
class SyncConformanceAtScale : public ::testing::Test {};

TYPED_TEST_SUITE_P(SyncConformance);
TYPED_TEST_SUITE_P(SyncConformanceAtScale);

#define CSC_PROPERTY(Suite, Tier, Name)                                                   \
  TYPED_TEST_P(Suite, Name) {                                                             \
    ::cryptarchia::props::check_in_gtest(::cryptarchia::props::property(#Name),           \
                                         TypeParam::factory(), Tier,                      \
                                         ::cryptarchia::props::follows_of<TypeParam>());  \
  }
#define CSC_PROPERTIES(Suite, Tier)                                                       \
  CSC_PROPERTY(Suite, Tier, TipEndsAtHeaviestHonestChain)                                 \
  CSC_PROPERTY(Suite, Tier, AnUnbeatenLocalTipStays)                                      \
  CSC_PROPERTY(Suite, Tier, PeerOrderDoesNotMatter)                                       \
  CSC_PROPERTY(Suite, Tier, SyncTerminates)                                               \
  CSC_PROPERTY(Suite, Tier, NoInvalidBlockEntersTheTree)                                  \
  CSC_PROPERTY(Suite, Tier, FaultsOnSomePeersChangeNothing)                               \
  CSC_PROPERTY(Suite, Tier, SyncingAgainChangesNothing)                                   \
  CSC_PROPERTY(Suite, Tier, ResumingFromAnIntermediateStateReachesTheSameTip)             \
  CSC_PROPERTY(Suite, Tier, CheckpointsLeadToTheTipOfASyncFromGenesis)                    \
  CSC_PROPERTY(Suite, Tier, TheTreeHoldsWhatTheSpecKeeps)                                 \
  CSC_PROPERTY(Suite, Tier, OnePeerSyncEndsWhereTheSpecFoldEnds)                          \
  REGISTER_TYPED_TEST_SUITE_P(Suite, TipEndsAtHeaviestHonestChain, AnUnbeatenLocalTipStays, \
                              PeerOrderDoesNotMatter, SyncTerminates,                     \
                              NoInvalidBlockEntersTheTree, FaultsOnSomePeersChangeNothing, \
                              SyncingAgainChangesNothing,                                 \
                              ResumingFromAnIntermediateStateReachesTheSameTip,           \
                              CheckpointsLeadToTheTipOfASyncFromGenesis,                  \
                              TheTreeHoldsWhatTheSpecKeeps,                               \
                              OnePeerSyncEndsWhereTheSpecFoldEnds);

// Peers that change during the sync (schedules, issue 17 item 3): small worlds.
template <typename Impl>
class SyncConformanceWhilePeersChange : public ::testing::Test {};
TYPED_TEST_SUITE_P(SyncConformanceWhilePeersChange);
CSC_PROPERTY(SyncConformanceWhilePeersChange, ::cryptarchia::props::Tier::Small,
             TipEndsAtHeaviestChainOfChangingPeers)
CSC_PROPERTY(SyncConformanceWhilePeersChange, ::cryptarchia::props::Tier::Small,
             SyncTerminatesWhilePeersChange)
CSC_PROPERTY(SyncConformanceWhilePeersChange, ::cryptarchia::props::Tier::Small,
             NoInvalidBlockEntersWhilePeersChange)
REGISTER_TYPED_TEST_SUITE_P(SyncConformanceWhilePeersChange,
                            TipEndsAtHeaviestChainOfChangingPeers,
                            SyncTerminatesWhilePeersChange,
                            NoInvalidBlockEntersWhilePeersChange);

CSC_PROPERTIES(SyncConformance, ::cryptarchia::props::Tier::Small)
CSC_PROPERTIES(SyncConformanceAtScale, ::cryptarchia::props::Tier::Large)

#undef CSC_PROPERTIES
#undef CSC_PROPERTY

}  // namespace cryptarchia::props
