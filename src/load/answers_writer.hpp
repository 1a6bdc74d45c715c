#pragma once
// Writes answers as an answer file that load/answers_loader reads back unchanged.
#include <string>
#include <string_view>

#include "model/answers.hpp"
#include "model/ruleset.hpp"

namespace psoas::load {

// `comment` lines are written first, each prefixed with "# ".
std::string answers_to_yaml(const RuleSet& rules, const Answers& answers,
                            std::string_view comment = {});

}  // namespace psoas::load
