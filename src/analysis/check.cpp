#include "analysis/check.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "engine/condition.hpp"
#include "engine/engine.hpp"
#include "model/answer_text.hpp"

namespace psoas::analysis {
namespace {

using engine::Tri;
using State = Answer::State;

constexpr std::size_t kMaxOptionsToSplit = 12;

// --- Answer classes ------------------------------------------------------------------------------
struct Reads {
  std::set<int> thresholds;      // numbers compared against
  std::uint64_t options = 0;     // options tested
};

void collect_reads(const Condition& c, std::vector<Reads>& reads) {
  using Op = Condition::Op;
  if (c.question >= 0 && c.op != Op::Answered && c.op != Op::DontKnow) {
    Reads& r = reads[c.question];
    if (c.op == Op::In) {
      r.options |= c.options;
    } else {
      r.thresholds.insert(c.value);
      r.options |= std::uint64_t{1} << (c.value & 63);
    }
  }
  for (const Condition& child : c.children) collect_reads(child, reads);
}

Answer given(int value, std::uint64_t options = 0) { return {State::Given, value, options}; }

bool exclusive_ok(const Question& q, std::uint64_t bits) {
  for (std::size_t i = 0; i < q.options.size(); ++i) {
    if (q.options[i].exclusive && ((bits >> i) & 1U) && (bits & ~(std::uint64_t{1} << i))) {
      return false;
    }
  }
  return bits != 0;
}

// The answers a person could give, one per class the rule set's conditions can tell apart.
std::vector<Answer> classes_for(const Question& q, const Reads& reads) {
  std::vector<Answer> out = {Answer{}, {State::Unknown, 0, 0}};
  switch (q.type) {
    case QuestionType::YesNo:
      out.push_back(given(1));
      out.push_back(given(0));
      break;
    case QuestionType::OneOf:
      for (std::size_t i = 0; i < q.options.size(); ++i) out.push_back(given(static_cast<int>(i)));
      break;
    case QuestionType::ManyOf: {
      std::vector<int> read;
      int unread = -1;
      for (std::size_t i = 0; i < q.options.size(); ++i) {
        if ((reads.options >> i) & 1U) {
          read.push_back(static_cast<int>(i));
        } else if (unread < 0) {
          unread = static_cast<int>(i);
        }
      }
      if (read.size() > kMaxOptionsToSplit) read.resize(kMaxOptionsToSplit);
      for (std::uint64_t subset = 1; subset < (std::uint64_t{1} << read.size()); ++subset) {
        std::uint64_t bits = 0;
        for (std::size_t k = 0; k < read.size(); ++k) {
          if ((subset >> k) & 1U) bits |= std::uint64_t{1} << read[k];
        }
        if (exclusive_ok(q, bits)) out.push_back(given(0, bits));
      }
      if (unread >= 0) out.push_back(given(0, std::uint64_t{1} << unread));
      break;
    }
    case QuestionType::Number: {
      std::set<int> points = {q.min, q.max};
      for (int t : reads.thresholds) {
        for (int p : {t - 1, t, t + 1}) points.insert(std::clamp(p, q.min, q.max));
      }
      for (int p : points) out.push_back(given(p));
      // Each word is a range: a class of its own, which a threshold inside it leaves unknown.
      for (std::size_t b = 0; b < q.bands.size(); ++b) {
        out.push_back(band_answer(q, static_cast<int>(b)));
      }
      break;
    }
  }
  return out;
}

// --- Cones ---------------------------------------------------------------------------------------
std::vector<int> cone_of(const RuleSet& rules, const Condition& c) {
  std::vector<int> reads;
  engine::questions_read(c, reads);
  std::set<int> cone(reads.begin(), reads.end());
  std::vector<int> todo(reads.begin(), reads.end());
  while (!todo.empty()) {
    const int q = todo.back();
    todo.pop_back();
    if (!rules.questions[q].has_condition) continue;
    std::vector<int> gate;
    engine::questions_read(rules.questions[q].ask_if, gate);
    for (int g : gate) {
      if (cone.insert(g).second) todo.push_back(g);
    }
  }
  return {cone.begin(), cone.end()};
}

// Walks every reachable combination of classes over a cone. A combination is unreachable when it
// answers a question whose ask-condition is definitely false (the interview would skip it).
// The classes split each question's answers by what the cone's own conditions (`condition` and
// the ask-conditions of the cone's questions) can tell apart: values no condition here can tell
// apart give the same result, so one of each is enough.
class ConeWalk {
 public:
  ConeWalk(const RuleSet& rules, const Condition& condition)
      : rules_(rules), cone_(cone_of(rules, condition)), classes_(rules.questions.size()) {
    std::vector<Reads> reads(rules.questions.size());
    collect_reads(condition, reads);
    for (int q : cone_) {
      if (rules.questions[q].has_condition) collect_reads(rules.questions[q].ask_if, reads);
    }
    for (int q : cone_) classes_[q] = classes_for(rules.questions[q], reads[q]);
    total_ = 1;
    for (int q : cone_) {
      total_ *= static_cast<long>(classes_[q].size());
      if (total_ > kMaxConeCombinations) break;
    }
  }

