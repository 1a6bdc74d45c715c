#include "cli/terminal.hpp"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace psoas::cli {

bool is_terminal(int fd) { return isatty(fd) == 1; }

bool wants_color(int fd) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (!term || std::strcmp(term, "dumb") == 0) return false;
  return is_terminal(fd);
}

}  // namespace psoas::cli
