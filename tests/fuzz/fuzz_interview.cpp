// The interview's answer parser: the first byte picks a question, the rest is what was typed.
// Whatever is typed, the result is an answer the engine accepts, a command, or an explanation.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <variant>

#include "engine/engine.hpp"
#include "fuzz_rules_fixture.hpp"
#include "interview/answer_parser.hpp"
#include "interview/session.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const psoas::RuleSet& rules = psoas::fuzz::shipped_rules();
  const std::size_t index = data[0] % rules.questions.size();
  const psoas::Question& q = rules.questions[index];
  const std::string_view line(reinterpret_cast<const char*>(data + 1), size - 1);
  const auto typed = psoas::interview::parse_typed(q, line);
  if (const auto* answer = std::get_if<psoas::Answer>(&typed)) {
    if (answer->state == psoas::Answer::State::Given) {
      const bool valid = q.type == psoas::QuestionType::Number
                             ? answer->value >= q.min && answer->value <= q.max
                         : q.type == psoas::QuestionType::ManyOf
                             ? answer->options != 0 && (answer->options >> q.options.size()) == 0
                         : q.type == psoas::QuestionType::OneOf
                             ? answer->value >= 0 &&
                                   answer->value < static_cast<int>(q.options.size())
                             : answer->value == 0 || answer->value == 1;
      if (!valid) std::abort();  // the parser let through an answer out of its domain
    }
    psoas::Answers start;
    psoas::interview::Session session(rules, start);
    while (session.current() && *session.current() != static_cast<int>(index)) {
      session.answer({psoas::Answer::State::Unknown, 0, 0});
    }
    if (session.current()) session.answer(*answer);
    (void)psoas::engine::assess(rules, session.answers().by_question);
  }
  return 0;
}
