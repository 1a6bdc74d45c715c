#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/engine.hpp"
#include "helpers.hpp"
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
  CHECK(doc["format"] == "psoas-triage/assessment/1");
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
