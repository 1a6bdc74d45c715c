#include "report/body_map.hpp"

#include <array>
#include <string>

#include <fmt/format.h>

#include "model/body.hpp"
#include "report/escape.hpp"
#include "util/text.hpp"

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
    R"(     /         \            /         \    )",
    R"(    / /       \ \          / /       \ \   )",
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

// The SVG figure: shapes of each region, in the order of kBodyRegions, left and right side.
// Front view centred on x=90, back view on x=270, in a 360 by 400 box.
constexpr std::array<std::string_view, 9> kRegionShapes = {
    // groin
    R"svg(<ellipse cx="74" cy="181" rx="10" ry="5" transform="rotate(35 74 181)"/>)svg"
    R"svg(<ellipse cx="106" cy="181" rx="10" ry="5" transform="rotate(-35 106 181)"/>)svg",
    // front_hip
    R"svg(<ellipse cx="62" cy="168" rx="8" ry="10"/>)svg"
    R"svg(<ellipse cx="118" cy="168" rx="8" ry="10"/>)svg",
    // front_thigh
    R"svg(<ellipse cx="70" cy="236" rx="13" ry="38"/>)svg"
    R"svg(<ellipse cx="110" cy="236" rx="13" ry="38"/>)svg",
    // knee
    R"svg(<circle cx="72" cy="292" r="10"/><circle cx="108" cy="292" r="10"/>)svg",
    // low_back
    R"svg(<rect x="252" y="128" width="36" height="36" rx="6"/>)svg",
    // buttock
    R"svg(<ellipse cx="253" cy="192" rx="17" ry="16"/>)svg"
    R"svg(<ellipse cx="287" cy="192" rx="17" ry="16"/>)svg",
    // lower_belly
    R"svg(<ellipse cx="90" cy="150" rx="24" ry="13"/>)svg",
    // side_hip
    R"svg(<ellipse cx="50" cy="184" rx="5" ry="13"/><ellipse cx="130" cy="184" rx="5" ry="13"/>)svg"
    R"svg(<ellipse cx="230" cy="184" rx="5" ry="13"/>)svg"
    R"svg(<ellipse cx="310" cy="184" rx="5" ry="13"/>)svg",
    // back_of_leg
    R"svg(<ellipse cx="252" cy="250" rx="12" ry="38"/>)svg"
    R"svg(<ellipse cx="288" cy="250" rx="12" ry="38"/>)svg"
    R"svg(<ellipse cx="254" cy="330" rx="9" ry="30"/>)svg"
    R"svg(<ellipse cx="286" cy="330" rx="9" ry="30"/>)svg",
};

// One silhouette, drawn around x = 0; placed by a translate.
constexpr std::string_view kSilhouette =
    R"svg(<circle cx="0" cy="28" r="17"/>)svg"
    R"svg(<path d="M-8 44 L8 44 L8 55 L-8 55 Z"/>)svg"
    R"svg(<path d="M-30 55 L30 55 L36 120 L40 185 L-40 185 L-36 120 Z"/>)svg"
    R"svg(<path d="M-30 58 L-46 62 L-56 150 L-46 152 L-34 90 Z"/>)svg"
    R"svg(<path d="M30 58 L46 62 L56 150 L46 152 L34 90 Z"/>)svg"
    R"svg(<path d="M-40 185 L-2 185 L-6 385 L-28 385 Z"/>)svg"
    R"svg(<path d="M2 185 L40 185 L28 385 L6 385 Z"/>)svg";

// Whether column `x` of the text figure lies on `side` of the person (the midline counts for
// both). The centres are the heads' middles in the first row: front, then back.
bool on_side(std::size_t x, Side side) {
  if (side == Side::Both) return true;
  const std::string_view top = kFigure.front();
  const std::size_t front = top.find(".-.") + 1;
  const std::size_t back = top.find(".-.", front + 2) + 1;
  const bool in_back = x >= (front + back) / 2;
  const std::size_t centre = in_back ? back : front;
  if (x == centre) return true;
  // Front view: the person's right is on the viewer's left; back view: on the viewer's right.
  const bool viewer_left = x < centre;
  const bool persons_right = in_back ? !viewer_left : viewer_left;
  return persons_right == (side == Side::Right);
}

}  // namespace

std::string_view side_name(Side side) {
  switch (side) {
    case Side::Left: return "left side";
    case Side::Right: return "right side";
    case Side::Both: return "both sides";
  }
  return "both sides";
}

