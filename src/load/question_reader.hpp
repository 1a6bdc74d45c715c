#pragma once
// Reads the question script: `questions` (with their options, number bands and ask_if) and
// `groups` (questions asked as one list). Questions are read after `sources`, which they cite,
// and groups after questions, which they name.
#include "load/document.hpp"
#include "model/ruleset.hpp"

namespace psoas::load {

void read_questions(const Node& list, RuleSet& rules, Errors& errors);
void read_groups(const Node& list, RuleSet& rules, Errors& errors);

}  // namespace psoas::load
