#include "reference/reference.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include <fmt/format.h>

#include "analysis/describe.hpp"
#include "model/body.hpp"

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
void add_structures(const RuleSet& rules, std::vector<Entry>& out, StructureKind kind) {
  for (const Structure& s : rules.structures) {
    if (s.kind != kind) continue;
    const bool lookalike = s.kind == StructureKind::Lookalike;
    Entry e{lookalike ? "lookalikes" : "structures", s.id, s.name, {}, s.sources, s.zones, 0};
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
      Entry e{"red-flags", f.id, f.title, {}, f.sources, 0, 0};
      e.fields = {{"Level", std::string(level_id(f.level))},
                  {"Why", f.explain},
                  {"When", analysis::describe(rules, f.when)}};
      if (!f.lookalike.empty()) e.fields.emplace_back("Look-alike", f.lookalike);
      out.push_back(std::move(e));
    }
  }
}

// The full differential, most urgent first: what tells each condition apart, the test that
// separates it, and the red flags that screen for it.
void add_differential(const RuleSet& rules, std::vector<Entry>& out) {
  for (Level level : kLevelsMostUrgentFirst) {
    for (const Differential& d : rules.differential) {
      if (d.level != level) continue;
      Entry e{"lookalikes", d.id, d.name, {}, d.sources, 0, 0};
      if (!d.synonyms.empty()) {
        e.fields.emplace_back("Also called", fmt::format("{}", fmt::join(d.synonyms, ", ")));
      }
      e.fields.emplace_back("Level", std::string(level_id(d.level)));
      e.fields.emplace_back("Tells it apart", d.features);
      e.fields.emplace_back("Test", d.test);
      if (d.structure >= 0) {
        const Structure& s = rules.structures[d.structure];
        e.fields.emplace_back("Where it hurts", s.referral);
        e.zones = s.zones;
      }
      std::vector<std::string> flags;
      for (int f : d.red_flags) flags.push_back(rules.red_flags[f].title);
      if (!flags.empty()) {
        e.fields.emplace_back("Red flags", fmt::format("{}", fmt::join(flags, "; ")));
      }
      out.push_back(std::move(e));
    }
  }
}

