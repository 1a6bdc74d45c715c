#include "analysis/evaluation.hpp"

#include <cmath>
#include <cstdlib>

#include "engine/engine.hpp"

namespace psoas::analysis {

std::pair<double, double> Proportion::interval() const {
  if (total == 0) return {0.0, 0.0};
  constexpr double z = 1.959964;
  const double n = total;
  const double p = value();
  const double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
  const double half = z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n);
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

EvaluationReport evaluate_vignettes(const RuleSet& rules, const std::vector<Vignette>& vignettes) {
  EvaluationReport r;
  long distance = 0;
  for (const Vignette& v : vignettes) {
    const Assessment a = engine::assess(rules, v.answers.by_question);
    const Level expected = v.answers.expect->level.value_or(Level::SelfCare);
    const std::string& expected_structure = v.answers.expect->structure;
    // A look-alike flag that leads names no structure: the pain is probably not muscular.
    const std::string got_structure(top_structure_id(a));
    const int e = level_index(expected);
    const int g = level_index(a.level);
    ++r.cases;
    ++r.confusion[e][g];
    r.exact.hits += e == g;
    ++r.exact.total;
    r.per_level[e].hits += e == g;
    ++r.per_level[e].total;
    if (expected == Level::Emergency) {
      r.emergency_sensitivity.hits += g == e;
      ++r.emergency_sensitivity.total;
    }
    r.under_triage.hits += g < e;
    ++r.under_triage.total;
    r.over_triage.hits += g > e;
    ++r.over_triage.total;
    distance += std::abs(g - e);
    r.structure.hits += got_structure == expected_structure;
    ++r.structure.total;
    if (e != g || got_structure != expected_structure) {
      r.misses.push_back({v.name, expected, a.level, expected_structure, got_structure});
    }
  }
  r.mean_level_distance = r.cases ? static_cast<double>(distance) / r.cases : 0.0;
  return r;
}

}  // namespace psoas::analysis
