// The end of an interview on a terminal: one screen that says what to do now, why, the most
// likely cause, what was not ruled out and what to do if it appears, where the full report is,
// and the verdict once more as the last line.
#include <algorithm>

#include <fmt/format.h>

#include "report/report.hpp"
#include "report/style.hpp"

namespace psoas::report {
namespace {

// `text` wrapped at `width` after `indent`, cut to `lines` lines (the last ending in "…").
std::string clipped(std::string_view text, std::size_t indent, std::size_t width,
                    std::size_t lines) {
  std::string wrapped = wrap(text, indent, width);
  std::size_t at = 0;
  for (std::size_t n = 0; n < lines; ++n) {
    at = wrapped.find('\n', at);
    if (at == std::string::npos) return wrapped;
    ++at;
  }
  wrapped.resize(at - 1);
  return wrapped + " …";
}

}  // namespace

void render_summary(std::ostream& out, const Result& r, const SummaryStyle& style) {
  const Paint paint(style.color);
  const Assessment& a = r.assessment;
  const LevelInfo& level = r.rules.levels[level_index(a.level)];
  const std::size_t width = std::max<std::size_t>(style.width, 40);
  const std::string banner = fmt::format(" {} ", upper(level_id(a.level)));

  out << paint.level(a.level, banner) << "  " << paint.bold(level.title) << "\n";
  out << "  " << clipped(level.action, 2, width, 6) << "\n\n";

  std::vector<std::string> why;
  for (const FlagResult& f : a.fired) {
    if (f.flag->level == a.level) why.push_back(f.flag->title);
  }
  const std::string reasons =
      why.empty() ? (a.not_excluded.empty() ? std::string("no warning sign holds.")
                                            : std::string("some warning signs are not ruled "
                                                          "out (below)."))
                  : fmt::format("{}.", fmt::join(why, "; "));
  out << "  " << clipped("Why: " + reasons, 2, width, 3) << "\n";

  const Cause cause = leading_cause(r);
  if (cause.kind == Cause::Kind::Lookalike) {
    out << "  " << clipped(fmt::format("Most likely: {}; probably not a muscle problem.",
                                       cause.name),
                           2, width, 2)
        << "\n";
  } else if (cause.kind != Cause::Kind::Unclear) {
    out << "  " << clipped(fmt::format("Most likely: {}.", cause.name), 2, width, 2) << "\n";
  }

  const std::vector<SafetyNet> nets = safety_nets(r);
  if (!nets.empty()) {
    std::vector<std::string> conditions;
    for (const SafetyNet& net : nets) conditions.push_back(net.condition);
    const LevelInfo& worst = *nets.front().if_it_appears;
    out << "  "
        << clipped(fmt::format("Not ruled out: {}. If a sign of it appears: {} The full report "
                               "says how to check.",
                               fmt::join(conditions, "; "), worst.meaning),
                   2, width, 4)
        << "\n";
  } else if (a.level != Level::Emergency) {
    out << "  "
        << clipped("If it gets much worse, or fever, numbness, weakness or trouble passing urine "
                   "appears, get help at once.",
                   2, width, 2)
        << "\n";
  }

  if (!style.report_paths.empty()) {
    out << "\n  Full report: " << text_safe(style.report_paths.front()) << "\n";
    for (std::size_t i = 1; i < style.report_paths.size(); ++i) {
      out << "               " << text_safe(style.report_paths[i]) << "\n";
    }
  }
  out << "  " << clipped("This is not a diagnosis.", 2, width, 1) << "\n\n";
  // The verdict once more, as the last line, in one line.
  const bool fits = banner.size() + 1 + level.meaning.size() <= width;
  out << paint.level(a.level, banner) << " " << paint.bold(fits ? level.meaning : level.title)
      << "\n";
}

}  // namespace psoas::report
