#include "judge.hpp"

namespace cryptarchia::harness {

std::vector<std::string> judge(const Expectation& expected, const SyncResult& result) {
  // An adapter need not say why it aborted (PROTOCOL.md, `done`): compare
  // the reasons only when it did.
  if (result.abort && !result.abort->details_known) {
    Expectation without_reasons = expected;
    without_reasons.abort_kind.reset();
    without_reasons.block_status.reset();
    without_reasons.failing_block.reset();
    return check_expectation(without_reasons, result);
  }
  return check_expectation(expected, result);
}

}  // namespace cryptarchia::harness
