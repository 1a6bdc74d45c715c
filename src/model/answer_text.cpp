#include "model/answer_text.hpp"

#include <fmt/format.h>

namespace psoas {

std::vector<std::string> chosen_options(const Question& q, const Answer& a) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < q.options.size(); ++i) {
    if ((a.options >> i) & 1U) out.push_back(q.options[i].id);
  }
  return out;
}

std::string answer_token(const Question& q, const Answer& a) {
  switch (a.state) {
    case Answer::State::Missing:
    case Answer::State::NotApplicable: return "";
    case Answer::State::Unknown: return "unknown";
    case Answer::State::Given: break;
  }
  switch (q.type) {
    case QuestionType::YesNo: return a.value ? "yes" : "no";
    case QuestionType::OneOf: return q.options[a.value].id;
    case QuestionType::ManyOf: return fmt::format("[{}]", fmt::join(chosen_options(q, a), ", "));
    case QuestionType::Number: return std::to_string(a.value);
  }
  return "";
}

}  // namespace psoas
