#include "reference/reference.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include <fmt/format.h>

#include "analysis/describe.hpp"

namespace psoas::reference {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string supports_text(const RuleSet& rules, const EvidenceRule& rule) {
  std::vector<std::string> parts;
  for (const Support& s : rule.supports) {
    parts.push_back(fmt::format("{} {:+d}", rules.structures[s.structure].name, s.weight));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

// The parts of the iliopsoas under "structures"; the look-alikes that can rank above them under
// "lookalikes", with what tells each apart.
void add_structures(const RuleSet& rules, std::vector<Entry>& out) {
  for (const Structure& s : rules.structures) {
    const bool lookalike = s.kind == StructureKind::Lookalike;
    Entry e{lookalike ? "lookalikes" : "structures", s.id, s.name, {}, s.sources, s.zones};
    if (lookalike) {
      e.fields = {{"Tells it apart", s.distinguishing}, {"Where it hurts", s.referral}};
    } else {
      e.fields = {{"Origin", s.origin}, {"Insertion", s.insertion}, {"Action", s.action},
                  {"Referral", s.referral}};
    }
    if (!s.palpation.empty()) e.fields.emplace_back("Palpation", s.palpation);
    for (const std::string& sign : s.signs) e.fields.emplace_back("Sign", sign);
    if (!s.note.empty()) e.fields.emplace_back("Note", s.note);
    out.push_back(std::move(e));
  }
}

void add_signs(const RuleSet& rules, std::vector<Entry>& out) {
  std::map<std::string, Entry> by_sign;
  std::vector<std::string> order;
  for (const Structure& s : rules.structures) {
    for (const std::string& sign : s.signs) {
      auto [it, fresh] = by_sign.try_emplace(sign);
      Entry& e = it->second;
      if (fresh) {
        order.push_back(sign);
        e.topic = "signs";
        e.id = fmt::format("sign-{}", order.size());
        e.title = sign;
      }
      e.fields.emplace_back("Points to", s.name);
      for (const std::string& id : s.sources) {
        if (std::find(e.sources.begin(), e.sources.end(), id) == e.sources.end()) {
          e.sources.push_back(id);
        }
      }
    }
  }
  for (const std::string& sign : order) out.push_back(by_sign[sign]);
}

void add_red_flags(const RuleSet& rules, std::vector<Entry>& out) {
  for (Level level : kLevelsMostUrgentFirst) {
    for (const RedFlag& f : rules.red_flags) {
      if (f.level != level) continue;
      Entry e{"red-flags", f.id, f.title, {}, f.sources, 0};
      e.fields = {{"Level", std::string(level_id(f.level))},
                  {"Why", f.explain},
                  {"When", analysis::describe(rules, f.when)}};
      if (!f.lookalike.empty()) e.fields.emplace_back("Look-alike", f.lookalike);
      out.push_back(std::move(e));
    }
  }
}

void add_lookalikes(const RuleSet& rules, std::vector<Entry>& out) {
  for (const RedFlag& f : rules.red_flags) {
    if (f.lookalike.empty()) continue;
    Entry e{"lookalikes", "lookalike-" + f.id, f.lookalike, {}, f.sources, 0};
    e.fields = {{"Red flag", f.title},
                {"Level", std::string(level_id(f.level))},
                {"Why", f.explain},
                {"When", analysis::describe(rules, f.when)}};
    out.push_back(std::move(e));
  }
}

void add_advice(const RuleSet& rules, std::vector<Entry>& out) {
  for (const Advice& a : rules.advice) {
    const bool self_care = std::find(a.levels.begin(), a.levels.end(), Level::SelfCare) !=
                           a.levels.end();
    Entry e{self_care ? "self-care" : "professional", a.id, a.title, {}, a.sources, 0};
    e.fields.emplace_back("How", a.how);
    if (!a.dosage.empty()) e.fields.emplace_back("Dose", a.dosage);
    if (!a.stop.empty()) e.fields.emplace_back("Stop", a.stop);
    if (!a.caveat.empty()) e.fields.emplace_back("Caution", a.caveat);
    if (a.has_condition) e.fields.emplace_back("Only when", analysis::describe(rules, a.when));
    if (a.has_contraindication) {
      e.fields.emplace_back("Not for", analysis::describe(rules, a.not_for));
    }
    std::vector<std::string> levels;
    for (Level l : a.levels) levels.emplace_back(level_id(l));
    e.fields.emplace_back("Shown at", fmt::format("{}", fmt::join(levels, ", ")));
    if (!a.caveat.empty()) {
      Entry caveat{"caveats", "caveat-" + a.id, a.title, {{"Caution", a.caveat}}, a.sources, 0};
      out.push_back(std::move(caveat));
    }
    out.push_back(std::move(e));
  }
}

}  // namespace

std::vector<Topic> topics() {
  return {{"structures", "psoas major, iliacus, psoas minor, tendon and bursa, snapping hip"},
          {"signs", "examination signs and what they point to"},
          {"symptoms", "symptoms and findings, and the structures they support"},
          {"causes", "causes and risk factors"},
          {"red-flags", "red flags with their urgency level"},
          {"lookalikes", "conditions that can mimic iliopsoas pain"},
          {"self-care", "self-care and exercises, with their dosage"},
          {"professional", "what a doctor or physiotherapist may do"},
          {"caveats", "cautions that travel with the advice"},
          {"levels", "the four-level urgency scale"},
          {"sources", "every source the rule set cites"}};
}

std::vector<Entry> build(const RuleSet& rules) {
  std::vector<Entry> out;
  add_structures(rules, out);
  add_signs(rules, out);
  for (const EvidenceRule& r : rules.evidence) {
    Entry e{"symptoms", r.id, r.because, {}, r.sources, 0};
    e.fields = {{"Supports", supports_text(rules, r)}, {"When", analysis::describe(rules, r.when)}};
    out.push_back(std::move(e));
  }
  for (const Cause& c : rules.causes) {
    out.push_back({"causes", c.id, c.title, {{"About", c.text}}, c.sources, 0});
  }
  add_red_flags(rules, out);
  add_lookalikes(rules, out);
  add_advice(rules, out);
  for (Level level : kLevelsMostUrgentFirst) {
    const LevelInfo& info = rules.levels[level_index(level)];
    out.push_back({"levels", std::string(level_id(level)), info.title,
                   {{"Meaning", info.meaning}, {"What to do", info.action}}, info.sources, 0});
  }
  for (const Source& s : rules.sources) {
    out.push_back({"sources", s.id, s.title, {{"Where", s.where}}, {}, 0});
  }
  return out;
}

std::vector<Entry> select(const std::vector<Entry>& all, std::string_view topic_or_id) {
  std::vector<Entry> out;
  for (const Entry& e : all) {
    if (e.topic == topic_or_id) out.push_back(e);
  }
  if (!out.empty()) return out;
  for (const Entry& e : all) {
    if (e.id == topic_or_id) out.push_back(e);
  }
  return out;
}

std::vector<Entry> search(const std::vector<Entry>& all, std::string_view term) {
  const std::string needle = lower(term);
  std::vector<Entry> out;
  for (const Entry& e : all) {
    std::string haystack = lower(e.title + " " + e.id);
    for (const auto& [label, text] : e.fields) haystack += " " + lower(text);
    if (haystack.find(needle) != std::string::npos) out.push_back(e);
  }
  return out;
}

}  // namespace psoas::reference
