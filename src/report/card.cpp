// The one-screen card `ref` prints without a topic: what a clinician wants at the point of care,
// in at most 60 lines at 100 columns. Everything on it comes from the rule set.
#include <algorithm>

#include "report/reference.hpp"
#include "report/style.hpp"

namespace psoas::report {
namespace {

// Columns a text takes on a terminal: UTF-8 continuation bytes take none.
std::size_t columns(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string cell(const reference::CardRow& row) {
  return row.cause.empty() ? row.sign : fmt::format("{} ({})", row.sign, row.cause);
}

void flags(std::ostream& out, const RuleSet& rules, const reference::CardView& card,
           const Paint& paint, std::size_t width) {
  const std::size_t half = (width - 4) / 2;
  for (Level level : kLevelsMostUrgentFirst) {
    std::vector<std::string> cells;
    for (const reference::CardRow& row : card.flags) {
      if (row.level == level) cells.push_back(cell(row));
    }
    if (cells.empty()) continue;
    const LevelInfo& info = rules.levels[level_index(level)];
    const std::string banner = fmt::format(" {} ", upper(level_id(level)));
    out << paint.level(level, banner) << " "
        << paint.bold(wrap(info.meaning, columns(banner) + 1, width)) << "\n";
    const bool two = std::all_of(cells.begin(), cells.end(),
                                 [&](const std::string& c) { return columns(c) <= half; });
    for (std::size_t i = 0; i < cells.size(); i += two ? 2 : 1) {
      std::string line = "  " + cells[i];
      if (two && i + 1 < cells.size()) {
        line += std::string(half + 2 - columns(cells[i]), ' ') + cells[i + 1];
      }
      out << line << "\n";
    }
  }
}

}  // namespace

void render_card_text(std::ostream& out, const RuleSet& rules, const reference::CardView& card,
                      const TextStyle& style, std::size_t width) {
  const Paint paint(style.color);
  width = std::clamp<std::size_t>(width, 60, 120);
  out << paint.bold("Iliopsoas pain: quick reference")
      << paint.dim(fmt::format("  (rule set {} {}; not a diagnosis)", rules.id, rules.version))
      << "\n";
  out << paint.bold("Red flags") << " (sign (likely cause)), most urgent first\n";
  flags(out, rules, card, paint, width);

  out << "\n" << paint.bold("Where each part of the iliopsoas refers pain") << "\n";
  // Names without their parenthesis ("Iliopsoas tendon and bursa"), in one column.
  auto short_name = [](const std::string& name) { return name.substr(0, name.find(" (")); };
  std::size_t name_width = 0;
  for (const auto& s : card.structures) {
    name_width = std::max(name_width, columns(short_name(s.name)));
  }
  for (const auto& s : card.structures) {
    const std::string name = short_name(s.name);
    out << "  " << name << std::string(name_width + 2 - columns(name), ' ')
        << wrap(s.zones, name_width + 4, width) << "\n";
  }

  if (!card.signs.empty()) {
    out << "\n" << paint.bold("Key examination signs") << "\n";
    for (const std::string& sign : card.signs) out << "  " << wrap(sign, 4, width) << "\n";
  }

  if (!card.self_care.empty()) {
    const std::string label = "Self-care:";
    const std::string text =
        wrap(fmt::format("{} {}.", label, fmt::join(card.self_care, "; ")), 2, width);
    out << "\n" << paint.bold(label) << text.substr(label.size()) << "\n";
  }

  // The card's own sources by id, in one line: their titles are one `ref sources` away.
  out << "\n"
      << paint.dim(wrap(fmt::format("Signs from: {}", fmt::join(card.sources, ", ")), 2, width))
      << "\n";
  out << paint.dim(wrap("More: ref red-flags|trigger-points|lookalikes|self-care|sources, "
                        "--search TERM, --full, --brief",
                        2, width))
      << "\n";
}

}  // namespace psoas::report
