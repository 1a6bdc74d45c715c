#pragma once
// The rule engine: a rule set and answers in, an assessment out. No input, no output, no state.
#include <optional>
#include <span>
#include <vector>

#include "model/answers.hpp"
#include "model/assessment.hpp"
#include "engine/condition.hpp"
#include "model/ruleset.hpp"

namespace psoas::engine {

// Everything the engine computes for one set of answers, in buffers the caller may reuse, so a
// batch of many cases allocates nothing per case once they are warm.
struct Evaluation {
  Level level = Level::SelfCare;
  std::vector<Tri> flags;           // per red flag
  int lookalike = -1;               // the leading look-alike red flag (see Assessment), or -1
  std::vector<char> evidence;       // per evidence rule: 1 if it applies
  std::vector<int> scores;          // per structure: evidence points
  std::vector<int> strongest;       // per structure: the weight of its strongest single sign
  std::vector<Answer> effective;    // the answers with applicability marked
};

void evaluate(const RuleSet& rules, const std::vector<Answer>& answers, Evaluation& out);

// Whether structure `x` ranks before structure `y`: more points, or as many and a stronger single
// sign (a distinctive sign, like the squeeze test for the adductors, says more than the same
// points from several common ones). Otherwise neither does, and rule-set order stands.
bool ranks_before(const Evaluation& e, int x, int y);

// The verdict is the highest level of any red flag that holds; a red flag that answers cannot
// rule out raises it to at least see-professional; nothing lowers it. assess() is evaluate()
// with the explanation: which answers each flag and each piece of evidence rests on.
Assessment assess(const RuleSet& rules, const std::vector<Answer>& answers);

// Whether `advice` is shown at `level` to a person with these (effective) answers and red-flag
// values: its level fits, its `when` is definitely true and its `not_for` definitely false, so
// "don't know" on anything that would make it unsafe withholds it.
bool advice_shown(const Advice& advice, Level level, const std::vector<Answer>& effective,
                  std::span<const Tri> flags);

// How strong `score` evidence points are, by the rule set's marks.
Likelihood likelihood_of(const RuleSet& rules, int score);

// The verdict alone, by the same rule as assess(), without the explanation.
Level verdict(const RuleSet& rules, const std::vector<Answer>& answers);

// For analysis, which explores many answer sets that differ in a few questions:
// with_applicability() in place for `questions` only (sorted, and closed under the questions
// their ask-conditions read), and the verdict over some flags of answers already marked.
void mark_applicability(const RuleSet& rules, std::vector<Answer>& answers,
                        std::span<const int> questions);
Level verdict_over(std::span<const RedFlag* const> flags, const std::vector<Answer>& effective);

// Whether the interview skips `q` given `answers`: it is no longer asked (`replaced_by`), or its
// ask-condition is definitely false.
bool skipped(const Question& q, const std::vector<Answer>& answers);

// The answers with every unanswered question that is skipped (see skipped()) marked
// NotApplicable, in question order so that follow-ups of follow-ups are skipped too.
std::vector<Answer> with_applicability(const RuleSet& rules, const std::vector<Answer>& answers);

// The first question after `after` that applies and has no answer yet, if any.
std::optional<int> next_question(const RuleSet& rules, const std::vector<Answer>& answers,
                                 int after);

// Clears answers to questions that no longer apply (after an earlier answer changed).
void drop_inapplicable(const RuleSet& rules, std::vector<Answer>& answers);

// The red flags of `level` that hold now whatever the questions still unanswered will get (for
// stopping an interview early): a check that a question is unanswered does not count while the
// interview can still ask it.
std::vector<const RedFlag*> flags_holding(const RuleSet& rules, const std::vector<Answer>& answers,
                                          Level level);

}  // namespace psoas::engine
