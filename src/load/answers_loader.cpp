#include "load/answers_loader.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "load/document.hpp"
#include "load/fhir_response.hpp"
#include "load/json_document.hpp"
#include "load/reader.hpp"
#include "model/answer_text.hpp"
#include "util/suggest.hpp"

namespace psoas::load {
namespace {

std::string option_list(const Question& q) {
  std::vector<std::string> ids;
  for (const Option& o : q.options) ids.push_back(o.id);
  return fmt::format("{}", fmt::join(ids, ", "));
}

}  // namespace

std::string expected_answer(const Question& q) {
  switch (q.type) {
    case QuestionType::YesNo: return "yes, no or unknown";
    case QuestionType::OneOf: return fmt::format("one of: {} (or unknown)", option_list(q));
    case QuestionType::ManyOf:
      return fmt::format("a list of options, like [{}], from: {} (or unknown)",
                         q.options.front().id, option_list(q));
    case QuestionType::Number: {
      std::vector<std::string> words;
      for (const Band& b : q.bands) words.push_back(b.id);
      return fmt::format("a whole number from {} to {}{}{} (or unknown)", q.min, q.max,
                         q.unit.empty() ? "" : " " + q.unit,
                         words.empty() ? "" : fmt::format(", or one of: {}", fmt::join(words, ", ")));
    }
  }
  return "?";
}

namespace {

// Digits with an optional sign: a whole number, even one too large for any range.
bool looks_whole(std::string_view text) {
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

// "yes", "Yes" and "YES" alike, as at the prompt.
bool is_word(const Node& node, std::string_view word) {
  if (node.kind != Node::Kind::Scalar || node.text.size() != word.size()) return false;
  return std::equal(word.begin(), word.end(), node.text.begin(), [](char w, char c) {
    return w == (c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  });
}

int find_option(const Question& q, const Node& node, Errors& errors) {
  if (node.kind == Node::Kind::Scalar) {
    for (std::size_t i = 0; i < q.options.size(); ++i) {
      if (q.options[i].id == node.text) return static_cast<int>(i);
    }
    std::vector<std::string> ids;  // only for the message: batch reads many files' worth
    for (const Option& o : q.options) ids.push_back(o.id);
    std::string hint = did_you_mean(node.text, ids);
    if (hint.empty()) hint = fmt::format("; expected {}", expected_answer(q));
    errors.push_back({node.at, fmt::format("'{}' has no option '{}'{}", q.id, node.text, hint)});
  } else {
    errors.push_back({node.at, fmt::format("'{}' takes {}, not {}", q.id, expected_answer(q),
                                           describe(node.kind))});
  }
  return -1;
}

}  // namespace

bool read_answer(const Node& value, const Question& q, Answer& out, Errors& errors) {
  out = Answer{};
  if (value.kind == Node::Kind::Null) return true;  // unanswered
  if (is_word(value, "unknown")) {
    out.state = Answer::State::Unknown;
    return true;
  }
  auto wrong = [&](std::string_view found) {
    errors.push_back({value.at, fmt::format("'{}' takes {}, not {}", q.id, expected_answer(q), found)});
    return false;
  };
  if (value.block) {
    return wrong("a block of text (| or >); write the answer after the colon, on the key's line");
  }
  switch (q.type) {
    case QuestionType::YesNo: {
      const bool plain = value.kind == Node::Kind::Scalar && !value.quoted;
      if (is_word(value, "yes") || (plain && value.text == "true")) {
        out.value = 1;
      } else if (is_word(value, "no") || (plain && value.text == "false")) {
        out.value = 0;
      } else {
        return wrong(value.kind == Node::Kind::Scalar ? fmt::format("'{}'", value.text)
                                                      : std::string(describe(value.kind)));
      }
      break;
    }
    case QuestionType::OneOf: {
      const int i = find_option(q, value, errors);
      if (i < 0) return false;
      out.value = i;
      break;
    }
    case QuestionType::ManyOf: {
      if (value.kind != Node::Kind::Sequence) {
        return wrong(value.kind == Node::Kind::Scalar
                         ? fmt::format("the single value '{}' (write it as [{}])", value.text,
                                       value.text)
                         : std::string(describe(value.kind)));
      }
      if (value.items.empty()) {
        errors.push_back({value.at, fmt::format("'{}' needs at least one option; to say none "
                                                "applies, choose the 'none' option if it has one, "
                                                "or write unknown",
                                                q.id)});
        return false;
      }
      for (const Node& item : value.items) {
        const int i = find_option(q, item, errors);
        if (i < 0) return false;
        const std::uint64_t bit = std::uint64_t{1} << i;
        if (out.options & bit) {
          errors.push_back({item.at, fmt::format("option '{}' is listed twice", item.text)});
          return false;
        }
        out.options |= bit;
      }
      for (std::size_t i = 0; i < q.options.size(); ++i) {
        if (q.options[i].exclusive && (out.options & (std::uint64_t{1} << i)) &&
            value.items.size() > 1) {
          errors.push_back({value.at, fmt::format("option '{}' of '{}' cannot be combined with "
                                                  "other options",
                                                  q.options[i].id, q.id)});
          return false;
        }
      }
      break;
    }
    case QuestionType::Number: {
      if (value.kind != Node::Kind::Scalar) return wrong(std::string(describe(value.kind)));
      if (const int b = band_index(q, value.text); b >= 0) {
        out = band_answer(q, b);
        return true;
      }
      auto n = parse_whole_number(value.text);
      if (!n && !value.quoted && looks_whole(value.text)) {
        return wrong(fmt::format("{}, which is out of range", value.text));
      }
      if (!n || value.quoted) {
        return wrong(value.quoted ? fmt::format("the text \"{}\" (write numbers without quotes)",
                                                value.text)
                                  : fmt::format("'{}'", value.text));
      }
      if (*n < q.min || *n > q.max) return wrong(fmt::format("{}, which is out of range", *n));
      out.value = static_cast<int>(*n);
      break;
    }
  }
  out.state = Answer::State::Given;
  return true;
}

std::optional<Answers> parse_answers(std::string_view text, const std::string& file,
                                     const RuleSet& rules, Errors& errors, AnswerForm* form) {
  const bool json = is_json_input(file, text);
  auto root = json ? parse_json_document(text, file, kAnswerLimits, errors)
                   : parse_document(text, file, kAnswerLimits, errors);
  if (!root) return std::nullopt;
  if (form) *form = json ? AnswerForm::Json : AnswerForm::Yaml;
  if (is_fhir_resource(*root)) {
    if (form) *form = AnswerForm::Fhir;
    return read_questionnaire_response(*root, rules, errors);
  }
  Answers out;
  if (!read_answer_set(*root, rules, out, errors)) return std::nullopt;
  return out;
}

bool read_answer_set(const Node& root, const RuleSet& rules, Answers& out, Errors& errors,
                     std::string_view what) {
  const std::size_t errors_before = errors.size();
  out.id.clear();
  out.note.clear();
  out.expect.reset();
  out.by_question.assign(rules.questions.size(), Answer{});
  MapReader top(root, std::string(what), errors);
  if (const Node* id = top.optional("id")) {
    if (auto t = read_text(*id, "'id'", errors)) out.id = *t;
  }
  if (const Node* note = top.optional("note"); note && note->kind == Node::Kind::Scalar) {
    out.note = note->text;
  }
  if (const Node* answers = top.required("answers")) {
    if (answers->kind != Node::Kind::Map && answers->kind != Node::Kind::Null) {
      errors.push_back({answers->at, fmt::format("'answers' must be a mapping of question ids to "
                                                 "answers, not {}",
                                                 describe(answers->kind))});
    }
    std::size_t next = 0;  // answer files mostly follow the script's order
    for (const Entry& e : answers->entries) {
      const int i = rules.question_index(e.key, next);
      if (i < 0) {
        std::vector<std::string> ids;
        for (const Question& q : rules.questions) ids.push_back(q.id);
        errors.push_back({e.key_at, fmt::format("unknown question '{}'{}", e.key,
                                                did_you_mean(e.key, ids))});
        continue;
      }
      next = static_cast<std::size_t>(i) + 1;
      read_answer(*e.value, rules.questions[i], out.by_question[i], errors);
    }
  }
  if (const Node* expect = top.optional("expect")) {
    MapReader map(*expect, "'expect'", errors);
    Expectation ex;
    if (const Node* level = map.required("level")) {
      if (auto t = read_text(*level, "'level' of 'expect'", errors)) {
        ex.level = parse_level(*t);
        if (!ex.level) {
          errors.push_back({level->at, fmt::format("unknown level '{}'; the levels are emergency, "
                                                   "urgent, see-professional, self-care",
                                                   *t)});
        }
      }
    }
    if (const Node* s = map.required("structure")) {
      if (auto t = read_text(*s, "'structure' of 'expect'", errors)) {
        std::vector<std::string> ids{"none"};
        for (const Structure& st : rules.structures) ids.push_back(st.id);
        if (std::find(ids.begin(), ids.end(), *t) == ids.end()) {
          errors.push_back({s->at, fmt::format("unknown structure '{}'{}", *t,
                                               did_you_mean(*t, ids))});
        }
        ex.structure = *t;
      }
    }
    map.finish();
    out.expect = ex;
  }
  top.finish();
  return errors.size() == errors_before;
}

std::optional<Answers> load_answers(const std::string& path, const RuleSet& rules,
                                    Errors& errors, AnswerForm* form) {
  auto text = read_file(path, kAnswerLimits.max_bytes, errors);
  if (!text) return std::nullopt;
  return parse_answers(*text, path == "-" ? "<stdin>" : path, rules, errors, form);
}

}  // namespace psoas::load
