#pragma once
// Renderers: each takes the model and a stream, and nothing else prints a report.
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "model/answers.hpp"
#include "model/assessment.hpp"
#include "model/ruleset.hpp"
#include "report/body_map.hpp"

namespace psoas::report {

struct Result {
  const RuleSet& rules;
  const Answers& answers;
  const Assessment& assessment;
  std::string_view when = {};  // when the report is made ("2026-12-02 01:05 UTC"); the caller's clock
};

struct TextStyle {
  bool color = false;
  bool unicode = false;  // block characters in the body map
};

void render_text(std::ostream& out, const Result& result, const TextStyle& style);

struct SummaryStyle {
  bool color = false;
  std::size_t width = 80;                 // the terminal's columns
  std::vector<std::string> report_paths;  // where the full report was written
};
// One screen for the end of an interview: at most 24 lines at 80 columns.
void render_summary(std::ostream& out, const Result& result, const SummaryStyle& style);
void render_json(std::ostream& out, const Result& result);
void render_markdown(std::ostream& out, const Result& result);
// One self-contained page (inline styles and SVG, no scripts) that prints well.
void render_html(std::ostream& out, const Result& result);

// "psoas-triage VERSION; rule set ID VERSION sha256:…; answers sha256:…": which tool, rules and
// answers made a result, so the same inputs can be shown to give the same verdict later.
std::string provenance(const Result& result);

std::string_view likelihood_id(Likelihood likelihood);

// What the Markdown and HTML reports open with, for a clinician's notes: when, which case, which
// rule set, and one line of the facts that matter (age, sex, side, duration, severity, site, the
// key positives and negatives).
struct ClinicalHeader {
  std::string when;      // "" when the caller gave no time
  std::string case_id;   // "none" without one
  std::string rule_set;  // "iliopsoas 2.4.0"
  std::string summary;
};
ClinicalHeader clinical_header(const Result& result);

// The body-map regions a set of answers marks as painful, as bits of kBodyRegions.
std::uint32_t pain_regions(const RuleSet& rules, const Answers& answers);

// Which side hurts, from the rule set's side question; Both when it is not known.
Side side_of(const RuleSet& rules, const Answers& answers);
// "left side", "right side", "both sides", or "" when the side question was not answered.
std::string side_text(const RuleSet& rules, const Answers& answers);

// What a report leads with, in every format. A fired urgent or emergency look-alike flag comes
// first, and then the pain is probably not muscular; else a look-alike structure that ranks
// first (the pattern fits it better than the iliopsoas); else the iliopsoas structure that
// ranks first; else nothing is named.
struct Cause {
  enum class Kind { Lookalike, Pattern, Iliopsoas, Unclear };
  Kind kind = Kind::Unclear;
  std::string name;                 // the condition or structure named
  std::string detail;               // why: the flag's explanation, or what tells it apart
  const SourceIds* sources = nullptr;
  bool muscular() const { return kind == Kind::Iliopsoas; }
};
Cause leading_cause(const Result& result);

// The safety net every format leads with when an urgent or emergency red flag could not be ruled
// out: the condition in words, how to check each sign that was not known, and what to do if one
// appears (the flag's level action).
struct SafetyNet {
  const RedFlag* flag = nullptr;
  std::string condition;                      // the look-alike, or the flag's title
  std::vector<std::pair<const Question*, std::string>> checks;  // question, how to check it
  const LevelInfo* if_it_appears = nullptr;   // what to do then
};
std::vector<SafetyNet> safety_nets(const Result& result);
std::string_view cause_kind_id(Cause::Kind kind);

}  // namespace psoas::report
