#pragma once
// A rule set as a compact binary blob, so the built-in one is ready at start-up without parsing
// YAML. The build writes it (tools/embed_rules) from rules/*.yaml after loading and checking them;
// the binary reads it back. Loading the same files as YAML gives the same RuleSet and hash.
#include <optional>
#include <string>
#include <string_view>

#include "model/ruleset.hpp"

namespace psoas::load {

std::string rules_to_blob(const RuleSet& rules);

// nullopt if the blob is cut short or not one this version wrote.
std::optional<RuleSet> rules_from_blob(std::string_view blob);

}  // namespace psoas::load
