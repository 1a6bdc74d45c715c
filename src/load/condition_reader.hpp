#pragma once
// Reads a condition: {all: [...]}, {any: [...]}, {not: {...}} or a check of one answer,
// {q: QUESTION, OP: VALUE} with OP one of eq, ne, lt, le, gt, ge, in, contains, answered.
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

 private:
  std::optional<Condition> read_leaf(const Node& node, const std::string& what);
  bool read_value(const Question& q, Condition& c, const Node& value, const std::string& op);
  int option_index(const Question& q, const Node& value);

  const RuleSet& rules_;
  int visible_;
  Errors& errors_;
  const std::vector<std::string>* later_;
  int depth_ = 0;
};

}  // namespace psoas::load
