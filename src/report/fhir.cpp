#include "report/fhir.hpp"

#include <algorithm>
#include <bit>
#include <cctype>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "load/fhir_response.hpp"
#include "report/escape.hpp"
#include "report/style.hpp"
#include "util/text.hpp"

namespace psoas::report {
namespace {

using Json = nlohmann::ordered_json;
using Op = Condition::Op;

constexpr std::string_view kItemControl =
    "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
Json help_control() {
  Json coding = {{"system", "http://hl7.org/fhir/questionnaire-item-control"},
                 {"code", "help"},
                 {"display", "Help-Button"}};
  return {{"coding", Json::array({coding})}, {"text", "Help-Button"}};
}

// One enableWhen: the item `question` compared with `answer` by `op`.
struct Clause {
  int question;
  std::string op;
  Json answer;
  bool operator==(const Clause& other) const {
    return question == other.question && op == other.op && answer == other.answer;
  }
};
using Clauses = std::vector<Clause>;

Json coding(const Question& q, int option) {
  return {{"code", q.options[option].id}, {"display", q.options[option].text}};
}

Json value_of(const Question& q, int value) {
  switch (q.type) {
    case QuestionType::YesNo: return value == 1;
    case QuestionType::Number: return value;
    case QuestionType::OneOf:
    case QuestionType::ManyOf: return coding(q, value);
  }
  return nullptr;
}

std::string_view comparison(Op op) {
  switch (op) {
    case Op::Eq: return "=";
    case Op::Ne: return "!=";
    case Op::Lt: return "<";
    case Op::Le: return "<=";
    case Op::Gt: return ">";
    case Op::Ge: return ">=";
    default: return "";
  }
}

Op opposite(Op op) {
  switch (op) {
    case Op::Eq: return Op::Ne;
    case Op::Ne: return Op::Eq;
    case Op::Lt: return Op::Ge;
    case Op::Le: return Op::Gt;
    case Op::Gt: return Op::Le;
    case Op::Ge: return Op::Lt;
    default: return op;
  }
}

void append(Clauses& to, const Clauses& from) {
  for (const Clause& c : from) {
    if (std::find(to.begin(), to.end(), c) == to.end()) to.push_back(c);
  }
}

// psoas-triage asks an item unless its condition is definitely false; "don't know" asks it. In
// FHIR, an item without an answer makes `=` false but `!=` true, and `exists false` true. So a
// comparison "q OP v" becomes "q does not exist, or q OP v", and "q != v" stays as it is.
//
// The enableWhen clauses that, joined by "any", hold exactly when `c` is true or unknown; nullopt
// when that needs an "and" inside an "or", which FHIR R4's flat enableWhen cannot express.
std::optional<Clauses> any_of(const RuleSet& rules, const Condition& c) {
  // Leaves only: the question the condition reads.
  const auto q = [&]() -> const Question& { return rules.questions[c.question]; };
  const Clause unanswered{c.question, "exists", false};
  switch (c.op) {
    case Op::Eq:
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge:
      return Clauses{unanswered,
                     {c.question, std::string(comparison(c.op)), value_of(q(), c.value)}};
    case Op::Ne: return Clauses{{c.question, "!=", value_of(q(), c.value)}};
    case Op::Contains: return Clauses{unanswered, {c.question, "=", coding(q(), c.value)}};
    case Op::In: {
      Clauses out{unanswered};
      for (std::size_t i = 0; i < q().options.size(); ++i) {
        if ((c.options >> i) & 1U) {
          out.push_back({c.question, "=", coding(q(), static_cast<int>(i))});
        }
      }
      return out;
    }
    case Op::Answered: return Clauses{{c.question, "exists", c.value == 1}};
    case Op::DontKnow: return std::nullopt;  // enableWhen has no "don't know"
    case Op::Flag: return std::nullopt;  // advice only; never in an ask-condition
    case Op::Any: {
      Clauses out;
      for (const Condition& child : c.children) {
        auto clauses = any_of(rules, child);
        if (!clauses) return std::nullopt;
        append(out, *clauses);
      }
      return out;
    }
    case Op::All:
      if (c.children.size() == 1) return any_of(rules, c.children.front());
      return std::nullopt;
    case Op::Not: {
      const Condition& inner = c.children.front();
      switch (inner.op) {
        case Op::Contains: {
          const Question& iq = rules.questions[inner.question];
          return Clauses{{inner.question, "!=", coding(iq, inner.value)}};
        }
        case Op::In: {
          if (std::popcount(inner.options) != 1) return std::nullopt;
          const Question& iq = rules.questions[inner.question];
          return Clauses{{inner.question, "!=", coding(iq, std::countr_zero(inner.options))}};
        }
        case Op::Not: return any_of(rules, inner.children.front());
        case Op::All:
        case Op::Any: {
          // De Morgan holds in three-valued logic too.
          Condition flipped;
          flipped.op = inner.op == Op::All ? Op::Any : Op::All;
          for (const Condition& child : inner.children) {
            Condition negated;
            negated.op = Op::Not;
            negated.children.push_back(child);
            flipped.children.push_back(std::move(negated));
          }
          return any_of(rules, flipped);
        }
        case Op::Answered: {
          Condition flipped = inner;
          flipped.value = 1 - inner.value;
          return any_of(rules, flipped);
        }
        default: {
          Condition flipped = inner;
          flipped.op = opposite(inner.op);
          return any_of(rules, flipped);
        }
      }
    }
  }
  return std::nullopt;
}

struct EnableWhen {
  Clauses clauses;
  std::string behavior;  // "any", "all", or "" for a single clause
};

std::optional<EnableWhen> enable_when(const RuleSet& rules, const Condition& c) {
  if (auto any = any_of(rules, c)) return EnableWhen{*any, any->size() > 1 ? "any" : ""};
  if (c.op != Op::All) return std::nullopt;
  Clauses all;
  for (const Condition& child : c.children) {
    auto one = enable_when(rules, child);
    if (!one || (one->clauses.size() > 1 && one->behavior != "all")) return std::nullopt;
    append(all, one->clauses);
  }
  return EnableWhen{all, all.size() > 1 ? "all" : ""};
}

Json clause_json(const RuleSet& rules, const Clause& c) {
  const Question& q = rules.questions[c.question];
  const std::string_view key = c.op == "exists"                    ? "answerBoolean"
                               : q.type == QuestionType::YesNo     ? "answerBoolean"
                               : q.type == QuestionType::Number    ? "answerInteger"
                                                                   : "answerCoding";
  return {{"question", q.id}, {"operator", c.op}, {key, c.answer}};
}

std::string_view item_type(QuestionType type) {
  switch (type) {
    case QuestionType::YesNo: return "boolean";
    case QuestionType::Number: return "integer";
    case QuestionType::OneOf:
    case QuestionType::ManyOf: return "choice";
  }
  return "";
}

// A FHIR id: letters, digits, '-' and '.', at most 64 characters.
std::string fhir_id(std::string_view text) {
  std::string out;
  for (char c : text) {
    out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' ? c : '-';
  }
  return out.substr(0, 64);
}

// A computable name: starts with a capital letter; letters, digits and '_'.
std::string fhir_name(std::string_view text) {
  std::string out = "PsoasTriage";
  bool capital = true;
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      capital = true;
      continue;
    }
    out += capital ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    capital = false;
  }
  return out;
}

}  // namespace

