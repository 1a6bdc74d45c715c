#pragma once
// Reads shared by every section of a rule set: lists of items with unique ids, and the sources
// an item cites. The sections are read in `ruleset_loader` and `reference_reader`.
#include <fmt/format.h>

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "load/reader.hpp"
#include "model/ruleset.hpp"

namespace psoas::load {

// A text value into `out`; `optional_text` and `required_text` read `key` of `map` so.
void set_text(const Node& node, std::string_view what, std::string& out, Errors& errors);
void optional_text(MapReader& map, const char* key, std::string_view what, std::string& out,
                   Errors& errors);
void required_text(MapReader& map, const char* key, std::string_view what, std::string& out,
                   Errors& errors);

// Lower-case letters, digits, '_' or '-', starting with a letter.
bool valid_id(std::string_view id);

// "question 'q3'" reads better in a message than "questions 'q3'".
std::string singular(std::string_view section);

// The required `sources` of an item: at least one, each a source of `rules`.
SourceIds read_source_ids(MapReader& map, std::string_view what, const RuleSet& rules,
                          Errors& errors);

// A list of body-map regions (kBodyRegions), as bits.
std::uint32_t read_regions(const Node& node, std::string_view what, Errors& errors);

// The index of the item of `ids` that `node` names, or -1 with an error naming `kind`.
int read_reference(const Node& node, std::string_view what, std::string_view kind,
                   const std::vector<std::string>& ids, Errors& errors);

// Calls fn(id, map, what) for each item of `list`, a mapping with a unique, valid `id`, then
// reports the keys fn did not read.
template <typename Fn>
void for_each_item(const Node& list, std::string_view section, Errors& errors, Fn fn) {
  if (list.kind != Node::Kind::Sequence) {
    errors.push_back({list.at, fmt::format("'{}' must be a list", section)});
    return;
  }
  std::set<std::string> seen;
  for (const Node& item : list.items) {
    MapReader map(item, fmt::format("an item of '{}'", section), errors);
    if (!map.ok()) continue;
    const Node* id_node = map.required("id");
    std::string id;
    if (id_node) {
      if (auto text =
              read_text(*id_node, fmt::format("the id of an item of '{}'", section), errors)) {
        id = *text;
      }
    }
    if (id.empty()) {
      map.finish();  // reports the missing id
      continue;
    }
    if (!valid_id(id)) {
      errors.push_back({id_node->at, fmt::format("id '{}' must be lower-case letters, digits, "
                                                 "'_' or '-', starting with a letter",
                                                 id)});
    }
    if (!seen.insert(id).second) {
      errors.push_back({id_node->at, fmt::format("duplicate id '{}' in '{}'", id, section)});
    }
    fn(id, map, fmt::format("{} '{}'", singular(section), id));
    map.finish();
  }
}

}  // namespace psoas::load
