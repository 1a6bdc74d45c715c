#pragma once
// The subcommands, one file each; app.cpp lists them in a table.
#include "cli/common.hpp"

namespace psoas::cli {

Runner setup_assess(CLI::App& command);
Runner setup_interview(CLI::App& command);
Runner setup_rules(CLI::App& command);
Runner setup_ref(CLI::App& command);
Runner setup_batch(CLI::App& command);
Runner setup_eval(CLI::App& command);

// Parses the command line and runs the chosen subcommand; returns the exit status.
int run(int argc, char** argv);

}  // namespace psoas::cli
