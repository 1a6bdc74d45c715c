#include "load/items.hpp"

#include <algorithm>

#include "model/body.hpp"
#include "util/suggest.hpp"

namespace psoas::load {

void set_text(const Node& node, std::string_view what, std::string& out, Errors& errors) {
  if (auto text = read_text(node, what, errors)) out = *text;
}

void optional_text(MapReader& map, const char* key, std::string_view what, std::string& out,
                   Errors& errors) {
  if (const Node* n = map.optional(key)) set_text(*n, fmt::format("'{}' of {}", key, what), out, errors);
}

void required_text(MapReader& map, const char* key, std::string_view what, std::string& out,
                   Errors& errors) {
  if (const Node* n = map.required(key)) set_text(*n, fmt::format("'{}' of {}", key, what), out, errors);
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64 || id[0] < 'a' || id[0] > 'z') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

std::string singular(std::string_view section) {
  if (section == "red_flags") return "red flag";
  if (section == "evidence") return "evidence rule";
  if (section == "advice") return "advice";
  if (section == "differential") return "differential";
  if (section == "trigger_points") return "trigger point";
  std::string out(section);
  if (!out.empty() && out.back() == 's') out.pop_back();
  return out;
}

SourceIds read_source_ids(MapReader& map, std::string_view what, const RuleSet& rules,
                          Errors& errors) {
  const Node* node = map.required("sources");
  if (!node) return {};
  auto ids = read_text_list(*node, fmt::format("'sources' of {}", what), errors);
  if (!ids) return {};
  if (ids->empty()) {
    errors.push_back({node->at, fmt::format("{} must cite at least one source", what)});
  }
  std::vector<std::string> known;
  for (const Source& s : rules.sources) known.push_back(s.id);
  for (std::size_t i = 0; i < ids->size(); ++i) {
    if (!rules.source((*ids)[i])) {
      errors.push_back({node->items[i].at, fmt::format("unknown source '{}'{}", (*ids)[i],
                                                       did_you_mean((*ids)[i], known))});
    }
  }
  return *ids;
}

std::uint32_t read_regions(const Node& node, std::string_view what, Errors& errors) {
  auto regions = read_text_list(node, what, errors);
  if (!regions) return 0;
  const std::vector<std::string> known(kBodyRegions.begin(), kBodyRegions.end());
  std::uint32_t bits = 0;
  for (std::size_t i = 0; i < regions->size(); ++i) {
    const int region = body_region_index((*regions)[i]);
    if (region < 0) {
      errors.push_back({node.items[i].at, fmt::format("unknown body region '{}'{}", (*regions)[i],
                                                      did_you_mean((*regions)[i], known))});
    } else {
      bits |= 1U << region;
    }
  }
  return bits;
}

int read_reference(const Node& node, std::string_view what, std::string_view kind,
                   const std::vector<std::string>& ids, Errors& errors) {
  auto id = read_text(node, what, errors);
  if (!id) return -1;
  auto it = std::find(ids.begin(), ids.end(), *id);
  if (it == ids.end()) {
    errors.push_back(
        {node.at, fmt::format("unknown {} '{}'{}", kind, *id, did_you_mean(*id, ids))});
    return -1;
  }
  return static_cast<int>(it - ids.begin());
}

}  // namespace psoas::load
