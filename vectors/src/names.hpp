// The spelling of every enumerated value in the vector format, both ways.
// parse_* return nullopt for an unknown name; *_choices list the valid ones
// for error messages.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cryptarchia/errors.hpp"
#include "cryptarchia/faults.hpp"
#include "cryptarchia/follower.hpp"
#include "cryptarchia/sync.hpp"

namespace cryptarchia::vectors::names {

std::string_view of(Mode mode);
std::optional<Mode> parse_mode(std::string_view name);
std::string mode_choices();

std::string_view of(RequestKind kind);
std::optional<RequestKind> parse_request(std::string_view name);
std::string request_choices();

std::string_view of(FaultKind kind);
std::optional<FaultKind> parse_fault_kind(std::string_view name);
std::string fault_kind_choices();

std::string_view of(SyncEnd end);
std::optional<SyncEnd> parse_end(std::string_view name);
std::string end_choices();

std::string_view of(Exhausted exhausted);
std::optional<Exhausted> parse_exhausted(std::string_view name);
std::string exhausted_choices();

std::string_view of(SyncAbort::Kind kind);
std::optional<SyncAbort::Kind> parse_abort_kind(std::string_view name);
std::string abort_kind_choices();

std::string_view of(BlockStatus status);
std::optional<BlockStatus> parse_block_status(std::string_view name);
std::string block_status_choices();

std::string_view of(Profile profile);
std::optional<Profile> parse_profile(std::string_view name);
std::string profile_choices();

}  // namespace cryptarchia::vectors::names
