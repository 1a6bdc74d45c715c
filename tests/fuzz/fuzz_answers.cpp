// The answer-file readers (YAML, and JSON through the one JSON reader; FHIR QuestionnaireResponse), then the
// engine and every renderer.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string_view>

#include "engine/engine.hpp"
#include "fuzz_rules_fixture.hpp"
#include "load/answers_loader.hpp"
#include "report/fhir.hpp"
#include "report/report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const psoas::RuleSet& rules = psoas::fuzz::shipped_rules();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  psoas::Errors errors;
  // Named as standard input, so a text that starts with '{' goes through the JSON reader and
  // anything else through the YAML one, as `assess -` reads them.
  auto answers = psoas::load::parse_answers(text, "<stdin>", rules, errors);
  if (!answers) {
    for (const auto& e : errors) (void)psoas::to_string(e);
    return 0;
  }
  const psoas::Assessment a = psoas::engine::assess(rules, answers->by_question);
  std::ostringstream out;
  psoas::report::render_json(out, {rules, *answers, a});
  psoas::report::render_text(out, {rules, *answers, a}, {true, true});
  psoas::report::render_markdown(out, {rules, *answers, a});
  psoas::report::render_html(out, {rules, *answers, a});
  psoas::report::render_fhir_response(out, {rules, *answers, a});
  return 0;
}
