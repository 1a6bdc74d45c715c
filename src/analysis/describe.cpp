#include "analysis/describe.hpp"

#include <fmt/format.h>

namespace psoas::analysis {
namespace {

std::string option_set(const Question& q, std::uint64_t bits) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < q.options.size(); ++i) {
    if ((bits >> i) & 1U) ids.push_back(q.options[i].id);
  }
  return fmt::format("{{{}}}", fmt::join(ids, ", "));
}

std::string value(const Question& q, int v) {
  switch (q.type) {
    case QuestionType::YesNo: return v ? "yes" : "no";
    case QuestionType::OneOf:
    case QuestionType::ManyOf: return q.options[v].id;
    case QuestionType::Number: return std::to_string(v);
  }
  return "?";
}

std::string describe_inner(const RuleSet& rules, const Condition& c, bool nested) {
  using Op = Condition::Op;
  if (c.op == Op::All || c.op == Op::Any) {
    std::vector<std::string> parts;
    for (const Condition& child : c.children) parts.push_back(describe_inner(rules, child, true));
    if (parts.size() == 1) return parts.front();
    const std::string joined = fmt::format("{}", fmt::join(parts, c.op == Op::All ? " and " : " or "));
    return nested ? "(" + joined + ")" : joined;
  }
  if (c.op == Op::Not) return "not " + describe_inner(rules, c.children.front(), true);
  if (c.op == Op::Flag) return fmt::format("red flag {}", rules.red_flags[c.value].id);
  const Question& q = rules.questions[c.question];
  switch (c.op) {
    case Op::Eq: return fmt::format("{} = {}", q.id, value(q, c.value));
    case Op::Ne: return fmt::format("{} != {}", q.id, value(q, c.value));
    case Op::Lt: return fmt::format("{} < {}", q.id, c.value);
    case Op::Le: return fmt::format("{} <= {}", q.id, c.value);
    case Op::Gt: return fmt::format("{} > {}", q.id, c.value);
    case Op::Ge: return fmt::format("{} >= {}", q.id, c.value);
    case Op::In: return fmt::format("{} in {}", q.id, option_set(q, c.options));
    case Op::Contains: return fmt::format("{} has {}", q.id, value(q, c.value));
    case Op::Answered: return fmt::format("{} {}", q.id, c.value ? "answered" : "unanswered");
    case Op::DontKnow: return fmt::format("{} {}", q.id, c.value ? "don't know" : "not don't know");
    default: return "?";
  }
}

}  // namespace

std::string describe(const RuleSet& rules, const Condition& condition) {
  return describe_inner(rules, condition, false);
}

}  // namespace psoas::analysis
