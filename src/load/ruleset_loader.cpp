#include "load/ruleset_loader.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>

#include "load/condition_reader.hpp"
#include "load/document.hpp"
#include "load/items.hpp"
#include "load/question_reader.hpp"
#include "load/reader.hpp"
#include "load/reference_reader.hpp"
#include "model/body.hpp"
#include "util/sha256.hpp"
#include "util/suggest.hpp"

namespace psoas::load {
namespace {

// The rule set's top-level keys, each defined in exactly one file.
const std::vector<std::string> kSections = {
    "id",        "version",   "title",      "disclaimer", "levels", "likelihood", "sources",
    "questions", "red_flags", "structures", "evidence",   "advice", "causes",     "body_map",
    "groups",    "trigger_points", "differential", "card"};

class Loader {
 public:
  explicit Loader(Errors& errors) : errors_(errors) {}

  std::optional<RuleSet> run(const std::map<std::string, const Entry*>& sections,
                             const Location& whole) {
    auto section = [&](const char* key) -> const Node* {
      auto it = sections.find(key);
      if (it != sections.end()) return it->second->value.get();
      errors_.push_back({whole, fmt::format("the rule set lacks the required section '{}'", key)});
      return nullptr;
    };
    if (auto* n = section("id")) set_text(*n, "'id'", rules_.id);
    if (auto* n = section("version")) set_text(*n, "'version'", rules_.version);
    if (auto* n = section("title")) set_text(*n, "'title'", rules_.title);
    if (auto* n = section("disclaimer")) set_text(*n, "'disclaimer'", rules_.disclaimer);
    if (auto* n = section("sources")) read_sources(*n);
    if (auto* n = section("levels")) read_levels(*n);
    if (auto* n = section("likelihood")) read_likelihood(*n);
    if (auto* n = section("structures")) read_structures(*n);
    if (auto* n = section("questions")) read_questions(*n, rules_, errors_);
    if (auto* n = section("red_flags")) read_red_flags(*n);
    if (auto* n = section("evidence")) read_evidence(*n);
    if (auto* n = section("advice")) read_advice(*n);
    if (auto* n = section("causes")) read_causes(*n);
    if (auto it = sections.find("groups"); it != sections.end()) {
      read_groups(*it->second->value, rules_, errors_);  // optional: without them every question is asked alone
    }
    if (auto it = sections.find("body_map"); it != sections.end()) {
      read_body_map(*it->second->value);  // optional: without it there is no body map
    }
    // Optional: the quick reference's trigger points, differential and one-screen card.
    if (auto it = sections.find("trigger_points"); it != sections.end()) {
      read_trigger_points(*it->second->value, rules_, errors_);
    }
    if (auto it = sections.find("differential"); it != sections.end()) {
      read_differential(*it->second->value, rules_, errors_);
    }
    if (auto it = sections.find("card"); it != sections.end()) {
      read_card(*it->second->value, rules_, errors_);
    }
    if (!errors_.empty()) return std::nullopt;
    return std::move(rules_);
  }

 private:
  void set_text(const Node& node, std::string_view what, std::string& out) {
    load::set_text(node, what, out, errors_);
  }

  void optional_text(MapReader& map, const char* key, std::string_view what, std::string& out) {
    load::optional_text(map, key, what, out, errors_);
  }

  void required_text(MapReader& map, const char* key, std::string_view what, std::string& out) {
    load::required_text(map, key, what, out, errors_);
  }

  template <typename Fn>
  void for_each_item(const Node& list, std::string_view section, Fn fn) {
    load::for_each_item(list, section, errors_, fn);
  }

  SourceIds read_source_ids(MapReader& map, std::string_view what) {
    return load::read_source_ids(map, what, rules_, errors_);
  }

  void read_sources(const Node& list) {
    for_each_item(list, "sources", [&](const std::string& id, MapReader& map, const std::string& what) {
      Source s;
      s.id = id;
      s.at = map.node().at;
      required_text(map, "title", what, s.title);
      required_text(map, "where", what, s.where);
      optional_text(map, "url", what, s.url);
      optional_text(map, "file", what, s.file);
      // The kind tells a guideline from a web article: required, so no source goes unweighed.
      if (const Node* n = map.required("kind")) {
        if (auto text = read_text(*n, fmt::format("'kind' of {}", what), errors_)) {
          if (auto kind = parse_source_kind(*text)) {
            s.kind = *kind;
          } else {
            const std::vector<std::string> kinds(kSourceKinds.begin(), kSourceKinds.end());
            errors_.push_back({n->at, fmt::format("'kind' of {} must be one of {}, not '{}'{}",
                                                  what, fmt::join(kinds, ", "), *text,
                                                  did_you_mean(*text, kinds))});
          }
        }
      }
      rules_.sources.push_back(std::move(s));
    });
  }

