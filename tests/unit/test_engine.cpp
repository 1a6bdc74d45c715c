#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "engine/condition.hpp"
#include "engine/engine.hpp"
#include "helpers.hpp"

using namespace psoas;
using namespace psoas::engine;
using psoas::test::answers_from;
using psoas::test::kAllClear;
using psoas::test::shipped_rules;

namespace {

Assessment assess_yaml(const std::string& extra, bool all_clear = true) {
  const Answers answers =
      answers_from(all_clear ? psoas::test::all_clear_with(extra) : "answers:\n" + extra);
  return assess(shipped_rules(), answers.by_question);
}

bool fired(const Assessment& a, const std::string& id) {
  return std::any_of(a.fired.begin(), a.fired.end(),
                     [&](const FlagResult& f) { return f.flag->id == id; });
}

bool not_excluded(const Assessment& a, const std::string& id) {
  return std::any_of(a.not_excluded.begin(), a.not_excluded.end(),
                     [&](const FlagResult& f) { return f.flag->id == id; });
}

Condition leaf(Condition::Op op, int question, int value) {
  Condition c;
  c.op = op;
  c.question = question;
  c.value = value;
  return c;
}

Condition group(Condition::Op op, std::vector<Condition> children) {
  Condition c;
  c.op = op;
  c.children = std::move(children);
  return c;
}

}  // namespace

TEST_CASE("conditions follow three-valued logic") {
  using Op = Condition::Op;
  std::vector<Answer> answers(3);
  answers[0] = {Answer::State::Given, 1, 0};    // yes
  answers[1] = {Answer::State::Unknown, 0, 0};  // don't know
  // answers[2] is missing
  const Condition yes0 = leaf(Op::Eq, 0, 1);
  const Condition yes1 = leaf(Op::Eq, 1, 1);
  const Condition no0 = leaf(Op::Eq, 0, 0);
  CHECK(evaluate(yes0, answers) == Tri::True);
  CHECK(evaluate(yes1, answers) == Tri::Unknown);
  CHECK(evaluate(leaf(Op::Ne, 2, 1), answers) == Tri::Unknown);
  CHECK(evaluate(group(Op::All, {yes0, yes1}), answers) == Tri::Unknown);
  CHECK(evaluate(group(Op::All, {no0, yes1}), answers) == Tri::False);
  CHECK(evaluate(group(Op::Any, {yes0, yes1}), answers) == Tri::True);
  CHECK(evaluate(group(Op::Any, {no0, yes1}), answers) == Tri::Unknown);
  CHECK(evaluate(group(Op::Not, {yes1}), answers) == Tri::Unknown);
  CHECK(evaluate(group(Op::Not, {no0}), answers) == Tri::True);
  CHECK(evaluate(leaf(Op::Answered, 1, 1), answers) == Tri::False);
  CHECK(evaluate(leaf(Op::Answered, 0, 1), answers) == Tri::True);
  // "Don't know" said is decided; no answer at all is not "don't know".
  CHECK(evaluate(leaf(Op::DontKnow, 1, 1), answers) == Tri::True);
  CHECK(evaluate(leaf(Op::DontKnow, 0, 1), answers) == Tri::False);
  CHECK(evaluate(leaf(Op::DontKnow, 2, 1), answers) == Tri::False);
  CHECK(evaluate(leaf(Op::DontKnow, 1, 0), answers) == Tri::False);
  answers[2].state = Answer::State::NotApplicable;
  CHECK(evaluate(leaf(Op::Eq, 2, 1), answers) == Tri::False);
  CHECK(evaluate(leaf(Op::DontKnow, 2, 0), answers) == Tri::False);
}

