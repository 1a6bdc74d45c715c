#include "report/body_map.hpp"

#include <array>
#include <string>

#include <fmt/format.h>

#include "model/body.hpp"

namespace psoas::report {
namespace {

// Front and back, side by side. A letter is a cell of a region (the key below); anything else is
// drawn as it stands.
constexpr std::string_view kTitle = "        FRONT                  BACK";
constexpr std::array<std::string_view, 17> kFigure = {
    R"(         .-.                    .-.        )",
    R"(        (   )                  (   )       )",
    R"(         '-'                    '-'        )",
    R"(      .--/ \--.              .--/ \--.     )",
    R"(     /         \            /  LLLLL  \    )",
    R"(    / /       \ \          / / LLLLL \ \   )",
    R"(   / /  BBBBB  \ \        / /  LLLLL  \ \  )",
    R"(   \ \ BBBBBBB / /        \ \  LLLLL  / /  )",
    R"(    \SHHHGGGHHHS/          \SUUUUUUUUUS/   )",
    R"(     |TTT| |TTT|            |UUU| |UUU|    )",
    R"(     |TTT| |TTT|            |PPP| |PPP|    )",
    R"(     |TTT| |TTT|            |PPP| |PPP|    )",
    R"(     |KKK| |KKK|            |PPP| |PPP|    )",
    R"(     |   | |   |            |PPP| |PPP|    )",
    R"(     |   | |   |            |   | |   |    )",
    R"(     |   | |   |            |   | |   |    )",
    R"(     '--' '--'              '--' '--'      )",
};

// Which region each letter of the figure stands for, in the order of kBodyRegions.
constexpr std::string_view kLetters = "GHTKLUBSP";

}  // namespace

void render_body_map(std::ostream& out, std::uint32_t pain, std::uint32_t zone,
                     std::string_view zone_label, const BodyMapStyle& style) {
  static_assert(kLetters.size() == kBodyRegions.size());
  const std::string_view both = style.unicode ? "\u2593" : "@";
  const std::string_view hurts = style.unicode ? "\u2588" : "#";
  const std::string_view refers = style.unicode ? "\u2591" : ":";
  auto paint = [&](std::string_view code, std::string_view text) {
    return style.color ? fmt::format("\033[{}m{}\033[0m", code, text) : std::string(text);
  };
  out << "  " << kTitle << "\n";
  for (std::string_view row : kFigure) {
    std::string line;
    for (char c : row) {
      const std::size_t region = kLetters.find(c);
      if (region == std::string_view::npos) {
        line += c;
        continue;
      }
      const bool in_pain = (pain >> region) & 1U;
      const bool in_zone = (zone >> region) & 1U;
      if (in_pain && in_zone) {
        line += paint("31", both);
      } else if (in_pain) {
        line += paint("31", hurts);
      } else if (in_zone) {
        line += paint("33", refers);
      } else {
        line += ' ';
      }
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << "  " << line << "\n";
  }
  if (pain != 0) {
    out << fmt::format("  {} where you hurt   {} {}   {} both\n", paint("31", hurts),
                       paint("33", refers), zone_label, paint("31", both));
  } else {
    out << fmt::format("  {} {}\n", paint("33", refers), zone_label);
  }
}

}  // namespace psoas::report
