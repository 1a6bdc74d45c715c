// The safety proof's advice property, the advice filter it proves, and the wording lint.
#include <doctest/doctest.h>

#include <algorithm>

#include "analysis/check.hpp"
#include "analysis/lint.hpp"
#include "engine/engine.hpp"
#include "helpers.hpp"

using namespace psoas;
using namespace psoas::test;

namespace {

const analysis::PropertyResult& property(const analysis::CheckReport& report,
                                         std::string_view id) {
  auto it = std::find_if(report.properties.begin(), report.properties.end(),
                         [&](const analysis::PropertyResult& p) { return p.id == id; });
  REQUIRE(it != report.properties.end());
  return *it;
}

bool shows(const Assessment& a, std::string_view id) {
  return std::any_of(a.advice.begin(), a.advice.end(),
                     [&](const Advice* x) { return x->id == id; });
}

Assessment assess_clear(const std::string& extra) {
  const Answers answers = answers_from(all_clear_with(extra));
  return engine::assess(shipped_rules(), answers.by_question);
}

}  // namespace

TEST_CASE("the shipped rule set proves that no contraindicated advice is shown") {
  const analysis::CheckReport report = analysis::check(shipped_rules());
  const auto& safe = property(report, "advice-safe");
  CHECK(safe.proved);
  CHECK(safe.cases > 1000);
  CHECK(report.violations.empty());
}

TEST_CASE("advice_shown withholds an item when its contraindication holds or is not known") {
  const RuleSet& rules = shipped_rules();
  const auto it = std::find_if(rules.advice.begin(), rules.advice.end(),
                               [](const Advice& a) { return a.id == "self_massage"; });
  REQUIRE(it != rules.advice.end());
  REQUIRE(it->has_contraindication);
  const auto shown = [&](const std::string& extra) {
    const Answers answers = answers_from(all_clear_with(extra));
    const auto effective = engine::with_applicability(rules, answers.by_question);
    return engine::advice_shown(*it, Level::SelfCare, effective, {});
  };
  CHECK(shown("  pain_where: [low_back]\n"));
  CHECK_FALSE(shown("  pain_where: [low_back]\n  anticoagulant: yes\n"));
  CHECK_FALSE(shown("  pain_where: [low_back]\n  anticoagulant: unknown\n"));
  CHECK_FALSE(shown("  pain_where: [low_back]\n  age: 50\n"));
  CHECK_FALSE(shown("  pain_where: [low_back, lower_belly]\n"));
  CHECK_FALSE(shown("  pain_where: [low_back]\n  sex: female\n  pregnant: unknown\n"));
  CHECK(shown("  pain_where: [low_back]\n  sex: female\n  pregnant: no\n"));
}

TEST_CASE("the self-care plan leaves out what could harm the person") {
  const Assessment clear = assess_clear("  pain_where: [groin, front_hip]\n");
  REQUIRE(clear.level == Level::SelfCare);
  CHECK(shows(clear, "glute_bridge"));
  CHECK(shows(clear, "heat"));
  for (const Advice* x : clear.advice) {
    CAPTURE(x->id);
    if (x->kind == AdviceKind::Exercise) CHECK_FALSE(x->stop.empty());
  }
  // Pregnancy: see a professional, no exercise lying on the back; a safe variant instead.
  const Assessment pregnant =
      assess_clear("  pain_where: [low_back]\n  side: both\n  sex: female\n  pregnant: yes\n"
                   "  dizzy_or_shoulder_tip: no\n");
  CHECK(pregnant.level == Level::SeeProfessional);
  CHECK_FALSE(shows(pregnant, "glute_bridge"));
  CHECK(shows(pregnant, "pregnancy_exercise"));
  CHECK_FALSE(shows(pregnant, "physiotherapy"));
  // A numb leg: no heat on skin that cannot feel it.
  const Assessment numb =
      assess_clear("  pain_where: [low_back]\n  leg_numbness: yes\n  outer_thigh_burning: no\n"
                   "  thigh_numb_knee_gives: no\n");
  CHECK(numb.level == Level::SeeProfessional);
  CHECK_FALSE(shows(numb, "heat"));
  CHECK(shows(numb, "relative_rest"));
  // A soft lump: only what is safe while waiting.
  const Assessment lump = assess_clear("  pain_where: [groin]\n  groin_lump: lump\n");
  CHECK(lump.level == Level::SeeProfessional);
  CHECK_FALSE(shows(lump, "physiotherapy"));
  CHECK(shows(lump, "while_waiting"));
}

