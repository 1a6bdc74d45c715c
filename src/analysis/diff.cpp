#include "analysis/diff.hpp"

#include <fmt/format.h>

#include "analysis/describe.hpp"

namespace psoas::analysis {
namespace {

template <typename T>
const T* find_id(const std::vector<T>& items, const std::string& id) {
  for (const T& item : items) {
    if (item.id == id) return &item;
  }
  return nullptr;
}

std::string options_of(const Question& q) {
  std::vector<std::string> ids;
  for (const Option& o : q.options) ids.push_back(o.id);
  return fmt::format("[{}]", fmt::join(ids, ", "));
}

std::string supports_of(const RuleSet& rules, const EvidenceRule& r) {
  std::vector<std::string> parts;
  for (const Support& s : r.supports) {
    parts.push_back(fmt::format("{} {:+d}", rules.structures[s.structure].id, s.weight));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

// Compares two lists of items by id: additions, removals, and each changed property.
template <typename T, typename Describe>
void compare(std::vector<std::string>& out, const char* kind, const std::vector<T>& old_items,
             const std::vector<T>& new_items, Describe properties) {
  for (const T& item : old_items) {
    if (!find_id(new_items, item.id)) out.push_back(fmt::format("- {} {}", kind, item.id));
  }
  for (const T& item : new_items) {
    const T* before = find_id(old_items, item.id);
    if (!before) {
      out.push_back(fmt::format("+ {} {}", kind, item.id));
      continue;
    }
    const auto was = properties(*before, true);
    const auto now = properties(item, false);
    for (std::size_t i = 0; i < was.size(); ++i) {
      if (was[i].second != now[i].second) {
        out.push_back(fmt::format("~ {} {}: {} {} -> {}", kind, item.id, was[i].first,
                                  was[i].second, now[i].second));
      }
    }
  }
}

using Properties = std::vector<std::pair<std::string, std::string>>;

}  // namespace

std::vector<std::string> diff_rules(const RuleSet& a, const RuleSet& b) {
  std::vector<std::string> out;
  if (a.id != b.id || a.version != b.version) {
    out.push_back(fmt::format("~ rule set: {} {} -> {} {}", a.id, a.version, b.id, b.version));
  }
  compare(out, "question", a.questions, b.questions, [&](const Question& q, bool old) {
    const RuleSet& r = old ? a : b;
    return Properties{{"text", q.text},
                      {"options", options_of(q)},
                      {"range", q.type == QuestionType::Number ? fmt::format("{}..{}", q.min, q.max) : ""},
                      {"asked if", !q.asked() ? fmt::format("never (replaced by {})",
                                                            r.questions[q.replaced_by].id)
                                   : q.has_condition ? describe(r, q.ask_if)
                                                     : "always"}};
  });
  compare(out, "red flag", a.red_flags, b.red_flags, [&](const RedFlag& f, bool old) {
    const RuleSet& r = old ? a : b;
    return Properties{{"level", std::string(level_id(f.level))}, {"when", describe(r, f.when)}};
  });
  compare(out, "evidence", a.evidence, b.evidence, [&](const EvidenceRule& e, bool old) {
    const RuleSet& r = old ? a : b;
    return Properties{{"weights", supports_of(r, e)}, {"when", describe(r, e.when)}};
  });
  compare(out, "structure", a.structures, b.structures, [](const Structure& s, bool) {
    return Properties{{"name", s.name},
                      {"kind", s.kind == StructureKind::Lookalike ? "lookalike" : "iliopsoas"}};
  });
  compare(out, "advice", a.advice, b.advice, [&](const Advice& x, bool old) {
    const RuleSet& r = old ? a : b;
    std::vector<std::string> levels;
    for (Level l : x.levels) levels.emplace_back(level_id(l));
    return Properties{{"levels", fmt::format("{}", fmt::join(levels, ", "))},
                      {"dosage", x.dosage},
                      {"stop", x.stop},
                      {"when", x.has_condition ? describe(r, x.when) : "always"},
                      {"not for", x.has_contraindication ? describe(r, x.not_for) : "nobody"}};
  });
  return out;
}

}  // namespace psoas::analysis
