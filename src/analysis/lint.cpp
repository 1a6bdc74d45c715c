#include "analysis/lint.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "engine/condition.hpp"

namespace psoas::analysis {
namespace {

// Records, per question, which options any condition reads.
void options_read(const Condition& c, std::vector<std::uint64_t>& read) {
  using Op = Condition::Op;
  if (c.op == Op::Eq || c.op == Op::Ne || c.op == Op::Contains) {
    read[c.question] |= std::uint64_t{1} << c.value;
  } else if (c.op == Op::In) {
    read[c.question] |= c.options;
  }
  for (const Condition& child : c.children) options_read(child, read);
}

// The content words of a text, crudely stemmed ("eases", "easing" -> "eas"), so that wording
// can be compared: lower-case runs of letters, common words dropped.
std::set<std::string> content_words(std::string_view text) {
  static const std::set<std::string> kCommon = {
      "about", "after", "also", "that", "this", "than", "then", "they", "them", "there", "with",
      "when", "what", "your", "from", "into", "have", "does", "more", "most", "some", "such",
      "pain", "painful", "points", "point", "typical", "sign", "signs", "iliopsoas", "psoas",
      "muscle", "muscles", "side", "hip", "hips", "back", "leg", "legs", "front", "through",
      "feel", "felt", "over", "under", "their", "which", "were", "been", "being", "very",
      "knee", "thigh", "groin", "belly", "lower", "spine", "buttock", "bottom", "pelvis"};
  std::set<std::string> out;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 4 && !kCommon.count(word)) {
      for (std::string_view suffix : {"ness", "ing", "ed", "es", "s"}) {
        if (word.size() > suffix.size() + 3 && word.ends_with(suffix)) {
          word.resize(word.size() - suffix.size());
          break;
        }
      }
      if (word.size() > 4 && word.back() == 'e') word.pop_back();  // "ease" and "eases" alike
      out.insert(word);
    }
    word.clear();
  };
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c >= 'a' && c <= 'z') {
      word += c;
    } else {
      flush();
    }
  }
  flush();
  return out;
}

// A program cannot read the sense of a sentence, but it can see when an evidence rule's words
// echo a question the rule does not read: "stiffness that eases" credited from a check of
// morning stiffness alone, where another question asks whether it eases. The sign looked for:
// two or more content words shared with that question, one at least that none of the rule's
// own questions use.
void check_wording(const RuleSet& rules, Errors& warnings) {
  for (const EvidenceRule& rule : rules.evidence) {
    std::vector<int> reads;
    engine::questions_read(rule.when, reads);
    std::set<std::string> own;
    for (int q : reads) {
      const Question& question = rules.questions[q];
      const auto words = content_words(question.text);
      own.insert(words.begin(), words.end());
      for (const Option& o : question.options) {
        const auto option_words = content_words(o.text);
        own.insert(option_words.begin(), option_words.end());
      }
    }
    const auto said = content_words(rule.because);
    for (std::size_t q = 0; q < rules.questions.size(); ++q) {
      if (std::find(reads.begin(), reads.end(), static_cast<int>(q)) != reads.end()) continue;
      std::vector<std::string> echoed;
      bool beyond_own = false;
      for (const std::string& w : content_words(rules.questions[q].text)) {
        if (!said.count(w)) continue;
        echoed.push_back(w);
        beyond_own = beyond_own || !own.count(w);
      }
      if (echoed.size() >= 2 && beyond_own) {
        warnings.push_back({rule.at, fmt::format("evidence rule '{}' says \"{}\", echoing question "
                                                 "'{}' ({}), which it does not read: check that "
                                                 "its wording claims only what its condition "
                                                 "tests",
                                                 rule.id, rule.because, rules.questions[q].id,
                                                 fmt::join(echoed, ", "))});
      }
    }
  }
}

