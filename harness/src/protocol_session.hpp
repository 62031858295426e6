// The harness side of the adapter protocol over one adapter process: the
// handshake, then cases, each with one or more syncs whose requests are
// served from the given peers. Every protocol violation throws
// protocol::ProtocolError; the session is unusable afterwards.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <unordered_set>
#include <vector>

#include "cryptarchia/harness/subprocess.hpp"
#include "protocol_json.hpp"
#include "protocol_transport.hpp"

namespace cryptarchia::harness::detail {

struct Hello {
  std::string protocol;
  std::string name;
  std::string version;
  std::set<std::string> features;
  // Protocol 1.2: "follows", the profile and follower variants it says it
  // implements ("spec+fold-over-all-tips"); unset when the hello has none.
  std::optional<RunAs> follows;
};

struct SyncReply {
  bool skipped = false;
  std::string skip_reason;
  SyncResult result;
  bool budget_claimed = false;  // see CaseOutcome::budget_claimed
};

class AdapterSession {
 public:
  // Starts the adapter and completes the handshake. Throws AdapterError,
  // or ProtocolVersionMismatch after answering `bye`.
  AdapterSession(const std::vector<std::string>& argv, const AdapterLimits& limits);
  // The same over any transport (a buffer, for the fuzz target and tests).
  AdapterSession(std::unique_ptr<Transport> transport, const AdapterLimits& limits);
  // A healthy adapter gets its stdin closed and a moment to exit on its own;
  // one that erred is killed at once.
  ~AdapterSession();
  AdapterSession(const AdapterSession&) = delete;
  AdapterSession& operator=(const AdapterSession&) = delete;

  [[nodiscard]] const Hello& hello() const { return hello_; }
  [[nodiscard]] bool supports(const std::string& feature) const {
    return hello_.features.count(feature) != 0;
  }
  [[nodiscard]] std::string stderr_tail() const { return child_->stderr_tail(); }
  [[nodiscard]] Transport& transport() { return *child_; }

  // Sends `case` for the scenario's local start (not its checkpoint).
  void begin_case(const Scenario& scenario);
  // One `sync`, served by `peers` under `budget` until `done` or `skip`.
  // With `log`, every line both ways is recorded there, abbreviated.
  SyncReply sync(std::span<Peer* const> peers, const Budget& budget,
                 const std::optional<Checkpoint>& checkpoint, std::vector<std::string>* log);
  // Sends `close`: the adapter waits for the next case. An adapter that has
  // exited after `done` is no error of the case its `done` ended: returns
  // false then, and the session can take no other case.
  [[nodiscard]] bool end_case();
  // After a ProtocolError: the adapter has exited without writing a line
  // since begin_case, so it never answered this case (issue 12, item 7).
  [[nodiscard]] bool gone_before_answering() {
    return lines_in_case_ == 0 && child_->exited();
  }

 private:
  // Throws if the adapter has written anything while no message is allowed.
  void expect_silence(const char* when);
  void send(const protocol::Json& message, std::vector<std::string>* log);
  protocol::Json receive(std::vector<std::string>* log);

  AdapterLimits limits_;
  std::unique_ptr<Transport> child_;
  Hello hello_;
  // Every block the adapter was given in this case: the genesis, the local
  // blocks, checkpoints and every header a peer served. A `done` may name
  // no other: an adapter cannot hold a block it never received.
  std::unordered_set<Id> received_;
  Clock::time_point deadline_;
  std::size_t lines_in_case_ = 0;  // read since begin_case
  bool broken_ = false;  // a protocol error happened: kill, do not wait
};

// "case <id>: <reason>" with the adapter's stderr tail, for error reports.
std::string error_report(const std::string& case_id, const std::string& reason,
                         const std::string& stderr_tail);

}  // namespace cryptarchia::harness::detail