Errors render_fhir_questionnaire(std::ostream& out, const RuleSet& rules) {
  Errors warnings;
  CitedSources cited;
  Json items = Json::array();
  for (const Question& q : rules.questions) {
    Json item = Json::object();
    if (q.type == QuestionType::Number) {
      item["extension"] = {
          {{"url", "http://hl7.org/fhir/StructureDefinition/minValue"}, {"valueInteger", q.min}},
          {{"url", "http://hl7.org/fhir/StructureDefinition/maxValue"}, {"valueInteger", q.max}}};
      if (!q.unit.empty()) {
        item["extension"].push_back(
            {{"url", "http://hl7.org/fhir/StructureDefinition/questionnaire-unit"},
             {"valueCoding", {{"display", q.unit}}}});
      }
    }
    if (!q.asked()) {
      // No longer asked (the question that replaces it asks it), yet an answer to it counts.
      item["extension"].push_back(
          {{"url", "http://hl7.org/fhir/StructureDefinition/questionnaire-hidden"},
           {"valueBoolean", true}});
    }
    item["linkId"] = q.id;
    item["text"] = q.text;
    item["type"] = item_type(q.type);
    if (q.has_condition) {
      if (auto when = enable_when(rules, q.ask_if)) {
        Json clauses = Json::array();
        for (const Clause& c : when->clauses) clauses.push_back(clause_json(rules, c));
        item["enableWhen"] = clauses;
        if (!when->behavior.empty()) item["enableBehavior"] = when->behavior;
      } else {
        warnings.push_back({q.ask_if.at, fmt::format("the condition for asking '{}' cannot be "
                                                     "written as FHIR R4 enableWhen; the item is "
                                                     "always enabled",
                                                     q.id)});
      }
    }
    if (q.type == QuestionType::ManyOf) item["repeats"] = true;
    if (!q.options.empty()) {
      Json options = Json::array();
      for (std::size_t i = 0; i < q.options.size(); ++i) {
        options.push_back({{"valueCoding", coding(q, static_cast<int>(i))}});
      }
      item["answerOption"] = options;
    }
    // Why it is asked, with its sources, as the help a form shows beside the question.
    Json control = Json::object();
    control["url"] = kItemControl;
    control["valueCodeableConcept"] = help_control();
    Json help = Json::object();
    help["extension"] = Json::array({control});
    help["linkId"] = q.id + std::string(load::kHelpSuffix);
    help["text"] = fmt::format("{}{}Sources: {}.", q.help, q.help.empty() ? "" : " ",
                               fmt::join(q.sources, ", "));
    help["type"] = "display";
    item["item"] = Json::array({help});
    cited.add(q.sources);
    items.push_back(std::move(item));
  }
  std::string sources;
  for (const std::string& id : cited.order()) {
    if (const Source* source = rules.source(id)) {
      sources += fmt::format("\n- [{}] {}. {}", id, source->title, source->where);
    }
  }
  const Json questionnaire = {
      {"resourceType", "Questionnaire"},
      {"id", fhir_id(rules.id)},
      {"url", load::questionnaire_url(rules)},
      {"version", rules.version},
      {"name", fhir_name(rules.id)},
      {"title", rules.title},
      {"status", "active"},
      {"subjectType", {"Patient"}},
      {"description",
       fmt::format("The question script of the psoas-triage rule set {} {} (sha256:{}). Leave "
                   "an item without an answer when the answer is not known. {}\n\nSources:{}",
                   rules.id, rules.version, rules.hash, rules.disclaimer, sources)},
      {"item", items}};
  out << questionnaire.dump(2) << "\n";
  return warnings;
}