void render_body_svg(std::ostream& out, std::uint32_t pain, std::uint32_t zone,
                     std::string_view zone_label, Side side) {
  out << R"svg(<svg class="body" viewBox="0 0 360 400" width="360" height="400" role="img" )svg"
         R"svg(aria-labelledby="body-title" xmlns="http://www.w3.org/2000/svg">)svg"
      << "\n<title id=\"body-title\">Body diagram, front and back: where it hurts ("
      << side_name(side) << ") and " << html_safe(zone_label) << "</title>\n"
      << R"svg(<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" )svg"
         R"svg(patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff3c4"/>)svg"
         R"svg(<line x1="0" y1="0" x2="0" y2="6" stroke="#b07800" stroke-width="3"/></pattern>)svg"
         R"svg(<pattern id="hatch-pain" width="6" height="6" patternUnits="userSpaceOnUse" )svg"
         R"svg(patternTransform="rotate(45)"><rect width="6" height="6" fill="#c62828"/>)svg"
         R"svg(<line x1="0" y1="0" x2="0" y2="6" stroke="#5d0000" stroke-width="3"/></pattern>)svg"
         R"svg(<clipPath id="side-right"><rect x="0" y="0" width="90" height="400"/>)svg"
         R"svg(<rect x="270" y="0" width="90" height="400"/></clipPath>)svg"
         R"svg(<clipPath id="side-left"><rect x="90" y="0" width="180" height="400"/>)svg"
         R"svg(</clipPath></defs>)svg"
      << "\n";
  for (int x : {90, 270}) {
    out << fmt::format(R"svg(<g class="silhouette" transform="translate({} 0)" fill="#eceff1" )svg"
                       R"svg(stroke="#78909c" stroke-width="1.5">{}</g>)svg",
                       x, kSilhouette)
        << "\n";
  }
  out << R"svg(<text x="90" y="398" text-anchor="middle" font-size="13">Front</text>)svg"
         R"svg(<text x="270" y="398" text-anchor="middle" font-size="13">Back</text>)svg"
      << "\n";
  for (std::size_t region = 0; region < kBodyRegions.size(); ++region) {
    const bool in_pain = (pain >> region) & 1U;
    const bool in_zone = (zone >> region) & 1U;
    if (!in_pain && !in_zone) continue;
    const std::string_view fill = in_pain && in_zone ? "url(#hatch-pain)"
                                  : in_pain          ? "#c62828"
                                                     : "url(#hatch)";
    const std::string_view mark = in_pain && in_zone ? "pain zone" : in_pain ? "pain" : "zone";
    const std::string_view clip = side == Side::Right  ? R"svg( clip-path="url(#side-right)")svg"
                                  : side == Side::Left ? R"svg( clip-path="url(#side-left)")svg"
                                                       : "";
    out << fmt::format(R"svg(<g class="region {}" data-region="{}" fill="{}" stroke="#333" )svg"
                       R"svg(stroke-width="1"{}>{}</g>)svg",
                       mark, kBodyRegions[region], fill, clip, kRegionShapes[region])
        << "\n";
  }
  out << "</svg>\n";
}

namespace {

std::string painted(bool color, std::string_view code, std::string_view text) {
  return color ? fmt::format("\033[{}m{}\033[0m", code, text) : std::string(text);
}

// The figure with its title, row by row: each region letter drawn as `cell(column, region)` says
// (an empty string is a blank), every other character as it is, trailing blanks trimmed.
template <typename Cell>
void draw_figure(std::ostream& out, Cell cell) {
  out << "  " << kTitle << "\n";
  for (std::string_view row : kFigure) {
    std::string line;
    for (std::size_t x = 0; x < row.size(); ++x) {
      const std::size_t region = kLetters.find(row[x]);
      if (region == std::string_view::npos) {
        line += row[x];
        continue;
      }
      const std::string glyph = cell(x, region);
      line += glyph.empty() ? std::string(" ") : glyph;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << "  " << line << "\n";
  }
}

}  // namespace

void render_body_map(std::ostream& out, std::uint32_t pain, std::uint32_t zone,
                     std::string_view zone_label, const BodyMapStyle& style, Side side) {
  static_assert(kLetters.size() == kBodyRegions.size());
  const std::string_view both = style.unicode ? "\u2593" : "@";
  const std::string_view hurts = style.unicode ? "\u2588" : "#";
  const std::string_view refers = style.unicode ? "\u2591" : ":";
  auto paint = [&](std::string_view code, std::string_view text) {
    return painted(style.color, code, text);
  };
  draw_figure(out, [&](std::size_t x, std::size_t region) {
    const bool here = on_side(x, side);
    const bool in_pain = here && ((pain >> region) & 1U);
    const bool in_zone = here && ((zone >> region) & 1U);
    // Both: a colour of its own, not read as "where you hurt".
    if (in_pain && in_zone) return paint("1;35", both);
    if (in_pain) return paint("31", hurts);
    if (in_zone) return paint("33", refers);
    return std::string();
  });
  if (pain != 0) {
    out << fmt::format("  {} where you hurt ({})   {} {}   {} both\n", paint("31", hurts),
                       side_name(side), paint("33", refers), text_safe(zone_label), paint("1;35", both));
  } else {
    out << fmt::format("  {} {}\n", paint("33", refers), text_safe(zone_label));
  }
}

void render_trigger_point_map(std::ostream& out, std::uint32_t sites, std::uint32_t zone,
                              std::string_view zone_label, const BodyMapStyle& style) {
  const std::string_view site = style.unicode ? "\u2716" : "X";
  const std::string_view refers = style.unicode ? "\u2591" : ":";
  auto paint = [&](std::string_view code, std::string_view text) {
    return painted(style.color, code, text);
  };
  draw_figure(out, [&](std::size_t, std::size_t region) {
    if ((sites >> region) & 1U) return paint("1;35", site);
    if ((zone >> region) & 1U) return paint("33", refers);
    return std::string();
  });
  out << fmt::format("  {} trigger-point site   {} {}\n", paint("1;35", site), paint("33", refers),
                     text_safe(zone_label));
}

}  // namespace psoas::report
