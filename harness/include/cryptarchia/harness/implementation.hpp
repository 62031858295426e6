// What the harness runs vectors against: an implementation under test,
// either one of this library's profiles in-process, or an external one
// behind the adapter protocol (PROTOCOL.md). One interface for both, so
// that `run`, `replay` and `check` do not care which.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cryptarchia/scenario.hpp"

namespace cryptarchia::harness {

// How one case ended for an implementation.
struct CaseOutcome {
  enum class Kind {
    Ran,      // the implementation ran the case: `result` holds its outcome
    Skipped,  // it declared a feature the case needs unsupported
    Error,    // crash, hang, timeout or protocol violation
  };
  Kind kind = Kind::Ran;
  SyncResult result;             // when Ran (requests counted by the harness)
  std::string message;           // when Skipped or Error: why (Error: with stderr tail)
  // When tracing: every request made of a peer, with its answer or fault, in
  // order, one line each, the same for every route (trace_peer.hpp).
  std::vector<std::string> log;
  // When tracing an adapter: every protocol line both ways, abbreviated.
  std::vector<std::string> protocol_log;
  // When Ran: the implementation reported budget-exceeded though the harness
  // never refused it a request (result.exhausted says which budget that
  // amounts to: Steps while requests were left, which only it can see).
  bool budget_claimed = false;
};

class Implementation {
 public:
  virtual ~Implementation() = default;
  // "reference", "spec", "seed", or the adapter's name and version.
  [[nodiscard]] virtual std::string name() const = 0;
  // The profile (and follower variants) whose expectation a vector's
  // outcome is compared with.
  [[nodiscard]] virtual RunAs judged_as() const = 0;
  // What the implementation says it follows (an adapter's hello, protocol
  // 1.2), when it says; --impl may judge it as something else.
  [[nodiscard]] virtual std::optional<RunAs> declares() const { return std::nullopt; }
  // Runs one scenario; the implementation never sees `scenario.expected`.
  virtual CaseOutcome run(const Scenario& scenario, bool trace) = 0;
};

// One of this library's profiles, in-process.
// With `timeout_seconds` > 0, a case that runs longer is stopped at its next
// step or request and reported as an error (harness run --timeout).
// With variants, the local node follows them (the fold over all tips in
// ascending id order).
std::unique_ptr<Implementation> in_process(const RunAs& as, double timeout_seconds = 0);

}  // namespace cryptarchia::harness
