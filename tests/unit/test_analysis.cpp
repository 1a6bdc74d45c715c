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
