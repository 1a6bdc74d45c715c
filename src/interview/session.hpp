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

  // The group to show as one list now: the current question opens a group none of whose
  // questions has an answer yet; nullptr otherwise.
  const QuestionGroup* current_group() const;
  // Answers each question of the current group (in its order) and moves on.
  void answer_group(const std::vector<Answer>& answers);

  // How many questions have been answered, and about how many are left (it can change).
  int answered() const;
  int remaining() const;
  // The current question's place in the interview: answers before it, plus one (after `back`,
  // the question gone back to keeps its number).
  int number() const;

 private:
  void advance(int after);

  const RuleSet& rules_;
  Answers answers_;
  std::optional<int> current_;
  std::vector<int> history_;  // questions answered in this session, in order
};

}  // namespace psoas::interview
