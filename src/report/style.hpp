#pragma once
// Shared by the renderers: ANSI styles (only when colour is wanted), word wrapping, upper case,
// and the list of sources a report cites.
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "model/level.hpp"
#include "model/ruleset.hpp"
#include "report/escape.hpp"

namespace psoas::report {

// ANSI styles, used only when the caller says colour is wanted. The text is made safe for a
// terminal (text_safe) whether or not it is coloured.
class Paint {
 public:
  explicit Paint(bool on) : on_(on) {}
  std::string operator()(std::string_view code, std::string_view text) const {
    return on_ ? fmt::format("\033[{}m{}\033[0m", code, text_safe(text)) : text_safe(text);
  }
  std::string level(Level level, std::string_view text) const {
    switch (level) {
      case Level::Emergency: return (*this)("1;37;41", text);
      case Level::Urgent: return (*this)("1;31", text);
      case Level::SeeProfessional: return (*this)("1;33", text);
      case Level::SelfCare: return (*this)("1;32", text);
    }
    return std::string(text);
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
