#pragma once
// The shipped rule set, loaded once per fuzzing process.
#include <cstdlib>

#include "load/ruleset_loader.hpp"

namespace psoas::fuzz {

inline const RuleSet& shipped_rules() {
  static const RuleSet rules = [] {
    Errors errors;
    auto loaded = load::load_embedded_rule_set(errors);
    if (!loaded) std::abort();
    return *loaded;
  }();
  return rules;
}

}  // namespace psoas::fuzz
