#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/terminal.hpp"
#include "util/suggest.hpp"
#include "util/version.hpp"

namespace psoas::cli {
namespace {

constexpr Command kCommands[] = {
    {"interview", "Ask the questions one at a time and print the verdict", setup_interview},
    {"assess", "Assess an answer file and print the verdict", setup_assess},
    {"batch", "Assess many answer sets, one JSON object per line", setup_batch},
    {"eval", "Measure triage accuracy on a folder of vignettes", setup_eval},
    {"ref", "Quick reference: structures, signs, red flags, self-care, with sources", setup_ref},
    {"rules", "Check, prove, draw and compare rule sets", setup_rules},
};

// CLI11's message, or a plainer one that names the mistyped command or option with "did you
// mean": an unknown first word is a command, an unknown "--word" an option of the command used.
std::string explain_parse_error(const CLI::ParseError& e, int argc, char** argv,
                                const CLI::App& app, const CLI::App* used) {
  std::vector<std::string> commands;
  for (const Command& command : kCommands) commands.emplace_back(command.name);
  if (!used && argc > 1 && argv[1][0] != '-') {
    const std::string word = argv[1];
    if (std::find(commands.begin(), commands.end(), word) == commands.end()) {
      return fmt::format("unknown command '{}'{}", word, did_you_mean(word, commands));
    }
  }
  const CLI::App& scope = used ? *used : app;
  std::vector<std::string> options;
  for (const CLI::Option* option : scope.get_options()) {
    for (const std::string& name : option->get_lnames()) options.push_back("--" + name);
  }
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (word.rfind("--", 0) != 0 || word == "--") continue;
    const std::string name = word.substr(0, word.find('='));
    if (std::find(options.begin(), options.end(), name) == options.end()) {
      return fmt::format("unknown option '{}'{}{}", name,
                         used ? " for " + used->get_name() : std::string(),
                         did_you_mean(name, options));
    }
  }
  return e.what();
}

// The exit status once the output is flushed: output that could not be written (a full disk, a
// closed pipe) is a failure, never a silent success.
int finished_output(int status) {
  std::cout.flush();
  const bool lost = !std::cout || std::fflush(stdout) != 0 || std::ferror(stdout) != 0;
  if (lost && status != kExitBadInput) {
    print_error(fmt::format("cannot write the output: {}", std::strerror(errno)));
    return kExitBadInput;
  }
  return status;
}

int dispatch(int argc, char** argv) {
  CLI::App app{"psoas-triage: offline, auditable symptom triage for iliopsoas pain.\n"
               "It is not a diagnosis.",
               "psoas-triage"};
  app.set_version_flag("--version", fmt::format("psoas-triage {}", kVersion));
  app.require_subcommand(0, 1);
  app.footer(R"(Examples:
  psoas-triage                      (on a terminal: starts the interview)
  psoas-triage interview --save my-answers.yaml
  psoas-triage assess answers.yaml
  psoas-triage assess --format json answers.json
  psoas-triage ref iliacus

Run 'psoas-triage COMMAND --help' for a command's options.)");

  std::vector<std::pair<CLI::App*, Runner>> runners;
  for (const Command& command : kCommands) {
    CLI::App* sub = app.add_subcommand(command.name, command.summary);
    runners.emplace_back(sub, command.setup(*sub));
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    const CLI::App* used = nullptr;
    for (auto& [sub, runner] : runners) {
      if (sub->parsed()) used = sub;
    }
    print_error(explain_parse_error(e, argc, argv, app, used));
    std::cerr << fmt::format("Run '{}{} --help' for usage.\n", program(),
                             used ? " " + used->get_name() : "");
    return kExitUsage;
  }
  for (auto& [sub, runner] : runners) {
    if (sub->parsed()) return finished_output(runner());
  }
  // No command: a person at a terminal gets the interview; anything else gets told what to do.
  if (is_terminal(STDIN_FILENO)) return finished_output(runners.front().second());
  print_error("no command given (try 'psoas-triage interview' or 'psoas-triage assess FILE')");
  std::cerr << "Run 'psoas-triage --help' for usage.\n";
  return kExitUsage;
}

}  // namespace

int run(int argc, char** argv) {
  set_program(argc > 0 ? argv[0] : nullptr);
  try {
    return dispatch(argc, argv);
  } catch (const std::exception& e) {
    print_error(fmt::format("internal error: {}", e.what()));
  } catch (...) {
    print_error("internal error");
  }
  return kExitFailure;
}

}  // namespace psoas::cli
