#pragma once
// Builds a RuleSet from YAML files, checking every reference and reporting each mistake with
// its place. A folder's *.yaml files are read in name order; each top-level key lives in one file.
#include <optional>
#include <span>
#include <string>

#include "model/ruleset.hpp"
#include "util/error.hpp"

namespace psoas::load {

struct RuleFile {
  std::string name;
  std::string text;
};

std::optional<RuleSet> load_rule_set(std::span<const RuleFile> files, Errors& errors);

// A .yaml file or a folder of them.
std::optional<RuleSet> load_rule_set_path(const std::string& path, Errors& errors);

// The rule set compiled into the binary.
std::optional<RuleSet> load_embedded_rule_set(Errors& errors);

}  // namespace psoas::load
