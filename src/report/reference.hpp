#pragma once
// Renderers for the clinician's quick reference.
#include <ostream>
#include <vector>

#include "model/ruleset.hpp"
#include "reference/reference.hpp"
#include "report/report.hpp"

namespace psoas::report {

// Structure and trigger-point entries carry a body map when `body_maps` is set. With `brief`,
// sources are numbered markers with one list at the end.
void render_reference_text(std::ostream& out, const RuleSet& rules,
                           const std::vector<reference::Entry>& entries, const TextStyle& style,
                           bool body_maps, bool brief = false);
void render_reference_markdown(std::ostream& out, const RuleSet& rules,
                               const std::vector<reference::Entry>& entries, bool brief = false);

// The one-screen card, laid out for `width` columns: red flags two to a row when they fit.
void render_card_text(std::ostream& out, const RuleSet& rules, const reference::CardView& card,
                      const TextStyle& style, std::size_t width);
void render_reference_json(std::ostream& out, const RuleSet& rules,
                           const std::vector<reference::Entry>& entries);

}  // namespace psoas::report
