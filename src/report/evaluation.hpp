#pragma once
// Renders an evaluation on vignettes, with published baselines for scale.
#include <ostream>
#include <string_view>

#include "analysis/evaluation.hpp"
#include "model/ruleset.hpp"

namespace psoas::report {

// `vignettes_hash` identifies the vignettes (see cli/eval.cpp); with the tool version and the rule
// set's hash it is the evaluation's provenance stamp.
void render_evaluation_text(std::ostream& out, const RuleSet& rules,
                            const analysis::EvaluationReport& report,
                            std::string_view vignettes_hash);
void render_evaluation_json(std::ostream& out, const RuleSet& rules,
                            const analysis::EvaluationReport& report,
                            std::string_view vignettes_hash);

}  // namespace psoas::report
