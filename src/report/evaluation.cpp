#include "report/evaluation.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/style.hpp"
#include "util/version.hpp"

namespace psoas::report {
namespace {

// Published results of online symptom checkers on vignettes, for scale. Not comparable case for
// case: their vignettes covered all of medicine.
struct Baseline {
  const char* measure;
  const char* value;
  const char* source;
};
constexpr Baseline kBaselines[] = {
    {"correct triage, overall", "57%",
     "Semigran et al., BMJ 2015: 23 online symptom checkers, 45 vignettes"},
    {"correct triage, emergencies", "80%", "Semigran et al., BMJ 2015"},
    {"correct triage, self-care", "33%", "Semigran et al., BMJ 2015"},
    {"correct triage, median", "55.8%",
     "Schmieding et al., JMIR 2022 (over 40% of emergencies missed)"},
};

// What the figures can and cannot show, said in the output itself beside the baselines, since a
// figure of 100% read without it looks like clinical accuracy.
struct Scope {
  const char* shows;
  const char* cannot_show;
  const char* shipped;
  const char* baselines;
};
constexpr Scope kScope = {
    "whether the rule set still gives the level and structure that each file's expect section "
    "names: a regression check.",
    "clinical accuracy. Each expectation is its author's reading of the clinical sources, not what "
    "happened to a real patient, and vignettes written with the rules in view agree with the "
    "rules by construction. Clinical accuracy needs cases written independently of the rules.",
    "The vignettes shipped in psoas-triage's tests/vignettes were written from the clinical "
    "sources with the rules in view, and where a first run disagreed the rules were changed: "
    "none is held out.",
    "The published baselines were measured by other authors on other vignettes over all of "
    "medicine: they give scale, not a comparison case for case.",
};

std::string percent(const analysis::Proportion& p) {
  if (p.total == 0) return "n/a";
  const auto [low, high] = p.interval();
  return fmt::format("{:5.1f}%  ({}/{}; 95% CI {:.1f}-{:.1f}%)", 100 * p.value(), p.hits, p.total,
                     100 * low, 100 * high);
}

nlohmann::ordered_json proportion(const analysis::Proportion& p) {
  const auto [low, high] = p.interval();
  return {{"value", p.value()}, {"hits", p.hits}, {"total", p.total},
          {"ci95", {low, high}}};
}

}  // namespace

void render_evaluation_text(std::ostream& out, const RuleSet& rules,
                            const analysis::EvaluationReport& r, const VignetteSource& source) {
  out << fmt::format("Evaluation of rule set {} {} on {} vignettes\n", rules.id, rules.version,
                     r.cases);
  out << "  Agreement with the expectations written in the vignettes: a regression check, not a\n"
         "  measure of clinical accuracy (see the end).\n\n";
  out << fmt::format("  exact level            {}\n", percent(r.exact));
  for (Level level : kLevelsMostUrgentFirst) {
    out << fmt::format("    {:<20} {}\n", level_id(level), percent(r.per_level[level_index(level)]));
  }
  out << fmt::format("  emergency sensitivity  {}\n", percent(r.emergency_sensitivity));
  out << fmt::format("  under-triage rate      {}\n", percent(r.under_triage));
  out << fmt::format("  over-triage rate       {}\n", percent(r.over_triage));
  out << fmt::format("  over:under ratio       {}\n",
                     r.under_triage.hits ? fmt::format("{:.2f}", static_cast<double>(r.over_triage.hits) /
                                                                    r.under_triage.hits)
                                         : (r.over_triage.hits ? "no under-triage" : "none of either"));
  out << fmt::format("  mean level distance    {:.3f}\n", r.mean_level_distance);
  out << fmt::format("  top structure          {}\n\n", percent(r.structure));

  out << "Confusion matrix (rows: expected, columns: given)\n";
  out << fmt::format("  {:<18}", "");
  for (Level level : kLevelsMostUrgentFirst) out << fmt::format("{:>17}", level_id(level));
  out << "\n";
  for (Level expected : kLevelsMostUrgentFirst) {
    out << fmt::format("  {:<18}", level_id(expected));
    for (Level got : kLevelsMostUrgentFirst) {
      out << fmt::format("{:>17}", r.confusion[level_index(expected)][level_index(got)]);
    }
    out << "\n";
  }
  if (!r.misses.empty()) {
    out << "\nMisses\n";
    for (const auto& m : r.misses) {
      out << fmt::format("  {}: expected {}/{}, given {}/{}\n", m.name, level_id(m.expected_level),
                         m.expected_structure, level_id(m.got_level), m.got_structure);
    }
  }
  out << "\nPublished baselines, for scale (online symptom checkers over all of medicine)\n";
  for (const auto& b : kBaselines) {
    out << fmt::format("  {:<28} {:>6}  {}\n", b.measure, b.value, b.source);
  }
  out << "\nWhat these figures can and cannot show\n";
  const auto item = [&out](std::string_view text) { out << "  " << wrap(text, 4, 96) << "\n"; };
  item(fmt::format("Vignettes: {} answer file{} read from {}, each expecting the level and "
                   "structure its author wrote in it.",
                   r.cases, r.cases == 1 ? "" : "s", source.path));
  item(fmt::format("Shows {}", kScope.shows));
  item(fmt::format("Cannot show {}", kScope.cannot_show));
  item(kScope.shipped);
  item(kScope.baselines);
  out << fmt::format("\npsoas-triage {}; rule set {} {} sha256:{}; vignettes sha256:{}\n", kVersion,
                     rules.id, rules.version, rules.hash, source.hash);
}

void render_evaluation_json(std::ostream& out, const RuleSet& rules,
                            const analysis::EvaluationReport& r, const VignetteSource& source) {
  using Json = nlohmann::ordered_json;
  Json per_level = Json::object();
  Json confusion = Json::object();
  for (Level expected : kLevelsMostUrgentFirst) {
    per_level[std::string(level_id(expected))] = proportion(r.per_level[level_index(expected)]);
    Json row = Json::object();
    for (Level got : kLevelsMostUrgentFirst) {
      row[std::string(level_id(got))] = r.confusion[level_index(expected)][level_index(got)];
    }
    confusion[std::string(level_id(expected))] = row;
  }
  Json misses = Json::array();
  for (const auto& m : r.misses) {
    misses.push_back({{"vignette", m.name},
                      {"expected", {{"level", level_id(m.expected_level)}, {"structure", m.expected_structure}}},
                      {"given", {{"level", level_id(m.got_level)}, {"structure", m.got_structure}}}});
  }
  Json baselines = Json::array();
  for (const auto& b : kBaselines) {
    baselines.push_back({{"measure", b.measure}, {"value", b.value}, {"source", b.source}});
  }
  Json doc = {
      {"format", "psoas-triage/evaluation/1"},
      {"tool", {{"name", "psoas-triage"}, {"version", kVersion}}},
      {"rule_set", {{"id", rules.id}, {"version", rules.version}, {"hash", "sha256:" + rules.hash}}},
      {"vignettes_hash", fmt::format("sha256:{}", source.hash)},
      {"cases", r.cases},
      {"exact", proportion(r.exact)},
      {"per_level", per_level},
      {"emergency_sensitivity", proportion(r.emergency_sensitivity)},
      {"under_triage", proportion(r.under_triage)},
      {"over_triage", proportion(r.over_triage)},
      {"over_under_ratio", r.under_triage.hits ? Json(static_cast<double>(r.over_triage.hits) /
                                                      r.under_triage.hits)
                                               : Json(nullptr)},
      {"mean_level_distance", r.mean_level_distance},
      {"structure_top1", proportion(r.structure)},
      {"confusion", confusion},
      {"misses", misses},
      {"baselines", baselines},
      {"scope",
       {{"vignettes", {{"path", source.path}, {"count", r.cases}}},
        {"shows", kScope.shows},
        {"cannot_show", kScope.cannot_show},
        {"shipped_vignettes", kScope.shipped},
        {"baselines", kScope.baselines}}},
  };
  out << doc.dump(2) << "\n";
}

}  // namespace psoas::report
