#include <fmt/format.h>

#include "report/report.hpp"

namespace psoas::report {

Side side_of(const RuleSet& rules, const Answers& answers) {
  if (rules.side_question < 0) return Side::Both;
  const Answer& a = answers.by_question[rules.side_question];
  if (!a.given()) return Side::Both;
  const std::string& id = rules.questions[rules.side_question].options[a.value].id;
  return id == "left" ? Side::Left : id == "right" ? Side::Right : Side::Both;
}

std::string side_text(const RuleSet& rules, const Answers& answers) {
  if (rules.side_question < 0 || !answers.by_question[rules.side_question].given()) return "";
  return std::string(side_name(side_of(rules, answers)));
}

Cause leading_cause(const Result& r) {
  const Assessment& a = r.assessment;
  Cause c;
  if (a.lookalike) {
    c.kind = Cause::Kind::Lookalike;
    c.name = a.lookalike->lookalike;
    c.detail = a.lookalike->explain;
    c.sources = &a.lookalike->sources;
  } else if (const Structure* top = top_structure(a)) {
    c.kind = top->kind == StructureKind::Lookalike ? Cause::Kind::Pattern : Cause::Kind::Iliopsoas;
    c.name = top->name;
    c.detail = top->kind == StructureKind::Lookalike ? top->distinguishing : top->referral;
    c.sources = &top->sources;
  }
  return c;
}

std::vector<SafetyNet> safety_nets(const Result& r) {
  std::vector<SafetyNet> out;
  for (const FlagResult& f : r.assessment.safety_net) {
    SafetyNet net;
    net.flag = f.flag;
    net.condition = f.flag->lookalike.empty() ? f.flag->title : f.flag->lookalike;
    for (int q : f.unknown) {
      const Question& question = r.rules.questions[q];
      net.checks.emplace_back(&question, question.how_to_check.empty() ? question.text
                                                                       : question.how_to_check);
    }
    net.if_it_appears = &r.rules.levels[level_index(f.flag->level)];
    out.push_back(std::move(net));
  }
  return out;
}

std::string_view cause_kind_id(Cause::Kind kind) {
  switch (kind) {
    case Cause::Kind::Lookalike: return "lookalike";
    case Cause::Kind::Pattern: return "pattern";
    case Cause::Kind::Iliopsoas: return "iliopsoas";
    case Cause::Kind::Unclear: return "unclear";
  }
  return "unclear";
}

}  // namespace psoas::report
