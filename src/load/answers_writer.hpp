#pragma once
// Writes answers as an answer file that load/answers_loader reads back unchanged.
#include <string>
#include <string_view>
#include <vector>

#include "model/answers.hpp"
#include "model/ruleset.hpp"

namespace psoas::load {

// `comment` lines are written first, each prefixed with "# ". The id, note and expectation are
// written too, so that a file read and written back keeps them.
std::string answers_to_yaml(const RuleSet& rules, const Answers& answers,
                            std::string_view comment = {});

// The same as a JSON answer file (JSON has no comments).
std::string answers_to_json(const RuleSet& rules, const Answers& answers);

// The SHA-256 of the answers in a canonical form: "QUESTION=ANSWER;" for each answered question in
// script order, ANSWER spelled as in answer files (yes, no, unknown, an option id, options joined
// by ',', a number). The same answers give the same digest whatever their order or format.
std::string answers_digest(const RuleSet& rules, const Answers& answers);

// The same digest for many answer sets of one rule set, as batch stamps a record: each
// question's "QUESTION=" prefix is made once and the buffers are reused.
class AnswersDigest {
 public:
  explicit AnswersDigest(const RuleSet& rules);
  // The digest as 64 hex digits, valid until the next call.
  const std::string& operator()(const std::vector<Answer>& answers);

 private:
  const RuleSet& rules_;
  std::vector<std::string> prefixes_;  // "QUESTION="
  std::string canonical_;
  std::string digest_;
};

}  // namespace psoas::load
