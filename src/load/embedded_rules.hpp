#pragma once
// The built-in rule set, compiled in by the build (tools/embed_rules) as a binary blob.
#include <string_view>

namespace psoas::load {

std::string_view embedded_rule_blob();

}  // namespace psoas::load
