#include "model/ruleset.hpp"

#include <algorithm>

namespace psoas {

int RuleSet::question_index(std::string_view wanted, std::size_t from) const {
  const std::size_t n = questions.size();
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t i = (from + k) % n;
    if (questions[i].id == wanted) return static_cast<int>(i);
  }
  return -1;
}

int RuleSet::red_flag_index(std::string_view wanted) const {
  for (std::size_t i = 0; i < red_flags.size(); ++i) {
    if (red_flags[i].id == wanted) return static_cast<int>(i);
  }
  return -1;
}

const Source* RuleSet::source(std::string_view wanted) const {
  for (const Source& s : sources) {
    if (s.id == wanted) return &s;
  }
  return nullptr;
}

SourceIds RuleSet::by_strength(const SourceIds& ids) const {
  SourceIds out = ids;
  auto rank = [this](const std::string& wanted) {
    const Source* s = source(wanted);
    return s ? static_cast<int>(s->kind) : static_cast<int>(kSourceKinds.size());
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
  return out;
}

}  // namespace psoas