  long total() const { return total_; }
  const std::vector<int>& cone() const { return cone_; }
  const std::vector<Answer>& classes(int q) const { return classes_[q]; }
  long class_count() const {
    long n = 0;
    for (int q : cone_) n += static_cast<long>(classes_[q].size());
    return n;
  }

  // Answers for combination `index` (everything outside the cone unanswered).
  std::vector<Answer> answers(long index) const {
    std::vector<Answer> out(rules_.questions.size());
    fill(index, out);
    return out;
  }

  // Writes combination `index` into the cone's entries of `out`, which is otherwise unanswered.
  void fill(long index, std::vector<Answer>& out) const {
    for (int q : cone_) {
      const auto n = static_cast<long>(classes_[q].size());
      out[q] = classes_[q][static_cast<std::size_t>(index % n)];
      index /= n;
    }
  }

  // The index of `index` with question `position` of the cone set to class `k`.
  long with_class(long index, std::size_t position, long k) const {
    long stride = 1;
    for (std::size_t i = 0; i < position; ++i) stride *= static_cast<long>(classes_[cone_[i]].size());
    const auto n = static_cast<long>(classes_[cone_[position]].size());
    const long current = (index / stride) % n;
    return index + (k - current) * stride;
  }

  // Applicability within the cone; the cone is closed under ask-conditions, so this is exact.
  // `out` must equal `answers` outside the cone (both unanswered there).
  void effective_into(const std::vector<Answer>& answers, std::vector<Answer>& out) const {
    for (int q : cone_) out[q] = answers[q];
    engine::mark_applicability(rules_, out, cone_);
  }
  std::vector<Answer> effective(const std::vector<Answer>& answers) const {
    std::vector<Answer> out = answers;
    engine::mark_applicability(rules_, out, cone_);
    return out;
  }

  // Whether `answers` could come from an interview, given its applicability `effective`.
  bool reachable(const std::vector<Answer>& answers, const std::vector<Answer>& effective) const {
    for (int q : cone_) {
      const Question& question = rules_.questions[q];
      // A question no longer asked is answered only in files; those answers are explored too.
      if (answers[q].state != State::Missing && question.has_condition &&
          engine::evaluate(question.ask_if, effective) == Tri::False) {
        return false;
      }
    }
    return true;
  }

 private:
  const RuleSet& rules_;
  std::vector<int> cone_;
  std::vector<std::vector<Answer>> classes_;
  long total_ = 0;
};




class Checker {
 public:
  explicit Checker(const RuleSet& rules) : rules_(rules), scratch_(rules.questions.size()) {
    add("reachable", "every question can be asked, and every red flag, evidence rule and "
                     "conditional advice can apply (each with a witness)");
    add("verdict", "wherever a red flag holds, the verdict is at least its level");
    add("monotonic", "an answer change that makes one more red flag hold never lowers the verdict");
    add("dont-know", "\"don't know\" on a red-flag question is never read as \"no\": the flag stays "
                     "not excluded and the verdict at least see-professional");
    add("not-hidden", "no red-flag question is skipped for a person who could have that red flag");
    add("one-verdict", "every path ends in exactly one verdict of the four levels");
    add("advice-safe", "no advice is shown to a person its not_for describes, or might describe "
                       "(\"don't know\" withholds it), at any level it is given for");
  }

