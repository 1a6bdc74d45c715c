#pragma once
// What changed between two rule sets: questions, red flags, levels, conditions and weights.
#include <string>
#include <vector>

#include "model/ruleset.hpp"

namespace psoas::analysis {

// One line each, "+ added", "- removed" or "~ changed", in rule-set order.
std::vector<std::string> diff_rules(const RuleSet& old_rules, const RuleSet& new_rules);

}  // namespace psoas::analysis
