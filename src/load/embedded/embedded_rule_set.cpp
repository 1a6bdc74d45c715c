// Kept apart from the rest of load/ so the build tool that makes the blob can link without it.
#include <fmt/format.h>

#include "load/embedded_rules.hpp"
#include "load/rules_blob.hpp"
#include "load/ruleset_loader.hpp"

namespace psoas::load {

std::optional<RuleSet> load_embedded_rule_set(Errors& errors) {
  auto rules = rules_from_blob(embedded_rule_blob());
  if (!rules) errors.push_back({{}, "the built-in rule set is damaged; rebuild the program"});
  return rules;
}

}  // namespace psoas::load
