#pragma once
// What every subcommand shares: the table entry, rule-set loading and error printing.
#include <functional>
#include <optional>
#include <string>

#include "model/answers.hpp"
#include "model/ruleset.hpp"
#include "util/error.hpp"

namespace CLI {
class App;
}

namespace psoas::cli {

using Runner = std::function<int()>;

struct Command {
  const char* name;
  const char* summary;
  Runner (*setup)(CLI::App& command);
};

// The one place errors are printed: "psoas-triage: error: FILE:LINE:COL: message" on stderr.
void print_error(const std::string& message);

// The program as it was invoked ("build/psoas-triage" after the quick start), so that a command
// the tool suggests works when copied; "psoas-triage" when it was found on the PATH.
const std::string& program();
void set_program(const char* argv0);
void print_errors(const Errors& errors);

// A note on stderr for each question the file answers that is no longer asked, naming the
// question that asks it now; the answer still counts.
void note_replaced_questions(const std::string& file, const RuleSet& rules, const Answers& answers);

// Adds --rules PATH to a subcommand.
void add_rules_option(CLI::App& command, std::string& path);

// The embedded rule set, or the one at `path`; prints errors and returns nullopt on failure.
std::optional<RuleSet> load_rules(const std::string& path);

}  // namespace psoas::cli
