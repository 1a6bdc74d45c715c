// Batch line parsing: each line of the input through the JSON Lines reader, then the engine and
// the JSON Lines and CSV writers, as `psoas-triage batch` does.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/engine.hpp"
#include "fuzz_rules_fixture.hpp"
#include "load/json_lines.hpp"
#include "report/batch.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const psoas::RuleSet& rules = psoas::fuzz::shipped_rules();
  static psoas::load::JsonLineReader reader(rules);
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  psoas::Answers answers;
  psoas::engine::Evaluation evaluation;
  std::string error;
  std::string out;
  static const psoas::report::BatchWriter json(rules, psoas::report::BatchFormat::JsonLines);
  static const psoas::report::BatchWriter csv(rules, psoas::report::BatchFormat::Csv);
  long number = 0;
  for (std::size_t start = 0; start <= input.size();) {
    std::size_t end = input.find('\n', start);
    if (end == std::string_view::npos) end = input.size();
    const psoas::report::BatchRecord record{"", ++number, {}};
    if (reader.read(input.substr(start, end - start), answers, error)) {
      psoas::engine::evaluate(rules, answers.by_question, evaluation);
      json.result(out, {"", number, answers.id}, answers, evaluation);
      csv.result(out, record, answers, evaluation);
    } else {
      json.error(out, record, error);
    }
    start = end + 1;
  }
  return 0;
}
