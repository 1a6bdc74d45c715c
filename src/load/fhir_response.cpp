#include "load/fhir_response.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "load/answers_loader.hpp"
#include "load/reader.hpp"
#include "model/answer_text.hpp"
#include "util/sha256.hpp"
#include "util/suggest.hpp"

namespace psoas::load {

std::string questionnaire_url(const RuleSet& rules) {
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string hex = sha256_hex("psoas-triage questionnaire " + rules.id).substr(0, 32);
  hex[12] = '8';                                         // version 8: custom
  hex[16] = kHex[(kHex.find(hex[16]) & 0x3) | 0x8];  // variant: RFC 9562
  return fmt::format("urn:uuid:{}-{}-{}-{}-{}", hex.substr(0, 8), hex.substr(8, 4),
                     hex.substr(12, 4), hex.substr(16, 4), hex.substr(20));
}

std::string questionnaire_canonical(const RuleSet& rules) {
  return questionnaire_url(rules) + "|" + rules.version;
}

bool is_fhir_resource(const Node& root) {
  return root.kind == Node::Kind::Map && root.find("resourceType") != nullptr;
}

namespace {

// The QuestionnaireResponse elements that carry nothing the triage reads; they are accepted and
// left alone. Modifier elements (modifierExtension, implicitRules) are not: they could change
// what the answers mean.
constexpr std::array<std::string_view, 13> kIgnored = {
    "meta",    "language", "text",    "contained", "extension", "identifier", "basedOn",
    "partOf",  "subject",  "encounter", "authored", "author",   "source"};

// Refuses the modifier elements of a mapping: ignoring them could change the answers' meaning.
void refuse_modifiers(MapReader& map, Errors& errors) {
  for (std::string_view key : {"modifierExtension", "implicitRules"}) {
    map.optional(key);
    if (const Entry* e = map.node().find_entry(key)) {
      errors.push_back({e->key_at, fmt::format("'{}' may change what the answers mean, and "
                                               "psoas-triage cannot read it; remove it or "
                                               "convert the response first",
                                               key)});
    }
  }
}

constexpr std::array<std::string_view, 5> kStatuses = {"in-progress", "completed", "amended",
                                                       "entered-in-error", "stopped"};

class ResponseReader {
 public:
  ResponseReader(const RuleSet& rules, Answers& out, Errors& errors)
      : rules_(rules), out_(out), errors_(errors), seen_(rules.questions.size(), false) {
    for (const Question& q : rules.questions) ids_.push_back(q.id);
  }

  void items(const Node& list, std::string_view where) {
    if (list.kind != Node::Kind::Sequence) {
      errors_.push_back({list.at, fmt::format("'item' of {} must be a list of items, not {}",
                                              where, describe(list.kind))});
      return;
    }
    for (const Node& item : list.items) read_item(item);
  }

 private:
  void read_item(const Node& node) {
    MapReader map(node, "an item", errors_);
    if (!map.ok()) return;
    const Node* link = map.required("linkId");
    map.optional("text");
    map.optional("definition");
    const Node* extension = map.optional("extension");
    const Node* answers = map.optional("answer");
    const Node* children = map.optional("item");
    refuse_modifiers(map, errors_);
    map.finish();
    if (children) items(*children, "an item");
    if (!link) return;
    auto id = read_text(*link, "'linkId'", errors_);
    if (!id) return;
    if (is_help(*id)) {  // a display item: it carries no answer
      if (answers) {
        errors_.push_back({answers->at, fmt::format("'{}' is a display item (why a question is "
                                                    "asked); it takes no answer",
                                                    *id)});
      }
      return;
    }
    const int q = rules_.question_index(*id);
    if (q < 0) {
      errors_.push_back({link->at, fmt::format("unknown linkId '{}': no question has this id{}",
                                               *id, did_you_mean(*id, ids_))});
      return;
    }
    if (seen_[q]) {
      errors_.push_back({link->at, fmt::format("linkId '{}' is answered twice", *id)});
      return;
    }
    seen_[q] = true;
    const std::optional<std::string> absent = extension ? absent_reason(*extension) : std::nullopt;
    Answer& answer = out_.by_question[q];
    if (absent && answers) {
      errors_.push_back({answers->at, fmt::format("item '{}' has both an answer and a "
                                                  "data-absent-reason; give one or the other",
                                                  *id)});
      return;
    }
    if (const Node* band = extension ? band_code(*extension) : nullptr) {
      const Question& question = rules_.questions[q];
      auto code = read_text(*band, "'valueCode'", errors_);
      if (!code) return;
      std::vector<std::string> words;
      for (const Band& b : question.bands) words.push_back(b.id);
      const int b = band_index(question, *code);
      if (b < 0 || answers || absent) {
        errors_.push_back({band->at, b < 0 ? fmt::format("'{}' is not a word that '{}' accepts{}",
                                                         *code, *id, did_you_mean(*code, words))
                                           : fmt::format("item '{}' has an answer in words and "
                                                         "another answer; give one",
                                                         *id)});
        return;
      }
      answer = band_answer(question, b);
      return;
    }
    if (absent) {
      // "not-asked" leaves it unanswered; any other reason (asked-unknown, asked-declined, ...)
      // is "don't know". Neither can ever rule out a red flag.
      answer.state = *absent == "not-asked" ? Answer::State::Missing : Answer::State::Unknown;
      return;
    }
    if (answers) read_answers(*answers, rules_.questions[q], answer);
  }

