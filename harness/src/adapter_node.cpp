// adapter_node_factory(): the adapter as a props::NodeUnderTest. Each node is
// one case; idle adapter processes are kept in a small pool and reused, and
// a process that erred is dropped so that the next node starts a fresh one.
#include <memory>
#include <mutex>
#include <stdexcept>

#include "cryptarchia/harness/subprocess.hpp"
#include "judge.hpp"
#include "protocol_serve.hpp"
#include "protocol_session.hpp"

namespace cryptarchia::harness {

namespace {

using detail::AdapterSession;
using protocol::ProtocolError;

class SessionPool {
 public:
  SessionPool(std::vector<std::string> argv, AdapterLimits limits)
      : argv_(std::move(argv)), limits_(limits) {}

  std::unique_ptr<AdapterSession> take() {
    {
      const std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        auto session = std::move(idle_.back());
        idle_.pop_back();
        return session;
      }
    }
    return std::make_unique<AdapterSession>(argv_, limits_);
  }
  void give_back(std::unique_ptr<AdapterSession> session) {
    const std::lock_guard lock(mutex_);
    if (idle_.size() < kMaxIdle) idle_.push_back(std::move(session));
  }

 private:
  static constexpr std::size_t kMaxIdle = 4;
  std::vector<std::string> argv_;
  AdapterLimits limits_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<AdapterSession>> idle_;
};

class NonconformantEnd : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class AdapterNode : public props::NodeUnderTest {
 public:
  AdapterNode(std::shared_ptr<SessionPool> pool, const Scenario& s)
      : pool_(std::move(pool)), case_id_(s.id.empty() ? "generated" : s.id), blocks_(s) {
    try {
      session_ = pool_->take();
      if (s.mode == Mode::Online && !session_->supports("online")) {
        fail("the adapter does not declare the feature \"online\"");
        return;
      }
      session_->begin_case(s);
    } catch (const AdapterError& e) {
      error_ = e.what();
      session_.reset();
    } catch (const ProtocolError& e) {
      fail(e.what());
    }
  }

  ~AdapterNode() override {
    if (!session_) return;
    try {
      if (session_->end_case()) pool_->give_back(std::move(session_));
    } catch (const ProtocolError&) {
      // dropped: the next node starts a fresh adapter
    }
  }

  // An adapter that cannot run the sync (it erred before, lacks a feature
  // the case needs, skips, or breaks the protocol) throws: the property
  // engine reports an error and judges nothing (never an aborted result).
  SyncResult sync(std::span<Peer* const> peers, const Budget& budget,
                  const std::optional<Checkpoint>& checkpoint) override {
    if (!session_) throw props::ImplementationError(error_);
    if (checkpoint && !session_->supports("checkpoint")) {
      fail_and_throw("the adapter does not declare the feature \"checkpoint\"");
    }
    if (syncs_ > 0 && !session_->supports("sync-again")) {
      fail_and_throw(
          "a second sync of one node needs the feature \"sync-again\", which the adapter "
          "does not declare");
    }
    ++syncs_;
    try {
      detail::SyncReply reply = session_->sync(peers, budget, checkpoint, nullptr);
      if (reply.skipped) fail_and_throw("the adapter skipped a sync: " + reply.skip_reason);
      // A nonconformant end state is a failed case (the engine counts any
      // exception but ImplementationError as the property failing).
      const std::vector<std::string> wrong = end_state_inconsistencies(
          reply.result, blocks_,
          session_->hello().follows ? session_->hello().follows->variants : Variants{});
      if (!wrong.empty()) {
        std::string text = "the adapter's done is not conformant:";
        for (const std::string& w : wrong) text += "\n  - " + w;
        throw NonconformantEnd(text);
      }
      return std::move(reply.result);
    } catch (const ProtocolError& e) {
      fail_and_throw(e.what());
    } catch (const detail::HarnessFailure& e) {
      // The harness's fault: an error of the case, never the property failing.
      fail_and_throw(std::string("harness error: ") + e.what());
    }
  }

 private:
  void fail(const std::string& reason) {
    error_ = detail::error_report(case_id_, reason, session_ ? session_->stderr_tail() : "");
    session_.reset();
  }
  [[noreturn]] void fail_and_throw(const std::string& reason) {
    fail(reason);
    throw props::ImplementationError(error_);
  }

  std::shared_ptr<SessionPool> pool_;
  std::string case_id_;
  BlockCatalogue blocks_;  // parents, for end_state_inconsistencies
  std::unique_ptr<AdapterSession> session_;
  std::string error_;
  int syncs_ = 0;
};

}  // namespace

props::NodeFactory adapter_node_factory(std::vector<std::string> argv, AdapterLimits limits) {
  auto pool = std::make_shared<SessionPool>(std::move(argv), limits);
  return [pool](const Scenario& s) -> std::unique_ptr<props::NodeUnderTest> {
    return std::make_unique<AdapterNode>(pool, s);
  };
}

}  // namespace cryptarchia::harness