TEST_CASE("all clear with a typical psoas picture is self-care, psoas major first") {
  const Assessment a = assess_yaml(R"(
  pain_where: [low_back]
  aggravators: [standing_upright, sitting_long]
  sitting_hours: 9
)");
  CHECK(a.level == Level::SelfCare);
  CHECK(a.fired.empty());
  CHECK(a.not_excluded.empty());
  REQUIRE_FALSE(a.structures.empty());
  CHECK(a.structures.front().structure->id == "psoas_major");
  CHECK(a.structures.front().likelihood == Likelihood::High);  // 3 + 2 + 1 + 2 points
  const bool has_stretch = std::any_of(a.advice.begin(), a.advice.end(), [](const Advice* x) {
    return x->id == "hip_flexor_stretch";
  });
  CHECK(has_stretch);
}

TEST_CASE("don't know on a red flag is never read as no") {
  const Assessment a = assess_yaml("  fever: unknown\n  pain_where: [groin]\n");
  CHECK(a.level == Level::SeeProfessional);
  CHECK(not_excluded(a, "fever"));
  CHECK_FALSE(fired(a, "fever"));
  const Assessment missing = assess_yaml("  pain_where: [groin]\n", false);
  CHECK(missing.level == Level::SeeProfessional);
  CHECK(not_excluded(missing, "cauda_equina"));
}

TEST_CASE("a red flag only raises the verdict") {
  const Assessment base = assess_yaml("  pain_where: [low_back]\n");
  REQUIRE(base.level == Level::SelfCare);
  // Each of these adds one red flag to the all-clear answers.
  const std::vector<std::pair<std::string, Level>> cases = {
      {"  saddle_numbness: yes\n", Level::Emergency},
      {"  fever: yes\n  hip_held_bent: no\n", Level::Urgent},
      {"  weight_bearing: cannot\n", Level::Urgent},
      {"  age: 12\n  weight_bearing: limping\n", Level::Urgent},
      {"  leg_numbness: yes\n  thigh_numb_knee_gives: no\n", Level::SeeProfessional},
  };
  for (const auto& [extra, level] : cases) {
    const Assessment a = assess_yaml(extra + "  pain_where: [low_back]\n");
    CAPTURE(extra);
    CHECK(a.level == level);
    CHECK(a.level >= base.level);
  }
}

TEST_CASE("follow-up questions skipped by an earlier no are not applicable, not unknown") {
  // thigh_numb_knee_gives is asked only when leg_numbness is not "no".
  const Assessment a = assess_yaml("  pain_where: [low_back]\n");
  CHECK_FALSE(not_excluded(a, "leg_numbness"));
  CHECK_FALSE(not_excluded(a, "iliacus_haematoma"));
  const RuleSet& rules = shipped_rules();
  const int follow_up = rules.question_index("thigh_numb_knee_gives");
  CHECK(std::find(a.unanswered.begin(), a.unanswered.end(), follow_up) == a.unanswered.end());
}

TEST_CASE("an answered follow-up counts even if the gate says otherwise") {
  // training_increase is asked only of people who do a sport; given, it still counts.
  const Assessment a = assess_yaml(R"(
  activities: [none]
  training_increase: yes
  pain_where: [groin]
)");
  const bool credited = std::any_of(a.structures.begin(), a.structures.end(), [](const auto& s) {
    return std::any_of(s.evidence.begin(), s.evidence.end(),
                       [](const EvidenceHit& e) { return e.rule->id == "training_increase"; });
  });
  CHECK(credited);
}

TEST_CASE("next_question walks the script, skipping what does not apply") {
  const RuleSet& rules = shipped_rules();
  std::vector<Answer> answers(rules.questions.size());
  auto first = next_question(rules, answers, -1);
  REQUIRE(first);
  CHECK(rules.questions[*first].id == "age");
  const int fever = rules.question_index("fever");
  const int bent = rules.question_index("hip_held_bent");
  const int thinner = rules.question_index("anticoagulant");
  const int before_bent = bent - 1;  // the question just before it in the script
  answers[fever] = {Answer::State::Given, 0, 0};
  answers[thinner] = {Answer::State::Given, 0, 0};
  CHECK(next_question(rules, answers, before_bent) != bent);
  answers[fever] = {Answer::State::Unknown, 0, 0};
  CHECK(next_question(rules, answers, before_bent) == bent);
  answers[fever] = {Answer::State::Given, 0, 0};
  answers[thinner] = {Answer::State::Given, 1, 0};  // a bleed can hold the hip bent too
  CHECK(next_question(rules, answers, before_bent) == bent);
}

