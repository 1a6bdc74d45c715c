#pragma once
// A machine-checked safety proof of a rule set's question script.
//
// The verdict is the highest level among the red flags that hold (with a see-professional floor
// for those not excluded), and each red flag's value depends only on its *cone*: the questions
// it reads plus, transitively, the questions their ask-conditions read. So exploring every
// reachable combination of answer classes within each cone explores every path of the script as
// far as that flag can tell. Answer classes split each domain where some condition could tell
// values apart: each option, numbers cut at every threshold used, subsets of the options read,
// and always "don't know" and unanswered. Every combination is run through the real engine.
#include <string>
#include <vector>

#include "model/answers.hpp"
#include "model/ruleset.hpp"

namespace psoas::analysis {

struct Violation {
  std::string property;
  std::string message;
  std::vector<Answer> counterexample;  // empty when no answer file can show it
};

struct PropertyResult {
  std::string id;
  std::string statement;
  long cases = 0;  // how many situations were checked
  bool proved = true;
};

struct CheckReport {
  std::vector<PropertyResult> properties;
  std::vector<Violation> violations;
  int cones = 0;
  long combinations = 0;  // reachable answer combinations explored, summed over cones
  long classes = 0;       // answer classes, summed over the questions of each cone
};

// Combinations a cone may hold before it is refused as too large to explore.
inline constexpr long kMaxConeCombinations = 2'000'000;

CheckReport check(const RuleSet& rules);

}  // namespace psoas::analysis
