// The options naming the implementation under test, and how they become one.
#include <CLI/CLI.hpp>

#include "cli.hpp"
#include "cryptarchia/harness/subprocess.hpp"
#include "vector_selection.hpp"

namespace cryptarchia::harness {

void add_impl_options(CLI::App& app, ImplOptions& options) {
  app.add_option("--impl", options.impl,
                 "the profile to run in-process, or to judge an adapter as, optionally with "
                 "follower variants: spec+fold-over-all-tips (docs/VARIANTS.md). Default: "
                 "reference in-process; for an adapter, what its hello says it follows, else "
                 "reference (ibd: the adapter must declare the feature \"download\")")
      ->check(CLI::Validator(
          [](std::string& text) {
            std::string error;
            return parse_run_as(text, &error) ? std::string() : error;
          },
          "PROFILE[+VARIANT...]"));
  app.add_option("--adapter", options.adapter,
                 "run this adapter command (\"CMD ARGS...\") instead; see harness/PROTOCOL.md");
  app.add_option("--timeout", options.timeout_seconds,
                 "wall-clock limit per case, seconds (adapter or in-process)")
      ->check(CLI::Validator(
          [](std::string& text) {
            double seconds = 0;
            const bool ok = CLI::detail::lexical_cast(text, seconds) && seconds > 0 &&
                            seconds <= 86400;
            return ok ? std::string() : "must be a number of seconds above 0 and at most 86400";
          },
          "SECONDS"))
      ->capture_default_str();
}

std::vector<std::string> split_command(const std::string& command) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (std::size_t i = 0; i < command.size(); ++i) {
    const char ch = command[i];
    if (quote) {
      if (ch == quote) {
        quote = 0;
      } else if (ch == '\\' && quote == '"' && i + 1 < command.size()) {
        word += command[++i];
      } else {
        word += ch;
      }
    } else if (ch == ' ' || ch == '\t' || ch == '\n') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else if (ch == '\'' || ch == '"') {
      quote = ch;
      in_word = true;
    } else if (ch == '\\') {
      if (i + 1 == command.size()) throw UsageError("--adapter: a trailing backslash escapes nothing");
      word += command[++i];
      in_word = true;
    } else {
      word += ch;
      in_word = true;
    }
  }
  if (quote) throw UsageError(std::string("--adapter: unbalanced ") + quote + " quote");
  if (in_word) words.push_back(std::move(word));
  return words;
}

std::unique_ptr<Implementation> make_implementation(const ImplOptions& options) {
  std::optional<RunAs> as;
  if (!options.impl.empty()) {
    std::string error;
    as = parse_run_as(options.impl, &error);
    if (!as) throw UsageError("--impl " + options.impl + ": " + error);
  }
  if (options.adapter.empty()) {
    return in_process(as.value_or(RunAs(Profile::Reference)), options.timeout_seconds);
  }
  std::vector<std::string> argv = split_command(options.adapter);
  if (argv.empty()) throw UsageError("--adapter: the command is empty");
#ifdef CSC_HAVE_ADAPTER
  AdapterLimits limits;
  limits.case_timeout_seconds = options.timeout_seconds;
  return subprocess(std::move(argv), limits, as);
#else
  throw UsageError("--adapter: this harness was built without the adapter client "
                   "(harness/adapter.cmake); only in-process profiles can run");
#endif
}

}  // namespace cryptarchia::harness
