#pragma once
// Reads the rule-set sections that only the quick reference uses: `trigger_points`,
// `differential` and `card`. They name structures and red flags, so they are read after those.
#include "load/document.hpp"
#include "model/ruleset.hpp"

namespace psoas::load {

void read_trigger_points(const Node& list, RuleSet& rules, Errors& errors);
void read_differential(const Node& list, RuleSet& rules, Errors& errors);
void read_card(const Node& node, RuleSet& rules, Errors& errors);

}  // namespace psoas::load
