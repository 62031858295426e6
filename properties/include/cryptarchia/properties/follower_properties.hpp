// Header-level properties of this library's follower, checked by
// differential testing against the oracle (issue 17 item 6, gap g):
//
//   TheIncrementalFoldMatchesAFullFold   after every block the follower
//                                        accepts, its tip is where the
//                                        oracle's fold (oracle.cpp,
//                                        follower_tip: the spec's fold over
//                                        every fork, from scratch, with its
//                                        own fork choice) ends on the same
//                                        blocks in the same order.
//
// The library's follower folds incrementally: when its last fold kept the
// tip, only the newest fork is compared (follower.cpp). The sync properties
// see that shortcut only where it changes a final tip that the oracle
// judges; this property sees every intermediate tip, including the ties and
// cycles where the sync properties accept any leaf (docs/ERRATA.md,
// fold-result-can-be-beaten). It needs the follower of this library
// (NodeUnderTest::follower()); other implementations discard every case.
#pragma once

#include <vector>

#include "cryptarchia/properties/sync_properties.hpp"

namespace cryptarchia::props {

const std::vector<PropertyDef>& follower_properties();

}  // namespace cryptarchia::props
