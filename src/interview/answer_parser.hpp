#pragma once
// Reads what a person types at a prompt: an answer to the question, or a command. Forgiving by
// design: y/yes/n/no, "don't know" in its usual spellings, an option's number, id, text or an
// unambiguous prefix of one, several options separated by commas or spaces, a number in range.
#include <string>
#include <string_view>
#include <variant>

#include "model/answers.hpp"
#include "model/ruleset.hpp"

namespace psoas::interview {

enum class Command { Help, Back, Quit };

// What was typed could not be read; `message` says what is accepted.
struct Invalid {
  std::string message;
};

using Typed = std::variant<Answer, Command, Invalid>;

Typed parse_typed(const Question& question, std::string_view line);

// The accepted answers, as shown under a prompt.
std::string accepted_answers(const Question& question);

// A group of yes/no questions as one many-of list: one option per question (its short item
// text), then "none of these".
Question group_as_list(const RuleSet& rules, const QuestionGroup& group);

// What a list answer means for each question of the group: the ones picked yes, the rest no;
// "none of these" all no. An empty result means "not sure": ask them one by one.
std::vector<Answer> group_answers(const QuestionGroup& group, const Answer& list_answer);

}  // namespace psoas::interview
