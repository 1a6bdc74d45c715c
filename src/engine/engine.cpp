#include "engine/engine.hpp"

#include <algorithm>

#include "engine/condition.hpp"

namespace psoas::engine {
namespace {

FlagResult explain_flag(const RedFlag& flag, const std::vector<Answer>& answers) {
  FlagResult result{&flag, {}, {}};
  questions_read(flag.when, result.questions);
  for (int q : result.questions) {
    const auto state = answers[q].state;
    if (state == Answer::State::Missing || state == Answer::State::Unknown) {
      result.unknown.push_back(q);
    }
  }
  return result;
}

// The one place the verdict rule lives: a flag that holds raises the verdict to its level, and a
// flag that cannot be excluded raises it to at least see-professional. Nothing lowers it.
Level raised(Level level, const RedFlag& flag, Tri value) {
  if (value == Tri::True) return std::max(level, flag.level);
  if (value == Tri::Unknown) return std::max(level, std::min(flag.level, Level::SeeProfessional));
  return level;
}

void mark_applicability_all(const RuleSet& rules, std::vector<Answer>& answers) {
  for (std::size_t i = 0; i < rules.questions.size(); ++i) {
    if (answers[i].state == Answer::State::Missing && skipped(rules.questions[i], answers)) {
      answers[i].state = Answer::State::NotApplicable;
    }
  }
}

}  // namespace

bool skipped(const Question& q, const std::vector<Answer>& answers) {
  return !q.asked() || (q.has_condition && evaluate(q.ask_if, answers) == Tri::False);
}

bool advice_shown(const Advice& advice, Level level, const std::vector<Answer>& effective,
                  std::span<const Tri> flags) {
  if (std::find(advice.levels.begin(), advice.levels.end(), level) == advice.levels.end()) {
    return false;
  }
  if (advice.has_condition && evaluate(advice.when, effective, flags) != Tri::True) return false;
  return !advice.has_contraindication ||
         evaluate(advice.not_for, effective, flags) == Tri::False;
}

Likelihood likelihood_of(const RuleSet& rules, int score) {
  if (score >= rules.likely_high) return Likelihood::High;
  if (score >= rules.likely_moderate) return Likelihood::Moderate;
  return Likelihood::Low;
}

std::vector<Answer> with_applicability(const RuleSet& rules, const std::vector<Answer>& answers) {
  std::vector<Answer> out = answers;
  mark_applicability_all(rules, out);
  return out;
}

std::optional<int> next_question(const RuleSet& rules, const std::vector<Answer>& answers,
                                 int after) {
  const std::vector<Answer> effective = with_applicability(rules, answers);
  const int n = static_cast<int>(rules.questions.size());
  for (int i = after + 1; i < n; ++i) {
    if (effective[i].state == Answer::State::Missing) return i;
  }
  return std::nullopt;
}

void drop_inapplicable(const RuleSet& rules, std::vector<Answer>& answers) {
  // In question order, so a dropped answer is gone before later conditions read it.
  for (std::size_t i = 0; i < rules.questions.size(); ++i) {
    const Question& q = rules.questions[i];
    if (q.has_condition && engine::evaluate(q.ask_if, answers) == Tri::False) answers[i] = Answer{};
  }
}

Level verdict(const RuleSet& rules, const std::vector<Answer>& given) {
  const std::vector<Answer> answers = with_applicability(rules, given);
  Level level = Level::SelfCare;
  for (const RedFlag& flag : rules.red_flags) level = raised(level, flag, evaluate(flag.when, answers));
  return level;
}

Level verdict_over(std::span<const RedFlag* const> flags, const std::vector<Answer>& effective) {
  Level level = Level::SelfCare;
  for (const RedFlag* flag : flags) level = raised(level, *flag, evaluate(flag->when, effective));
  return level;
}

void mark_applicability(const RuleSet& rules, std::vector<Answer>& answers,
                        std::span<const int> questions) {
  for (int i : questions) {
    if (answers[i].state == Answer::State::Missing && skipped(rules.questions[i], answers)) {
      answers[i].state = Answer::State::NotApplicable;
    }
  }
}

std::vector<const RedFlag*> flags_holding(const RuleSet& rules, const std::vector<Answer>& given,
                                          Level level) {
  const std::vector<Answer> answers = with_applicability(rules, given);
  // A check that a question is unanswered holds only until the interview asks it: a flag holds
  // here only if it also holds with every question still unanswered set aside (not applying).
  std::vector<Answer> settled = answers;
  for (Answer& a : settled) {
    if (a.state == Answer::State::Missing) a.state = Answer::State::NotApplicable;
  }
  std::vector<const RedFlag*> out;
  for (const RedFlag& flag : rules.red_flags) {
    if (flag.level == level && evaluate(flag.when, answers) == Tri::True &&
        evaluate(flag.when, settled) == Tri::True) {
      out.push_back(&flag);
    }
  }
  return out;
}

void evaluate(const RuleSet& rules, const std::vector<Answer>& answers, Evaluation& out) {
  out.effective = answers;
  mark_applicability_all(rules, out.effective);
  out.level = Level::SelfCare;
  out.flags.resize(rules.red_flags.size());
  for (std::size_t i = 0; i < rules.red_flags.size(); ++i) {
    out.flags[i] = engine::evaluate(rules.red_flags[i].when, out.effective);
    out.level = raised(out.level, rules.red_flags[i], out.flags[i]);
  }
  // The leading look-alike: the most urgent fired flag at urgent or above that names one.
  out.lookalike = -1;
  for (std::size_t i = 0; i < rules.red_flags.size(); ++i) {
    const RedFlag& flag = rules.red_flags[i];
    if (out.flags[i] != Tri::True || flag.level < Level::Urgent || flag.lookalike.empty()) continue;
    if (out.lookalike < 0 || flag.level > rules.red_flags[out.lookalike].level) {
      out.lookalike = static_cast<int>(i);
    }
  }
  out.scores.assign(rules.structures.size(), 0);
  out.strongest.assign(rules.structures.size(), 0);
  out.evidence.resize(rules.evidence.size());
  for (std::size_t i = 0; i < rules.evidence.size(); ++i) {
    const EvidenceRule& rule = rules.evidence[i];
    out.evidence[i] = engine::evaluate(rule.when, out.effective) == Tri::True;
    if (!out.evidence[i]) continue;
    for (const Support& s : rule.supports) {
      out.scores[s.structure] += s.weight;
      out.strongest[s.structure] = std::max(out.strongest[s.structure], s.weight);
    }
  }
}

bool ranks_before(const Evaluation& e, int x, int y) {
  if (e.scores[x] != e.scores[y]) return e.scores[x] > e.scores[y];
  return e.strongest[x] > e.strongest[y];
}

Assessment assess(const RuleSet& rules, const std::vector<Answer>& given) {
  Evaluation e;
  evaluate(rules, given, e);
  const std::vector<Answer>& answers = e.effective;
  Assessment a;
  a.level = e.level;
  for (std::size_t i = 0; i < rules.red_flags.size(); ++i) {
    if (e.flags[i] == Tri::True) a.fired.push_back(explain_flag(rules.red_flags[i], answers));
    if (e.flags[i] == Tri::Unknown) {
      a.not_excluded.push_back(explain_flag(rules.red_flags[i], answers));
    }
  }
  auto most_urgent_first = [](const FlagResult& x, const FlagResult& y) {
    return x.flag->level > y.flag->level;
  };
  std::stable_sort(a.fired.begin(), a.fired.end(), most_urgent_first);
  std::stable_sort(a.not_excluded.begin(), a.not_excluded.end(), most_urgent_first);
  if (e.lookalike >= 0) a.lookalike = &rules.red_flags[e.lookalike];
  for (const FlagResult& f : a.not_excluded) {
    if (f.flag->level >= Level::Urgent) a.safety_net.push_back(f);
  }

  std::vector<StructureResult> scores(rules.structures.size());
  for (std::size_t i = 0; i < scores.size(); ++i) {
    scores[i].structure = &rules.structures[i];
    scores[i].score = e.scores[i];
  }
  for (std::size_t i = 0; i < rules.evidence.size(); ++i) {
    if (!e.evidence[i]) continue;
    const EvidenceRule& rule = rules.evidence[i];
    std::vector<int> read;
    questions_read(rule.when, read);
    for (const Support& s : rule.supports) scores[s.structure].evidence.push_back({&rule, s.weight, read});
  }
  std::vector<int> ranked;
  for (int i = 0; i < static_cast<int>(scores.size()); ++i) {
    if (scores[i].score > 0) ranked.push_back(i);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [&](int x, int y) { return ranks_before(e, x, y); });
  for (const int i : ranked) {
    scores[i].likelihood = likelihood_of(rules, scores[i].score);
    a.structures.push_back(std::move(scores[i]));
  }

  for (const Advice& advice : rules.advice) {
    if (advice_shown(advice, a.level, answers, e.flags)) a.advice.push_back(&advice);
  }

  for (int i = 0; i < static_cast<int>(rules.questions.size()); ++i) {
    const auto state = answers[i].state;
    if (state == Answer::State::Missing || state == Answer::State::Unknown) {
      a.unanswered.push_back(i);
    }
  }
  return a;
}

}  // namespace psoas::engine
