#include "load/condition_reader.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "load/reader.hpp"
#include "util/suggest.hpp"

namespace psoas::load {
namespace {

using Op = Condition::Op;

struct OpName {
  const char* name;
  Op op;
};
constexpr std::array<OpName, 10> kLeafOps = {{{"eq", Op::Eq},
                                             {"ne", Op::Ne},
                                             {"lt", Op::Lt},
                                             {"le", Op::Le},
                                             {"gt", Op::Gt},
                                             {"ge", Op::Ge},
                                             {"in", Op::In},
                                             {"contains", Op::Contains},
                                             {"answered", Op::Answered},
                                             {"dont_know", Op::DontKnow}}};

// Which operators fit which question type: data, so the error can list them.
std::vector<std::string> ops_for(QuestionType type) {
  switch (type) {
    case QuestionType::YesNo: return {"eq", "ne", "answered", "dont_know"};
    case QuestionType::OneOf: return {"eq", "ne", "in", "answered", "dont_know"};
    case QuestionType::ManyOf: return {"contains", "answered", "dont_know"};
    case QuestionType::Number: return {"eq", "ne", "lt", "le", "gt", "ge", "answered", "dont_know"};
  }
  return {};
}

std::string_view type_name(QuestionType type) {
  switch (type) {
    case QuestionType::YesNo: return "yes_no";
    case QuestionType::OneOf: return "one_of";
    case QuestionType::ManyOf: return "many_of";
    case QuestionType::Number: return "number";
  }
  return "?";
}

}  // namespace

std::optional<Condition> ConditionReader::read(const Node& node, const std::string& what) {
  if (node.kind != Node::Kind::Map || node.entries.empty()) {
    errors_.push_back({node.at, fmt::format("{} must be a condition: {{all: [...]}}, {{any: "
                                            "[...]}}, {{not: ...}} or {{q: QUESTION, eq: VALUE}}",
                                            what)});
    return std::nullopt;
  }
  if (++depth_ > 16) {
    errors_.push_back({node.at, "conditions nest more than 16 levels deep"});
    return std::nullopt;
  }
  struct Leave {
    int& d;
    ~Leave() { --d; }
  } leave{depth_};

  const std::string& key = node.entries.front().key;
  if (key == "flag") return read_flag(node, what);
  if (key != "all" && key != "any" && key != "not") return read_leaf(node, what);
  if (node.entries.size() != 1) {
    errors_.push_back({node.entries[1].key_at,
                       fmt::format("'{}' must stand alone in its mapping; wrap other checks in it",
                                   key)});
    return std::nullopt;
  }
  const Node& body = *node.entries.front().value;
  Condition c;
  c.at = node.at;
  if (key == "not") {
    c.op = Op::Not;
    auto inner = read(body, what);
    if (!inner) return std::nullopt;
    c.children.push_back(std::move(*inner));
    return c;
  }
  c.op = key == "all" ? Op::All : Op::Any;
  if (body.kind != Node::Kind::Sequence || body.items.empty()) {
    errors_.push_back({body.at, fmt::format("'{}' takes a non-empty list of conditions", key)});
    return std::nullopt;
  }
  for (const Node& item : body.items) {
    auto inner = read(item, what);
    if (!inner) return std::nullopt;
    c.children.push_back(std::move(*inner));
  }
  return c;
}

std::optional<Condition> ConditionReader::read_flag(const Node& node, const std::string& what) {
  if (!flags_) {
    errors_.push_back({node.at, fmt::format("{} reads a red flag; only advice ('when', "
                                            "'not_for') may read red flags",
                                            what)});
    return std::nullopt;
  }
  MapReader map(node, what, errors_);
  const Node* id_node = map.required("flag");
  map.finish();
  if (!id_node || !map.ok()) return std::nullopt;
  auto id = read_text(*id_node, "the red flag 'flag'", errors_);
  if (!id) return std::nullopt;
  const int index = rules_.red_flag_index(*id);
  if (index < 0) {
    std::vector<std::string> ids;
    for (const RedFlag& f : rules_.red_flags) ids.push_back(f.id);
    errors_.push_back({id_node->at, fmt::format("unknown red flag '{}'{}", *id,
                                                did_you_mean(*id, ids))});
    return std::nullopt;
  }
  Condition c;
  c.at = node.at;
  c.op = Op::Flag;
  c.value = index;
  return c;
}

std::optional<Condition> ConditionReader::read_leaf(const Node& node, const std::string& what) {
  MapReader map(node, what, errors_);
  Condition c;
  c.at = node.at;
  const Node* q_node = map.required("q");
  const Node* op_node = nullptr;
  std::string op_name;
  for (const auto& [name, op] : kLeafOps) {
    if (const Node* v = map.optional(name)) {
      if (op_node) {
        errors_.push_back({v->at, fmt::format("a check takes one operator; '{}' and '{}' are both "
                                              "given (use all: [...] to combine)",
                                              op_name, name)});
        return std::nullopt;
      }
      op_node = v;
      op_name = name;
      c.op = op;
    }
  }
  map.optional("all");  // only to suggest them for typos
  map.optional("any");
  map.optional("not");
  const std::size_t errors_before = errors_.size();
  map.finish();
  if (!q_node || errors_.size() != errors_before) return std::nullopt;
  if (!op_node) {
    errors_.push_back({node.at, fmt::format("{} checks '{}' but gives no operator (eq, ne, lt, "
                                            "le, gt, ge, in, contains or answered)",
                                            what, q_node->text)});
    return std::nullopt;
  }
  auto id = read_text(*q_node, "the question 'q'", errors_);
  if (!id) return std::nullopt;
  const int index = rules_.question_index(*id);
  if (index < 0 && later_ && std::find(later_->begin(), later_->end(), *id) != later_->end()) {
    errors_.push_back({q_node->at, fmt::format("{} reads '{}', which is asked after it; a "
                                               "question's condition may read only earlier "
                                               "questions",
                                               what, *id)});
    return std::nullopt;
  }
  if (index < 0) {
    std::vector<std::string> ids;
    for (const Question& q : rules_.questions) ids.push_back(q.id);
    errors_.push_back({q_node->at, fmt::format("unknown question '{}'{}", *id,
                                               did_you_mean(*id, ids))});
    return std::nullopt;
  }
  if (index >= visible_) {
    errors_.push_back({q_node->at, fmt::format("{} reads '{}' itself; a question's condition may "
                                               "read only earlier questions",
                                               what, *id)});
    return std::nullopt;
  }
  const Question& q = rules_.questions[index];
  c.question = index;
  const auto allowed = ops_for(q.type);
  if (std::find(allowed.begin(), allowed.end(), op_name) == allowed.end()) {
    errors_.push_back({op_node->at, fmt::format("operator '{}' does not fit {} question '{}'; use "
                                                "one of: {}",
                                                op_name, type_name(q.type), q.id,
                                                fmt::join(allowed, ", "))});
    return std::nullopt;
  }
  if (!read_value(q, c, *op_node, op_name)) return std::nullopt;
  return c;
}

int ConditionReader::option_index(const Question& q, const Node& value) {
  std::vector<std::string> ids;
  for (const Option& o : q.options) ids.push_back(o.id);
  auto text = read_text(value, "an option", errors_);
  if (!text) return -1;
  auto it = std::find(ids.begin(), ids.end(), *text);
  if (it == ids.end()) {
    errors_.push_back({value.at, fmt::format("'{}' has no option '{}'{}", q.id, *text,
                                             did_you_mean(*text, ids))});
    return -1;
  }
  return static_cast<int>(it - ids.begin());
}

bool ConditionReader::read_value(const Question& q, Condition& c, const Node& value,
                                 const std::string& op) {
  if (c.op == Op::Answered || c.op == Op::DontKnow) {
    auto b = read_bool(value, c.op == Op::Answered ? "'answered'" : "'dont_know'", errors_);
    c.value = b.value_or(false) ? 1 : 0;
    return b.has_value();
  }
  switch (q.type) {
    case QuestionType::YesNo:
      if (value.kind == Node::Kind::Scalar && (value.text == "yes" || value.text == "no")) {
        c.value = value.text == "yes" ? 1 : 0;
        return true;
      }
      errors_.push_back({value.at, fmt::format("'{}' on yes/no question '{}' takes yes or no", op,
                                               q.id)});
      return false;
    case QuestionType::OneOf:
    case QuestionType::ManyOf:
      if (c.op == Op::In) {
        if (value.kind != Node::Kind::Sequence || value.items.empty()) {
          errors_.push_back({value.at, "'in' takes a non-empty list of options"});
          return false;
        }
        for (const Node& item : value.items) {
          const int i = option_index(q, item);
          if (i < 0) return false;
          c.options |= std::uint64_t{1} << i;
        }
        return true;
      }
      c.value = option_index(q, value);
      return c.value >= 0;
    case QuestionType::Number: {
      auto n = read_int(value, fmt::format("'{}' on '{}'", op, q.id), errors_);
      if (!n) return false;
      if (*n < q.min || *n > q.max) {
        errors_.push_back({value.at, fmt::format("{} is outside the range of '{}' ({} to {})", *n,
                                                 q.id, q.min, q.max)});
        return false;
      }
      c.value = *n;
      return true;
    }
  }
  return false;
}

}  // namespace psoas::load
