#pragma once
// What is legal in a rule set but suspicious. (What is illegal, the loader already reports.)
#include <vector>

#include "model/ruleset.hpp"
#include "util/error.hpp"

namespace psoas::analysis {

// Warnings: a source never cited, an option no condition reads, a structure no rule supports,
// and an evidence rule whose wording echoes a question it does not read.
Errors lint_warnings(const RuleSet& rules);

}  // namespace psoas::analysis