  bool is_help(std::string_view id) const {
    if (id.size() <= kHelpSuffix.size()) return false;
    const std::size_t cut = id.size() - kHelpSuffix.size();
    return id.substr(cut) == kHelpSuffix && rules_.question_index(id.substr(0, cut)) >= 0;
  }

  // The valueCode of the answer-band extension among an item's extensions, if there is one.
  static const Node* band_code(const Node& extensions) {
    if (extensions.kind != Node::Kind::Sequence) return nullptr;
    for (const Node& e : extensions.items) {
      const Node* url = e.kind == Node::Kind::Map ? e.find("url") : nullptr;
      if (url && url->kind == Node::Kind::Scalar && url->text == kAnswerBand) {
        return e.find("valueCode");
      }
    }
    return nullptr;
  }

  // The data-absent-reason code among an item's extensions, if there is one.
  std::optional<std::string> absent_reason(const Node& extensions) {
    if (extensions.kind != Node::Kind::Sequence) {
      errors_.push_back({extensions.at, fmt::format("'extension' must be a list, not {}",
                                                    describe(extensions.kind))});
      return std::nullopt;
    }
    for (const Node& e : extensions.items) {
      const Node* url = e.kind == Node::Kind::Map ? e.find("url") : nullptr;
      if (!url || url->kind != Node::Kind::Scalar || url->text != kDataAbsentReason) continue;
      const Node* code = e.find("valueCode");
      if (!code) {
        errors_.push_back({e.at, "a data-absent-reason extension needs a 'valueCode', such as "
                                 "asked-unknown"});
        return std::nullopt;
      }
      return read_text(*code, "'valueCode'", errors_);
    }
    return std::nullopt;
  }

  // Turns the FHIR answers into the value an answer file would hold, and reads that, so both
  // forms are checked by the same rules (options, ranges, "none" alone).
  void read_answers(const Node& list, const Question& q, Answer& out) {
    if (list.kind != Node::Kind::Sequence || list.items.empty()) {
      errors_.push_back({list.at, fmt::format("'answer' of '{}' must be a list of one or more "
                                              "answers",
                                              q.id)});
      return;
    }
    if (q.type != QuestionType::ManyOf && list.items.size() > 1) {
      errors_.push_back({list.items[1].at, fmt::format("'{}' takes one answer, not {}", q.id,
                                                       list.items.size())});
      return;
    }
    Node value;
    value.at = list.at;
    value.kind = Node::Kind::Sequence;
    for (const Node& a : list.items) {
      auto v = answer_value(a, q);
      if (!v) return;
      value.items.push_back(std::move(*v));
    }
    if (q.type != QuestionType::ManyOf) {
      Node single = std::move(value.items.front());
      value = std::move(single);
    }
    read_answer(value, q, out, errors_);
  }

