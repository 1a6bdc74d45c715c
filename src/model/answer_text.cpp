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

int band_index(const Question& q, std::string_view id) {
  for (std::size_t i = 0; i < q.bands.size(); ++i) {
    if (q.bands[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

Answer band_answer(const Question& q, int b) {
  const Band& band = q.bands[static_cast<std::size_t>(b)];
  Answer a{Answer::State::Given, band.min, 0};
  a.band = b;
  a.high = band.max;
  return a;
}

std::string band_words(const Question& q, int b) {
  const Band& band = q.bands[static_cast<std::size_t>(b)];
  if (band.min == band.max) return fmt::format("{} ({})", band.id, band.min);
  return fmt::format("{} ({} to {})", band.id, band.min, band.max);
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
    case QuestionType::Number:
      return a.band >= 0 ? q.bands[static_cast<std::size_t>(a.band)].id : std::to_string(a.value);
  }
  return "";
}

std::string answer_words(const Question& q, const Answer& a) {
  switch (a.state) {
    case Answer::State::Missing:
    case Answer::State::NotApplicable: return "";
    case Answer::State::Unknown: return "Don't know";
    case Answer::State::Given: break;
  }
  switch (q.type) {
    case QuestionType::YesNo: return a.value ? "Yes" : "No";
    case QuestionType::OneOf: return q.options[a.value].text;
    case QuestionType::ManyOf: {
      std::vector<std::string> texts;
      for (std::size_t i = 0; i < q.options.size(); ++i) {
        if ((a.options >> i) & 1U) texts.push_back(q.options[i].text);
      }
      return fmt::format("{}", fmt::join(texts, "; "));
    }
    case QuestionType::Number:
      if (a.band >= 0) return band_words(q, a.band);
      return q.unit.empty() ? std::to_string(a.value) : fmt::format("{} {}", a.value, q.unit);
  }
  return "";
}

}  // namespace psoas
