#pragma once
// How well the triage does on a set of vignettes: the measures that vignette studies of symptom
// checkers report (Semigran et al., BMJ 2015; Hill et al., MJA 2020; Schmieding et al., JMIR 2022).
#include <array>
#include <string>
#include <vector>

#include "model/answers.hpp"
#include "model/ruleset.hpp"

namespace psoas::analysis {

struct Vignette {
  std::string name;
  Answers answers;  // with `expect` set
};

struct Miss {
  std::string name;
  Level expected_level;
  Level got_level;
  std::string expected_structure;
  std::string got_structure;
};

struct Proportion {
  int hits = 0;
  int total = 0;
  double value() const { return total ? static_cast<double>(hits) / total : 0.0; }
  // Wilson score interval at 95%.
  std::pair<double, double> interval() const;
};

struct EvaluationReport {
  int cases = 0;
  Proportion exact;                     // level exactly right
  std::array<Proportion, 4> per_level;  // by expected level (level_index)
  Proportion emergency_sensitivity;     // expected emergencies called emergency
  Proportion under_triage;              // called less urgent than expected
  Proportion over_triage;               // called more urgent than expected
  double mean_level_distance = 0;
  Proportion structure;                 // top structure right ("none" when no structure)
  std::array<std::array<int, 4>, 4> confusion{};  // [expected][got], by level_index
  std::vector<Miss> misses;
};

EvaluationReport evaluate_vignettes(const RuleSet& rules, const std::vector<Vignette>& vignettes);

}  // namespace psoas::analysis
