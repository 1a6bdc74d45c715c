#pragma once
// Reads an answer file (YAML or JSON) against a rule set:
//   id: optional case id
//   answers: {QUESTION: VALUE, ...}
//   expect: {level: LEVEL, structure: STRUCTURE|none}   (optional; used by vignettes)
//   note: optional free text
// VALUE is yes/no (or true/false) for yes/no questions, an option id for one-of, a list of
// option ids for many-of, a whole number for number questions, or `unknown` for "don't know".
// A question left out, or given null, is unanswered. A FHIR R4 QuestionnaireResponse is read too
// (see load/fhir_response.hpp).
#include <optional>
#include <string>
#include <string_view>

#include "model/answers.hpp"
#include "model/ruleset.hpp"
#include "util/error.hpp"

namespace psoas::load {

// The form an answer file was written in, so that it can be written back in the same form.
enum class AnswerForm { Yaml, Json, Fhir };

std::optional<Answers> parse_answers(std::string_view text, const std::string& file,
                                     const RuleSet& rules, Errors& errors,
                                     AnswerForm* form = nullptr);

// Reads FILE, or standard input for "-". JSON (a *.json file, or standard input that starts
// with '{') goes through the one JSON reader (load/json_document.hpp), everything else as YAML.
std::optional<Answers> load_answers(const std::string& path, const RuleSet& rules,
                                    Errors& errors, AnswerForm* form = nullptr);

// What a question accepts, for messages: "yes, no or unknown", "a whole number from 0 to 10 …".
std::string expected_answer(const Question& q);

// Reads one answer value for question `q`; shared by files and the interview's save files.
struct Node;
bool read_answer(const Node& value, const Question& q, Answer& out, Errors& errors);

// Reads the answer-file shape ({id, answers, expect, note}) from a parsed tree into `out`,
// reusing its buffers; shared by answer files and `batch` lines. False if anything was wrong.
// `what` names the whole in messages ("the answer file lacks the required key 'answers'").
bool read_answer_set(const Node& root, const RuleSet& rules, Answers& out, Errors& errors,
                     std::string_view what = "the answer file");

}  // namespace psoas::load