TEST_CASE("a fired urgent look-alike flag names no structure") {
  const Assessment a = assess_clear("  pain_where: [groin]\n  testicle_pain: yes\n  onset: sudden\n"
                                    "  pain_level: 9\n  smoker_or_aneurysm: no\n"
                                    "  pain_waves: no\n  blood_in_urine: no\n");
  CHECK(a.level == Level::Emergency);
  REQUIRE(a.lookalike != nullptr);
  CHECK(a.lookalike->id == "testicular_torsion");
  CHECK(top_structure(a) == nullptr);
  CHECK(top_structure_id(a) == "none");
  CHECK_FALSE(a.structures.empty());  // the evidence is still there, for the record
}

TEST_CASE("lint finds evidence wording that echoes a question the rule does not read") {
  CHECK(analysis::lint_warnings(shipped_rules()).empty());
  RuleSet rules = shipped_rules();
  auto it = std::find_if(rules.evidence.begin(), rules.evidence.end(),
                         [](const EvidenceRule& r) { return r.id == "morning_stiffness"; });
  REQUIRE(it != rules.evidence.end());
  it->because = "Morning stiffness that eases through the day is described with iliopsoas pain.";
  const Errors warnings = analysis::lint_warnings(rules);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings.front().message.find("stiffness_eases_moving") != std::string::npos);
}

TEST_CASE("a number answered in words is a range: checks it straddles stay unknown") {
  const RuleSet& rules = shipped_rules();
  const int pain = rules.question_index("pain_level");
  const int weeks = rules.question_index("duration_weeks");
  REQUIRE(pain >= 0);
  const Answers mild = answers_from(all_clear_with("  pain_level: mild\n  pain_where: [groin]\n"));
  CHECK(mild.by_question[pain].band == 0);
  CHECK(mild.by_question[pain].low_end() == 1);
  CHECK(mild.by_question[pain].high_end() == 3);
  Condition ge7;
  ge7.op = Condition::Op::Ge;
  ge7.question = pain;
  ge7.value = 7;
  CHECK(engine::evaluate(ge7, mild.by_question) == engine::Tri::False);
  const Answers severe = answers_from(all_clear_with("  pain_level: severe\n"));
  CHECK(engine::evaluate(ge7, severe.by_question) == engine::Tri::True);
  Condition ge8 = ge7;
  ge8.value = 8;
  CHECK(engine::evaluate(ge8, severe.by_question) == engine::Tri::Unknown);
  // "a few weeks" straddles the four-week mark: not improving stays not excluded if the pain
  // is the same, and is ruled out if it is getting better.
  const Assessment same = assess_clear("  pain_where: [low_back]\n  duration_weeks: weeks\n"
                                       "  improving: same\n");
  const bool straddled = std::any_of(same.not_excluded.begin(), same.not_excluded.end(),
                                     [](const FlagResult& f) { return f.flag->id == "not_improving"; });
  CHECK(straddled);
  const Assessment better = assess_clear("  pain_where: [low_back]\n  duration_weeks: weeks\n"
                                         "  pain_level: mild\n");
  CHECK(better.level == Level::SelfCare);
  CHECK(mild.by_question[weeks].state == Answer::State::Given);  // from the all-clear answers
}

TEST_CASE("the safety proof explores each word of a number question as a class of its own") {
  RuleSet rules = shipped_rules();
  const analysis::CheckReport with_words = analysis::check(rules);
  for (Question& q : rules.questions) q.bands.clear();
  const analysis::CheckReport without = analysis::check(rules);
  CHECK(with_words.classes > without.classes);
  CHECK(property(with_words, "dont-know").proved);
}
