#pragma once
// Reads what a person types at a prompt: an answer to the question, or a command. Forgiving by
// design: y/yes/n/no, "don't know" in its usual spellings, an option's number, id, text or an
// unambiguous prefix of one, several options separated by commas or spaces, a number in range.
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

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

// A group as one many-of list, as it is shown now: a line for each yes/no question and for each
// option of a choice question but its `otherwise`, for the members that apply (their ask_if is
// not false), then "none of these".
struct GroupList {
  Question list;
  std::vector<int> members;                  // the questions shown, in script order
  std::vector<std::pair<int, int>> lines;    // per line: index into members, option (-1: yes/no)
  std::vector<std::string> headings;         // per line: a heading shown above it, or ""
};
GroupList group_as_list(const RuleSet& rules, const QuestionGroup& group,
                        const std::vector<Answer>& answers);

// What a list answer means for each member shown: a yes/no question picked or not; a choice
// question the options picked, or its `otherwise` when none is. An empty result means "not
// sure": ask them one by one. Two lines of one one-of question are Invalid.
std::variant<std::vector<Answer>, Invalid> group_answers(const RuleSet& rules,
                                                         const QuestionGroup& group,
                                                         const GroupList& shown,
                                                         const Answer& list_answer);

// The lines that `answers` pick in a list (after going back to it), as typed: "fever, nausea",
// or "none"; empty when a member has no answer or "don't know".
std::string group_token(const RuleSet& rules, const GroupList& shown,
                        const std::vector<Answer>& answers);

}  // namespace psoas::interview