  CheckReport run() {
    check_questions_reachable();
    for (const RedFlag& flag : rules_.red_flags) check_flag(flag);
    for (const EvidenceRule& rule : rules_.evidence) {
      check_can_apply(rule.when, fmt::format("evidence rule '{}'", rule.id));
    }
    for (const Advice& advice : rules_.advice) {
      if (advice.has_condition) check_can_apply(advice.when, fmt::format("advice '{}'", advice.id));
      if (advice.has_contraindication) check_advice(advice);
    }
    return std::move(report_);
  }

 private:
  void add(const char* id, const char* statement) {
    report_.properties.push_back({id, statement, 0, true});
  }

  PropertyResult& property(std::string_view id) {
    return *std::find_if(report_.properties.begin(), report_.properties.end(),
                         [&](const PropertyResult& p) { return p.id == id; });
  }

  void violate(std::string_view id, std::string message, std::vector<Answer> example = {}) {
    property(id).proved = false;
    // One counterexample per property and message is enough to show the fault.
    for (const Violation& v : report_.violations) {
      if (v.property == id && v.message == message) return;
    }
    report_.violations.push_back({std::string(id), std::move(message), std::move(example)});
  }

  bool too_large(const ConeWalk& walk, const std::string& what) {
    if (walk.total() <= kMaxConeCombinations) return false;
    violate("reachable", fmt::format("{} reads more than {} answer combinations; split it so it "
                                     "can be checked",
                                     what, kMaxConeCombinations));
    return true;
  }

  void check_questions_reachable() {
    for (std::size_t q = 0; q < rules_.questions.size(); ++q) {
      const Question& question = rules_.questions[q];
      ++property("reachable").cases;
      if (!question.has_condition) continue;
      check_can_apply(question.ask_if, fmt::format("question '{}'", question.id), false);
    }
  }

  // Finds a reachable combination where `condition` is true (or, for ask-conditions, not false).
  void check_can_apply(const Condition& condition, const std::string& what, bool must_be_true = true) {
    ConeWalk walk(rules_, condition);
    if (too_large(walk, what)) return;
    ++property("reachable").cases;
    for (long i = 0; i < walk.total(); ++i) {
      const auto answers = walk.answers(i);
      const auto effective = walk.effective(answers);
      if (!walk.reachable(answers, effective)) continue;
      const Tri t = engine::evaluate(condition, effective);
      if (t == Tri::True || (!must_be_true && t == Tri::Unknown)) return;
    }
    violate("reachable", fmt::format("{} can never {}", what, must_be_true ? "apply" : "be asked"));
  }