  void read_levels(const Node& list) {
    std::set<std::string> seen;
    for_each_item(list, "levels", [&](const std::string& id, MapReader& map, const std::string& what) {
      auto level = parse_level(id);
      if (!level) {
        errors_.push_back({map.node().at, fmt::format("unknown level '{}'; the levels are "
                                                      "emergency, urgent, see-professional, "
                                                      "self-care",
                                                      id)});
        return;
      }
      seen.insert(id);
      LevelInfo& info = rules_.levels[level_index(*level)];
      required_text(map, "title", what, info.title);
      required_text(map, "meaning", what, info.meaning);
      required_text(map, "action", what, info.action);
      info.sources = read_source_ids(map, what);
    });
    if (list.kind == Node::Kind::Sequence && seen.size() != 4 && errors_.empty()) {
      errors_.push_back({list.at, "'levels' must describe all four levels: emergency, urgent, "
                                  "see-professional, self-care"});
    }
  }

  void read_likelihood(const Node& node) {
    MapReader map(node, "'likelihood'", errors_);
    if (const Node* n = map.required("high")) {
      if (auto v = read_int(*n, "'high' of 'likelihood'", errors_)) rules_.likely_high = *v;
    }
    if (const Node* n = map.required("moderate")) {
      if (auto v = read_int(*n, "'moderate' of 'likelihood'", errors_)) rules_.likely_moderate = *v;
    }
    map.finish();
    if (map.ok() && (rules_.likely_moderate < 1 || rules_.likely_high <= rules_.likely_moderate)) {
      errors_.push_back({node.at, "'likelihood' needs 1 <= moderate < high"});
    }
  }

  // An optional `key` naming one of `names`; the index of the one named, or `fallback`.
  int read_kind(MapReader& map, const char* key, std::string_view what,
                const std::vector<std::string>& names, int fallback) {
    const Node* n = map.optional(key);
    if (!n) return fallback;
    auto text = read_text(*n, fmt::format("'{}' of {}", key, what), errors_);
    if (!text) return fallback;
    auto it = std::find(names.begin(), names.end(), *text);
    if (it == names.end()) {
      errors_.push_back({n->at, fmt::format("'{}' of {} must be one of {}, not '{}'{}", key, what,
                                            fmt::join(names, ", "), *text,
                                            did_you_mean(*text, names))});
      return fallback;
    }
    return static_cast<int>(it - names.begin());
  }

  void read_structures(const Node& list) {
    for_each_item(list, "structures", [&](const std::string& id, MapReader& map, const std::string& what) {
      Structure s;
      s.id = id;
      s.at = map.node().at;
      s.kind = static_cast<StructureKind>(read_kind(map, "kind", what, {"iliopsoas", "lookalike"}, 0));
      required_text(map, "name", what, s.name);
      if (s.kind == StructureKind::Iliopsoas) {
        // A part of the iliopsoas is described by its anatomy.
        required_text(map, "origin", what, s.origin);
        required_text(map, "insertion", what, s.insertion);
        required_text(map, "action", what, s.action);
      } else {
        // A look-alike is described by what tells it apart from the iliopsoas.
        required_text(map, "distinguishing", what, s.distinguishing);
      }
      required_text(map, "referral", what, s.referral);
      optional_text(map, "palpation", what, s.palpation);
      optional_text(map, "note", what, s.note);
      if (const Node* n = map.optional("signs")) {
        if (auto signs = read_text_list(*n, fmt::format("'signs' of {}", what), errors_)) s.signs = *signs;
      }
      if (const Node* n = map.required("zones")) {
        s.zones = read_regions(*n, fmt::format("'zones' of {}", what), errors_);
      }
      s.sources = read_source_ids(map, what);
      rules_.structures.push_back(std::move(s));
    });
  }

  void read_red_flags(const Node& list) {
    for_each_item(list, "red_flags", [&](const std::string& id, MapReader& map, const std::string& what) {
      RedFlag f;
      f.id = id;
      f.at = map.node().at;
      if (const Node* n = map.required("level")) {
        if (auto text = read_text(*n, fmt::format("'level' of {}", what), errors_)) {
          if (auto level = parse_level(*text); level && *level != Level::SelfCare) {
            f.level = *level;
          } else {
            errors_.push_back({n->at, fmt::format("a red flag's level must be emergency, urgent "
                                                  "or see-professional, not '{}'",
                                                  *text)});
          }
        }
      }
      required_text(map, "title", what, f.title);
      required_text(map, "explain", what, f.explain);
      optional_text(map, "lookalike", what, f.lookalike);
      read_when(map, what, f.when, true);
      f.sources = read_source_ids(map, what);
      rules_.red_flags.push_back(std::move(f));
    });
  }

