#pragma once
// Answers spelled as in answer files: yes, no, unknown, an option id, [a, b], or a number.
#include <string>
#include <vector>

#include "model/answers.hpp"
#include "model/ruleset.hpp"

namespace psoas {

// "" for an unanswered question.
std::string answer_token(const Question& q, const Answer& a);

// The answer in words, for people: "Yes", "Don't know", option texts, "12 hours"; "" if unanswered.
std::string answer_words(const Question& q, const Answer& a);

// The index of the band of number question `q` called `id`, or -1.
int band_index(const Question& q, std::string_view id);

// The answer "band `b` of `q`": its range, in words.
Answer band_answer(const Question& q, int b);

// "mild (1 to 3)": a band as people read it.
std::string band_words(const Question& q, int b);

// The option ids chosen in a many-of answer.
std::vector<std::string> chosen_options(const Question& q, const Answer& a);

}  // namespace psoas
