#pragma once
// Renders an evaluation on vignettes, with published baselines for scale.
#include <ostream>

#include "analysis/evaluation.hpp"
#include "model/ruleset.hpp"

namespace psoas::report {

void render_evaluation_text(std::ostream& out, const RuleSet& rules,
                            const analysis::EvaluationReport& report);
void render_evaluation_json(std::ostream& out, const RuleSet& rules,
                            const analysis::EvaluationReport& report);

}  // namespace psoas::report