  // Advice conditions may read red flags as well as answers.
  bool read_advice_condition(MapReader& map, const char* key, const std::string& what,
                             Condition& out) {
    const Node* node = map.optional(key);
    if (!node) return false;
    ConditionReader reader(rules_, static_cast<int>(rules_.questions.size()), errors_);
    reader.allow_flags();
    if (auto c = reader.read(*node, fmt::format("'{}' of {}", key, what))) {
      out = std::move(*c);
      return true;
    }
    return false;
  }

  bool read_when(MapReader& map, const std::string& what, Condition& out, bool required) {
    const Node* node = required ? map.required("when") : map.optional("when");
    if (!node) return false;
    ConditionReader reader(rules_, static_cast<int>(rules_.questions.size()), errors_);
    if (auto c = reader.read(*node, fmt::format("'when' of {}", what))) {
      out = std::move(*c);
      return true;
    }
    return false;
  }

  void read_evidence(const Node& list) {
    std::vector<std::string> names;
    for (const Structure& s : rules_.structures) names.push_back(s.id);
    for_each_item(list, "evidence", [&](const std::string& id, MapReader& map, const std::string& what) {
      EvidenceRule r;
      r.id = id;
      r.at = map.node().at;
      required_text(map, "because", what, r.because);
      read_when(map, what, r.when, true);
      if (const Node* n = map.required("supports")) {
        MapReader supports(*n, fmt::format("'supports' of {}", what), errors_);
        for (const Entry& e : n->entries) {
          auto it = std::find(names.begin(), names.end(), e.key);
          if (it == names.end()) {
            errors_.push_back({e.key_at, fmt::format("unknown structure '{}'{}", e.key,
                                                     did_you_mean(e.key, names))});
            continue;
          }
          auto weight = read_int(*e.value, fmt::format("the weight for '{}'", e.key), errors_);
          if (weight && (*weight < -10 || *weight > 10 || *weight == 0)) {
            errors_.push_back({e.value->at, "a weight must be a whole number from -10 to 10, "
                                            "not 0"});
          } else if (weight) {
            r.supports.push_back({static_cast<int>(it - names.begin()), *weight});
          }
        }
        if (supports.ok() && n->entries.empty()) {
          errors_.push_back({n->at, fmt::format("{} supports no structure", what)});
        }
      }
      r.sources = read_source_ids(map, what);
      rules_.evidence.push_back(std::move(r));
    });
  }

  void read_advice(const Node& list) {
    for_each_item(list, "advice", [&](const std::string& id, MapReader& map, const std::string& what) {
      Advice a;
      a.id = id;
      a.at = map.node().at;
      a.kind = static_cast<AdviceKind>(
          read_kind(map, "kind", what, {"measure", "exercise", "professional"}, 0));
      required_text(map, "title", what, a.title);
      required_text(map, "how", what, a.how);
      optional_text(map, "dosage", what, a.dosage);
      optional_text(map, "caveat", what, a.caveat);
      if (a.kind == AdviceKind::Exercise) {
        required_text(map, "stop", what, a.stop);  // every exercise says when to stop
      }
      if (const Node* n = map.required("levels")) {
        if (auto ids = read_text_list(*n, fmt::format("'levels' of {}", what), errors_)) {
          for (std::size_t i = 0; i < ids->size(); ++i) {
            if (auto level = parse_level((*ids)[i])) {
              a.levels.push_back(*level);
            } else {
              errors_.push_back({n->items[i].at, fmt::format("unknown level '{}'", (*ids)[i])});
            }
          }
        }
      }
      a.has_condition = read_advice_condition(map, "when", what, a.when);
      a.has_contraindication = read_advice_condition(map, "not_for", what, a.not_for);
      a.sources = read_source_ids(map, what);
      rules_.advice.push_back(std::move(a));
    });
  }

  // body_map: {question: ID, side: ID}: a many-of question whose options are all body-map
  // regions, and optionally a one-of question whose options are left, right and both.
  void read_body_map(const Node& node) {
    MapReader map(node, "'body_map'", errors_);
    const Node* question = map.required("question");
    const Node* side = map.optional("side");
    map.finish();
    if (side) read_side_question(*side);
    if (!question) return;
    auto id = read_text(*question, "'question' of 'body_map'", errors_);
    if (!id) return;
    const int index = rules_.question_index(*id);
    if (index < 0 || rules_.questions[index].type != QuestionType::ManyOf) {
      errors_.push_back({question->at, fmt::format("'body_map' needs a many_of question, and "
                                                   "'{}' is not one",
                                                   *id)});
      return;
    }
    for (const Option& o : rules_.questions[index].options) {
      if (body_region_index(o.id) < 0) {
        errors_.push_back({o.at, fmt::format("option '{}' of the body-map question '{}' is not a "
                                             "body region ({})",
                                             o.id, *id, fmt::join(kBodyRegions, ", "))});
      }
    }
    rules_.body_map_question = index;
  }

