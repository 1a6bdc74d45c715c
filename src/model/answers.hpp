#pragma once
// One person's answers, indexed like the rule set's questions.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/level.hpp"

namespace psoas {

struct Answer {
  // NotApplicable is set by the engine, never read from a file: an unanswered question whose
  // ask-condition is definitely false (a follow-up to an earlier "no").
  enum class State { Missing, Unknown, Given, NotApplicable };
  State state = State::Missing;
  int value = 0;              // YesNo: 1 yes / 0 no; OneOf: option index; Number: the number
  std::uint64_t options = 0;  // ManyOf: chosen option indexes, as bits
  // Number, answered in words ("mild"): the band's index, and `value` to `high` its range. A
  // band is a range, not an invented number: a check it straddles stays unknown.
  int band = -1;
  int high = 0;

  bool given() const { return state == State::Given; }
  bool operator==(const Answer&) const = default;
  int low_end() const { return value; }
  int high_end() const { return band >= 0 ? high : value; }
};

// What a vignette expects: read from an answer file's optional `expect` section.
struct Expectation {
  std::optional<Level> level;
  std::string structure;  // a structure id, or "none"
};

struct Answers {
  std::string id;               // optional case id
  std::string note;             // optional free text, kept when the answers are written back
  std::vector<Answer> by_question;
  std::optional<Expectation> expect;
};

}  // namespace psoas
