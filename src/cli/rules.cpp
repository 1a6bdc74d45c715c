#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "analysis/check.hpp"
#include "analysis/diff.hpp"
#include "analysis/graph.hpp"
#include "analysis/lint.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "engine/engine.hpp"
#include "load/answers_loader.hpp"
#include "load/answers_writer.hpp"
#include "load/ruleset_loader.hpp"
#include "report/fhir.hpp"
#include "util/atomic_file.hpp"

namespace psoas::cli {
namespace {

struct RulesOptions {
  std::string path;  // empty: the built-in rule set
  std::string old_path;
  std::string new_path;
  std::string cases;
  std::string counterexamples = ".";
  std::string format = "fhir";
};

std::string shown(const std::string& path) { return path.empty() ? "the built-in rule set" : path; }

int run_lint(const RulesOptions& o) {
  Errors errors;
  auto rules = o.path.empty() ? load::load_embedded_rule_set(errors)
                              : load::load_rule_set_path(o.path, errors);
  for (const Error& e : errors) {
    std::cout << to_string({e.where, "error: " + e.message}) << "\n";
  }
  Errors warnings;
  if (rules) warnings = analysis::lint_warnings(*rules);
  for (const Error& w : warnings) {
    std::cout << to_string({w.where, "warning: " + w.message}) << "\n";
  }
  std::cout << fmt::format("{}: {} errors, {} warnings\n", shown(o.path), errors.size(),
                           warnings.size());
  return errors.empty() ? kExitOk : kExitBadInput;
}

int run_check(const RulesOptions& o) {
  auto rules = load_rules(o.path);
  if (!rules) return kExitBadInput;
  const auto start = std::chrono::steady_clock::now();
  const analysis::CheckReport report = analysis::check(*rules);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << fmt::format("Rule set {} {} (sha256 {}): {} questions, {} red flags, {} evidence "
                           "rules\n",
                           rules->id, rules->version, rules->hash.substr(0, 16),
                           rules->questions.size(), rules->red_flags.size(),
                           rules->evidence.size());
  std::cout << fmt::format("Explored {} reachable answer combinations in {} red-flag cones, over "
                           "{} answer classes, in {:.2f} s.\n",
                           report.combinations, report.cones, report.classes, seconds);
  for (const auto& p : report.properties) {
    std::cout << fmt::format("  {:<9} {:<12} {} ({} cases)\n", p.proved ? "proved" : "VIOLATED",
                             p.id, p.statement, p.cases);
  }
  int written = 0;
  if (!report.violations.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(o.counterexamples, ec);
  }
  for (const auto& v : report.violations) {
    std::cout << fmt::format("violation of {}: {}\n", v.property, v.message);
    if (v.counterexample.empty()) continue;
    Answers answers;
    answers.id = fmt::format("counterexample-{}", ++written);
    answers.by_question = v.counterexample;
    const std::string file = (std::filesystem::path(o.counterexamples) /
                              fmt::format("counterexample-{}.yaml", written))
                                 .string();
    const std::string text = load::answers_to_yaml(
        *rules, answers,
        fmt::format("Counterexample to '{}': {}\nReplay: psoas-triage assess{} {}", v.property,
                    v.message, o.path.empty() ? "" : " --rules " + o.path, file));
    if (auto error = write_file_atomically(file, text)) {
      print_error(fmt::format("{}: cannot write the counterexample: {}", file, *error));
    } else {
      std::cout << fmt::format("  counterexample: {}\n", file);
    }
  }
  if (report.violations.empty()) {
    std::cout << "All properties proved.\n";
    return kExitOk;
  }
  std::cout << fmt::format("{} properties violated.\n", report.violations.size());
  return kExitUnsafe;
}

int run_graph(const RulesOptions& o) {
  auto rules = load_rules(o.path);
  if (!rules) return kExitBadInput;
  analysis::write_dot(std::cout, *rules);
  return kExitOk;
}

std::string outcome(const RuleSet& rules, const Answers& answers) {
  const Assessment a = engine::assess(rules, answers.by_question);
  return fmt::format("{}/{}", level_id(a.level), top_structure_id(a));
}

int run_diff(const RulesOptions& o) {
  auto old_rules = load_rules(o.old_path);
  auto new_rules = load_rules(o.new_path);
  if (!old_rules || !new_rules) return kExitBadInput;
  const auto changes = analysis::diff_rules(*old_rules, *new_rules);
  for (const std::string& line : changes) std::cout << line << "\n";
  std::cout << fmt::format("{} rule changes\n", changes.size());
  if (o.cases.empty()) return kExitOk;

  namespace fs = std::filesystem;
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(o.cases, ec)) {
    const auto ext = entry.path().extension();
    if (ext == ".yaml" || ext == ".yml" || ext == ".json") files.push_back(entry.path().string());
  }
  if (ec) {
    print_error(fmt::format("{}: {}", o.cases, ec.message()));
    return kExitBadInput;
  }
  std::sort(files.begin(), files.end());
  int changed = 0;
  for (const std::string& file : files) {
    Errors errors;
    auto before = load::load_answers(file, *old_rules, errors);
    auto after = load::load_answers(file, *new_rules, errors);
    if (!before || !after) {
      print_errors(errors);
      return kExitBadInput;
    }
    const std::string was = outcome(*old_rules, *before);
    const std::string now = outcome(*new_rules, *after);
    if (was != now) {
      ++changed;
      std::cout << fmt::format("case {}: {} -> {}\n", file, was, now);
    }
  }
  std::cout << fmt::format("{} of {} cases change\n", changed, files.size());
  return kExitOk;
}

int run_export(const RulesOptions& o) {
  auto rules = load_rules(o.path);
  if (!rules) return kExitBadInput;
  const Errors warnings = report::render_fhir_questionnaire(std::cout, *rules);
  std::cout.flush();
  for (const Error& w : warnings) {
    std::cerr << to_string({w.where, "warning: " + w.message}) << "\n";
  }
  return kExitOk;
}

}  // namespace

