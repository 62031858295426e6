#include "cryptarchia/properties/sync_conformance.hpp"

#include "cryptarchia/properties/case_export.hpp"
#include "cryptarchia/vectors/vector_io.hpp"

namespace cryptarchia::props {

void check_in_gtest(const PropertyDef& p, const NodeFactory& factory) {
  clear_last_failing_case();
  rc::detail::checkGTest([&] { check_one(p, factory); });
  const SyncCase* c = last_failing_case();
  if (!::testing::Test::HasFailure() || c == nullptr) return;
  // Keep the shrunk counterexample as a vector anyone can replay.
  try {
    const auto file = save_failure(p.name, *c, p.claim);
    ADD_FAILURE() << "counterexample saved as " << file.string()
                  << "\nreplay it with: build/harness/harness replay " << file.string();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "could not save the counterexample: " << e.what();
  }
}

}  // namespace cryptarchia::props
