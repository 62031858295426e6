// Readable drawings of a case, for failure messages: the world as an ASCII
// tree with slots, each peer's view and faults, and the local start.
#pragma once

#include <string>

#include "cryptarchia/properties/world.hpp"

namespace cryptarchia::props {

// The tree, one chain segment per line:
//   g@0 - t1@1 - t2@2 - t3@4
//         +- (on t1) f1.0@2 - f1.1@3
// Invalid blocks carry their flaw, e.g. x1.0@3!unstaked-note.
std::string draw_world(const World& world);
std::string draw(const SyncCase& c);

}  // namespace cryptarchia::props
