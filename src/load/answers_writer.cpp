#include "load/answers_writer.hpp"

#include <charconv>
#include <functional>

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
  out += "answers:\n";
  for (std::size_t i = 0; i < rules.questions.size() && i < answers.by_question.size(); ++i) {
    const std::string token = answer_token(rules.questions[i], answers.by_question[i]);
    if (!token.empty()) out += fmt::format("  {}: {}\n", rules.questions[i].id, token);
  }
  return out;
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
  if (++calls_ == 1) return digest_ = sha256_hex(out);  // one answer set: nothing to keep yet
  if (recent_.empty()) {
    recent_.resize(kSets * kWays);
    oldest_.resize(kSets);
  }
  const std::size_t set = std::hash<std::string_view>{}(out) & (kSets - 1);
  Recent* ways = &recent_[set * kWays];
  for (std::size_t w = 0; w < kWays; ++w) {
    if (!ways[w].digest.empty() && ways[w].canonical == out) return ways[w].digest;
  }
  Recent& slot = ways[oldest_[set]];
  oldest_[set] = static_cast<unsigned char>((oldest_[set] + 1) % kWays);
  slot.canonical = out;
  slot.digest = sha256_hex(out);
  return slot.digest;
}

}  // namespace psoas::load