TEST_CASE("drop_inapplicable clears answers whose gate changed") {
  const RuleSet& rules = shipped_rules();
  std::vector<Answer> answers(rules.questions.size());
  const int fever = rules.question_index("fever");
  const int bent = rules.question_index("hip_held_bent");
  answers[fever] = {Answer::State::Given, 1, 0};
  answers[bent] = {Answer::State::Given, 1, 0};
  drop_inapplicable(rules, answers);
  CHECK(answers[bent].given());
  answers[fever] = {Answer::State::Given, 0, 0};
  answers[rules.question_index("anticoagulant")] = {Answer::State::Given, 0, 0};
  drop_inapplicable(rules, answers);
  CHECK(answers[bent].state == Answer::State::Missing);
}

TEST_CASE("the shipped script asks every emergency and urgent question before the pattern") {
  const RuleSet& rules = shipped_rules();
  std::set<int> serious;
  std::set<int> flagged;
  for (const RedFlag& flag : rules.red_flags) {
    std::vector<int> read;
    questions_read(flag.when, read);
    flagged.insert(read.begin(), read.end());
    if (flag.level >= Level::Urgent) serious.insert(read.begin(), read.end());
  }
  const int last_serious = *serious.rbegin();
  for (int q = 0; q < last_serious; ++q) {
    CAPTURE(rules.questions[q].id);
    CHECK(flagged.count(q) == 1);
  }
}

TEST_CASE("every item of the shipped rule set cites a listed source") {
  const RuleSet& rules = shipped_rules();
  std::vector<const SourceIds*> all;
  for (const auto& x : rules.questions) all.push_back(&x.sources);
  for (const auto& x : rules.red_flags) all.push_back(&x.sources);
  for (const auto& x : rules.structures) all.push_back(&x.sources);
  for (const auto& x : rules.evidence) all.push_back(&x.sources);
  for (const auto& x : rules.advice) all.push_back(&x.sources);
  for (const auto& x : rules.causes) all.push_back(&x.sources);
  for (const SourceIds* ids : all) {
    REQUIRE_FALSE(ids->empty());
    for (const std::string& id : *ids) CHECK(rules.source(id) != nullptr);
  }
  for (int seed = 0; seed < 5; ++seed) {
    CHECK(rules.source("seed-00" + std::to_string(seed)) != nullptr);
  }
}

TEST_CASE("the shipped rule set covers the structures and all four levels") {
  const RuleSet& rules = shipped_rules();
  std::set<std::string> structures;
  for (const Structure& s : rules.structures) structures.insert(s.id);
  for (const char* id :
       {"psoas_major", "iliacus", "psoas_minor", "iliopsoas_tendon_bursa", "snapping_hip"}) {
    CHECK(structures.count(id) == 1);
  }
  std::set<Level> levels;
  for (const RedFlag& f : rules.red_flags) levels.insert(f.level);
  CHECK(levels.size() == 3);  // emergency, urgent, see-professional; self-care is the floor
  for (const LevelInfo& info : rules.levels) CHECK_FALSE(info.action.empty());
}

TEST_CASE("a tie in points goes to the structure with the stronger single sign") {
  psoas::engine::Evaluation e;
  e.scores = {8, 8, 5};
  e.strongest = {2, 7, 5};
  CHECK(psoas::engine::ranks_before(e, 1, 0));        // as many points, a stronger sign
  CHECK_FALSE(psoas::engine::ranks_before(e, 0, 1));
  CHECK(psoas::engine::ranks_before(e, 0, 2));        // more points, whatever the sign
  e.strongest = {3, 3, 5};
  CHECK_FALSE(psoas::engine::ranks_before(e, 0, 1));  // a full tie: neither, rule-set order
  CHECK_FALSE(psoas::engine::ranks_before(e, 1, 0));
}

