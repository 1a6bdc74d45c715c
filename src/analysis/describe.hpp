#pragma once
// Conditions written out for people: "fever = yes and (age >= 50 or age < 20)".
#include <string>

#include "model/ruleset.hpp"

namespace psoas::analysis {

std::string describe(const RuleSet& rules, const Condition& condition);

}  // namespace psoas::analysis
