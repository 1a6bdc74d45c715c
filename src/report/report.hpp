#pragma once
// Renderers: each takes the model and a stream, and nothing else prints a report.
#include <cstdint>
#include <ostream>
#include <string_view>

#include "model/answers.hpp"
#include "model/assessment.hpp"
#include "model/ruleset.hpp"

namespace psoas::report {

struct Result {
  const RuleSet& rules;
  const Answers& answers;
  const Assessment& assessment;
};

struct TextStyle {
  bool color = false;
  bool unicode = false;  // block characters in the body map
};

void render_text(std::ostream& out, const Result& result, const TextStyle& style);
void render_json(std::ostream& out, const Result& result);
void render_markdown(std::ostream& out, const Result& result);
// One self-contained page (inline styles and SVG, no scripts) that prints well.
void render_html(std::ostream& out, const Result& result);

// "psoas-triage VERSION; rule set ID VERSION sha256:…; answers sha256:…": which tool, rules and
// answers made a result, so the same inputs can be shown to give the same verdict later.
std::string provenance(const Result& result);

std::string_view likelihood_id(Likelihood likelihood);

// The body-map regions a set of answers marks as painful, as bits of kBodyRegions.
std::uint32_t pain_regions(const RuleSet& rules, const Answers& answers);

}  // namespace psoas::report