  void check_flag(const RedFlag& flag) {
    // Every flag that reads the cone is evaluated at each combination (the questions outside
    // it unanswered alike everywhere), to tell when a change makes one more flag hold while
    // every flag that held still holds. They do not split the classes further: each is
    // explored exhaustively in its own cone.
    const std::vector<int> cone = cone_of(rules_, flag.when);
    const std::set<int> in_cone(cone.begin(), cone.end());
    ConeWalk walk(rules_, flag.when);
    // Flags that read no question of the cone keep one value across it: evaluate them once.
    std::vector<const RedFlag*> touching;
    std::vector<const RedFlag*> outside;
    for (const RedFlag& other : rules_.red_flags) {
      std::vector<int> other_reads;
      engine::questions_read(other.when, other_reads);
      const bool touches = std::any_of(other_reads.begin(), other_reads.end(),
                                       [&](int q) { return in_cone.count(q) > 0; });
      (touches ? touching : outside).push_back(&other);
    }
    const std::vector<Answer> none(rules_.questions.size());
    const Level outside_level =
        engine::verdict_over(outside, engine::with_applicability(rules_, none));
    const std::string what = fmt::format("red flag '{}'", flag.id);
    if (too_large(walk, what)) return;
    if (touching.size() > 64) {
      violate("monotonic", fmt::format("{} shares questions with more than 64 red flags; split "
                                       "them so it can be checked",
                                       what));
      return;
    }
    const std::vector<const RedFlag*>& local = touching;
    ++report_.cones;
    report_.classes += walk.class_count();

    std::vector<int> reads;
    engine::questions_read(flag.when, reads);

    std::vector<signed char> level(static_cast<std::size_t>(walk.total()), -1);
    std::vector<std::uint64_t> holding(static_cast<std::size_t>(walk.total()), 0);
    bool fired = false;
    std::vector<Answer> answers(rules_.questions.size());
    std::vector<Answer> effective(rules_.questions.size());
    for (long i = 0; i < walk.total(); ++i) {
      walk.fill(i, answers);
      walk.effective_into(answers, effective);
      if (!walk.reachable(answers, effective)) continue;
      ++report_.combinations;
      const Level verdict = std::max(outside_level, engine::verdict_over(touching, effective));
      level[static_cast<std::size_t>(i)] = static_cast<signed char>(level_index(verdict));
      for (std::size_t k = 0; k < local.size(); ++k) {
        if (engine::evaluate(local[k]->when, effective) == Tri::True) {
          holding[static_cast<std::size_t>(i)] |= std::uint64_t{1} << k;
        }
      }
      ++property("one-verdict").cases;
      if (level_index(verdict) < 0 || level_index(verdict) > 3) {
        violate("one-verdict", fmt::format("{}: a path ends without a valid verdict", what), answers);
      }
      const Tri value = engine::evaluate(flag.when, effective);
      if (value == Tri::True) {
        fired = true;
        ++property("verdict").cases;
        if (verdict < flag.level) {
          violate("verdict", fmt::format("{} holds ({}) but the verdict is {}", what,
                                         level_id(flag.level), level_id(verdict)),
                  answers);
        }
      }
      check_dont_know(walk, flag, what, reads, answers, value, verdict);
      // A flag that holds already is not hidden by a skipped question.
      if (value != Tri::True) check_not_hidden(walk, flag, what, reads, answers, effective);
    }
    if (!fired) violate("reachable", fmt::format("{} can never fire", what));
    check_monotonic(walk, what, level, holding);
  }

  // Walks every reachable combination of the answers that `not_for` reads, directly or through
  // the red flags it reads, and runs the engine's advice filter at each level the item is given
  // for: wherever not_for is true or unknown, the item must not be shown. It must also be shown
  // somewhere, or the item is dead.
  void check_advice(const Advice& advice) {
    Condition reads;
    reads.op = Condition::Op::Any;
    reads.children.push_back(advice.not_for);
    if (advice.has_condition) reads.children.push_back(advice.when);
    std::vector<int> flags;
    engine::flags_read(advice.not_for, flags);
    if (advice.has_condition) engine::flags_read(advice.when, flags);
    for (int f : flags) reads.children.push_back(rules_.red_flags[f].when);
    const std::string what = fmt::format("advice '{}'", advice.id);
    ConeWalk walk(rules_, reads);
    if (too_large(walk, what)) return;
    std::vector<Answer> answers(rules_.questions.size());
    std::vector<Answer> effective(rules_.questions.size());
    std::vector<Tri> values(rules_.red_flags.size());
    bool shown_somewhere = false;
    for (long i = 0; i < walk.total(); ++i) {
      walk.fill(i, answers);
      walk.effective_into(answers, effective);
      if (!walk.reachable(answers, effective)) continue;
      for (std::size_t f = 0; f < values.size(); ++f) {
        values[f] = engine::evaluate(rules_.red_flags[f].when, effective);
      }
      const Tri unsafe = engine::evaluate(advice.not_for, effective, values);
      for (Level level : advice.levels) {
        ++property("advice-safe").cases;
        const bool shown = engine::advice_shown(advice, level, effective, values);
        shown_somewhere = shown_somewhere || shown;
        if (shown && unsafe != Tri::False) {
          violate("advice-safe",
                  fmt::format("{} is shown at {} to a person its not_for {}", what,
                              level_id(level), unsafe == Tri::True ? "describes" : "might describe"),
                  answers);
        }
      }
    }
    if (!shown_somewhere) violate("reachable", fmt::format("{} can never be shown", what));
  }