  void read_side_question(const Node& node) {
    auto id = read_text(node, "'side' of 'body_map'", errors_);
    if (!id) return;
    const int index = rules_.question_index(*id);
    std::vector<std::string> options;
    if (index >= 0) {
      for (const Option& o : rules_.questions[index].options) options.push_back(o.id);
    }
    if (index < 0 || rules_.questions[index].type != QuestionType::OneOf ||
        options != std::vector<std::string>{"left", "right", "both"}) {
      errors_.push_back({node.at, fmt::format("'side' of 'body_map' needs a one_of question with "
                                              "the options left, right and both, and '{}' is not "
                                              "one",
                                              *id)});
      return;
    }
    rules_.side_question = index;
  }

  void read_causes(const Node& list) {
    for_each_item(list, "causes", [&](const std::string& id, MapReader& map, const std::string& what) {
      Cause c{id, "", "", {}};
      required_text(map, "title", what, c.title);
      required_text(map, "text", what, c.text);
      c.sources = read_source_ids(map, what);
      rules_.causes.push_back(std::move(c));
    });
  }

  Errors& errors_;
  RuleSet rules_;
};

std::string content_hash(std::span<const RuleFile> files) {
  Sha256 hash;
  for (const RuleFile& file : files) {
    const std::string_view base = std::string_view(file.name).substr(file.name.rfind('/') + 1);
    hash.update(base);
    hash.update(std::string_view("\0", 1));
    hash.update(file.text);
    hash.update(std::string_view("\0", 1));
  }
  return hash.hex_digest();
}

}  // namespace

std::optional<RuleSet> load_rule_set(std::span<const RuleFile> files, Errors& errors) {
  const std::size_t errors_before = errors.size();
  std::vector<Node> roots;
  roots.reserve(files.size());
  for (const RuleFile& file : files) {
    if (auto root = parse_document(file.text, file.name, kRuleSetLimits, errors)) {
      roots.push_back(std::move(*root));
    }
  }
  if (errors.size() != errors_before) return std::nullopt;
  if (roots.empty()) {
    errors.push_back({{}, "no rule-set files found (expected *.yaml)"});
    return std::nullopt;
  }
  std::map<std::string, const Entry*> sections;
  for (const Node& root : roots) {
    for (const Entry& entry : root.entries) {
      if (std::find(kSections.begin(), kSections.end(), entry.key) == kSections.end()) {
        errors.push_back({entry.key_at, fmt::format("unknown rule-set section '{}'{}", entry.key,
                                                    did_you_mean(entry.key, kSections))});
      } else if (auto [it, fresh] = sections.emplace(entry.key, &entry); !fresh) {
        const Location& first = it->second->key_at;
        errors.push_back({entry.key_at, fmt::format("section '{}' is already defined at {}:{}",
                                                    entry.key, first.file, first.line)});
      }
    }
  }
  if (errors.size() != errors_before) return std::nullopt;
  Errors local;
  auto rules = Loader(local).run(sections, {files.front().name, 0, 0});
  errors.insert(errors.end(), local.begin(), local.end());
  if (!rules) return std::nullopt;
  rules->hash = content_hash(files);
  return rules;
}

std::optional<RuleSet> load_rule_set_path(const std::string& path, Errors& errors) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<std::string> paths;
  if (fs::is_directory(path, ec)) {
    for (const auto& entry : fs::directory_iterator(path, ec)) {
      if (entry.path().extension() != ".yaml") continue;
      // A FIFO or a device in a rules folder would block or never end: only files are read.
      if (!entry.is_regular_file(ec)) {
        errors.push_back({{entry.path().string(), 0, 0}, "is not a regular file; a rule-set "
                                                         "folder holds only .yaml files"});
        return std::nullopt;
      }
      paths.push_back(entry.path().string());
    }
    std::sort(paths.begin(), paths.end());
    if (paths.empty()) {
      errors.push_back({{path, 0, 0}, "the folder holds no rule-set files (*.yaml)"});
      return std::nullopt;
    }
  } else {
    paths.push_back(path);
  }
  std::vector<RuleFile> files;
  for (const std::string& p : paths) {
    auto text = read_file(p, kRuleSetLimits.max_bytes, errors);
    if (!text) return std::nullopt;
    files.push_back({p, std::move(*text)});
  }
  return load_rule_set(files, errors);
}

}  // namespace psoas::load
