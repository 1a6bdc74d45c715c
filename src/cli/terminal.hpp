#pragma once
// What the terminal can do: the one place that asks.
#include <string>

namespace psoas::cli {

bool is_terminal(int fd);

// Colour on `fd` only when it is a terminal, TERM is not "dumb" and NO_COLOR is unset or empty.
bool wants_color(int fd);

// Block characters only when the locale says UTF-8 (LC_ALL, else LC_CTYPE, else LANG).
bool wants_unicode();

// The terminal's width in columns on `fd`, or 80 when it cannot be told.
int terminal_width(int fd);

// Shows `text` through $PAGER (default "less -R") when standard output is a terminal, else
// writes it to standard output.
void page(const std::string& text);

}  // namespace psoas::cli
