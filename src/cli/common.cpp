#include "cli/common.hpp"

#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "load/ruleset_loader.hpp"
#include "util/text.hpp"

namespace psoas::cli {

namespace {
std::string g_program = "psoas-triage";
}  // namespace

const std::string& program() { return g_program; }

void set_program(const char* argv0) {
  if (argv0 && std::string_view(argv0).find('/') != std::string_view::npos) g_program = argv0;
}

void print_error(const std::string& message) {
  // A message can quote a file's bytes: never let them act on the terminal.
  std::cerr << "psoas-triage: error: " << printable(message) << "\n";
}

void print_errors(const Errors& errors) {
  constexpr std::size_t kMost = 20;
  for (std::size_t i = 0; i < errors.size() && i < kMost; ++i) print_error(to_string(errors[i]));
  if (errors.size() > kMost) {
    print_error(fmt::format("... and {} more errors", errors.size() - kMost));
  }
}

void note_replaced_questions(const std::string& file, const RuleSet& rules,
                             const Answers& answers) {
  for (std::size_t q = 0; q < rules.questions.size(); ++q) {
    const Question& question = rules.questions[q];
    if (question.asked() || answers.by_question[q].state == Answer::State::Missing) continue;
    std::cerr << "psoas-triage: note: "
              << printable(fmt::format("{}: '{}' is no longer asked: '{}' asks it now (rule set "
                                       "{} {}); its answer still counts",
                                       file == "-" ? "standard input" : file, question.id,
                                       rules.questions[question.replaced_by].id, rules.id,
                                       rules.version))
              << "\n";
  }
}

void add_rules_option(CLI::App& command, std::string& path) {
  command.add_option("--rules", path,
                     "Use the rule set in PATH (a .yaml file or a folder of them) instead of the "
                     "built-in one")
      ->type_name("PATH");
}

std::optional<RuleSet> load_rules(const std::string& path) {
  Errors errors;
  auto rules = path.empty() ? load::load_embedded_rule_set(errors)
                            : load::load_rule_set_path(path, errors);
  if (!rules) print_errors(errors);
  return rules;
}

}  // namespace psoas::cli
