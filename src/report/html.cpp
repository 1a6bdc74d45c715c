// The assessment as one self-contained HTML page, to hand to a clinician or print: no scripts, no
// external files, the styles inline, the body diagram as inline SVG. It is also well-formed XML,
// so any XML tool can read it.
#include <algorithm>

#include <fmt/format.h>

#include "model/answer_text.hpp"
#include "model/body.hpp"
#include "report/escape.hpp"
#include "report/body_map.hpp"
#include "report/report.hpp"
#include "report/style.hpp"
#include "util/text.hpp"

namespace psoas::report {
namespace {

// Screen and paper: the verdict colours keep on paper (print-color-adjust), and the regions of
// the diagram differ by pattern as well as colour, so a black-and-white print still reads.
constexpr std::string_view kStyle = R"(
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       color: #1a1a1a; background: #fff; margin: 0 auto; max-width: 52rem; padding: 1.5rem; }
h1 { font-size: 1.2rem; margin: 0 0 .25rem; font-weight: 600; color: #444; }
h2 { font-size: 1.1rem; margin: 1.6rem 0 .5rem; border-bottom: 1px solid #ccc; }
.verdict { border: 3px solid; border-radius: 6px; padding: .8rem 1rem; margin: .5rem 0 1rem;
           -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.verdict .level { font-size: 1.6rem; font-weight: 700; letter-spacing: .03em; margin: 0; }
.verdict p { margin: .3rem 0 0; }
.verdict .cite { color: inherit; }
.emergency { background: #b71c1c; border-color: #7f0000; color: #fff; }
.urgent { background: #bf360c; border-color: #7f0000; color: #fff; }
.see-professional { background: #ffd54f; border-color: #c8a415; color: #1a1a1a; }
.self-care { background: #2e7d32; border-color: #005005; color: #fff; }
.not-diagnosis { font-weight: 600; border-left: 4px solid #555; padding-left: .6rem; }
.flag { margin: .5rem 0; }
.tag { font-size: .8rem; font-weight: 600; border: 1px solid #888; border-radius: 3px;
       padding: 0 .3rem; white-space: nowrap; }
.cite { font-size: .85em; color: #555; }
.cite a { color: inherit; }
.muted { color: #555; }
ol.structures > li { margin-bottom: .6rem; }
.cause { border-left: 6px solid #c62828; padding: .2rem .8rem; background: #fff5f5; }
.safety-net { border: 2px solid #c62828; padding: .2rem .8rem; margin: .8rem 0; }
ul.evidence { margin: .2rem 0; padding-left: 1.2rem; }
.where { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
.where svg { flex: none; max-width: 100%; height: auto; }
.legend { list-style: none; padding: 0; margin: 0; flex: 1 1 14rem; }
.legend li { margin-bottom: .4rem; }
.swatch { display: inline-block; width: 1rem; height: 1rem; border: 1px solid #333;
          vertical-align: -.15rem; margin-right: .3rem;
          -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.swatch.pain { background: #c62828; }
.swatch.zone { background: repeating-linear-gradient(45deg, #fff3c4 0 3px, #b07800 3px 6px); }
.swatch.both { background: repeating-linear-gradient(45deg, #c62828 0 3px, #5d0000 3px 6px); }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid #ddd;
         padding: .25rem .4rem; }
code { font-size: .85em; }
ol.sources { font-size: .9rem; padding-left: 0; list-style: none; }
dl.header { display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; }
dl.header dt { font-weight: bold; }
dl.header dd { margin: 0; }
footer { margin-top: 1.5rem; font-size: .85rem; color: #444; border-top: 1px solid #ccc; }
footer .stamp { font-family: monospace; word-break: break-all; }
@page { size: A4; margin: 14mm; }
@media print {
  body { font-size: 9.5pt; line-height: 1.3; max-width: none; padding: 0; }
  h2 { font-size: 11pt; margin: .8rem 0 .3rem; break-after: avoid; }
  .verdict .level { font-size: 15pt; }
  .where svg { width: 50mm; }
  table, ol.sources, footer { font-size: 8pt; }
  td, th { padding: .05rem .3rem; }
  li, tr, .flag, .where { break-inside: avoid; }
  a { text-decoration: none; }
}
)";

std::string e(std::string_view text) { return html_safe(text); }

// Citations that link to their entry in the closing list of sources.
class Citations {
 public:
  std::string operator()(const SourceIds& ids) {
    std::vector<std::string> links;
    for (const std::string& id : cited_.add(ids)) {
      links.push_back(fmt::format(R"(<a href="#src-{0}">{0}</a>)", e(id)));
    }
    return fmt::format(R"(<span class="cite">[{}]</span>)", fmt::join(links, ", "));
  }
  const std::vector<std::string>& order() const { return cited_.order(); }

 private:
  CitedSources cited_;
};

// "fever = yes; onset = sudden": the answers a red flag rests on.
std::string answers_read(const Result& r, const std::vector<int>& questions) {
  std::vector<std::string> parts;
  for (int q : questions) {
    const std::string token = answer_token(r.rules.questions[q], r.answers.by_question[q]);
    parts.push_back(fmt::format("<code>{}</code> = {}", e(r.rules.questions[q].id),
                                token.empty() ? "unanswered" : e(token)));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

std::string question_list(const RuleSet& rules, const std::vector<int>& questions) {
  std::vector<std::string> ids;
  for (int q : questions) ids.push_back(fmt::format("<code>{}</code>", e(rules.questions[q].id)));
  return fmt::format("{}", fmt::join(ids, ", "));
}

// The regions in a set, in words: the body-map question's option texts.
std::string region_words(const RuleSet& rules, std::uint32_t regions) {
  std::vector<std::string> words;
  for (std::size_t i = 0; i < kBodyRegions.size(); ++i) {
    if (!((regions >> i) & 1U)) continue;
    std::string word(kBodyRegions[i]);
    if (rules.body_map_question >= 0) {
      for (const Option& o : rules.questions[rules.body_map_question].options) {
        if (o.id == kBodyRegions[i]) word = o.text;
      }
    }
    words.push_back(e(word));
  }
  return fmt::format("{}", fmt::join(words, "; "));
}

void render_flags(std::ostream& out, const Result& r, Citations& cite) {
  const Assessment& a = r.assessment;
  out << "<section id=\"why\"><h2>Why</h2>\n";
  if (a.fired.empty() && a.not_excluded.empty()) {
    out << "<p>No red flag holds for these answers.</p>\n";
  }
  for (const FlagResult& f : a.fired) {
    out << fmt::format(
        "<div class=\"flag\"><span class=\"tag {0}\">{0}</span> <strong>{1}</strong>. {2} {3}"
        "<br/><span class=\"muted\">Answers: {4}</span></div>\n",
        level_id(f.flag->level), e(f.flag->title), e(f.flag->explain), cite(f.flag->sources),
        answers_read(r, f.questions));
  }
  for (const FlagResult& f : a.not_excluded) {
    out << fmt::format(
        "<div class=\"flag\"><span class=\"tag\">not excluded</span> <strong>{}</strong> ({}). "
        "Could not be ruled out: unanswered or “don't know”: {}. {}</div>\n",
        e(f.flag->title), level_id(f.flag->level), question_list(r.rules, f.unknown),
        cite(f.flag->sources));
  }
  out << "</section>\n";
}

// What the report leads with: a look-alike that the answers point to, or a pattern that fits
// another cause better than the iliopsoas.
void render_safety_net(std::ostream& out, const Result& r) {
  for (const SafetyNet& net : safety_nets(r)) {
    out << fmt::format("<section class=\"safety-net {}\" data-red-flag=\"{}\"><p><strong>Not "
                       "ruled out: {}</strong> ({})</p>\n<ul>\n",
                       level_id(net.flag->level), e(net.flag->id), e(net.condition),
                       level_id(net.flag->level));
    for (const auto& [question, check] : net.checks) {
      out << fmt::format("<li>{} <code>{}</code></li>\n", e(check), e(question->id));
    }
    out << fmt::format("</ul>\n<p>If it appears: {}</p></section>\n",
                       e(net.if_it_appears->action));
  }
}

void render_cause(std::ostream& out, const Result& r, Citations& cite) {
  const Cause cause = leading_cause(r);
  if (cause.kind == Cause::Kind::Lookalike) {
    out << fmt::format("<section id=\"cause\" class=\"cause\" data-muscular=\"false\">"
                       "<p><strong>Most likely cause: {}.</strong> The answers point to this "
                       "rather than the iliopsoas: the pain is probably not muscular. {}</p>"
                       "</section>\n",
                       e(cause.name), cite(*cause.sources));
  } else if (cause.kind == Cause::Kind::Pattern) {
    out << fmt::format("<section id=\"cause\" class=\"cause\" data-muscular=\"false\">"
                       "<p><strong>The pattern fits {} better than the iliopsoas.</strong> {} {}"
                       "</p></section>\n",
                       e(cause.name), e(cause.detail), cite(*cause.sources));
  }
}

void render_structures(std::ostream& out, const Result& r, Citations& cite) {
  const Assessment& a = r.assessment;
  out << fmt::format("<section id=\"structures\"><h2>{}</h2>\n",
                     a.lookalike ? "Pattern evidence, for the record" : "Likely involvement")
      << "<p class=\"muted\">Strength of evidence, not a probability.</p>\n";
  if (a.structures.empty()) {
    out << "<p>No answer points to a particular structure.</p>\n";
  } else {
    out << "<ol class=\"structures\">\n";
    for (const StructureResult& s : a.structures) {
      const bool lookalike = s.structure->kind == StructureKind::Lookalike;
      out << fmt::format("<li><strong>{}</strong>{}: {} ({} point{}) {}\n<ul class=\"evidence\">\n",
                         e(s.structure->name), lookalike ? " (not the iliopsoas)" : "",
                         likelihood_id(s.likelihood), s.score, s.score == 1 ? "" : "s",
                         cite(s.structure->sources));
      if (lookalike) {
        out << fmt::format("<li class=\"muted\">Tells it apart: {}</li>\n",
                           e(s.structure->distinguishing));
      }
      for (const EvidenceHit& hit : s.evidence) {
        out << fmt::format("<li>{:+d} {} <span class=\"muted\">({})</span> {}</li>\n",
                           hit.weight, e(hit.rule->because), answers_read(r, hit.questions),
                           cite(hit.rule->sources));
      }
      out << "</ul></li>\n";
    }
    out << "</ol>\n";
  }
  out << "</section>\n";
}

void render_where(std::ostream& out, const Result& r) {
  const std::uint32_t pain = pain_regions(r.rules, r.answers);
  const Structure* top =
      r.assessment.structures.empty() ? nullptr : r.assessment.structures.front().structure;
  const std::uint32_t zone = top ? top->zones : 0;
  const std::string zone_label =
      top ? fmt::format("where {} refers pain", top->name) : "no structure";
  const std::string side = side_text(r.rules, r.answers);
  out << "<section id=\"where\"><h2>Where it hurts</h2>\n<div class=\"where\">\n";
  render_body_svg(out, pain, zone, zone_label, side_of(r.rules, r.answers));
  out << "<ul class=\"legend\">\n";
  out << fmt::format("<li><span class=\"swatch pain\"></span>Where you hurt: {}</li>\n",
                     pain ? region_words(r.rules, pain) : "no region marked");
  if (top) {
    out << fmt::format("<li><span class=\"swatch zone\"></span>Where {} refers pain: {}</li>\n",
                       e(top->name), region_words(r.rules, zone));
    out << "<li><span class=\"swatch both\"></span>Both</li>\n";
  }
  out << (side.empty() ? std::string("<li class=\"muted\">Both sides are drawn: which side "
                                     "hurts was not answered.</li>\n")
                       : fmt::format("<li id=\"side\">Side: {}</li>\n", e(side)))
      << "</ul>\n</div>\n</section>\n";
}

void render_advice(std::ostream& out, const Result& r, Citations& cite) {
  const Assessment& a = r.assessment;
  if (a.advice.empty()) return;
  out << fmt::format("<section id=\"advice\"><h2>{}</h2>\n<ul>\n",
                     a.level == Level::SelfCare ? "Self-care plan" : "Meanwhile");
  for (const Advice* x : a.advice) {
    out << fmt::format("<li><strong>{}</strong>: {}", e(x->title), e(x->how));
    if (!x->dosage.empty()) out << fmt::format(" <em>Dose:</em> {}.", e(x->dosage));
    if (!x->stop.empty()) out << fmt::format(" <em>Stop:</em> {}", e(x->stop));
    if (!x->caveat.empty()) out << fmt::format(" <em>Caution:</em> {}", e(x->caveat));
    out << " " << cite(x->sources) << "</li>\n";
  }
  out << "</ul></section>\n";
}

void render_answers(std::ostream& out, const Result& r) {
  out << "<section id=\"answers\"><h2>Answers</h2>\n<table>\n"
         "<thead><tr><th>Question</th><th>Answer</th></tr></thead>\n<tbody>\n";
  for (std::size_t q = 0; q < r.rules.questions.size(); ++q) {
    const Question& question = r.rules.questions[q];
    const std::string words = answer_words(question, r.answers.by_question[q]);
    if (words.empty()) continue;
    out << fmt::format("<tr><td>{} <code class=\"muted\">{}</code></td><td>{}</td></tr>\n",
                       e(question.text), e(question.id), e(words));
  }
  out << "</tbody></table>\n";
  const Assessment& a = r.assessment;
  if (!a.unanswered.empty()) {
    out << fmt::format("<p>Unanswered or “don't know”: {}</p>\n",
                       question_list(r.rules, a.unanswered));
  }
  out << "</section>\n";
}

// Date, case, rule set and the one-line summary, for a clinician's notes.
std::string clinician_header(const Result& r) {
  const ClinicalHeader h = clinical_header(r);
  std::string out =
      "<section id=\"clinician\" aria-label=\"Clinician summary\">\n<dl class=\"header\">";
  if (!h.when.empty()) out += fmt::format("<dt>Date</dt><dd>{}</dd>", e(h.when));
  out += fmt::format("<dt>Case</dt><dd>{}</dd><dt>Rule set</dt><dd>{}</dd></dl>\n", e(h.case_id),
                     e(h.rule_set));
  out += fmt::format("<p class=\"summary\">{}</p>\n</section>\n", e(h.summary));
  return out;
}

}  // namespace

void render_html(std::ostream& out, const Result& r) {
  const Assessment& a = r.assessment;
  const LevelInfo& level = r.rules.levels[level_index(a.level)];
  const std::string_view id = level_id(a.level);
  Citations cite;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'\"/>\n"
      << fmt::format("<title>Triage: {} ({}) - psoas-triage</title>\n", upper(id),
                     e(level.title))
      << "<style>" << kStyle << "</style>\n</head>\n<body>\n<main>\n"
      << "<h1>Iliopsoas symptom triage</h1>\n" << clinician_header(r)
      << fmt::format("<section class=\"verdict {}\" id=\"verdict\" data-level=\"{}\">\n"
                     "<p class=\"level\">{}: {}</p>\n<p>{} {}</p>\n</section>\n",
                     id, id, upper(id), e(level.title), e(level.action), cite(level.sources))
      << "<p class=\"not-diagnosis\">This is not a diagnosis.</p>\n";
  render_safety_net(out, r);
  render_cause(out, r, cite);
  render_flags(out, r, cite);
  render_structures(out, r, cite);
  render_where(out, r);
  render_advice(out, r, cite);
  render_answers(out, r);
  out << "<section id=\"sources\"><h2>Sources</h2>\n<ol class=\"sources\">\n";
  for (const std::string& source : r.rules.by_strength(cite.order())) {
    if (const Source* s = r.rules.source(source)) {
      out << fmt::format("<li id=\"src-{0}\">[{0}] {1}. {2} ({3})</li>\n", e(source), e(s->title),
                         e(s->where), source_kind_name(s->kind));
    }
  }
  out << "</ol></section>\n</main>\n<footer>\n"
      << fmt::format("<p>{}</p>\n<p class=\"stamp\">{}</p>\n", e(r.rules.disclaimer),
                     e(provenance(r)))
      << "</footer>\n</body>\n</html>\n";
}

}  // namespace psoas::report
