#include "names.hpp"

#include <array>

namespace cryptarchia::vectors::names {

namespace {

// Every value of an enum with its name: the single table both directions use.
template <typename E, std::size_t N>
using Table = std::array<std::pair<E, std::string_view>, N>;

template <typename E, std::size_t N>
std::string_view name_in(const Table<E, N>& table, E value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "?";
}

template <typename E, std::size_t N>
std::optional<E> value_in(const Table<E, N>& table, std::string_view name) {
  for (const auto& [v, n] : table) {
    if (n == name) return v;
  }
  return std::nullopt;
}

template <typename E, std::size_t N>
std::string choices_in(const Table<E, N>& table) {
  std::string out;
  for (std::size_t i = 0; i < N; ++i) {
    out += i == 0 ? "" : i + 1 == N ? " or " : ", ";
    out += "\"" + std::string(table[i].second) + "\"";
  }
  return out;
}

// Names that already exist in the implementation (to_string) are reused as
// they are; mode, request and fault names are lower-case here.
constexpr Table<Mode, 2> kModes{{{Mode::Bootstrapping, "bootstrapping"}, {Mode::Online, "online"}}};

constexpr Table<RequestKind, 4> kRequests{{{RequestKind::Tip, "tip"},
                                           {RequestKind::BlocksFrom, "blocks_from"},
                                           {RequestKind::BlockById, "block_by_id"},
                                           {RequestKind::Download, "download"}}};

constexpr Table<FaultKind, 8> kFaultKinds{{{FaultKind::FailCall, "fail_call"},
                                           {FaultKind::FailMidStream, "fail_mid_stream"},
                                           {FaultKind::ReorderStream, "reorder_stream"},
                                           {FaultKind::DuplicateBlocks, "duplicate_blocks"},
                                           {FaultKind::WrongHeader, "wrong_header"},
                                           {FaultKind::EndStreamEarly, "end_stream_early"},
                                           {FaultKind::OffPathBlocks, "off_path_blocks"},
                                           {FaultKind::NotOnline, "not_online"}}};

constexpr Table<SyncEnd, 3> kEnds{{{SyncEnd::Completed, "completed"},
                                   {SyncEnd::BudgetExceeded, "budget-exceeded"},
                                   {SyncEnd::Aborted, "aborted"}}};

constexpr Table<Exhausted, 2> kExhausted{
    {{Exhausted::Requests, "requests"}, {Exhausted::Steps, "steps"}}};

constexpr Table<SyncAbort::Kind, 4> kAbortKinds{
    {{SyncAbort::Kind::BlockError, "block-error"},
     {SyncAbort::Kind::InvalidBlockFromBackfillFork, "invalid-block-from-backfill-fork"},
     {SyncAbort::Kind::PeerFailure, "peer-failure"},
     {SyncAbort::Kind::Internal, "internal"}}};

// Only the error statuses: an expectation names the status of a block that
// made the sync abort.
constexpr Table<BlockStatus, 4> kStatuses{
    {{BlockStatus::ParentNotFound, "ParentNotFound"},
     {BlockStatus::ImmutableFork, "ImmutableFork"},
     {BlockStatus::InvalidLeaderProof, "InvalidLeaderProof"},
     {BlockStatus::InvalidSlot, "InvalidSlot"}}};

constexpr Table<Profile, 4> kProfiles{{{Profile::Seed, "seed"},
                                       {Profile::Spec, "spec"},
                                       {Profile::Reference, "reference"},
                                       {Profile::Ibd, "ibd"}}};

}  // namespace

std::string_view of(Mode v) { return name_in(kModes, v); }
std::optional<Mode> parse_mode(std::string_view n) { return value_in(kModes, n); }
std::string mode_choices() { return choices_in(kModes); }

std::string_view of(RequestKind v) { return name_in(kRequests, v); }
std::optional<RequestKind> parse_request(std::string_view n) { return value_in(kRequests, n); }
std::string request_choices() { return choices_in(kRequests); }

std::string_view of(FaultKind v) { return name_in(kFaultKinds, v); }
std::optional<FaultKind> parse_fault_kind(std::string_view n) { return value_in(kFaultKinds, n); }
std::string fault_kind_choices() { return choices_in(kFaultKinds); }

std::string_view of(SyncEnd v) { return name_in(kEnds, v); }
std::optional<SyncEnd> parse_end(std::string_view n) { return value_in(kEnds, n); }
std::string end_choices() { return choices_in(kEnds); }

std::string_view of(Exhausted v) { return name_in(kExhausted, v); }
std::optional<Exhausted> parse_exhausted(std::string_view n) { return value_in(kExhausted, n); }
std::string exhausted_choices() { return choices_in(kExhausted); }

std::string_view of(SyncAbort::Kind v) { return name_in(kAbortKinds, v); }
std::optional<SyncAbort::Kind> parse_abort_kind(std::string_view n) {
  return value_in(kAbortKinds, n);
}
std::string abort_kind_choices() { return choices_in(kAbortKinds); }

std::string_view of(BlockStatus v) { return name_in(kStatuses, v); }
std::optional<BlockStatus> parse_block_status(std::string_view n) { return value_in(kStatuses, n); }
std::string block_status_choices() { return choices_in(kStatuses); }

std::string_view of(Profile v) { return name_in(kProfiles, v); }
std::optional<Profile> parse_profile(std::string_view n) { return value_in(kProfiles, n); }
std::string profile_choices() { return choices_in(kProfiles); }

}  // namespace cryptarchia::vectors::names
