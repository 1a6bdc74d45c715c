#pragma once
// Every exit status the tool uses, in one place. Listed in the man page's EXIT STATUS.
#include "model/level.hpp"

namespace psoas::cli {

enum ExitCode : int {
  kExitOk = 0,           // assessed (or help, version)
  kExitFailure = 1,      // unexpected internal failure
  kExitUsage = 2,        // bad command line
  kExitBadInput = 3,     // bad answer file or rule set
  kExitIncomplete = 4,   // input ended (Ctrl-D) or answers missing with --no-input
  kExitUnsafe = 5,       // `rules check` found a violated safety property
  kExitInterrupted = 130,  // Ctrl-C
};

// With --exit-code the verdict becomes the status: 10 self-care, 11 see-professional,
// 12 urgent, 13 emergency.
constexpr int verdict_exit_code(Level level) { return 10 + level_index(level); }

}  // namespace psoas::cli