TEST_CASE("a question no longer asked is never asked, and an answer a file gives to it counts") {
  const RuleSet& rules = shipped_rules();
  const int old_weak = rules.question_index("new_weakness");
  REQUIRE(old_weak >= 0);
  CHECK(rules.questions[old_weak].replaced_by == rules.question_index("leg_weakness"));
  // Even where it was asked before rule set 2.4.0 (numbness, a blood thinner), it is skipped.
  std::vector<Answer> answers(rules.questions.size());
  answers[rules.question_index("leg_numbness")] = {Answer::State::Given, 1, 0};
  answers[rules.question_index("anticoagulant")] = {Answer::State::Unknown, 0, 0};
  for (auto q = next_question(rules, answers, -1); q; q = next_question(rules, answers, *q)) {
    CHECK(*q != old_weak);
  }
  // Unanswered, it is not applicable: neither unknown nor listed as unanswered.
  const Assessment none = assess_yaml("  pain_where: [low_back]\n");
  CHECK(std::find(none.unanswered.begin(), none.unanswered.end(), old_weak) ==
        none.unanswered.end());
  CHECK_FALSE(not_excluded(none, "femoral_nerve"));
  // Given, it counts: a leg newly weak is urgent, without numbness or a blood thinner.
  const Assessment given = assess_yaml("  new_weakness: yes\n  pain_where: [low_back]\n");
  CHECK(fired(given, "femoral_nerve"));
  CHECK(given.level == Level::Urgent);
}

TEST_CASE("a leg newly weak is urgent; getting weaker is an emergency") {
  const Assessment stable =
      assess_yaml("  leg_weakness: yes\n  weakness_worsening: no\n  pain_where: [low_back]\n");
  CHECK(fired(stable, "femoral_nerve"));
  CHECK_FALSE(fired(stable, "cauda_equina"));
  CHECK(stable.level == Level::Urgent);
  const Assessment worse =
      assess_yaml("  leg_weakness: yes\n  weakness_worsening: yes\n  pain_where: [low_back]\n");
  CHECK(fired(worse, "cauda_equina"));
  CHECK(worse.level == Level::Emergency);
  // Not knowing whether it is getting worse: urgent, with cauda equina not excluded.
  const Assessment unsure = assess_yaml(
      "  leg_weakness: yes\n  weakness_worsening: unknown\n  pain_where: [low_back]\n");
  CHECK(not_excluded(unsure, "cauda_equina"));
  CHECK(unsure.level == Level::Urgent);
  // A file from before rule set 2.4.0, where leg_weakness asked about a leg getting weaker.
  const Assessment old = assess_yaml("  leg_weakness: yes\n  pain_where: [low_back]\n");
  CHECK(fired(old, "cauda_equina"));
  CHECK(old.level == Level::Emergency);
  // On a blood thinner, a leg newly weak can be a bleed pressing on the nerve.
  const Assessment thinner = assess_yaml(
      "  leg_weakness: yes\n  weakness_worsening: no\n  anticoagulant: yes\n"
      "  hip_held_bent: no\n  faint: no\n  onset: gradual\n  pain_where: [groin]\n");
  CHECK(fired(thinner, "iliacus_haematoma"));
  CHECK(thinner.level == Level::Emergency);
}

TEST_CASE("an interview does not stop on a flag that a question still to come could undo") {
  const RuleSet& rules = shipped_rules();
  std::vector<Answer> answers(rules.questions.size());
  const int weak = rules.question_index("leg_weakness");
  const int worse = rules.question_index("weakness_worsening");
  answers[weak] = {Answer::State::Given, 1, 0};
  // As a file, a yes with no follow-up is read as before rule set 2.4.0: getting weaker.
  CHECK(verdict(rules, answers) == Level::Emergency);
  // In an interview the follow-up is still to come: no emergency stop yet.
  CHECK(flags_holding(rules, answers, Level::Emergency).empty());
  answers[worse] = {Answer::State::Given, 1, 0};
  const auto now = flags_holding(rules, answers, Level::Emergency);
  REQUIRE(now.size() == 1);
  CHECK(now.front()->id == "cauda_equina");
}
