#pragma once
// Shared fixtures: the shipped rule set, and answers built from YAML text.
#include <doctest/doctest.h>

#include <string>

#include "load/answers_loader.hpp"
#include "load/ruleset_loader.hpp"

namespace psoas::test {

inline const RuleSet& shipped_rules() {
  static const RuleSet rules = [] {
    Errors errors;
    auto loaded = load::load_embedded_rule_set(errors);
    REQUIRE_MESSAGE(loaded.has_value(), (errors.empty() ? "" : to_string(errors.front())));
    return *loaded;
  }();
  return rules;
}

inline Answers answers_from(const std::string& yaml, const RuleSet& rules = shipped_rules()) {
  Errors errors;
  auto answers = load::parse_answers(yaml, "test.yaml", rules, errors);
  REQUIRE_MESSAGE(answers.has_value(), (errors.empty() ? "" : to_string(errors.front())));
  return *answers;
}

// The errors from parsing `yaml` as answers, each "file:line:col: message", one per line.
inline std::string answer_error(const std::string& yaml) {
  Errors errors;
  auto answers = load::parse_answers(yaml, "test.yaml", shipped_rules(), errors);
  REQUIRE_FALSE(answers.has_value());
  REQUIRE_FALSE(errors.empty());
  std::string out = to_string(errors.front());
  for (std::size_t i = 1; i < errors.size(); ++i) out += "\n" + to_string(errors[i]);
  return out;
}

// Every answer that rules out all red flags of the shipped rule set, as YAML lines.
inline const char* kAllClear = R"(
  age: 35
  sex: male
  testicle_pain: no
  saddle_numbness: no
  bladder_bowel: no
  both_legs: no
  leg_weakness: no
  collapse: no
  fever: no
  infection_risk: [none]
  injury: none
  weight_bearing: normal
  anticoagulant: no
  leg_numbness: no
  thigh_numb_knee_gives: no
  swollen_leg: no
  groin_lump: none
  nausea: no
  red_warm_skin: no
  right_lower_belly: no
  cancer_history: no
  weight_loss: no
  night_pain: no
  onset: gradual
  pain_level: 4
  duration_weeks: 2
  improving: better
  side: left
  morning_stiffness: no
  hip_catching: no
)";

// The all-clear answers with some lines ("  key: value\n") replaced or added.
inline std::string all_clear_with(const std::string& lines) {
  std::string clear = kAllClear;
  std::size_t pos = 0;
  while (pos < lines.size()) {
    const std::size_t end = lines.find('\n', pos);
    const std::string entry = lines.substr(pos, end - pos);
    const std::size_t colon = entry.find(':');
    if (colon != std::string::npos) {
      const std::size_t at = clear.find("\n" + entry.substr(0, colon + 1));
      if (at != std::string::npos) clear.erase(at, clear.find('\n', at + 1) - at);
    }
    pos = end == std::string::npos ? lines.size() : end + 1;
  }
  return "answers:" + clear + lines;
}

}  // namespace psoas::test
