#pragma once
// Renders an evaluation on vignettes, with published baselines for scale.
#include <ostream>
#include <string_view>

#include "analysis/evaluation.hpp"
#include "model/ruleset.hpp"

namespace psoas::report {

// Where the vignettes were read from and what identifies them (see cli/eval.cpp): with the tool
// version and the rule set's hash, `hash` is the evaluation's provenance stamp.
struct VignetteSource {
  std::string_view path;
  std::string_view hash;
};

// Both formats say, beside the figures, what they can and cannot show: agreement with the
// expectations written in the files, which is a regression check when the files were written
// with the rules in view, and never a measure of clinical accuracy.
void render_evaluation_text(std::ostream& out, const RuleSet& rules,
                            const analysis::EvaluationReport& report, const VignetteSource& source);
void render_evaluation_json(std::ostream& out, const RuleSet& rules,
                            const analysis::EvaluationReport& report, const VignetteSource& source);

}  // namespace psoas::report
