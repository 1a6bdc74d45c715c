#include "load/reference_reader.hpp"

#include <fmt/format.h>

#include "load/items.hpp"
#include "util/suggest.hpp"

namespace psoas::load {
namespace {

void text(MapReader& map, const char* key, std::string_view what, Errors& errors, std::string& out,
          bool required = true) {
  const Node* n = required ? map.required(key) : map.optional(key);
  if (!n) return;
  if (auto t = read_text(*n, fmt::format("'{}' of {}", key, what), errors)) out = *t;
}

void texts(MapReader& map, const char* key, std::string_view what, Errors& errors,
           std::vector<std::string>& out) {
  const Node* n = map.required(key);
  if (!n) return;
  if (auto list = read_text_list(*n, fmt::format("'{}' of {}", key, what), errors)) {
    if (list->empty()) errors.push_back({n->at, fmt::format("'{}' of {} is empty", key, what)});
    out = *list;
  }
}

std::vector<std::string> structure_ids(const RuleSet& rules) {
  std::vector<std::string> ids;
  for (const Structure& s : rules.structures) ids.push_back(s.id);
  return ids;
}

std::vector<std::string> red_flag_ids(const RuleSet& rules) {
  std::vector<std::string> ids;
  for (const RedFlag& f : rules.red_flags) ids.push_back(f.id);
  return ids;
}

}  // namespace

// trigger_points: [{id, name, structure, location, referral, palpation, release: [...],
// caveats: [...], site: [regions], zones: [regions], sources}]
void read_trigger_points(const Node& list, RuleSet& rules, Errors& errors) {
  const auto structures = structure_ids(rules);
  for_each_item(list, "trigger_points", errors,
                [&](const std::string& id, MapReader& map, const std::string& what) {
                  TriggerPoint t;
                  t.id = id;
                  t.at = map.node().at;
                  text(map, "name", what, errors, t.name);
                  if (const Node* n = map.required("structure")) {
                    t.structure = read_reference(*n, fmt::format("'structure' of {}", what),
                                                 "structure", structures, errors);
                  }
                  text(map, "location", what, errors, t.location);
                  text(map, "referral", what, errors, t.referral);
                  text(map, "palpation", what, errors, t.palpation);
                  texts(map, "release", what, errors, t.release);
                  // Every trigger point says who may press on it and who must not: no caveats, no
                  // entry.
                  texts(map, "caveats", what, errors, t.caveats);
                  if (const Node* n = map.required("site")) {
                    t.site = read_regions(*n, fmt::format("'site' of {}", what), errors);
                  }
                  if (const Node* n = map.required("zones")) {
                    t.zones = read_regions(*n, fmt::format("'zones' of {}", what), errors);
                  }
                  t.sources = read_source_ids(map, what, rules, errors);
                  rules.trigger_points.push_back(std::move(t));
                });
}

// differential: [{id, name, synonyms: [...], level, features, test, structure?, red_flags?: [...],
// sources}]
void read_differential(const Node& list, RuleSet& rules, Errors& errors) {
  const auto structures = structure_ids(rules);
  const auto flags = red_flag_ids(rules);
  static const std::vector<std::string> kLevels = {"emergency", "urgent", "see-professional",
                                                   "self-care"};
  for_each_item(
      list, "differential", errors,
      [&](const std::string& id, MapReader& map, const std::string& what) {
        Differential d;
        d.id = id;
        d.at = map.node().at;
        text(map, "name", what, errors, d.name);
        if (const Node* n = map.optional("synonyms")) {
          if (auto names = read_text_list(*n, fmt::format("'synonyms' of {}", what), errors)) {
            d.synonyms = *names;
          }
        }
        if (const Node* n = map.required("level")) {
          if (auto t = read_text(*n, fmt::format("'level' of {}", what), errors)) {
            if (auto level = parse_level(*t)) {
              d.level = *level;
            } else {
              errors.push_back(
                  {n->at, fmt::format("'level' of {} must be one of {}, not '{}'{}", what,
                                      fmt::join(kLevels, ", "), *t, did_you_mean(*t, kLevels))});
            }
          }
        }
        text(map, "features", what, errors, d.features);
        text(map, "test", what, errors, d.test);
        if (const Node* n = map.optional("structure")) {
          d.structure = read_reference(*n, fmt::format("'structure' of {}", what), "structure",
                                       structures, errors);
        }
        if (const Node* n = map.optional("red_flags")) {
          if (n->kind != Node::Kind::Sequence) {
            errors.push_back({n->at, fmt::format("'red_flags' of {} must be a list", what)});
          } else {
            for (const Node& item : n->items) {
              const int flag = read_reference(item, fmt::format("a red flag of {}", what),
                                              "red flag", flags, errors);
              if (flag >= 0) d.red_flags.push_back(flag);
            }
          }
        }
        d.sources = read_source_ids(map, what, rules, errors);
        rules.differential.push_back(std::move(d));
      });
}

// card: {red_flags: [{flag, sign, cause}], signs: [...], sources}: the one-screen card's short
// wording. Each red flag appears once; one the card lacks is printed from its title.
void read_card(const Node& node, RuleSet& rules, Errors& errors) {
  MapReader map(node, "'card'", errors);
  if (!map.ok()) return;
  const auto flags = red_flag_ids(rules);
  if (const Node* list = map.required("red_flags")) {
    if (list->kind != Node::Kind::Sequence) {
      errors.push_back({list->at, "'red_flags' of 'card' must be a list"});
    } else {
      std::vector<bool> seen(flags.size(), false);
      for (const Node& item : list->items) {
        MapReader line(item, "a red flag of 'card'", errors);
        if (!line.ok()) continue;
        CardFlag c;
        c.at = item.at;
        if (const Node* n = line.required("flag")) {
          c.red_flag =
              read_reference(*n, "'flag' of a red flag of 'card'", "red flag", flags, errors);
          if (c.red_flag >= 0 && seen[c.red_flag]) {
            errors.push_back(
                {n->at, fmt::format("red flag '{}' is already on the card", flags[c.red_flag])});
          }
          if (c.red_flag >= 0) seen[c.red_flag] = true;
        }
        const std::string what = "a red flag of 'card'";
        text(line, "sign", what, errors, c.sign);
        text(line, "cause", what, errors, c.cause);
        line.finish();
        if (c.red_flag >= 0) rules.card.red_flags.push_back(std::move(c));
      }
    }
  }
  texts(map, "signs", "'card'", errors, rules.card.signs);
  rules.card.sources = read_source_ids(map, "'card'", rules, errors);
  map.finish();
}

}  // namespace psoas::load
