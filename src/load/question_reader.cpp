#include "load/question_reader.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "load/condition_reader.hpp"
#include "load/items.hpp"
#include "load/reader.hpp"
#include "util/suggest.hpp"

namespace psoas::load {
namespace {

// bands: words a number question also accepts, each for a range within min..max, in order
// and not overlapping: [{id: mild, text: Mild, min: 1, max: 3}, ...].
void read_bands(const Node& node, Question& q, const std::string& what, Errors& errors) {
  if (q.type != QuestionType::Number) {
    errors.push_back({node.at, fmt::format("{} is not a number question and takes no "
                                            "'bands'",
                                            what)});
    return;
  }
  for_each_item(node, "bands", errors, [&](const std::string& id, MapReader& map, const std::string& bwhat) {
    Band b{id, "", 0, 0, map.node().at};
    required_text(map, "text", bwhat, b.text, errors);
    if (const Node* n = map.required("min")) b.min = read_int(*n, "'min'", errors).value_or(0);
    if (const Node* n = map.required("max")) b.max = read_int(*n, "'max'", errors).value_or(0);
    if (b.min > b.max || b.min < q.min || b.max > q.max) {
      errors.push_back({b.at, fmt::format("{} must lie within {} to {}, with min at most max",
                                           bwhat, q.min, q.max)});
    } else if (!q.bands.empty() && b.min <= q.bands.back().max) {
      errors.push_back({b.at, fmt::format("{} overlaps or comes before the band before it",
                                           bwhat)});
    }
    if (id == "unknown") {
      errors.push_back({b.at, "a band cannot be called 'unknown'"});
    }
    q.bands.push_back(std::move(b));
  });
}

void read_options(const Node& node, Question& q, const std::string& what, Errors& errors) {
  if (node.kind != Node::Kind::Sequence || node.items.empty()) {
    errors.push_back({node.at, fmt::format("'options' of {} must be a non-empty list", what)});
    return;
  }
  if (node.items.size() > 60) {
    errors.push_back({node.at, fmt::format("{} has more than 60 options", what)});
    return;
  }
  for_each_item(node, "options", errors, [&](const std::string& id, MapReader& map, const std::string& owhat) {
    Option o{id, "", false, "", map.node().at};
    required_text(map, "text", owhat, o.text, errors);
    optional_text(map, "item", owhat, o.item, errors);
    if (const Node* n = map.optional("exclusive")) {
      if (auto v = read_bool(*n, fmt::format("'exclusive' of {}", owhat), errors)) o.exclusive = *v;
    }
    q.options.push_back(std::move(o));
  });
}

// A group member: a question id, or {q: ID, otherwise: OPTION}.
std::optional<GroupMember> read_group_member(const Node& item, const std::string& what,
                                             const std::vector<std::string>& ids,
                                             const RuleSet& rules, Errors& errors) {
  std::string name;
  std::string otherwise;
  const Node* otherwise_node = nullptr;
  if (item.kind == Node::Kind::Map) {
    MapReader map(item, fmt::format("a question of {}", what), errors);
    required_text(map, "q", fmt::format("a question of {}", what), name, errors);
    otherwise_node = map.optional("otherwise");
    if (otherwise_node) set_text(*otherwise_node, "'otherwise'", otherwise, errors);
    map.finish();
  } else {
    set_text(item, fmt::format("a question of {}", what), name, errors);
  }
  if (name.empty()) return std::nullopt;
  const int q = rules.question_index(name);
  if (q < 0) {
    errors.push_back({item.at, fmt::format("unknown question '{}'{}", name, did_you_mean(name, ids))});
    return std::nullopt;
  }
  const Question& question = rules.questions[q];
  GroupMember member{q, -1};
  const auto option_ids = [&] {
    std::vector<std::string> out;
    for (const Option& o : question.options) out.push_back(o.id);
    return out;
  };
  switch (question.type) {
    case QuestionType::YesNo:
      if (otherwise_node) {
        errors.push_back({otherwise_node->at,
                           fmt::format("'{}' is a yes/no question: not picked means no, so it "
                                       "takes no 'otherwise'",
                                       name)});
        return std::nullopt;
      }
      return member;
    case QuestionType::Number:
      errors.push_back({item.at, fmt::format("'{}' cannot be in {}: a list holds yes/no and "
                                              "choice questions, not numbers",
                                              name, what)});
      return std::nullopt;
    case QuestionType::OneOf:
    case QuestionType::ManyOf: break;
  }
  if (!otherwise_node) {
    for (std::size_t i = 0; i < question.options.size(); ++i) {
      if (question.type == QuestionType::ManyOf && question.options[i].exclusive) {
        member.otherwise = static_cast<int>(i);
      }
    }
    if (member.otherwise < 0) {
      errors.push_back({item.at, fmt::format("'{}' in {} needs 'otherwise': the option that "
                                              "\"none of these\" means, one of {}",
                                              name, what, fmt::join(option_ids(), ", "))});
      return std::nullopt;
    }
    return member;
  }
  for (std::size_t i = 0; i < question.options.size(); ++i) {
    if (question.options[i].id == otherwise) member.otherwise = static_cast<int>(i);
  }
  if (member.otherwise < 0) {
    errors.push_back({otherwise_node->at,
                       fmt::format("'{}' is not an option of '{}'; expected one of {}",
                                   otherwise, name, fmt::join(option_ids(), ", "))});
    return std::nullopt;
  }
  if (question.type == QuestionType::ManyOf && !question.options[member.otherwise].exclusive) {
    errors.push_back({otherwise_node->at,
                       fmt::format("'{}' of '{}' must be exclusive to mean \"none of these\"",
                                   otherwise, name)});
    return std::nullopt;
  }
  return member;
}

// The last question (by script index) a condition reads; -1 if none.
int latest_question_read(const Condition& c) {
  int latest = c.op == Condition::Op::Flag ? -1 : c.question;
  for (const Condition& child : c.children) latest = std::max(latest, latest_question_read(child));
  return latest;
}

}  // namespace

void read_questions(const Node& list, RuleSet& rules, Errors& errors) {
  struct Replaced {
    std::size_t question;
    std::string by;
    Location at;
  };
  std::vector<Replaced> replaced;
  std::vector<std::string> all_ids;
  for (const Node& item : list.items) {
    const Node* id = item.kind == Node::Kind::Map ? item.find("id") : nullptr;
    if (id && id->kind == Node::Kind::Scalar) all_ids.push_back(id->text);
  }
  for_each_item(list, "questions", errors, [&](const std::string& id, MapReader& map, const std::string& what) {
    Question q;
    q.id = id;
    q.at = map.node().at;
    required_text(map, "text", what, q.text, errors);
    required_text(map, "help", what, q.help, errors);
    optional_text(map, "how_to_check", what, q.how_to_check, errors);
    optional_text(map, "item", what, q.item, errors);
    static const std::vector<std::string> kTypes = {"yes_no", "one_of", "many_of", "number"};
    if (const Node* n = map.required("type")) {
      auto type = read_text(*n, fmt::format("'type' of {}", what), errors);
      if (type == "yes_no") q.type = QuestionType::YesNo;
      else if (type == "one_of") q.type = QuestionType::OneOf;
      else if (type == "many_of") q.type = QuestionType::ManyOf;
      else if (type == "number") q.type = QuestionType::Number;
      else if (type) {
        errors.push_back({n->at, fmt::format("unknown question type '{}'{}; the types are "
                                              "yes_no, one_of, many_of, number",
                                              *type, did_you_mean(*type, kTypes))});
      }
    }
    const bool choice = q.type == QuestionType::OneOf || q.type == QuestionType::ManyOf;
    if (const Node* n = choice ? map.required("options") : map.optional("options")) {
      if (!choice) {
        errors.push_back({n->at, fmt::format("{} is not a choice question and takes no "
                                              "'options'",
                                              what)});
      } else {
        read_options(*n, q, what, errors);
      }
    }
    if (q.type == QuestionType::Number) {
      if (const Node* n = map.required("min")) q.min = read_int(*n, "'min'", errors).value_or(0);
      if (const Node* n = map.required("max")) q.max = read_int(*n, "'max'", errors).value_or(0);
      optional_text(map, "unit", what, q.unit, errors);
      if (q.min > q.max) {
        errors.push_back({q.at, fmt::format("{} has min {} above max {}", what, q.min, q.max)});
      }
    }
    if (const Node* n = map.optional("bands")) read_bands(*n, q, what, errors);
    q.sources = read_source_ids(map, what, rules, errors);
    const Node* ask_if = map.optional("ask_if");
    if (const Node* n = map.optional("replaced_by")) {
      if (auto by = read_text(*n, fmt::format("'replaced_by' of {}", what), errors)) {
        replaced.push_back({rules.questions.size(), *by, n->at});
      }
      if (ask_if) {
        errors.push_back({ask_if->at, fmt::format("{} is no longer asked ('replaced_by'), so it "
                                                   "takes no 'ask_if'",
                                                   what)});
        ask_if = nullptr;
      }
    }
    rules.questions.push_back(std::move(q));
    if (ask_if) {
      // An ask-condition may read only questions asked before this one: no cycles, by order.
      const int before = static_cast<int>(rules.questions.size()) - 1;
      ConditionReader reader(rules, before, errors, &all_ids);
      if (auto c = reader.read(*ask_if, fmt::format("'ask_if' of {}", what))) {
        rules.questions.back().ask_if = std::move(*c);
        rules.questions.back().has_condition = true;
      }
    }
  });
  // A question no longer asked names the one that asks it now: a question still asked.
  for (const Replaced& r : replaced) {
    Question& q = rules.questions[r.question];
    const auto by = std::find(all_ids.begin(), all_ids.end(), r.by);
    if (by == all_ids.end()) {
      errors.push_back({r.at, fmt::format("'{}' is replaced by an unknown question '{}'{}", q.id,
                                          r.by, did_you_mean(r.by, all_ids))});
      continue;
    }
    q.replaced_by = static_cast<int>(by - all_ids.begin());
  }
  for (const Replaced& r : replaced) {
    const Question& q = rules.questions[r.question];
    if (q.replaced_by < 0) continue;
    const Question& by = rules.questions[static_cast<std::size_t>(q.replaced_by)];
    if (!by.asked()) {
      errors.push_back({r.at, fmt::format("'{}' is replaced by '{}', which is no longer asked "
                                          "either; name the question that asks it now",
                                          q.id, by.id)});
    }
  }
}

// groups: [{id, text, questions: [ID or {q: ID, otherwise: OPTION}, ...]}]: two or more
// consecutive questions, each in one group at most: yes/no questions, and choice questions
// with the option that "none of these" means (a many-of question's exclusive option by
// default). A member's ask_if reads no question of its own group.
void read_groups(const Node& list, RuleSet& rules, Errors& errors) {
  std::vector<bool> taken(rules.questions.size(), false);
  std::vector<std::string> ids;
  for (const Question& q : rules.questions) ids.push_back(q.id);
  for_each_item(list, "groups", errors, [&](const std::string& id, MapReader& map, const std::string& what) {
    QuestionGroup g{id, "", {}, map.node().at};
    required_text(map, "text", what, g.text, errors);
    const Node* members = map.required("questions");
    if (!members) return;
    if (members->kind != Node::Kind::Sequence) {
      errors.push_back({members->at, fmt::format("'questions' of {} must be a list", what)});
      return;
    }
    for (const Node& item : members->items) {
      auto member = read_group_member(item, what, ids, rules, errors);
      if (!member) return;
      const Question& question = rules.questions[member->question];
      if (!question.asked()) {
        errors.push_back({item.at, fmt::format("'{}' cannot be in {}: it is no longer asked",
                                                question.id, what)});
        return;
      }
      if (taken[member->question]) {
        errors.push_back({item.at, fmt::format("'{}' cannot be in {}: it is in another group",
                                                question.id, what)});
        return;
      }
      if (!g.members.empty() && member->question != g.members.back().question + 1) {
        errors.push_back(
            {item.at, fmt::format("'{}' does not follow '{}' in the script; a group's "
                                  "questions must be consecutive",
                                  question.id, rules.questions[g.members.back().question].id)});
        return;
      }
      if (question.has_condition && !g.members.empty()) {
        const int first = g.members.front().question;
        if (const int read = latest_question_read(question.ask_if); read >= first) {
          errors.push_back({question.ask_if.at,
                             fmt::format("the ask_if of '{}' reads '{}', in its own {}; "
                                         "a list is shown whole, so it can read only questions "
                                         "before the group",
                                         question.id, rules.questions[read].id, what)});
          return;
        }
      }
      taken[member->question] = true;
      g.members.push_back(*member);
    }
    if (g.members.size() < 2) {
      errors.push_back({members->at, fmt::format("{} needs two or more questions", what)});
      return;
    }
    rules.groups.push_back(std::move(g));
  });
}

}  // namespace psoas::load
