#include "interview/session.hpp"

#include <algorithm>

#include "engine/engine.hpp"

namespace psoas::interview {

Session::Session(const RuleSet& rules, Answers start) : rules_(rules), answers_(std::move(start)) {
  answers_.by_question.resize(rules_.questions.size());
  // Answers resumed from a file can be gone back to as well, in script order.
  for (std::size_t q = 0; q < answers_.by_question.size(); ++q) {
    if (answers_.by_question[q].state != Answer::State::Missing) history_.push_back({static_cast<int>(q)});
  }
  advance(-1);
}

void Session::advance(int after) { current_ = engine::next_question(rules_, answers_.by_question, after); }

// Records a prompt answered: earlier prompts forget the questions it answered again and those
// that no longer apply, and questions skipped by going back and still unanswered come next.
void Session::record(std::vector<int> step) {
  engine::drop_inapplicable(rules_, answers_.by_question);
  for (std::vector<int>& earlier : history_) {
    std::erase_if(earlier, [&](int q) {
      return std::find(step.begin(), step.end(), q) != step.end() ||
             answers_.by_question[q].state == Answer::State::Missing;
    });
  }
  std::erase_if(history_, [](const std::vector<int>& earlier) { return earlier.empty(); });
  history_.push_back(std::move(step));
  back_to_group_ = nullptr;
  advance(-1);
}

void Session::answer(const Answer& answer) {
  if (!current_) return;
  answers_.by_question[*current_] = answer;
  record({*current_});
}

bool Session::back() {
  // From the current prompt, the previous one is the last answered before it.
  if (history_.empty()) return false;
  const std::vector<int> step = history_.back();
  history_.pop_back();
  current_ = step.front();
  back_to_group_ = nullptr;
  if (step.size() > 1) {
    for (const QuestionGroup& group : rules_.groups) {
      for (const GroupMember& m : group.members) {
        if (m.question == step.front()) back_to_group_ = &group;
      }
    }
  }
  return true;
}

namespace {

const QuestionGroup* group_of(const RuleSet& rules, int question) {
  for (const QuestionGroup& group : rules.groups) {
    for (const GroupMember& m : group.members) {
      if (m.question == question) return &group;
    }
  }
  return nullptr;
}

}  // namespace

const QuestionGroup* Session::current_group() const {
  if (!current_) return nullptr;
  const QuestionGroup* group = group_of(rules_, *current_);
  if (!group) return nullptr;
  if (group == back_to_group_) return group;
  const auto effective = engine::with_applicability(rules_, answers_.by_question);
  int applicable = 0;
  for (const GroupMember& m : group->members) {
    const Answer::State state = effective[m.question].state;
    if (state == Answer::State::NotApplicable) continue;
    if (state != Answer::State::Missing) return nullptr;  // part answered: one at a time
    ++applicable;
  }
  return applicable >= 2 ? group : nullptr;  // a list of one is a question
}

void Session::answer_group(const std::vector<int>& members, const std::vector<Answer>& answers) {
  if (members.empty() || members.size() != answers.size()) return;
  for (std::size_t i = 0; i < members.size(); ++i) answers_.by_question[members[i]] = answers[i];
  record(members);
}

int Session::answered() const {
  return static_cast<int>(std::count_if(answers_.by_question.begin(), answers_.by_question.end(),
                                         [](const Answer& a) {
                                           return a.state != Answer::State::Missing;
                                         }));
}

int Session::number() const { return static_cast<int>(history_.size()) + 1; }

int Session::remaining(bool grouped) const {
  const auto effective = engine::with_applicability(rules_, answers_.by_question);
  int left = 0;
  const QuestionGroup* counted = nullptr;
  for (std::size_t q = 0; q < effective.size(); ++q) {
    if (effective[q].state != Answer::State::Missing) continue;
    const QuestionGroup* group = grouped ? group_of(rules_, static_cast<int>(q)) : nullptr;
    if (group && group == counted) continue;  // the rest of a list already counted
    counted = group;
    ++left;
  }
  // After `back`, the prompt gone back to is answered yet still to come.
  if (current_ && effective[*current_].state != Answer::State::Missing) ++left;
  return left;
}

}  // namespace psoas::interview
