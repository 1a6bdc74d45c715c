#pragma once
// Shared by the renderers: ANSI styles (only when colour is wanted), word wrapping, upper case,
// and the list of sources a report cites.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "model/level.hpp"
#include "model/ruleset.hpp"
#include "report/escape.hpp"

namespace psoas::report {

// ANSI styles, used only when the caller says colour is wanted. The text is made safe for a
// terminal (text_safe) whether or not it is coloured, a line at a time: a newline is layout (the
// one wrap() puts in; wrap() has already escaped any in its input), and a style never runs across
// a line break.
class Paint {
 public:
  explicit Paint(bool on) : on_(on) {}
  std::string operator()(std::string_view code, std::string_view text) const {
    std::string out;
    for (std::size_t start = 0; start <= text.size();) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      if (start > 0) out += '\n';
      const std::string line = text_safe(text.substr(start, end - start));
      out += on_ ? fmt::format("\033[{}m{}\033[0m", code, line) : line;
      start = end + 1;
    }
    return out;
  }
  // Every level is a text colour on a background of its own, from the 256-colour palette whose
  // values terminals share, so each pair keeps a contrast of at least 4.5:1 (WCAG AA):
  // white on dark red 7.4, black on orange 8.7, black on gold 15.0, white on dark green 8.0.
  std::string level(Level level, std::string_view text) const {
    return (*this)(level_colors(level), text);
  }
  static std::string_view level_colors(Level level) {
    switch (level) {
      case Level::Emergency: return "1;38;5;231;48;5;124";
      case Level::Urgent: return "1;38;5;16;48;5;208";
      case Level::SeeProfessional: return "1;38;5;16;48;5;220";
      case Level::SelfCare: return "1;38;5;231;48;5;22";
    }
    return "1";
  }
  std::string bold(std::string_view text) const { return (*this)("1", text); }
  std::string dim(std::string_view text) const { return (*this)("2", text); }

 private:
  bool on_;
};

// Wraps text for a text report; its control characters are escaped first (text_safe).
std::string wrap(std::string_view text, std::size_t indent, std::size_t width = 78);

std::string upper(std::string_view text);

// The sources a report cites, each once, in first-cited order: the list that ends the report.
class CitedSources {
 public:
  // Notes `ids` as cited and returns them, for the renderer to format in place.
  const SourceIds& add(const SourceIds& ids);
  const std::vector<std::string>& order() const { return order_; }

 private:
  std::vector<std::string> order_;
};

}  // namespace psoas::report
