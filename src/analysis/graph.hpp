#pragma once
// The question script as a Graphviz DOT graph: questions in order, the conditions that gate them,
// and the red flags with the levels they set.
#include <ostream>

#include "model/ruleset.hpp"

namespace psoas::analysis {

void write_dot(std::ostream& out, const RuleSet& rules);

}  // namespace psoas::analysis
