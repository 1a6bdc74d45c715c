#pragma once
// An interview in progress: which question is current, the answers so far, and the path taken,
// so `back` can return to the previous question. Pure state; the terminal loop lives in cli/.
#include <optional>
#include <vector>

#include "model/answers.hpp"
#include "model/ruleset.hpp"

namespace psoas::interview {

class Session {
 public:
  Session(const RuleSet& rules, Answers start);

  const Answers& answers() const { return answers_; }
  // The question to ask now, or nullopt when every question that applies has an answer.
  std::optional<int> current() const { return current_; }

  // Records an answer to the current question and moves on. Answers to later questions that no
  // longer apply are dropped.
  void answer(const Answer& answer);

  // Returns to the previously answered question; false at the first question.
  bool back();

  // The group to show as one list now: the current question is the first of a group that
  // applies, two or more of the group's questions apply and none has an answer yet, or `back`
  // has just returned to the list; nullptr otherwise.
  const QuestionGroup* current_group() const;
  // Answers the questions a list showed (`members`, in order) and moves on.
  void answer_group(const std::vector<int>& members, const std::vector<Answer>& answers);

  // How many questions have been answered, and about how many prompts are left, this one
  // included (it can change); `grouped` counts a group's questions as one list.
  int answered() const;
  int remaining(bool grouped) const;
  // The current prompt's place in the interview: prompts answered before it, plus one (after
  // `back`, the prompt gone back to keeps its number).
  int number() const;

 private:
  void advance(int after);
  void record(std::vector<int> step);

  const RuleSet& rules_;
  Answers answers_;
  std::optional<int> current_;
  // Prompts answered, in order: one question, or the questions one list answered.
  std::vector<std::vector<int>> history_;
  const QuestionGroup* back_to_group_ = nullptr;  // `back` returned to this list
};

}  // namespace psoas::interview
