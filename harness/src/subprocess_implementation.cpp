// subprocess(): an Implementation whose cases run in an adapter process,
// restarted after every error.
#include <memory>

#include "cryptarchia/harness/subprocess.hpp"
#include "protocol_session.hpp"
#include "trace_peer.hpp"

namespace cryptarchia::harness {

namespace {

using detail::AdapterSession;
using protocol::ProtocolError;

class SubprocessImplementation : public Implementation {
 public:
  SubprocessImplementation(std::vector<std::string> argv, AdapterLimits limits,
                           std::optional<RunAs> judged_as)
      : argv_(std::move(argv)), limits_(limits) {
    session_ = std::make_unique<AdapterSession>(argv_, limits_);
    name_ = session_->hello().name + " " + session_->hello().version;
    declares_ = session_->hello().follows;
    judged_as_ = judged_as ? *judged_as : declares_.value_or(RunAs(Profile::Reference));
  }

  std::string name() const override { return name_; }
  RunAs judged_as() const override { return judged_as_; }
  std::optional<RunAs> declares() const override { return declares_; }

  CaseOutcome run(const Scenario& scenario, bool trace) override {
    CaseOutcome out = run_once(scenario, trace);
    if (retry_) {
      // The adapter had exited (after the previous case's `done`, say)
      // before it wrote anything for this case: it never saw it. Once more,
      // on a fresh adapter (issue 12, item 7).
      retry_ = false;
      out = run_once(scenario, trace);
      retry_ = false;
    }
    return out;
  }

 private:
  CaseOutcome run_once(const Scenario& scenario, bool trace) {
    CaseOutcome out;
    if (!session_) {
      try {
        session_ = std::make_unique<AdapterSession>(argv_, limits_);
      } catch (const AdapterError& e) {
        out.kind = CaseOutcome::Kind::Error;
        out.message = "case " + scenario.id + ": the adapter did not restart: " + e.what();
        return out;
      }
      fresh_ = true;
    }
    if (judged_as_.profile == Profile::Ibd && !session_->supports("download")) {
      // Not a skip: the ibd profile is nothing but download requests, so
      // without the feature no case could say anything of the adapter.
      out.kind = CaseOutcome::Kind::Error;
      out.message = "case " + scenario.id + ": the adapter " + name_ +
                    " is judged as ibd but its hello does not declare the feature \"download\" "
                    "(protocol 1.1), which every ibd sync needs";
      return out;
    }
    if (const char* missing = missing_feature(scenario)) {
      out.kind = CaseOutcome::Kind::Skipped;
      out.message = std::string("the adapter does not declare the feature \"") + missing + "\"";
      return out;
    }
    const bool fresh = fresh_;
    fresh_ = false;
    const auto log = std::make_shared<TraceLog>();
    try {
      session_->begin_case(scenario);
      const ScenarioPeers peers = trace ? traced_peers(scenario, log) : make_peers(scenario);
      detail::SyncReply reply = session_->sync(peers.list, scenario.budget, scenario.checkpoint,
                                               trace ? &out.protocol_log : nullptr);
      out.log = log->lines;
      if (reply.skipped) {
        out.kind = CaseOutcome::Kind::Skipped;
        out.message = reply.skip_reason;
        session_.reset();  // where it stands in the case is unclear: start afresh
        return out;
      }
      if (!session_->end_case()) session_.reset();  // it exited after done
      out.result = std::move(reply.result);
      out.budget_claimed = reply.budget_claimed;
    } catch (const ProtocolError& e) {
      out.kind = CaseOutcome::Kind::Error;
      out.message = detail::error_report(scenario.id, e.what(), session_->stderr_tail());
      if (trace) out.log = log->lines;
      // An adapter that started for this case and died at it erred on it.
      retry_ = !fresh && session_->gone_before_answering();
      session_.reset();
    } catch (const std::exception& e) {
      // The harness failed (HarnessFailure, bad_alloc): an error of the
      // case that blames the harness; the adapter, mid-sync, is killed.
      out.kind = CaseOutcome::Kind::Error;
      out.message = "case " + scenario.id + ": harness error: " + e.what();
      if (trace) out.log = log->lines;
      session_.reset();
    }
    return out;
  }

  const char* missing_feature(const Scenario& s) const {
    if (s.checkpoint && !session_->supports("checkpoint")) return "checkpoint";
    if (s.mode == Mode::Online && !session_->supports("online")) return "online";
    return nullptr;
  }

  std::vector<std::string> argv_;
  AdapterLimits limits_;
  RunAs judged_as_;
  std::optional<RunAs> declares_;
  std::unique_ptr<AdapterSession> session_;
  bool fresh_ = true;   // session_ has run no case yet
  bool retry_ = false;  // the last case found its adapter gone before it answered
  std::string name_;
};

}  // namespace

std::unique_ptr<Implementation> subprocess(std::vector<std::string> argv, AdapterLimits limits,
                                           std::optional<RunAs> judged_as) {
  return std::make_unique<SubprocessImplementation>(std::move(argv), limits, judged_as);
}

}  // namespace cryptarchia::harness
