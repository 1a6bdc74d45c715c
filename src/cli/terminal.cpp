#include "cli/terminal.hpp"

#include <unistd.h>

#include <cstdlib>
#include <cctype>
#include <cstring>
#include <string>

namespace psoas::cli {

bool is_terminal(int fd) { return isatty(fd) == 1; }

bool wants_color(int fd) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (!term || std::strcmp(term, "dumb") == 0) return false;
  return is_terminal(fd);
}

bool wants_unicode() {
  for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const char* value = std::getenv(name);
    if (!value || !*value) continue;
    std::string v(value);
    for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return v.find("utf-8") != std::string::npos || v.find("utf8") != std::string::npos;
  }
  return false;
}

}  // namespace psoas::cli
