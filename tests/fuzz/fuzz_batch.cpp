// Batch line parsing: each line of the input through the JSON Lines reader, then the engine and
// the JSON Lines and CSV writers, as `psoas-triage batch` does. Each line is read by the quick
// path and by the full reader alone too: they must accept the same lines, with the same answers,
// and refuse the others with the same message. It is read in place too, as batch reads it, with
// the rest of the input after it as its padding: the bytes after a line must change nothing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz_rules_fixture.hpp"
#include "load/json_lines.hpp"
#include "report/batch.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const psoas::RuleSet& rules = psoas::fuzz::shipped_rules();
  static psoas::load::JsonLineReader reader(rules);
  static psoas::load::JsonLineReader full(rules, psoas::load::JsonLineReader::Path::Full);
  psoas::Answers full_answers;
  std::string full_error;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  psoas::Answers answers, in_place_answers;
  std::string error, in_place;
  std::string out;
  static psoas::report::BatchWriter json(rules, psoas::report::BatchFormat::JsonLines);
  static psoas::report::BatchWriter csv(rules, psoas::report::BatchFormat::Csv);
  long number = 0;
  for (std::size_t start = 0; start <= input.size();) {
    std::size_t end = input.find('\n', start);
    if (end == std::string_view::npos) end = input.size();
    const psoas::report::BatchRecord record{"", ++number, {}};
    const std::string_view line = input.substr(start, end - start);
    const bool ok = reader.read(line, answers, error);
    // In place: the line followed by the rest of the input, then padding.
    in_place.assign(input.substr(start));
    in_place.append(psoas::load::JsonLineReader::kPadding, '"');
    std::string in_place_error;
    if (reader.read_in_place(std::string_view(in_place).substr(0, line.size()), in_place_answers,
                             in_place_error) != ok ||
        in_place_answers.id != answers.id ||
        (ok && (in_place_answers.by_question != answers.by_question ||
                in_place_answers.note != answers.note)) ||
        (!ok && in_place_error != error)) {
      std::abort();  // the bytes after the line changed how it was read
    }
    if (ok != full.read(line, full_answers, full_error) || answers.id != full_answers.id ||
        (ok && (answers.note != full_answers.note ||
                answers.by_question != full_answers.by_question)) ||
        (!ok && (error != full_error || reader.error_column() != full.error_column()))) {
      std::abort();  // the quick path and the full reader disagree on this line
    }
    if (ok) {
      json.result(out, {"", number, answers.id}, answers);
      csv.result(out, record, answers);
    } else {
      json.error(out, record, error);
    }
    start = end + 1;
  }
  return 0;
}
