// `harness replay FILE --adapter A --diff`: the vector through the adapter
// and in-process under the profile the adapter is judged as, both traced;
// the first request where the adapter's sequence departs from the
// in-process one, with the lines around it, or that they agree.
#include <stdexcept>

#include "cli.hpp"
#include "show.hpp"
#include "trace_diff.hpp"
#include "vector_selection.hpp"

namespace cryptarchia::harness {

namespace {
std::string requests(std::size_t n) { return std::to_string(n) + (n == 1 ? " request" : " requests"); }
}  // namespace

int replay_diff(const Scenario& s, const ReplayOptions& options, std::ostream& out) {
  if (options.impl.adapter.empty()) {
    throw UsageError("--diff compares an adapter with the in-process profile: give --adapter");
  }
  const std::unique_ptr<Implementation> adapter = make_implementation(options.impl);
  const RunAs profile = adapter->judged_as();
  const std::string ours_name = "in-process " + to_string(profile);
  out << draw_text(s) << "\n";
  out << "comparing the requests of " << adapter->name() << " with " << ours_name << ":\n";

  const CaseOutcome theirs = adapter->run(s, true);
  if (theirs.kind == CaseOutcome::Kind::Skipped) {
    out << "skipped by the adapter: " << theirs.message << "; nothing to compare\n";
    return kExitOk;
  }
  const CaseOutcome ours = in_process(profile)->run(s, true);
  if (ours.kind != CaseOutcome::Kind::Ran) throw std::runtime_error(ours.message);

  const auto at = first_departure(theirs.log, ours.log);
  if (at) {
    out << "the adapter departs from " << ours_name << " at request " << *at + 1
        << " (the adapter made " << requests(theirs.log.size()) << ", " << ours_name << " "
        << ours.log.size() << "):\n";
    write_departure(out, {"adapter", theirs.log}, {ours_name, ours.log}, *at);
  } else {
    out << "the adapter's " << requests(theirs.log.size()) << " agree with " << ours_name << "\n";
  }
  const bool erred = theirs.kind == CaseOutcome::Kind::Error;
  out << "adapter result: " << (erred ? "error: " + theirs.message : theirs.result.summary())
      << "\n";
  out << ours_name << " result: " << ours.result.summary() << "\n";
  return at || erred ? kExitFailed : kExitOk;
}

}  // namespace cryptarchia::harness