  std::optional<Node> answer_value(const Node& answer, const Question& q) {
    const std::string_view key = q.type == QuestionType::YesNo    ? "valueBoolean"
                                 : q.type == QuestionType::Number ? "valueInteger"
                                                                  : "valueCoding";
    MapReader map(answer, fmt::format("an answer of '{}'", q.id), errors_);
    if (!map.ok()) return std::nullopt;
    const Node* value = map.optional(key);
    const Node* children = map.optional("item");  // items nested under an answer
    map.optional("extension");
    for (std::string_view other : {"valueBoolean", "valueInteger", "valueCoding", "valueString",
                                   "valueDecimal", "valueDate", "valueQuantity"}) {
      if (other == key) continue;
      if (const Entry* e = answer.find_entry(other)) {
        errors_.push_back({e->key_at, fmt::format("'{}' is {} item; its answer is '{}', not "
                                                  "'{}'",
                                                  q.id, item_type(q), key, other)});
        return std::nullopt;
      }
    }
    refuse_modifiers(map, errors_);
    map.finish();
    if (children) items(*children, "an answer");
    if (!value) {
      errors_.push_back({answer.at, fmt::format("an answer of '{}' needs '{}'", q.id, key)});
      return std::nullopt;
    }
    Node out;
    out.at = value->at;
    out.kind = Node::Kind::Scalar;
    if (q.type == QuestionType::YesNo || q.type == QuestionType::Number) {
      const bool plain = value->kind == Node::Kind::Scalar && !value->quoted;
      if (!plain) {
        errors_.push_back({value->at, fmt::format("'{}' of '{}' must be a JSON {}, not {}", key,
                                                  q.id,
                                                  q.type == QuestionType::YesNo ? "true or false"
                                                                                : "whole number",
                                                  value->kind == Node::Kind::Scalar
                                                      ? fmt::format("\"{}\"", value->text)
                                                      : std::string(describe(value->kind)))});
        return std::nullopt;
      }
      out.text = value->text;
      return out;
    }
    MapReader coding(*value, fmt::format("'valueCoding' of '{}'", q.id), errors_);
    if (!coding.ok()) return std::nullopt;
    const Node* code = coding.required("code");
    const Node* system = coding.optional("system");
    coding.optional("display");
    coding.optional("version");
    coding.optional("userSelected");
    coding.finish();
    if (system) {
      errors_.push_back({system->at, fmt::format("the options of '{}' are codes without a "
                                                 "system; leave out 'system'",
                                                 q.id)});
      return std::nullopt;
    }
    if (!code) return std::nullopt;
    auto text = read_text(*code, "'code'", errors_);
    if (!text) return std::nullopt;
    out.text = *text;
    out.quoted = true;  // a code is never a number or a boolean
    out.at = code->at;
    return out;
  }

  static std::string_view item_type(const Question& q) {
    switch (q.type) {
      case QuestionType::YesNo: return "a boolean";
      case QuestionType::Number: return "an integer";
      case QuestionType::OneOf:
      case QuestionType::ManyOf: return "a choice";
    }
    return "an";
  }

  const RuleSet& rules_;
  Answers& out_;
  Errors& errors_;
  std::vector<bool> seen_;
  std::vector<std::string> ids_;
};

}  // namespace

std::optional<Answers> read_questionnaire_response(const Node& root, const RuleSet& rules,
                                                   Errors& errors) {
  const std::size_t errors_before = errors.size();
  Answers out;
  out.by_question.resize(rules.questions.size());
  MapReader top(root, "the QuestionnaireResponse", errors);
  if (const Node* type = top.required("resourceType")) {
    auto text = read_text(*type, "'resourceType'", errors);
    if (text && *text != "QuestionnaireResponse") {
      errors.push_back({type->at, fmt::format("a FHIR {} is not an answer file; psoas-triage reads "
                                              "a QuestionnaireResponse, or its own answer files",
                                              *text)});
      return std::nullopt;
    }
  }
  // Optional in FHIR, but needed here: without it nothing says the linkIds are this rule set's.
  const Node* q = top.optional("questionnaire");
  if (q == nullptr && top.ok()) {
    errors.push_back({root.at, fmt::format("the QuestionnaireResponse names no 'questionnaire', so "
                                           "its answers cannot be matched to this rule set; add "
                                           "\"questionnaire\": \"{}\"",
                                           questionnaire_canonical(rules))});
  }
  if (q != nullptr) {
    if (auto text = read_text(*q, "'questionnaire'", errors)) {
      const std::string url = text->substr(0, text->find('|'));
      if (url != questionnaire_url(rules)) {
        errors.push_back({q->at, fmt::format("this response answers the questionnaire '{}', not "
                                             "this rule set's '{}' (see: psoas-triage rules "
                                             "export --format fhir)",
                                             url, questionnaire_url(rules))});
      }
    }
  }
  if (const Node* status = top.required("status")) {
    if (auto text = read_text(*status, "'status'", errors)) {
      if (std::find(kStatuses.begin(), kStatuses.end(), *text) == kStatuses.end()) {
        errors.push_back({status->at, fmt::format("unknown status '{}'; expected one of: {}",
                                                  *text, fmt::join(kStatuses, ", "))});
      } else if (*text == "entered-in-error") {
        errors.push_back({status->at, "this response was entered in error; it cannot be "
                                      "assessed"});
      }
    }
  }
  if (const Node* id = top.optional("id")) {
    if (id->kind == Node::Kind::Scalar) out.id = id->text;
  }
  for (std::string_view key : kIgnored) top.optional(key);
  refuse_modifiers(top, errors);
  ResponseReader reader(rules, out, errors);
  if (const Node* items = top.optional("item")) reader.items(*items, "the QuestionnaireResponse");
  top.finish();
  if (errors.size() != errors_before) return std::nullopt;
  return out;
}

}  // namespace psoas::load