Runner setup_rules(CLI::App& command) {
  auto options = std::make_shared<RulesOptions>();
  command.require_subcommand(1);
  command.footer(R"(Examples:
  psoas-triage rules lint rules/
  psoas-triage rules check
  psoas-triage rules graph | dot -Tsvg > script.svg
  psoas-triage rules diff old-rules/ rules/ --cases tests/vignettes
  psoas-triage rules export --format fhir > questionnaire.json)");

  auto* lint = command.add_subcommand("lint", "Report every error and warning in a rule set");
  lint->add_option("PATH", options->path, "Rule set: a .yaml file or a folder (default: built-in)");
  lint->footer("Examples:\n  psoas-triage rules lint\n  psoas-triage rules lint my-rules/");

  auto* check = command.add_subcommand("check", "Prove the question script's safety properties");
  check->add_option("PATH", options->path, "Rule set: a .yaml file or a folder (default: built-in)");
  check->add_option("--counterexamples", options->counterexamples,
                    "Folder for counterexample answer files")
      ->type_name("DIR")
      ->capture_default_str();
  check->footer("Examples:\n  psoas-triage rules check\n"
                "  psoas-triage rules check --counterexamples /tmp my-rules/");

  auto* graph = command.add_subcommand("graph", "Print the question script as Graphviz DOT");
  graph->add_option("PATH", options->path, "Rule set: a .yaml file or a folder (default: built-in)");
  graph->footer("Examples:\n  psoas-triage rules graph | dot -Tsvg > script.svg");

  auto* diff = command.add_subcommand("diff", "Show what changed between two rule sets");
  diff->add_option("OLD", options->old_path, "The old rule set")->required();
  diff->add_option("NEW", options->new_path, "The new rule set")->required();
  diff->add_option("--cases", options->cases,
                   "Folder of answer files: show each whose verdict or top structure changes")
      ->type_name("DIR");
  diff->footer("Examples:\n  psoas-triage rules diff old-rules/ rules/ --cases tests/vignettes");

  auto* exporter = command.add_subcommand(
      "export", "Write the question script in a standard form: a FHIR R4 Questionnaire");
  exporter->add_option("PATH", options->path,
                       "Rule set: a .yaml file or a folder (default: built-in)");
  exporter->add_option("-f,--format", options->format, "Export format: fhir")
      ->check(CLI::IsMember({"fhir"}))
      ->capture_default_str();
  exporter->footer("Examples:\n  psoas-triage rules export --format fhir > questionnaire.json\n"
                   "  psoas-triage assess --format fhir answers.yaml > response.json\n"
                   "  psoas-triage assess response.json");

  return [options, lint, check, graph, diff, exporter] {
    if (lint->parsed()) return run_lint(*options);
    if (check->parsed()) return run_check(*options);
    if (graph->parsed()) return run_graph(*options);
    if (diff->parsed()) return run_diff(*options);
    if (exporter->parsed()) return run_export(*options);
    return static_cast<int>(kExitUsage);
  };
}

}  // namespace psoas::cli
