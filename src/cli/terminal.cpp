#include "cli/terminal.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <cctype>
#include <cstring>
#include <cstdio>
#include <iostream>
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

int terminal_width(int fd) {
  winsize size{};
  if (is_terminal(fd) && ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col >= 20) {
    return size.ws_col;
  }
  return 80;
}

void page(const std::string& text) {
  if (is_terminal(STDOUT_FILENO)) {
    const char* pager = std::getenv("PAGER");
    const std::string command = pager && *pager ? pager : "less -R";
    std::cout.flush();
    if (FILE* pipe = popen(command.c_str(), "w")) {
      std::fwrite(text.data(), 1, text.size(), pipe);
      if (pclose(pipe) == 0) return;
    }
  }
  std::cout << text << std::flush;
}

}  // namespace psoas::cli
