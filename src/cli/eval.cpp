#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "analysis/evaluation.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "load/answers_loader.hpp"
#include "load/answers_writer.hpp"
#include "util/sha256.hpp"
#include "report/evaluation.hpp"

namespace psoas::cli {
namespace {

struct EvalOptions {
  std::string path;
  std::string format = "text";
  std::string rules;
};

int run_eval(const EvalOptions& o) {
  auto rules = load_rules(o.rules);
  if (!rules) return kExitBadInput;
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  std::error_code ec;
  if (fs::is_directory(o.path, ec)) {
    for (const auto& entry : fs::directory_iterator(o.path, ec)) {
      const auto ext = entry.path().extension();
      if (ext == ".yaml" || ext == ".yml" || ext == ".json") files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(o.path);
  }
  std::vector<analysis::Vignette> vignettes;
  Errors errors;
  for (const std::string& file : files) {
    auto answers = load::load_answers(file, *rules, errors);
    if (answers && !answers->expect) {
      errors.push_back({{file, 0, 0}, "has no 'expect' section (level and structure), so it is "
                                      "not a vignette"});
    }
    if (!errors.empty()) continue;
    vignettes.push_back({fs::path(file).stem().string(), std::move(*answers)});
  }
  if (!errors.empty()) {
    print_errors(errors);
    return kExitBadInput;
  }
  if (vignettes.empty()) {
    print_error(fmt::format("{}: no vignettes (*.yaml, *.json) found", o.path));
    return kExitBadInput;
  }
  const auto report = analysis::evaluate_vignettes(*rules, vignettes);
  // The vignettes' provenance: SHA-256 over "NAME=ANSWERS_HASH,LEVEL,STRUCTURE;" for each, in
  // file-name order, so the same cases can be shown to give the same figures later.
  Sha256 cases;
  for (const analysis::Vignette& v : vignettes) {
    cases.update(fmt::format("{}={},{},{};", v.name, load::answers_digest(*rules, v.answers),
                             level_id(*v.answers.expect->level), v.answers.expect->structure));
  }
  const std::string cases_hash = cases.hex_digest();
  const report::VignetteSource source{o.path, cases_hash};
  if (o.format == "json") {
    report::render_evaluation_json(std::cout, *rules, report, source);
  } else {
    report::render_evaluation_text(std::cout, *rules, report, source);
  }
  return kExitOk;
}

}  // namespace

Runner setup_eval(CLI::App& command) {
  auto options = std::make_shared<EvalOptions>();
  command.add_option("PATH", options->path, "A folder of vignettes (answer files with 'expect')")
      ->required();
  command.add_option("-f,--format", options->format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  add_rules_option(command, options->rules);
  command.footer(R"(Examples:
  psoas-triage eval tests/vignettes
  psoas-triage eval --format json tests/vignettes | jq .exact

A vignette is an answer file with an expect section:
  expect: {level: urgent, structure: iliacus}     (structure: none when no structure fits))");
  return [options] { return run_eval(*options); };
}

}  // namespace psoas::cli
