#include "load/known_answers.hpp"

#include <charconv>
#include <cstring>

#include <fmt/format.h>

#include "load/answers_loader.hpp"
#include "load/document.hpp"

namespace psoas::load {

PaddedText::PaddedText(std::string_view text) {
  if (text.empty() || text.size() > kMaxSize) return;
  words_[0] = 0;
  std::memcpy(words_.data(), text.data(), text.size());
  unsigned char mask[kMaxSize] = {};  // the bytes that are the text's, in any byte order
  std::memset(mask, 0xFF, text.size());
  std::memcpy(masks_.data(), mask, sizeof mask);
  size_ = static_cast<std::uint8_t>(text.size());
}

KnownAnswers::KnownAnswers(const RuleSet& rules) {
  // Each question's answers in every common form, made by read_answer.
  const auto plain = [](std::string_view s) { return s.find_first_of("\"\\") == s.npos; };

  Node node;
  Errors ignored;
  for (std::size_t q = 0; q < rules.questions.size(); ++q) {
    const Question& question = rules.questions[q];
    keys_.emplace_back(plain(question.id) ? question.id + '"' : std::string());
    PerQuestion& per = per_question_.emplace_back();
    const auto try_form = [&](std::string_view text, bool list) {
      Answer a;
      if (text.size() <= PaddedText::kMaxSize && read_answer(node, question, a, ignored)) {
        (list ? per.items : per.singles).push_back({PaddedText(text), a});
      }
    };
    std::vector<std::string_view> words{"no", "yes", "unknown"};
    for (const Option& o : question.options) words.push_back(o.id);
    for (const Band& b : question.bands) words.push_back(b.id);
    for (std::string_view w : words) {
      if (!plain(w)) continue;  // written with escapes in JSON
      node.reuse_as(Node::Kind::Scalar);
      node.text.assign(w);
      node.quoted = true;
      try_form(fmt::format("\"{}\"", w), false);
    }
    for (std::string_view w : {"true", "false"}) {
      node.reuse_as(Node::Kind::Scalar);
      node.text.assign(w);
      try_form(w, false);
    }
    node.reuse_as(Node::Kind::Null);
    try_form("null", false);
    if (question.type == QuestionType::ManyOf) {
      per.takes_lists = true;
      for (std::size_t i = 0; i < question.options.size(); ++i) {
        const std::string& id = question.options[i].id;
        if (question.options[i].exclusive) per.exclusive |= std::uint64_t{1} << i;
        if (!plain(id)) continue;
        node.reuse_as(Node::Kind::Sequence);
        node.items.resize(1);
        node.items[0].reuse_as(Node::Kind::Scalar);
        node.items[0].text = id;
        node.items[0].quoted = true;
        try_form(fmt::format("\"{}\"", id), true);
      }
    }
    if (question.type == QuestionType::Number && question.min >= 0 &&
        question.max >= question.min && question.max - question.min < 100'000) {
      per.min = question.min;
      for (int n = question.min; n <= question.max; ++n) {
        node.reuse_as(Node::Kind::Scalar);
        node.text = std::to_string(n);
        Answer a;
        if (!read_answer(node, question, a, ignored)) {
          per.by_number.clear();  // not the plain reading expected: leave numbers to read_answer
          break;
        }
        per.by_number.push_back(a);
      }
    }
  }
}

const Answer* KnownAnswers::number(std::size_t q, std::string_view token) const {
  const PerQuestion& per = per_question_[q];
  if (token.size() > 1 && token.front() == '0') return nullptr;  // a leading zero
  int n = 0;
  const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), n);
  if (ec != std::errc{} || end != token.data() + token.size() || n < per.min) return nullptr;
  const auto k = static_cast<std::size_t>(n - per.min);
  return k < per.by_number.size() ? &per.by_number[k] : nullptr;
}

}  // namespace psoas::load
