// The clinician's header of the Markdown and HTML reports: the facts a note starts with, in one
// line, from the answers and the assessment.
#include <fmt/format.h>

#include "engine/engine.hpp"
#include "model/answer_text.hpp"
#include "model/body.hpp"
#include "report/report.hpp"

namespace psoas::report {
namespace {

// The answer to the question with `id` in words, or "" when there is no such question or answer.
std::string words_of(const Result& r, std::string_view id) {
  const int q = r.rules.question_index(id);
  if (q < 0) return "";
  const Answer& a = r.answers.by_question[q];
  if (a.state == Answer::State::Unknown) return "not known";
  return answer_words(r.rules.questions[q], a);
}

std::string lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// A list all of whose questions that apply were answered as not picked ("none of these"), as
// "none of the nerve warning signs (6)".
std::vector<std::string> negatives(const Result& r) {
  std::vector<std::string> out;
  const std::vector<Answer> effective = engine::with_applicability(r.rules, r.answers.by_question);
  for (const QuestionGroup& g : r.rules.groups) {
    bool none_picked = true;
    int shown = 0;
    for (const GroupMember& m : g.members) {
      const Answer& a = effective[static_cast<std::size_t>(m.question)];
      if (a.state == Answer::State::NotApplicable) continue;
      ++shown;
      const QuestionType type = r.rules.questions[static_cast<std::size_t>(m.question)].type;
      const bool not_picked = type == QuestionType::YesNo  ? a.value == 0
                              : type == QuestionType::OneOf ? a.value == m.otherwise
                                                            : a.options == (std::uint64_t{1} << m.otherwise);
      none_picked = none_picked && a.given() && not_picked;
    }
    if (!none_picked || shown == 0) continue;
    std::string name = g.id;
    for (char& c : name) c = c == '_' ? ' ' : c;
    out.push_back(fmt::format("none of the {} ({})", name, shown));
  }
  return out;
}

}  // namespace

ClinicalHeader clinical_header(const Result& r) {
  ClinicalHeader h;
  h.when = std::string(r.when);
  h.case_id = r.answers.id.empty() ? "none" : r.answers.id;
  h.rule_set = fmt::format("{} {}", r.rules.id, r.rules.version);

  std::vector<std::string> parts;
  const std::string age = words_of(r, "age");
  parts.push_back(age.empty() ? "age not given" : "age " + age);
  const std::string sex = words_of(r, "sex");
  parts.push_back(sex.empty() ? "sex not given" : "sex " + lower(sex));
  const std::string side = side_text(r.rules, r.answers);
  parts.push_back(side.empty() ? "side not given" : side);
  const std::string weeks = words_of(r, "duration_weeks");
  parts.push_back(weeks.empty() ? "duration not given" : "duration " + weeks);
  const std::string pain = words_of(r, "pain_level");
  parts.push_back(pain.empty() ? "severity not given" : "pain " + pain + " of 10");
  std::vector<std::string_view> sites;
  const std::uint32_t regions = pain_regions(r.rules, r.answers);
  for (std::size_t i = 0; i < kBodyRegionNames.size(); ++i) {
    if ((regions >> i) & 1U) sites.push_back(kBodyRegionNames[i]);
  }
  parts.push_back(sites.empty() ? "site not given" : fmt::format("{}", fmt::join(sites, ", ")));

  const Assessment& a = r.assessment;
  std::vector<std::string> positives;
  for (const FlagResult& f : a.fired) positives.push_back(f.flag->title);
  for (const FlagResult& f : a.not_excluded) positives.push_back("not excluded: " + f.flag->title);
  if (!a.structures.empty()) {
    positives.push_back(fmt::format("{} ({})", a.structures.front().structure->name,
                                    likelihood_id(a.structures.front().likelihood)));
  }
  const std::vector<std::string> no = negatives(r);
  h.summary =
      fmt::format("{}. Positives: {}. Negatives: {}.", fmt::join(parts, "; "),
                  positives.empty() ? "none" : fmt::format("{}", fmt::join(positives, "; ")),
                  no.empty() ? "none recorded" : fmt::format("{}", fmt::join(no, "; ")));
  return h;
}

}  // namespace psoas::report
