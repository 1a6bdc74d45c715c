#pragma once
// Reads a condition: {all: [...]}, {any: [...]}, {not: {...}} or a check of one answer,
// {q: QUESTION, OP: VALUE} with OP one of eq, ne, lt, le, gt, ge, in, contains, answered; and,
// where flags are allowed (advice), {flag: RED_FLAG}: the red flag's own value.
#include <optional>
#include <string>

#include "load/document.hpp"
#include "model/ruleset.hpp"

namespace psoas::load {

class ConditionReader {
 public:
  // Only questions with an index below `visible` may be read (earlier questions, for ask_if).
  // `later`, if given, names the questions defined after the visible ones, for a precise
  // message; it must outlive the reader.
  ConditionReader(const RuleSet& rules, int visible, Errors& errors,
                  const std::vector<std::string>* later = nullptr)
      : rules_(rules), visible_(visible), errors_(errors), later_(later) {}

  std::optional<Condition> read(const Node& node, const std::string& what);

  // Lets conditions read red flags ({flag: ID}); the rule set's red flags must be loaded.
  void allow_flags() { flags_ = true; }

 private:
  std::optional<Condition> read_flag(const Node& node, const std::string& what);
  std::optional<Condition> read_leaf(const Node& node, const std::string& what);
  bool read_value(const Question& q, Condition& c, const Node& value, const std::string& op);
  int option_index(const Question& q, const Node& value);

  const RuleSet& rules_;
  int visible_;
  Errors& errors_;
  const std::vector<std::string>* later_;
  int depth_ = 0;
  bool flags_ = false;
};

}  // namespace psoas::load
