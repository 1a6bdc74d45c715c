#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

#include "load/answers_writer.hpp"
#include "model/answer_text.hpp"
#include "report/report.hpp"
#include "report/style.hpp"
#include "util/version.hpp"

namespace psoas::report {
namespace {

using Json = nlohmann::ordered_json;

Json answer_value(const Question& q, const Answer& a) {
  if (a.state == Answer::State::Unknown) return "unknown";
  if (q.type == QuestionType::Number && a.band < 0) return a.value;
  if (q.type == QuestionType::ManyOf) return chosen_options(q, a);
  return answer_token(q, a);
}

Json answers_read(const Result& r, const std::vector<int>& questions) {
  Json out = Json::object();
  for (int q : questions) {
    const Answer& a = r.answers.by_question[q];
    out[r.rules.questions[q].id] =
        a.state == Answer::State::Missing ? Json(nullptr) : answer_value(r.rules.questions[q], a);
  }
  return out;
}

Json flag_json(const Result& r, const FlagResult& f, CitedSources& cite) {
  Json ids = Json::array();
  for (int q : f.unknown) ids.push_back(r.rules.questions[q].id);
  return {{"id", f.flag->id},
          {"level", level_id(f.flag->level)},
          {"title", f.flag->title},
          {"explain", f.flag->explain},
          {"answers", answers_read(r, f.questions)},
          {"unknown", ids},
          {"sources", cite.add(f.flag->sources)}};
}

}  // namespace

void render_json(std::ostream& out, const Result& r) {
  const Assessment& a = r.assessment;
  CitedSources cite;  // so `sources` at the end lists exactly what was cited
  const LevelInfo& level = r.rules.levels[level_index(a.level)];

  Json reasons = Json::array();
  for (const FlagResult& f : a.fired) {
    if (f.flag->level == a.level) reasons.push_back(f.flag->id);
  }
  Json fired = Json::array();
  for (const FlagResult& f : a.fired) fired.push_back(flag_json(r, f, cite));
  Json not_excluded = Json::array();
  for (const FlagResult& f : a.not_excluded) not_excluded.push_back(flag_json(r, f, cite));

  Json structures = Json::array();
  for (const StructureResult& s : a.structures) {
    Json evidence = Json::array();
    for (const EvidenceHit& e : s.evidence) {
      evidence.push_back({{"rule", e.rule->id},
                          {"weight", e.weight},
                          {"because", e.rule->because},
                          {"answers", answers_read(r, e.questions)},
                          {"sources", cite.add(e.rule->sources)}});
    }
    structures.push_back({{"id", s.structure->id},
                          {"name", s.structure->name},
                          {"score", s.score},
                          {"likelihood", likelihood_id(s.likelihood)},
                          {"evidence", evidence},
                          {"sources", cite.add(s.structure->sources)}});
  }

  Json advice = Json::array();
  for (const Advice* item : a.advice) {
    static constexpr std::array<std::string_view, 3> kKinds = {"measure", "exercise",
                                                               "professional"};
    Json entry = {{"id", item->id},
                  {"kind", kKinds[static_cast<std::size_t>(item->kind)]},
                  {"title", item->title},
                  {"how", item->how}};
    entry["dosage"] = item->dosage.empty() ? Json(nullptr) : Json(item->dosage);
    entry["stop"] = item->stop.empty() ? Json(nullptr) : Json(item->stop);
    entry["caveat"] = item->caveat.empty() ? Json(nullptr) : Json(item->caveat);
    entry["sources"] = cite.add(item->sources);
    advice.push_back(entry);
  }

  Json answers = Json::object();
  for (std::size_t q = 0; q < r.rules.questions.size(); ++q) {
    const Answer& answer = r.answers.by_question[q];
    if (answer.state != Answer::State::Missing) {
      answers[r.rules.questions[q].id] = answer_value(r.rules.questions[q], answer);
    }
  }
  Json unanswered = Json::array();
  for (int q : a.unanswered) unanswered.push_back(r.rules.questions[q].id);

  Json nets = Json::array();
  for (const SafetyNet& net : safety_nets(r)) {
    Json checks = Json::array();
    for (const auto& [question, check] : net.checks) {
      checks.push_back({{"question", question->id}, {"how_to_check", check}});
    }
    nets.push_back({{"red_flag", net.flag->id},
                    {"level", level_id(net.flag->level)},
                    {"condition", net.condition},
                    {"checks", checks},
                    {"if_it_appears", net.if_it_appears->action}});
  }
  const Cause lead = leading_cause(r);
  const Structure* top = top_structure(a);
  Json cause = {{"kind", cause_kind_id(lead.kind)},
                {"muscular", lead.muscular()},
                {"name", lead.name.empty() ? Json(nullptr) : Json(lead.name)},
                {"red_flag", a.lookalike ? Json(a.lookalike->id) : Json(nullptr)},
                {"structure", top ? top->id : "none"},
                {"detail", lead.detail.empty() ? Json(nullptr) : Json(lead.detail)},
                {"sources", lead.sources ? Json(cite.add(*lead.sources)) : Json::array()}};
  const std::string side = side_text(r.rules, r.answers);
  Json side_json = nullptr;
  if (!side.empty()) {
    const Side s = side_of(r.rules, r.answers);
    side_json = s == Side::Left ? "left" : s == Side::Right ? "right" : "both";
  }

  Json verdict = {{"level", level_id(a.level)},
                  {"title", level.title},
                  {"action", level.action},
                  {"reasons", reasons},
                  {"sources", cite.add(level.sources)}};

  Json sources = Json::array();
  for (const std::string& id : r.rules.by_strength(cite.order())) {
    if (const Source* s = r.rules.source(id)) {
      sources.push_back({{"id", s->id},
                         {"title", s->title},
                         {"where", s->where},
                         {"kind", std::string(source_kind_id(s->kind))},
                         {"url", s->url}});
    }
  }

  Json doc = {
      {"format", "psoas-triage/assessment/2"},
      {"tool", {{"name", "psoas-triage"}, {"version", kVersion}}},
      {"rule_set",
       {{"id", r.rules.id}, {"version", r.rules.version}, {"hash", "sha256:" + r.rules.hash}}},
      {"case_id", r.answers.id.empty() ? Json(nullptr) : Json(r.answers.id)},
      {"answers_hash", "sha256:" + load::answers_digest(r.rules, r.answers)},
      {"verdict", verdict},
      {"safety_net", nets},
      {"cause", cause},
      {"side", side_json},
      {"red_flags", {{"fired", fired}, {"not_excluded", not_excluded}}},
      {"structures", structures},
      {"advice", advice},
      {"answers", answers},
      {"unanswered", unanswered},
      {"sources", sources},
      {"disclaimer", r.rules.disclaimer},
  };
  out << doc.dump(2) << "\n";
}

}  // namespace psoas::report
