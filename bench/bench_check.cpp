// How the time of `rules check` grows with the size of the rule set. The shipped rule set is
// replicated 2, 5 and 10 times in memory (questions, thresholds and red flags, each copy with its
// own ids), and each size is checked several times; the median and its ratio to the 1x median,
// measured in the same run, are printed.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "analysis/check.hpp"
#include "load/ruleset_loader.hpp"

using namespace psoas;

namespace {

void shift(Condition& c, int offset) {
  if (c.question >= 0) c.question += offset;
  for (Condition& child : c.children) shift(child, offset);
}

RuleSet replicate(const RuleSet& base, int copies) {
  RuleSet out = base;
  const int n = static_cast<int>(base.questions.size());
  for (int k = 1; k < copies; ++k) {
    const std::string suffix = "_" + std::to_string(k + 1);
    for (Question q : base.questions) {
      q.id += suffix;
      shift(q.ask_if, k * n);
      out.questions.push_back(std::move(q));
    }
    for (RedFlag f : base.red_flags) {
      f.id += suffix;
      shift(f.when, k * n);
      out.red_flags.push_back(std::move(f));
    }
    for (EvidenceRule e : base.evidence) {
      e.id += suffix;
      shift(e.when, k * n);
      out.evidence.push_back(std::move(e));
    }
  }
  return out;
}

double median_seconds(const RuleSet& rules, int runs, long& combinations) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    const auto report = analysis::check(rules);
    times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    combinations = report.combinations;
    if (!report.violations.empty()) std::fprintf(stderr, "unexpected violation\n");
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

int main() {
  Errors errors;
  auto base = load::load_embedded_rule_set(errors);
  if (!base) return 1;
  constexpr int kRuns = 7;
  std::printf("%-6s %10s %10s %14s %12s %8s\n", "size", "questions", "red flags", "combinations",
              "median ms", "ratio");
  double baseline = 0;
  for (int copies : {1, 2, 5, 10}) {
    const RuleSet rules = replicate(*base, copies);
    long combinations = 0;
    const double t = median_seconds(rules, kRuns, combinations);
    if (copies == 1) baseline = t;
    std::printf("%-6s %10zu %10zu %14ld %12.2f %7.2fx\n", (std::to_string(copies) + "x").c_str(),
                rules.questions.size(), rules.red_flags.size(), combinations, t * 1000,
                t / baseline);
  }
  return 0;
}