void add_trigger_points(const RuleSet& rules, std::vector<Entry>& out) {
  for (const TriggerPoint& t : rules.trigger_points) {
    Entry e{"trigger-points", t.id, t.name, {}, t.sources, t.zones, t.site};
    e.fields = {{"Muscle", rules.structures[t.structure].name},
                {"Location", t.location},
                {"Referral", t.referral},
                {"Found by", t.palpation}};
    for (const std::string& r : t.release) e.fields.emplace_back("Release", r);
    for (const std::string& c : t.caveats) e.fields.emplace_back("Caution", c);
    out.push_back(std::move(e));
  }
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Whether `needle` starts a word of `haystack`, and with `whole`, is all of one.
bool has_word(std::string_view haystack, std::string_view needle, bool whole) {
  for (std::size_t at = haystack.find(needle); at != std::string_view::npos;
       at = haystack.find(needle, at + 1)) {
    const bool starts = at == 0 || !word_char(haystack[at - 1]) || !word_char(needle.front());
    const std::size_t end = at + needle.size();
    const bool ends = end == haystack.size() || !word_char(haystack[end]);
    if (starts && (!whole || ends)) return true;
  }
  return false;
}

void add_advice(const RuleSet& rules, std::vector<Entry>& out) {
  for (const Advice& a : rules.advice) {
    const bool self_care = std::find(a.levels.begin(), a.levels.end(), Level::SelfCare) !=
                           a.levels.end();
    Entry e{self_care ? "self-care" : "professional", a.id, a.title, {}, a.sources, 0, 0};
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
      Entry caveat{"caveats", "caveat-" + a.id, a.title, {{"Caution", a.caveat}}, a.sources, 0, 0};
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
          {"trigger-points", "trigger points: where, referral, palpation, release, cautions"},
          {"lookalikes", "the differential: what tells each apart, the test, the level"},
          {"self-care", "self-care and exercises, with their dosage"},
          {"professional", "what a doctor or physiotherapist may do"},
          {"caveats", "cautions that travel with the advice"},
          {"levels", "the four-level urgency scale"},
          {"sources", "every source the rule set cites"}};
}

std::vector<Entry> build(const RuleSet& rules) {
  std::vector<Entry> out;
  add_structures(rules, out, StructureKind::Iliopsoas);
  add_signs(rules, out);
  for (const EvidenceRule& r : rules.evidence) {
    Entry e{"symptoms", r.id, r.because, {}, r.sources, 0, 0};
    e.fields = {{"Supports", supports_text(rules, r)}, {"When", analysis::describe(rules, r.when)}};
    out.push_back(std::move(e));
  }
  for (const Cause& c : rules.causes) {
    out.push_back({"causes", c.id, c.title, {{"About", c.text}}, c.sources, 0, 0});
  }
  add_red_flags(rules, out);
  add_trigger_points(rules, out);
  add_differential(rules, out);
  add_structures(rules, out, StructureKind::Lookalike);
  add_advice(rules, out);
  for (Level level : kLevelsMostUrgentFirst) {
    const LevelInfo& info = rules.levels[level_index(level)];
    out.push_back({"levels", std::string(level_id(level)), info.title,
                   {{"Meaning", info.meaning}, {"What to do", info.action}}, info.sources, 0, 0});
  }
  std::vector<const Source*> sources;
  for (const Source& s : rules.sources) sources.push_back(&s);
  std::stable_sort(sources.begin(), sources.end(),
                   [](const Source* a, const Source* b) { return a->kind < b->kind; });
  for (const Source* s : sources) {
    Entry e{"sources", s->id, s->title, {{"Kind", std::string(source_kind_name(s->kind))},
                                         {"Where", s->where}}, {}, 0, 0};
    if (!s->url.empty()) e.fields.emplace_back("Link", s->url);
    out.push_back(std::move(e));
  }
  // Every entry lists its strongest sources first.
  for (Entry& e : out) e.sources = rules.by_strength(e.sources);
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
  if (needle.empty()) return out;
  const bool whole = needle.size() <= 3;
  for (const Entry& e : all) {
    std::string haystack = lower(e.title + " " + e.id);
    for (const auto& [label, text] : e.fields) haystack += " " + lower(text);
    if (has_word(haystack, needle, whole)) out.push_back(e);
  }
  return out;
}

std::string region_names(std::uint32_t regions) {
  std::vector<std::string_view> names;
  for (std::size_t i = 0; i < kBodyRegionNames.size(); ++i) {
    if ((regions >> i) & 1U) names.push_back(kBodyRegionNames[i]);
  }
  return fmt::format("{}", fmt::join(names, ", "));
}

CardView build_card(const RuleSet& rules) {
  CardView card;
  card.title = rules.title;
  for (Level level : kLevelsMostUrgentFirst) {
    for (std::size_t i = 0; i < rules.red_flags.size(); ++i) {
      const RedFlag& f = rules.red_flags[i];
      if (f.level != level) continue;
      auto line = std::find_if(rules.card.red_flags.begin(), rules.card.red_flags.end(),
                               [&](const psoas::CardFlag& c) {
                                 return c.red_flag == static_cast<int>(i);
                               });
      // A flag the card's wording lacks is still listed, by its title: none is left out.
      if (line != rules.card.red_flags.end()) {
        card.flags.push_back({level, line->sign, line->cause});
      } else {
        card.flags.push_back({level, f.title, f.lookalike});
      }
    }
  }
  for (const Structure& s : rules.structures) {
    if (s.kind == StructureKind::Iliopsoas) {
      card.structures.push_back({s.name, region_names(s.zones)});
    }
  }
  card.signs = rules.card.signs;
  for (const Advice& a : rules.advice) {
    if (a.kind != AdviceKind::Professional &&
        std::find(a.levels.begin(), a.levels.end(), Level::SelfCare) != a.levels.end()) {
      card.self_care.push_back(a.title);
    }
  }
  card.sources = rules.by_strength(rules.card.sources);
  return card;
}

}  // namespace psoas::reference
