// The assessment as Markdown, for pasting into notes: the same content as the text report.
#include <algorithm>

#include <fmt/format.h>

#include <sstream>

#include "model/answer_text.hpp"
#include "report/escape.hpp"
#include "report/report.hpp"
#include "report/style.hpp"

namespace psoas::report {
namespace {

// Every text from the rule set goes through this before it is written.
std::string md(std::string_view text) { return markdown_safe(text); }

// "[id] [id]", noting the ids for the closing list.
std::string cite(const SourceIds& ids, CitedSources& cited) {
  std::vector<std::string> refs;
  for (const std::string& id : cited.add(ids)) refs.push_back(fmt::format("[{}]", id));
  return fmt::format("{}", fmt::join(refs, " "));
}

// Text made safe in a Markdown table cell: a bar would end the cell, a line break the row.
std::string table_cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

void render_markdown(std::ostream& out, const Result& r) {
  const Assessment& a = r.assessment;
  const LevelInfo& level = r.rules.levels[level_index(a.level)];
  CitedSources cited;
  const ClinicalHeader header = clinical_header(r);
  out << "# Triage: " << upper(level_id(a.level)) << " (" << md(level.title) << ")\n\n";
  if (!header.when.empty()) out << "**Date:** " << md(header.when) << "  \n";
  out << "**Case:** " << md(header.case_id) << "  \n**Rule set:** " << md(header.rule_set) << "  \n";
  out << "**Summary:** " << md(header.summary) << "\n\n";
  out << "> " << md(level.action) << " " << cite(level.sources, cited) << "\n\n";
  out << "**This is not a diagnosis.**\n\n";
  for (const SafetyNet& net : safety_nets(r)) {
    out << fmt::format("> **Not ruled out: {}** ({})\n", md(net.condition), level_id(net.flag->level));
    for (const auto& [question, check] : net.checks) {
      out << fmt::format(">\n> - {} (`{}`)\n", md(check), question->id);
    }
    out << fmt::format(">\n> If it appears: {}\n\n", md(net.if_it_appears->action));
  }
  const Cause cause = leading_cause(r);
  if (cause.kind == Cause::Kind::Lookalike) {
    out << fmt::format("**Most likely cause: {}.** The answers point to this rather than the "
                       "iliopsoas: the pain is probably not muscular. {}\n\n",
                       md(cause.name), cite(*cause.sources, cited));
  } else if (cause.kind == Cause::Kind::Pattern) {
    out << fmt::format("**The pattern fits {} better than the iliopsoas.** {} {}\n\n", md(cause.name),
                       md(cause.detail), cite(*cause.sources, cited));
  }
  if (const std::string side = side_text(r.rules, r.answers); !side.empty()) {
    out << "Where it hurts: " << md(side) << ".\n\n";
  }
  if (const std::uint32_t pain = pain_regions(r.rules, r.answers); pain != 0) {
    const Structure* top = a.structures.empty() ? nullptr : a.structures.front().structure;
    std::ostringstream map;
    render_body_map(map, pain, top ? top->zones : 0,
                    top ? fmt::format("where {} refers pain", top->name) : "no structure", {},
                    side_of(r.rules, r.answers));
    out << "```text\n" << map.str() << "```\n\n";
  }

  out << "## Why\n\n";
  if (a.fired.empty() && a.not_excluded.empty()) out << "No red flag holds for these answers.\n";
  for (const FlagResult& f : a.fired) {
    out << fmt::format("- **{}** ({}): {} {}\n", md(f.flag->title), level_id(f.flag->level),
                       md(f.flag->explain), cite(f.flag->sources, cited));
  }
  for (const FlagResult& f : a.not_excluded) {
    std::vector<std::string> ids;
    for (int q : f.unknown) ids.push_back("`" + r.rules.questions[q].id + "`");
    out << fmt::format("- Not excluded: **{}** ({}): unanswered or \"don't know\": {} {}\n",
                       md(f.flag->title), level_id(f.flag->level), fmt::join(ids, ", "),
                       cite(f.flag->sources, cited));
  }

  out << (cause.kind == Cause::Kind::Lookalike ? "\n## Pattern evidence, for the record\n\n"
                                               : "\n## Likely involvement\n\n");
  out << "Strength of evidence, not a probability.\n\n";
  if (a.structures.empty()) out << "No answer points to a particular structure.\n";
  int rank = 0;
  for (const StructureResult& s : a.structures) {
    const bool lookalike = s.structure->kind == StructureKind::Lookalike;
    out << fmt::format("{}. **{}**{}: {} ({} point{}) {}\n", ++rank, md(s.structure->name),
                       lookalike ? " (not the iliopsoas)" : "", likelihood_id(s.likelihood),
                       s.score, s.score == 1 ? "" : "s", cite(s.structure->sources, cited));
    for (const EvidenceHit& e : s.evidence) {
      std::vector<std::string> said;
      for (int q : e.questions) {
        said.push_back(fmt::format("`{}` = {}", r.rules.questions[q].id,
                                   answer_token(r.rules.questions[q], r.answers.by_question[q])));
      }
      out << fmt::format("   - {:+d} {} ({}) {}\n", e.weight, md(e.rule->because),
                         fmt::join(said, "; "), cite(e.rule->sources, cited));
    }
  }

  if (!a.advice.empty()) {
    out << "\n## " << (a.level == Level::SelfCare ? "Self-care plan" : "Meanwhile") << "\n\n";
    for (const Advice* x : a.advice) {
      out << fmt::format("- **{}**: {}", md(x->title), md(x->how));
      if (!x->dosage.empty()) out << fmt::format(" *Dose:* {}.", md(x->dosage));
      if (!x->stop.empty()) out << fmt::format(" *Stop:* {}", md(x->stop));
      if (!x->caveat.empty()) out << fmt::format(" *Caution:* {}", md(x->caveat));
      out << " " << cite(x->sources, cited) << "\n";
    }
  }

  out << "\n## Answers\n\n| question | answer | id |\n|---|---|---|\n";
  for (std::size_t q = 0; q < r.rules.questions.size(); ++q) {
    const Question& question = r.rules.questions[q];
    const std::string words = answer_words(question, r.answers.by_question[q]);
    if (!words.empty()) {
      out << fmt::format("| {} | {} | `{}` |\n", table_cell(question.text), table_cell(words),
                         question.id);
    }
  }

  out << "\n## Sources\n\n";
  for (const std::string& id : r.rules.by_strength(cited.order())) {
    if (const Source* s = r.rules.source(id)) {
      out << fmt::format("- [{}] {}. {} ({})\n", id, md(s->title), md(s->where), source_kind_name(s->kind));
    }
  }
  out << "\n" << md(r.rules.disclaimer) << "\n\n";
  out << "*" << provenance(r) << "*\n";
}

}  // namespace psoas::report
