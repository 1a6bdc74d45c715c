#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/engine.hpp"
#include "helpers.hpp"
#include "report/fhir.hpp"
#include "report/report.hpp"

using namespace psoas;
using psoas::test::answers_from;
using psoas::test::kAllClear;
using psoas::test::shipped_rules;

namespace {

std::string render(const std::string& extra, bool json, bool color = false) {
  const Answers answers = answers_from("answers:" + std::string(kAllClear) + extra);
  const Assessment a = engine::assess(shipped_rules(), answers.by_question);
  std::ostringstream out;
  const report::Result result{shipped_rules(), answers, a};
  if (json) {
    report::render_json(out, result);
  } else {
    report::render_text(out, result, {color});
  }
  return out.str();
}

}  // namespace

TEST_CASE("the text report puts the verdict first and says it is not a diagnosis") {
  const std::string text = render("  pain_where: [low_back]\n", false);
  CHECK(text.rfind(" SELF-CARE ", 0) == 0);
  CHECK(text.find("This is not a diagnosis.") != std::string::npos);
  CHECK(text.find("[seed-004]") != std::string::npos);
  CHECK(text.find('\033') == std::string::npos);
  CHECK(render("  pain_where: [low_back]\n", false, true).find("\033[") != std::string::npos);
}

TEST_CASE("the JSON report has the documented shape") {
  const auto doc =
      nlohmann::json::parse(render("  pain_where: [groin]\n  tender_front_hip: yes\n", true));
  CHECK(doc["format"] == "psoas-triage/assessment/2");
  CHECK(doc["verdict"]["level"] == "self-care");
  CHECK(doc["rule_set"]["id"] == "iliopsoas");
  CHECK(doc["rule_set"]["hash"].get<std::string>().rfind("sha256:", 0) == 0);
  CHECK(doc["red_flags"]["fired"].is_array());
  CHECK(doc["red_flags"]["not_excluded"].is_array());
  const auto& top = doc["structures"][0];
  CHECK(top["id"] == "iliopsoas_tendon_bursa");
  CHECK(top["evidence"][0]["answers"].is_object());
  CHECK_FALSE(top["sources"].empty());
  CHECK(doc["answers"]["pain_where"] == nlohmann::json::array({"groin"}));
  CHECK(doc["answers"]["age"] == 35);
  for (const auto& source : doc["sources"]) CHECK(source.contains("title"));
  CHECK(doc["disclaimer"].get<std::string>().find("not a diagnosis") != std::string::npos);
}

TEST_CASE("the HTML page is self-contained and leads with the verdict") {
  const Answers answers = answers_from("answers:" + std::string(kAllClear) +
                                       "  pain_where: [low_back]\n");
  const Assessment a = engine::assess(shipped_rules(), answers.by_question);
  std::ostringstream out;
  report::render_html(out, {shipped_rules(), answers, a});
  const std::string html = out.str();
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("data-level=\"self-care\"") < html.find("id=\"why\""));
  CHECK(html.find("data-region=\"low_back\"") != std::string::npos);
  CHECK(html.find("This is not a diagnosis.") != std::string::npos);
  CHECK(html.find(report::provenance({shipped_rules(), answers, a})) != std::string::npos);
}

TEST_CASE("the FHIR response maps each answer kind and keeps don't know") {
  const Answers answers = answers_from(
      psoas::test::all_clear_with("  pain_where: [low_back, groin]\n  night_pain: unknown\n"));
  const Assessment a = engine::assess(shipped_rules(), answers.by_question);
  std::ostringstream out;
  report::render_fhir_response(out, {shipped_rules(), answers, a});
  const auto qr = nlohmann::json::parse(out.str());
  CHECK(qr["resourceType"] == "QuestionnaireResponse");
  std::map<std::string, nlohmann::json> items;
  for (const auto& item : qr["item"]) items[item["linkId"]] = item;
  CHECK(items["age"]["answer"][0]["valueInteger"] == 35);
  CHECK(items["fever"]["answer"][0]["valueBoolean"] == false);
  CHECK(items["injury"]["answer"][0]["valueCoding"]["code"] == "none");
  CHECK(items["pain_where"]["answer"].size() == 2);
  CHECK_FALSE(items["night_pain"].contains("answer"));
  CHECK(items["night_pain"]["extension"][0]["valueCode"] == "asked-unknown");
}

TEST_CASE("the FHIR questionnaire writes 'asked unless ruled out' as enableWhen") {
  std::ostringstream out;
  const Errors warnings = report::render_fhir_questionnaire(out, shipped_rules());
  CHECK(warnings.empty());
  const auto q = nlohmann::json::parse(out.str());
  for (const auto& item : q["item"]) {
    if (item["linkId"] != "hip_held_bent") continue;
    // Asked unless both fever and blood thinners are ruled out.
    CHECK(item["enableWhen"].size() == 2);
    CHECK(item["enableBehavior"] == "any");
    CHECK(item["enableWhen"][0]["question"] == "fever");
    CHECK(item["enableWhen"][0]["operator"] == "!=");
    CHECK(item["enableWhen"][0]["answerBoolean"] == false);
    CHECK(item["enableWhen"][1]["question"] == "anticoagulant");
  }
}
