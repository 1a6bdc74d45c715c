#pragma once
// What the terminal can do: the one place that asks.
namespace psoas::cli {

bool is_terminal(int fd);

// Colour on `fd` only when it is a terminal, TERM is not "dumb" and NO_COLOR is unset or empty.
bool wants_color(int fd);

// Block characters only when the locale says UTF-8 (LC_ALL, else LC_CTYPE, else LANG).
bool wants_unicode();

}  // namespace psoas::cli
