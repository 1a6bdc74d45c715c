#pragma once
// Renderers for the clinician's quick reference.
#include <ostream>
#include <vector>

#include "model/ruleset.hpp"
#include "reference/reference.hpp"
#include "report/report.hpp"

namespace psoas::report {

void render_topics_text(std::ostream& out, const std::vector<reference::Topic>& topics,
                        const RuleSet& rules, const TextStyle& style);
// Structure entries carry a body map of their referral zone when `body_maps` is set.
void render_reference_text(std::ostream& out, const RuleSet& rules,
                           const std::vector<reference::Entry>& entries, const TextStyle& style,
                           bool body_maps);
void render_reference_markdown(std::ostream& out, const RuleSet& rules,
                               const std::vector<reference::Entry>& entries);
void render_reference_json(std::ostream& out, const RuleSet& rules,
                           const std::vector<reference::Entry>& entries);

}  // namespace psoas::report
