#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "model/answer_text.hpp"
#include "report/report.hpp"

namespace psoas::report {
namespace {

// ANSI styles, used only when the caller says colour is wanted.
class Paint {
 public:
  explicit Paint(bool on) : on_(on) {}
  std::string operator()(std::string_view code, std::string_view text) const {
    return on_ ? fmt::format("\033[{}m{}\033[0m", code, text) : std::string(text);
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

// Collects cited sources in first-cited order, for the closing list.
class Citations {
 public:
  std::string cite(const SourceIds& ids) {
    for (const std::string& id : ids) {
      if (std::find(order_.begin(), order_.end(), id) == order_.end()) order_.push_back(id);
    }
    return fmt::format("[{}]", fmt::join(ids, ", "));
  }
  const std::vector<std::string>& order() const { return order_; }

 private:
  std::vector<std::string> order_;
};

// Wraps text to `width` columns after an indent.
std::string wrap(std::string_view text, std::size_t indent, std::size_t width = 78) {
  std::string out;
  std::size_t column = indent;
  std::size_t start = 0;
  bool first = true;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    if (!word.empty()) {
      if (!first && column + 1 + word.size() > width) {
        out += '\n' + std::string(indent, ' ');
        column = indent;
      } else if (!first) {
        out += ' ';
        ++column;
      }
      out += word;
      column += word.size();
      first = false;
    }
    start = end + 1;
  }
  return out;
}

std::string answers_read(const RuleSet& rules, const Answers& answers,
                         const std::vector<int>& questions) {
  std::vector<std::string> parts;
  for (int q : questions) {
    std::string token = answer_token(rules.questions[q], answers.by_question[q]);
    parts.push_back(fmt::format("{} = {}", rules.questions[q].id,
                                token.empty() ? "unanswered" : token));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

}  // namespace

void render_text(std::ostream& out, const Result& r, const TextStyle& style) {
  const Paint paint(style.color);
  Citations cite;
  const Assessment& a = r.assessment;
  const LevelInfo& level = r.rules.levels[level_index(a.level)];

  std::string upper(level_id(a.level));
  std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
  out << paint.level(a.level, fmt::format(" {} ", upper)) << "  " << paint.bold(level.title)
      << "\n";
  out << "  " << wrap(level.action + " " + cite.cite(level.sources), 2) << "\n\n";

  out << paint.bold("Why") << "\n";
  if (a.fired.empty() && a.not_excluded.empty()) {
    out << "  No red flag holds for these answers.\n";
  }
  for (const FlagResult& f : a.fired) {
    out << "  " << paint.level(f.flag->level, "!") << " "
        << paint.bold(f.flag->title) << " (" << level_id(f.flag->level) << ")\n";
    out << "    " << wrap(f.flag->explain + " " + cite.cite(f.flag->sources), 4) << "\n";
    out << "    " << paint.dim(wrap("answers: " + answers_read(r.rules, r.answers, f.questions), 4))
        << "\n";
  }
  for (const FlagResult& f : a.not_excluded) {
    std::vector<std::string> ids;
    for (int q : f.unknown) ids.push_back(r.rules.questions[q].id);
    out << "  ? Not excluded: " << f.flag->title << " (" << level_id(f.flag->level) << ")\n";
    out << "    "
        << wrap(fmt::format("Could not be ruled out: unanswered or \"don't know\": {}. {}",
                            fmt::join(ids, ", "), cite.cite(f.flag->sources)),
                4)
        << "\n";
  }

  out << "\n" << paint.bold("Likely muscle involvement") << " "
      << paint.dim("(strength of evidence, not a probability)") << "\n";
  if (a.structures.empty()) out << "  No answer points to a particular structure.\n";
  int rank = 0;
  for (const StructureResult& s : a.structures) {
    out << "  " << ++rank << ". " << paint.bold(s.structure->name) << ": "
        << likelihood_id(s.likelihood) << " (" << s.score << (s.score == 1 ? " point) " : " points) ")
        << cite.cite(s.structure->sources) << "\n";
    for (const EvidenceHit& e : s.evidence) {
      out << "     " << (e.weight > 0 ? "+" : "") << e.weight << " "
          << wrap(e.rule->because + " " + cite.cite(e.rule->sources), 8) << "\n";
    }
    if (!s.structure->note.empty() && rank <= 2) {
      out << "     " << paint.dim(wrap("Note: " + s.structure->note, 5)) << "\n";
    }
  }

  if (!a.advice.empty()) {
    out << "\n" << paint.bold(a.level == Level::SelfCare ? "Self-care plan" : "Meanwhile")
        << "\n";
    for (const Advice* advice : a.advice) {
      out << "  - " << paint.bold(advice->title) << " " << cite.cite(advice->sources) << "\n";
      out << "    " << wrap(advice->how, 4) << "\n";
      if (!advice->dosage.empty()) out << "    Dose: " << wrap(advice->dosage, 10) << "\n";
      if (!advice->caveat.empty()) out << "    Caution: " << wrap(advice->caveat, 13) << "\n";
    }
  }

  if (!a.unanswered.empty()) {
    std::vector<std::string> ids;
    for (int q : a.unanswered) ids.push_back(r.rules.questions[q].id);
    out << "\n" << paint.bold("Unanswered or \"don't know\"") << "\n  "
        << wrap(fmt::format("{}", fmt::join(ids, ", ")), 2) << "\n";
  }

  out << "\n" << paint.bold("Sources") << "\n";
  for (const std::string& id : cite.order()) {
    if (const Source* s = r.rules.source(id)) {
      out << "  " << wrap(fmt::format("[{}] {}. {}", id, s->title, s->where), 4) << "\n";
    }
  }
  out << "\n" << wrap(r.rules.disclaimer, 0) << "\n";
  out << paint.dim(fmt::format("Rule set {} {} (sha256 {})", r.rules.id, r.rules.version,
                               r.rules.hash.substr(0, 16)))
      << "\n";
}

std::string_view likelihood_id(Likelihood likelihood) {
  switch (likelihood) {
    case Likelihood::High: return "high";
    case Likelihood::Moderate: return "moderate";
    case Likelihood::Low: return "low";
  }
  return "?";
}

}  // namespace psoas::report