// The card keeps up with the triage: a red flag without its short line there is printed by its
// title, which may not fit the one screen.
void check_reference(const RuleSet& rules, Errors& warnings) {
  if (rules.card.red_flags.empty() && rules.differential.empty()) return;  // no reference
  for (std::size_t f = 0; f < rules.red_flags.size(); ++f) {
    const int flag = static_cast<int>(f);
    const bool on_card = std::any_of(rules.card.red_flags.begin(), rules.card.red_flags.end(),
                                     [&](const CardFlag& c) { return c.red_flag == flag; });
    if (!on_card) {
      warnings.push_back({rules.red_flags[f].at,
                          fmt::format("red flag '{}' has no line on the card",
                                      rules.red_flags[f].id)});
    }
  }
}

}  // namespace

Errors lint_warnings(const RuleSet& rules) {
  Errors warnings;

  std::set<std::string> cited;
  auto cite = [&](const SourceIds& ids) { cited.insert(ids.begin(), ids.end()); };
  for (const LevelInfo& x : rules.levels) cite(x.sources);
  for (const Question& x : rules.questions) cite(x.sources);
  for (const RedFlag& x : rules.red_flags) cite(x.sources);
  for (const Structure& x : rules.structures) cite(x.sources);
  for (const EvidenceRule& x : rules.evidence) cite(x.sources);
  for (const Advice& x : rules.advice) cite(x.sources);
  for (const Cause& x : rules.causes) cite(x.sources);
  for (const TriggerPoint& x : rules.trigger_points) cite(x.sources);
  for (const Differential& x : rules.differential) cite(x.sources);
  cite(rules.card.sources);
  for (const Source& s : rules.sources) {
    if (!cited.count(s.id)) {
      warnings.push_back({s.at, fmt::format("source '{}' is never cited", s.id)});
    }
  }

  std::vector<std::uint64_t> read(rules.questions.size());
  for (const Question& q : rules.questions) {
    if (q.has_condition) options_read(q.ask_if, read);
  }
  for (const RedFlag& f : rules.red_flags) options_read(f.when, read);
  for (const EvidenceRule& r : rules.evidence) options_read(r.when, read);
  for (const Advice& a : rules.advice) {
    if (a.has_condition) options_read(a.when, read);
    if (a.has_contraindication) options_read(a.not_for, read);
  }
  for (std::size_t q = 0; q < rules.questions.size(); ++q) {
    const Question& question = rules.questions[q];
    // Reading one option of a one-of question tells every option apart; an exclusive "none"
    // option and the rest of a many-of question are each other's complement.
    std::uint64_t exclusive = 0;
    for (std::size_t i = 0; i < question.options.size(); ++i) {
      if (question.options[i].exclusive) exclusive |= std::uint64_t{1} << i;
    }
    auto counts_as_read = [&](std::size_t i) {
      const std::uint64_t bit = std::uint64_t{1} << i;
      if (read[q] & bit) return true;
      if (question.type == QuestionType::OneOf) return read[q] != 0;
      return (exclusive & bit) ? (read[q] & ~bit) != 0 : (read[q] & exclusive) != 0;
    };
    for (std::size_t i = 0; i < question.options.size(); ++i) {
      if (!counts_as_read(i)) {
        warnings.push_back({question.options[i].at,
                            fmt::format("option '{}' of '{}' is read by no condition",
                                        question.options[i].id, question.id)});
      }
    }
  }

  for (std::size_t s = 0; s < rules.structures.size(); ++s) {
    const bool supported = std::any_of(rules.evidence.begin(), rules.evidence.end(),
                                       [&](const EvidenceRule& r) {
                                         return std::any_of(r.supports.begin(), r.supports.end(),
                                                            [&](const Support& x) {
                                                              return x.structure == static_cast<int>(s) &&
                                                                     x.weight > 0;
                                                            });
                                       });
    if (!supported) {
      warnings.push_back({rules.structures[s].at,
                          fmt::format("structure '{}' is supported by no evidence rule",
                                      rules.structures[s].id)});
    }
  }
  check_wording(rules, warnings);
  check_reference(rules, warnings);
  return warnings;
}

}  // namespace psoas::analysis
