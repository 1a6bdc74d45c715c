#include "interview/session.hpp"

#include <algorithm>

#include "engine/engine.hpp"

namespace psoas::interview {

Session::Session(const RuleSet& rules, Answers start) : rules_(rules), answers_(std::move(start)) {
  answers_.by_question.resize(rules_.questions.size());
  // Answers resumed from a file can be gone back to as well, in script order.
  for (std::size_t q = 0; q < answers_.by_question.size(); ++q) {
    if (answers_.by_question[q].state != Answer::State::Missing) history_.push_back(static_cast<int>(q));
  }
  advance(-1);
}

void Session::advance(int after) { current_ = engine::next_question(rules_, answers_.by_question, after); }

void Session::answer(const Answer& answer) {
  if (!current_) return;
  const int question = *current_;
  answers_.by_question[question] = answer;
  engine::drop_inapplicable(rules_, answers_.by_question);
  std::erase_if(history_, [&](int q) {
    return q == question || answers_.by_question[q].state == Answer::State::Missing;
  });
  history_.push_back(question);
  // Questions skipped by going back and still unanswered come first.
  advance(-1);
}

bool Session::back() {
  // From the current question, the previous one is the last answered before it.
  if (history_.empty()) return false;
  current_ = history_.back();
  history_.pop_back();
  return true;
}

const QuestionGroup* Session::current_group() const {
  if (!current_) return nullptr;
  for (const QuestionGroup& group : rules_.groups) {
    if (group.questions.front() != *current_) continue;
    const bool fresh = std::all_of(group.questions.begin(), group.questions.end(), [&](int q) {
      return answers_.by_question[q].state == Answer::State::Missing;
    });
    return fresh ? &group : nullptr;
  }
  return nullptr;
}

void Session::answer_group(const std::vector<Answer>& answers) {
  const QuestionGroup* group = current_group();
  if (!group) return;
  for (std::size_t i = 0; i < group->questions.size() && i < answers.size(); ++i) {
    answer(answers[i]);  // the group's questions are consecutive and always asked
  }
}

int Session::answered() const {
  return static_cast<int>(std::count_if(answers_.by_question.begin(), answers_.by_question.end(),
                                         [](const Answer& a) {
                                           return a.state != Answer::State::Missing;
                                         }));
}

int Session::number() const { return static_cast<int>(history_.size()) + 1; }

int Session::remaining() const {
  const auto effective = engine::with_applicability(rules_, answers_.by_question);
  return static_cast<int>(std::count_if(effective.begin(), effective.end(), [](const Answer& a) {
    return a.state == Answer::State::Missing;
  }));
}

}  // namespace psoas::interview
