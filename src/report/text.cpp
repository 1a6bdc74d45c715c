#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "load/answers_writer.hpp"
#include "model/answer_text.hpp"
#include "util/version.hpp"
#include "report/report.hpp"
#include "report/body_map.hpp"
#include "report/style.hpp"
#include "model/body.hpp"

namespace psoas::report {
namespace {

// "[id, id]", noting the ids for the closing list.
std::string cite(CitedSources& cited, const SourceIds& ids) {
  return fmt::format("[{}]", fmt::join(cited.add(ids), ", "));
}

std::string answers_read(const RuleSet& rules, const Answers& answers,
                         const std::vector<int>& questions) {
  std::vector<std::string> parts;
  for (int q : questions) {
    std::string token = answer_token(rules.questions[q], answers.by_question[q]);
    parts.push_back(fmt::format("{} = {}", rules.questions[q].id,
                                token.empty() ? "unanswered" : token));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

}  // namespace

void render_text(std::ostream& out, const Result& r, const TextStyle& style) {
  const Paint paint(style.color);
  CitedSources cited;
  const auto cite = [&](const SourceIds& ids) { return report::cite(cited, ids); };
  const Assessment& a = r.assessment;
  const LevelInfo& level = r.rules.levels[level_index(a.level)];

  out << paint.level(a.level, fmt::format(" {} ", upper(level_id(a.level)))) << "  " << paint.bold(level.title)
      << "\n";
  out << "  " << wrap(level.action + " " + cite(level.sources), 2) << "\n\n";

  for (const SafetyNet& net : safety_nets(r)) {
    out << paint.level(net.flag->level, "!") << " "
        << paint.bold(fmt::format("Not ruled out: {} ({})", net.condition,
                                  level_id(net.flag->level)))
        << "\n";
    for (const auto& [question, check] : net.checks) {
      out << "  - " << wrap(fmt::format("{} [{}]", check, question->id), 4) << "\n";
    }
    out << "  " << wrap("If it appears: " + net.if_it_appears->action, 2) << "\n\n";
  }
  const Cause cause = leading_cause(r);
  if (cause.kind == Cause::Kind::Lookalike) {
    out << paint.bold("Most likely cause: " + cause.name) << "\n  "
        << wrap("The answers point to this rather than the iliopsoas: the pain is probably not "
                "muscular. " + cite(*cause.sources), 2)
        << "\n\n";
  } else if (cause.kind == Cause::Kind::Pattern) {
    out << paint.bold("The pattern fits " + cause.name + " better than the iliopsoas") << "\n  "
        << wrap(cause.detail + " " + cite(*cause.sources), 2) << "\n\n";
  }

  out << paint.bold("Why") << "\n";
  if (a.fired.empty() && a.not_excluded.empty()) {
    out << "  No red flag holds for these answers.\n";
  }
  for (const FlagResult& f : a.fired) {
    out << "  " << paint.level(f.flag->level, "!") << " "
        << paint.bold(f.flag->title) << " (" << level_id(f.flag->level) << ")\n";
    out << "    " << wrap(f.flag->explain + " " + cite(f.flag->sources), 4) << "\n";
    out << "    " << paint.dim(wrap("answers: " + answers_read(r.rules, r.answers, f.questions), 4))
        << "\n";
  }
  for (const FlagResult& f : a.not_excluded) {
    std::vector<std::string> ids;
    for (int q : f.unknown) ids.push_back(r.rules.questions[q].id);
    out << "  ? Not excluded: " << text_safe(f.flag->title) << " (" << level_id(f.flag->level) << ")\n";
    out << "    "
        << wrap(fmt::format("Could not be ruled out: unanswered or \"don't know\": {}. {}",
                            fmt::join(ids, ", "), cite(f.flag->sources)),
                4)
        << "\n";
  }

  out << "\n"
      << paint.bold(cause.kind == Cause::Kind::Lookalike ? "Pattern evidence, for the record"
                                                          : "Likely involvement")
      << " " << paint.dim("(strength of evidence, not a probability)") << "\n";
  if (a.structures.empty()) out << "  No answer points to a particular structure.\n";
  int rank = 0;
  for (const StructureResult& s : a.structures) {
    const bool lookalike = s.structure->kind == StructureKind::Lookalike;
    out << "  " << ++rank << ". " << paint.bold(s.structure->name)
        << (lookalike ? " (not the iliopsoas)" : "") << ": "
        << likelihood_id(s.likelihood) << " (" << s.score << (s.score == 1 ? " point) " : " points) ")
        << cite(s.structure->sources) << "\n";
    for (const EvidenceHit& e : s.evidence) {
      // The answers it rests on, so what is credited can be checked against what was said.
      out << "     " << (e.weight > 0 ? "+" : "") << e.weight << " "
          << wrap(fmt::format("{} ({}) {}", e.rule->because,
                              answers_read(r.rules, r.answers, e.questions), cite(e.rule->sources)),
                  8)
          << "\n";
    }
    if (!s.structure->note.empty() && rank <= 2) {
      out << "     " << paint.dim(wrap("Note: " + s.structure->note, 5)) << "\n";
    }
    if (lookalike && rank <= 2) {
      out << "     " << paint.dim(wrap("Tells it apart: " + s.structure->distinguishing, 5))
          << "\n";
    }
  }

  const std::uint32_t pain = pain_regions(r.rules, r.answers);
  if (!a.structures.empty() || pain != 0) {
    const std::string side = side_text(r.rules, r.answers);
    out << "\n" << paint.bold("Where it hurts") << (side.empty() ? "" : ": " + side) << "\n";
    const Structure* top = a.structures.empty() ? nullptr : a.structures.front().structure;
    render_body_map(out, pain, top ? top->zones : 0,
                    top ? fmt::format("where {} refers pain", top->name) : "no structure",
                    {style.unicode, style.color}, side_of(r.rules, r.answers));
  }

  if (!a.advice.empty()) {
    out << "\n" << paint.bold(a.level == Level::SelfCare ? "Self-care plan" : "Meanwhile")
        << "\n";
    for (const Advice* advice : a.advice) {
      out << "  - " << paint.bold(advice->title) << " " << cite(advice->sources) << "\n";
      out << "    " << wrap(advice->how, 4) << "\n";
      if (!advice->dosage.empty()) out << "    Dose: " << wrap(advice->dosage, 10) << "\n";
      if (!advice->stop.empty()) out << "    Stop: " << wrap(advice->stop, 10) << "\n";
      if (!advice->caveat.empty()) out << "    Caution: " << wrap(advice->caveat, 13) << "\n";
    }
  }

  if (!a.unanswered.empty()) {
    std::vector<std::string> ids;
    for (int q : a.unanswered) ids.push_back(r.rules.questions[q].id);
    out << "\n" << paint.bold("Unanswered or \"don't know\"") << "\n  "
        << wrap(fmt::format("{}", fmt::join(ids, ", ")), 2) << "\n";
  }

  out << "\n" << paint.bold("Sources") << "\n";
  for (const std::string& id : r.rules.by_strength(cited.order())) {
    if (const Source* s = r.rules.source(id)) {
      out << "  " << wrap(fmt::format("[{}] {}. {} ({})", id, s->title, s->where,
                                      source_kind_name(s->kind)), 4) << "\n";
    }
  }
  out << "\n" << wrap(r.rules.disclaimer, 0) << "\n";
  out << paint.dim(provenance(r)) << "\n";
}

std::string provenance(const Result& r) {
  return fmt::format("psoas-triage {}; rule set {} {} sha256:{}; answers sha256:{}", kVersion,
                     r.rules.id, r.rules.version, r.rules.hash,
                     load::answers_digest(r.rules, r.answers));
}

std::uint32_t pain_regions(const RuleSet& rules, const Answers& answers) {
  if (rules.body_map_question < 0) return 0;
  const Question& q = rules.questions[rules.body_map_question];
  const Answer& a = answers.by_question[rules.body_map_question];
  if (!a.given()) return 0;
  std::uint32_t regions = 0;
  for (std::size_t i = 0; i < q.options.size(); ++i) {
    const int region = body_region_index(q.options[i].id);
    if (((a.options >> i) & 1U) && region >= 0) regions |= 1U << region;
  }
  return regions;
}

std::string_view likelihood_id(Likelihood likelihood) {
  switch (likelihood) {
    case Likelihood::High: return "high";
    case Likelihood::Moderate: return "moderate";
    case Likelihood::Low: return "low";
  }
  return "?";
}

}  // namespace psoas::report
