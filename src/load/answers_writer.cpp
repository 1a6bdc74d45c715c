#include "load/answers_writer.hpp"

#include <charconv>

#include <fmt/format.h>

#include "model/answer_text.hpp"
#include "util/sha256.hpp"

namespace psoas::load {
namespace {

// A YAML double-quoted scalar; the escapes used are common to YAML and JSON.
std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u == 0x7f) {
      out += fmt::format("\\u{:04x}", u);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace

std::string answers_to_yaml(const RuleSet& rules, const Answers& answers,
                            std::string_view comment) {
  std::string out;
  std::size_t start = 0;
  while (start < comment.size()) {
    std::size_t end = comment.find('\n', start);
    if (end == std::string_view::npos) end = comment.size();
    out += fmt::format("# {}\n", comment.substr(start, end - start));
    start = end + 1;
  }
  if (!answers.id.empty()) out += fmt::format("id: {}\n", quoted(answers.id));
  if (!answers.note.empty()) out += fmt::format("note: {}\n", quoted(answers.note));
  out += "answers:\n";
  for (std::size_t i = 0; i < rules.questions.size() && i < answers.by_question.size(); ++i) {
    const std::string token = answer_token(rules.questions[i], answers.by_question[i]);
    if (!token.empty()) out += fmt::format("  {}: {}\n", rules.questions[i].id, token);
  }
  if (answers.expect) {
    out += fmt::format("expect: {{level: {}, structure: {}}}\n",
                       answers.expect->level ? level_id(*answers.expect->level) : "null",
                       quoted(answers.expect->structure));
  }
  return out;
}

std::string answers_to_json(const RuleSet& rules, const Answers& answers) {
  std::vector<std::string> fields;
  if (!answers.id.empty()) fields.push_back(fmt::format("  \"id\": {}", quoted(answers.id)));
  if (!answers.note.empty()) {
    fields.push_back(fmt::format("  \"note\": {}", quoted(answers.note)));
  }
  std::vector<std::string> given;
  for (std::size_t i = 0; i < rules.questions.size() && i < answers.by_question.size(); ++i) {
    const Question& q = rules.questions[i];
    const Answer& a = answers.by_question[i];
    if (a.state != Answer::State::Given && a.state != Answer::State::Unknown) continue;
    std::string value;
    if (a.state == Answer::State::Unknown) {
      value = quoted("unknown");
    } else if (q.type == QuestionType::Number && a.band < 0) {
      value = std::to_string(a.value);
    } else if (q.type == QuestionType::ManyOf) {
      std::vector<std::string> ids;
      for (std::size_t k = 0; k < q.options.size(); ++k) {
        if ((a.options >> k) & 1U) ids.push_back(quoted(q.options[k].id));
      }
      value = fmt::format("[{}]", fmt::join(ids, ", "));
    } else {
      value = quoted(answer_token(q, a));
    }
    given.push_back(fmt::format("    {}: {}", quoted(q.id), value));
  }
  fields.push_back(given.empty() ? std::string("  \"answers\": {}")
                                 : fmt::format("  \"answers\": {{\n{}\n  }}",
                                               fmt::join(given, ",\n")));
  if (answers.expect) {
    fields.push_back(fmt::format(
        "  \"expect\": {{\"level\": {}, \"structure\": {}}}",
        answers.expect->level ? quoted(level_id(*answers.expect->level)) : "null",
        quoted(answers.expect->structure)));
  }
  return fmt::format("{{\n{}\n}}\n", fmt::join(fields, ",\n"));
}

std::string answers_digest(const RuleSet& rules, const Answers& answers) {
  return AnswersDigest(rules)(answers.by_question);
}

AnswersDigest::AnswersDigest(const RuleSet& rules) : rules_(rules) {
  for (const Question& q : rules.questions) prefixes_.push_back(q.id + "=");
}

const std::string& AnswersDigest::operator()(const std::vector<Answer>& answers) {
  using namespace std::string_view_literals;
  std::string& out = canonical_;
  out.clear();
  for (std::size_t i = 0; i < rules_.questions.size() && i < answers.size(); ++i) {
    const Question& q = rules_.questions[i];
    const Answer& a = answers[i];
    if (a.state == Answer::State::Missing || a.state == Answer::State::NotApplicable) continue;
    out += prefixes_[i];
    if (a.state == Answer::State::Unknown) {
      out += "unknown"sv;
    } else if (q.type == QuestionType::YesNo) {
      out += a.value ? "yes"sv : "no"sv;
    } else if (q.type == QuestionType::OneOf) {
      out += q.options[static_cast<std::size_t>(a.value)].id;
    } else if (q.type == QuestionType::Number && a.band >= 0) {
      out += q.bands[static_cast<std::size_t>(a.band)].id;
    } else if (q.type == QuestionType::Number) {
      char digits[16];
      out.append(digits, std::to_chars(digits, digits + sizeof digits, a.value).ptr);
    } else {
      bool first = true;
      for (std::size_t k = 0; k < q.options.size(); ++k) {
        if (!((a.options >> k) & 1U)) continue;
        if (!first) out += ',';
        first = false;
        out += q.options[k].id;
      }
    }
    out += ';';
  }
  return digest_ = sha256_hex(out);
}

}  // namespace psoas::load
