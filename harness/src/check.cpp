// run_check(): the property suite against an adapter, with RapidCheck driven
// programmatically; every shrunk counterexample is saved as a vector.
#include "cryptarchia/harness/check.hpp"

#include <rapidcheck.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "cryptarchia/harness/subprocess.hpp"
#include "cryptarchia/properties/case_export.hpp"
#include "cryptarchia/properties/errata_matrix.hpp"
#include "cryptarchia/properties/sync_properties.hpp"
#include "protocol_session.hpp"

namespace cryptarchia::harness {

namespace {

enum class Verdict { Holds, GaveUp, Fails };

struct PropertyRun {
  Verdict verdict = Verdict::Holds;
  std::string message;
};

PropertyRun run_property(const props::PropertyDef& p, const props::NodeFactory& factory,
                         int cases, bool shrink) {
  rc::detail::TestParams params;
  params.seed = props::kMatrixSeed;
  params.maxSuccess = cases;
  params.disableShrinking = !shrink;
  params.maxSize = 100;
  rc::detail::TestMetadata metadata;
  metadata.id = "adapter/" + p.name;
  metadata.description = p.name;
  props::clear_last_failing_case();
  const auto result =
      rc::detail::checkTestable([&] { props::check_one(p, factory); }, metadata, params);
  PropertyRun run;
  rc::detail::FailureResult failure;
  rc::detail::GaveUpResult gave_up;
  if (result.match(failure)) {
    run.verdict = Verdict::Fails;
    const std::string marker = "RC_FAIL(message)";
    const auto at = failure.description.find(marker);
    run.message = at == std::string::npos ? failure.description
                                          : failure.description.substr(at + marker.size());
    run.message.erase(0, run.message.find_first_not_of('\n'));
  } else if (result.match(gave_up)) {
    run.verdict = Verdict::GaveUp;
    run.message = gave_up.description;
  }
  return run;
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

std::string shell_words(const std::vector<std::string>& argv) {
  std::string out;
  for (const std::string& a : argv) {
    const bool plain = !a.empty() && a.find_first_of(" \t\n'\"\\$`*?;&|<>()") == std::string::npos;
    std::string quoted = "'";
    for (const char c : a) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    out += (out.empty() ? "" : " ") + (plain ? a : quoted + "'");
  }
  return out;
}

int run_check(const CheckOptions& options) {
  try {
    // The handshake first: a version mismatch or an adapter that does not
    // start is a harness-level failure, not a failing property.
    detail::AdapterSession probe(options.adapter, AdapterLimits{});
    std::cout << "adapter: " << probe.hello().name << " " << probe.hello().version << "\n";
  } catch (const ProtocolVersionMismatch& e) {
    std::cerr << "harness check: protocol version mismatch: " << e.what() << "\n";
    return 3;
  } catch (const AdapterError& e) {
    std::cerr << "harness check: " << e.what() << "\n";
    return 2;
  }
  const std::filesystem::path out_dir =
      options.out_dir.empty() ? props::failure_dir() : std::filesystem::path(options.out_dir);
  setenv("CSC_FAILURE_DIR", out_dir.c_str(), 1);

  const props::NodeFactory factory = adapter_node_factory(options.adapter);
  int failed = 0;
  for (const props::PropertyDef& p : props::sync_properties()) {
    const PropertyRun run = run_property(p, factory, options.cases, options.shrink);
    if (run.verdict == Verdict::Holds) {
      std::cout << "holds  " << p.name << "\n";
      continue;
    }
    if (run.verdict == Verdict::GaveUp) {
      std::cout << "untested " << p.name
                << " (no generated case met its precondition: " << first_line(run.message) << ")\n";
      continue;
    }
    ++failed;
    std::cout << "FAILS  " << p.name << "\n" << run.message << "\n";
    if (const props::SyncCase* c = props::last_failing_case()) {
      try {
        const auto file = props::save_failure(p.name, *c, first_line(run.message));
        std::cout << "  counterexample: " << file.string() << "\n"
                  << "  replay: harness replay --adapter "
                  << shell_words({shell_words(options.adapter)}) << " "
                  << shell_words({file.string()}) << "\n";
      } catch (const std::exception& e) {
        std::cerr << "harness check: could not save the counterexample: " << e.what() << "\n";
      }
    }
  }
  std::cout << (failed
                    ? std::to_string(failed) + " propert" + (failed == 1 ? "y" : "ies") + " failed"
                    : std::string("all properties hold"))
            << "\n";
  return failed ? 1 : 0;
}

}  // namespace cryptarchia::harness