void render_fhir_response(std::ostream& out, const Result& r) {
  Json items = Json::array();
  bool complete = true;
  for (int q : r.assessment.unanswered) {
    if (r.answers.by_question[q].state == Answer::State::Missing) complete = false;
  }
  for (std::size_t i = 0; i < r.rules.questions.size(); ++i) {
    const Question& q = r.rules.questions[i];
    const Answer& a = r.answers.by_question[i];
    if (a.state == Answer::State::Missing || a.state == Answer::State::NotApplicable) continue;
    Json item = {{"linkId", q.id}, {"text", q.text}};
    if (a.state == Answer::State::Unknown) {
      item["extension"] = {{{"url", load::kDataAbsentReason}, {"valueCode", "asked-unknown"}}};
    } else if (q.type == QuestionType::Number && a.band >= 0) {
      item["extension"] = {{{"url", load::kAnswerBand},
                            {"valueCode", q.bands[static_cast<std::size_t>(a.band)].id}}};
    } else {
      Json answers = Json::array();
      if (q.type == QuestionType::ManyOf) {
        for (std::size_t o = 0; o < q.options.size(); ++o) {
          if ((a.options >> o) & 1U) {
            answers.push_back({{"valueCoding", coding(q, static_cast<int>(o))}});
          }
        }
      } else {
        const std::string_view key = q.type == QuestionType::YesNo    ? "valueBoolean"
                                     : q.type == QuestionType::Number ? "valueInteger"
                                                                      : "valueCoding";
        answers.push_back({{key, value_of(q, a.value)}});
      }
      item["answer"] = answers;
    }
    items.push_back(std::move(item));
  }
  const LevelInfo& level = r.rules.levels[level_index(r.assessment.level)];
  const std::string narrative = fmt::format(
      "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Triage verdict: {} ({}). {} [{}]</p>"
      "<p>This is not a diagnosis.</p><p>{}</p></div>",
      level_id(r.assessment.level), html_safe(level.title), html_safe(level.action),
      html_safe(fmt::format("{}", fmt::join(level.sources, ", "))), html_safe(provenance(r)));
  Json response = {{"resourceType", "QuestionnaireResponse"}};
  if (!r.answers.id.empty()) response["id"] = fhir_id(r.answers.id);
  response["text"] = {{"status", "generated"}, {"div", narrative}};
  response["questionnaire"] = load::questionnaire_canonical(r.rules);
  response["status"] = complete ? "completed" : "in-progress";
  if (!items.empty()) response["item"] = items;  // FHIR JSON has no empty arrays
  out << response.dump(2) << "\n";
}

}  // namespace psoas::report
