#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "engine/engine.hpp"
#include "load/answers_loader.hpp"

namespace psoas::cli {
namespace {

struct AssessOptions {
  std::string file;
  std::string rules;
  OutputOptions output;
};

int run_assess(const AssessOptions& options) {
  auto rules = load_rules(options.rules);
  if (!rules) return kExitBadInput;
  Errors errors;
  auto answers = load::load_answers(options.file, *rules, errors);
  if (!answers) {
    print_errors(errors);
    return kExitBadInput;
  }
  note_replaced_questions(options.file, *rules, *answers);
  const Assessment assessment = engine::assess(*rules, answers->by_question);
  print_report(std::cout, {*rules, *answers, assessment}, options.output);
  return options.output.exit_code ? verdict_exit_code(assessment.level) : kExitOk;
}

}  // namespace

Runner setup_assess(CLI::App& command) {
  auto options = std::make_shared<AssessOptions>();
  command.add_option("FILE", options->file, "Answer file, YAML or JSON ('-' for standard input)")
      ->required();
  add_output_options(command, options->output);
  add_rules_option(command, options->rules);
  command.footer(R"(Examples:
  psoas-triage assess answers.yaml
  psoas-triage assess --format json answers.json
  some-system | psoas-triage assess --format json -
  psoas-triage assess --exit-code answers.yaml; echo "status $?"
  psoas-triage assess --format html answers.yaml > report.html
  psoas-triage assess --format fhir answers.yaml > response.json

An answer file maps question ids to answers:
  answers:
    age: 34
    fever: no
    pain_where: [groin, front_thigh]
Questions left out are reported as unanswered; write `unknown` for "don't know".
A FHIR R4 QuestionnaireResponse (see: psoas-triage rules export --format fhir) is read too.)");
  return [options] { return run_assess(*options); };
}

}  // namespace psoas::cli
