#include "cryptarchia/sync.hpp"

#include <sstream>
#include <stdexcept>

#include "cryptarchia/detail/mutation_point.hpp"
#include "sync_profiles.hpp"

namespace cryptarchia {

std::string_view to_string(Profile profile) {
  switch (profile) {
    case Profile::Seed: return "seed";
    case Profile::Spec: return "spec";
    case Profile::Reference: return "reference";
    case Profile::Ibd: return "ibd";
  }
  return "?";
}

std::optional<Profile> parse_profile(std::string_view name) {
  for (const Profile p : kAllProfiles) {
    if (to_string(p) == name) return p;
  }
  if (name == to_string(Profile::Ibd)) return Profile::Ibd;
  return std::nullopt;
}

std::string_view to_string(Exhausted exhausted) {
  switch (exhausted) {
    case Exhausted::Requests: return "requests";
    case Exhausted::Steps: return "steps";
  }
  return "?";
}

std::string_view to_string(SyncEnd end) {
  switch (end) {
    case SyncEnd::Completed: return "completed";
    case SyncEnd::BudgetExceeded: return "budget-exceeded";
    case SyncEnd::Aborted: return "aborted";
  }
  return "?";
}

std::string_view to_string(SyncAbort::Kind kind) {
  switch (kind) {
    case SyncAbort::Kind::BlockError: return "block-error";
    case SyncAbort::Kind::InvalidBlockFromBackfillFork: return "invalid-block-from-backfill-fork";
    case SyncAbort::Kind::PeerFailure: return "peer-failure";
    case SyncAbort::Kind::Internal: return "internal";
  }
  return "?";
}

std::string SyncResult::summary() const {
  std::ostringstream out;
  out << to_string(end);
  if (abort) out << " (" << to_string(abort->kind) << ": " << abort->message << ")";
  if (!detail.empty()) out << " (" << detail << ")";
  out << "; tip " << tip.short_hex() << ", " << forks.size() << " fork(s), " << tree.size()
      << " block(s); " << rounds << " round(s), " << requests.requests() << " request(s) [tip "
      << requests.tip << ", blocks_from " << requests.blocks_from << ", block_by_id "
      << requests.block_by_id;
  if (requests.download != 0) out << ", download " << requests.download;
  out << ", streamed " << requests.streamed_blocks << "], " << steps
      << " step(s)";
  return out.str();
}

namespace {
detail::Corrections reference_corrections(const std::vector<Erratum>& keep) {
  detail::Corrections c = detail::Corrections::all();
  for (const Erratum e : keep) {
    switch (e) {
      case Erratum::ProgressJudgedByPeerClaims: c.stop_without_progress = false; break;
      case Erratum::StreamStartsAtLocalTipSlot: c.stream_from_base_slot = false; break;
      case Erratum::OnePeerPerTipGroup: c.stream_every_peer = false; break;
      case Erratum::BackwardWalkVisitsEachPeerOnce: c.walk_every_peer_per_block = false; break;
      case Erratum::PeerFailuresOutsideStreamsAbortSync: c.tolerate_peer_failures = false; break;
      case Erratum::CheckpointBlockFetchedAgain: c.use_checkpoint_header = false; break;
      default: break;  // not a sync erratum of the spec profile
    }
  }
  if (CSC_MUTANT(ErratumProgressJudgedByPeerClaims)) c.stop_without_progress = false;
  if (CSC_MUTANT(ErratumStreamStartsAtLocalTipSlot)) c.stream_from_base_slot = false;
  if (CSC_MUTANT(ErratumOnePeerPerTipGroup)) c.stream_every_peer = false;
  if (CSC_MUTANT(ErratumBackwardWalkVisitsEachPeerOnce)) c.walk_every_peer_per_block = false;
  if (CSC_MUTANT(ErratumPeerFailuresOutsideStreamsAbortSync)) c.tolerate_peer_failures = false;
  if (CSC_MUTANT(ErratumCheckpointBlockFetchedAgain)) c.use_checkpoint_header = false;
  return c;
}
}  // namespace

namespace {
// Runs `algorithm` and turns how it ended into a SyncResult.
template <typename Algorithm>
SyncResult run_guarded(Follower& local, std::span<Peer* const> peers, const SyncOptions& options,
                       Algorithm&& algorithm) {
  detail::PeerSession session(peers, options.budget, options.deadline);
  detail::SyncProgress progress;
  SyncResult result;
  const auto aborted = [&](SyncAbort::Kind kind, std::string message) {
    result.end = SyncEnd::Aborted;
    result.abort = SyncAbort{kind, std::nullopt, std::nullopt, std::nullopt, std::move(message), true};
    return &*result.abort;
  };
  try {
    algorithm(session, progress);
    result.end = SyncEnd::Completed;
  } catch (const detail::BudgetExceeded& e) {
    result.end = SyncEnd::BudgetExceeded;
    // What ran out is what the loop was doing, not which counter tripped
    // first (that depends on how an implementation counts its steps): a
    // loop still asking its peers, within the last half of the step budget,
    // would have run out of requests given the steps; so would one that has
    // made every allowed request. Only a loop that stopped asking is Steps.
    const bool all_requests_made = session.counts().requests() >= options.budget.max_requests;
    const bool still_asking = !e.never_returns() &&
                              session.steps_since_last_request() <= options.budget.max_steps / 2 &&
                              session.counts().requests() > 0;
    result.exhausted = e.requests() || all_requests_made || still_asking ? Exhausted::Requests
                                                                         : Exhausted::Steps;
    result.detail = e.what();
  } catch (const DisconnectedChains& e) {
    result.end = SyncEnd::BudgetExceeded;
    result.exhausted = Exhausted::Steps;
    result.detail = e.what();
  } catch (const detail::InvalidBlockFromBackfillFork& e) {
    SyncAbort* a = aborted(SyncAbort::Kind::InvalidBlockFromBackfillFork, e.what());
    a->block_status = e.cause();
    a->block = e.block();
  } catch (const BlockError& e) {
    SyncAbort* a = aborted(SyncAbort::Kind::BlockError, e.what());
    a->block_status = e.status();
    a->block = e.block();
  } catch (const detail::PeerFailed& e) {
    aborted(SyncAbort::Kind::PeerFailure, e.what())->peer = e.peer();
  } catch (const std::exception& e) {
    aborted(SyncAbort::Kind::Internal, e.what());
  }
  result.tip = local.tip_id();
  result.forks = local.forks();
  if (options.collect_tree) result.tree = local.tree().sorted_ids();
  result.requests = session.counts();
  result.rounds = progress.rounds;
  result.steps = session.steps();
  return result;
}

detail::Corrections corrections_of(const SyncOptions& options) {
  return options.profile == Profile::Reference ? reference_corrections(options.keep_errata)
                                               : detail::Corrections{};
}
}  // namespace

SyncResult sync(Follower& local, std::span<Peer* const> peers, const SyncOptions& options) {
  return run_guarded(local, peers, options, [&](detail::PeerSession& session,
                                                detail::SyncProgress& progress) {
    if (options.profile == Profile::Seed) {
      detail::sync_seed(local, session, options.checkpoint, options.orphan_order, progress);
    } else if (options.profile == Profile::Ibd) {
      detail::sync_ibd(local, session, options.checkpoint, options.orphan_order, progress);
    } else {
      detail::sync_spec(local, session, options.checkpoint, corrections_of(options),
                        options.orphan_order, progress);
    }
  });
}

SyncResult backfill(Follower& local, std::span<Peer* const> peers, const Id& fork_tip,
                    const SyncOptions& options) {
  return run_guarded(local, peers, options, [&](detail::PeerSession& session,
                                                detail::SyncProgress&) {
    if (options.profile == Profile::Seed) {
      detail::backfill_seed(local, session, fork_tip);
    } else if (options.profile == Profile::Ibd) {
      throw std::invalid_argument("the ibd profile has no backfill");
    } else {
      detail::backfill_spec(local, session, fork_tip, corrections_of(options));
    }
  });
}

}  // namespace cryptarchia