  // Whether `flag` would hold had question `q` been given any answer other than its own: each
  // class is tried in place in `answers`, which is restored before returning.
  bool holds_with_another_answer(const ConeWalk& walk, const RedFlag& flag,
                                 std::vector<Answer>& answers, int q) {
    const Answer kept = answers[q];
    bool holds = false;
    for (const Answer& c : walk.classes(q)) {
      if (c.state != State::Given) continue;
      answers[q] = c;
      walk.effective_into(answers, scratch_);
      if (engine::evaluate(flag.when, scratch_) == Tri::True) {
        holds = true;
        break;
      }
    }
    answers[q] = kept;
    return holds;
  }

  void check_dont_know(const ConeWalk& walk, const RedFlag& flag, const std::string& what,
                       const std::vector<int>& reads, std::vector<Answer>& answers, Tri value,
                       Level verdict) {
    for (int q : reads) {
      if (answers[q].state != State::Unknown) continue;
      ++property("dont-know").cases;
      if (value != Tri::False) {
        if (verdict < Level::SeeProfessional) {
          violate("dont-know", fmt::format("{} is not excluded but the verdict is {}", what,
                                           level_id(verdict)),
                  answers);
        }
        continue;
      }
      if (holds_with_another_answer(walk, flag, answers, q)) {
        violate("dont-know",
                fmt::format("\"don't know\" on '{}' rules out {}, which another answer to it "
                            "would raise",
                            rules_.questions[q].id, what),
                answers);
      }
    }
  }

  void check_not_hidden(const ConeWalk& walk, const RedFlag& flag, const std::string& what,
                        const std::vector<int>& reads, std::vector<Answer>& answers,
                        const std::vector<Answer>& effective) {
    for (int q : reads) {
      // A question no longer asked is not hidden: the question that replaces it asks it.
      if (effective[q].state != State::NotApplicable || !rules_.questions[q].asked()) continue;
      ++property("not-hidden").cases;
      if (holds_with_another_answer(walk, flag, answers, q)) {
        violate("not-hidden",
                fmt::format("'{}' is skipped here, yet {} would hold had it been asked",
                            rules_.questions[q].id, what),
                answers);
      }
    }
  }

  void check_monotonic(const ConeWalk& walk, const std::string& what,
                       const std::vector<signed char>& level,
                       const std::vector<std::uint64_t>& holding) {
    for (long i = 0; i < walk.total(); ++i) {
      const auto at = static_cast<std::size_t>(i);
      if (level[at] < 0) continue;
      for (std::size_t p = 0; p < walk.cone().size(); ++p) {
        const auto n = static_cast<long>(walk.classes(walk.cone()[p]).size());
        for (long k = 0; k < n; ++k) {
          const auto j = static_cast<std::size_t>(walk.with_class(i, p, k));
          if (j == at || level[j] < 0) continue;
          const bool more = (holding[at] & holding[j]) == holding[at] && holding[j] != holding[at];
          if (!more) continue;
          ++property("monotonic").cases;
          if (level[j] < level[at]) {
            violate("monotonic", fmt::format("within {}, one more red flag lowers the verdict", what),
                    walk.answers(static_cast<long>(j)));
          }
        }
      }
    }
  }

  const RuleSet& rules_;
  CheckReport report_;
  std::vector<Answer> scratch_;  // effective answers for one alternative at a time
};

}  // namespace

CheckReport check(const RuleSet& rules) { return Checker(rules).run(); }

}  // namespace psoas::analysis
