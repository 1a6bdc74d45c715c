#include "analysis/lint.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

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
  return warnings;
}

}  // namespace psoas::analysis
