#include "report/reference.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "report/body_map.hpp"
#include "report/escape.hpp"
#include "report/style.hpp"

namespace psoas::report {
namespace {

// "Title (kind)", and with `link` the address: a source as a reader weighs it. File names are
// for scripts only.
std::string source_text(const RuleSet& rules, const std::string& id, bool link) {
  const Source* s = rules.source(id);
  if (!s) return id;
  if (!link || s->url.empty()) return fmt::format("{} ({})", s->title, source_kind_name(s->kind));
  return fmt::format("{} ({}, {})", s->title, source_kind_name(s->kind), s->url);
}

// Inline, without links: they are in `ref sources` and at the end of --brief.
std::string source_line(const RuleSet& rules, const SourceIds& ids) {
  std::vector<std::string> parts;
  for (const std::string& id : rules.by_strength(ids)) {
    parts.push_back(source_text(rules, id, false));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

// With --brief, sources are numbered in the order first cited: markers in place, one list at
// the end.
class Markers {
 public:
  std::string marks(const RuleSet& rules, const SourceIds& ids) {
    std::string out;
    for (const std::string& id : rules.by_strength(ids)) {
      auto it = std::find(order_.begin(), order_.end(), id);
      if (it == order_.end()) it = order_.insert(order_.end(), id);
      out += fmt::format("[{}]", it - order_.begin() + 1);
    }
    return out;
  }
  const std::vector<std::string>& order() const { return order_; }

 private:
  std::vector<std::string> order_;
};

}  // namespace

void render_reference_text(std::ostream& out, const RuleSet& rules,
                           const std::vector<reference::Entry>& entries, const TextStyle& style,
                           bool body_maps, bool brief) {
  const Paint paint(style.color);
  Markers markers;
  bool first = true;
  for (const reference::Entry& e : entries) {
    if (!first) out << "\n";
    first = false;
    std::string heading = paint.bold(e.title) + paint.dim(fmt::format("  [{} {}]", e.topic, e.id));
    if (brief && !e.sources.empty()) heading += " " + markers.marks(rules, e.sources);
    out << heading << "\n";
    for (const auto& [label, text] : e.fields) {
      out << "  " << wrap(label + ": " + text, 4) << "\n";
    }
    if (!brief && !e.sources.empty()) {
      out << "  " << wrap("Sources: " + source_line(rules, e.sources), 4) << "\n";
    }
    if (body_maps && e.sites != 0) {
      render_trigger_point_map(out, e.sites, e.zones, fmt::format("where {} refers pain", e.title),
                               {style.unicode, style.color});
    } else if (body_maps && e.zones != 0) {
      render_body_map(out, 0, e.zones, fmt::format("where {} refers pain", e.title),
                      {style.unicode, style.color});
    }
  }
  if (entries.empty()) out << "No entries.\n";
  if (!markers.order().empty()) {
    out << "\n" << paint.bold("Sources") << "\n";
    for (std::size_t i = 0; i < markers.order().size(); ++i) {
      const std::string text = source_text(rules, markers.order()[i], true);
      out << "  " << wrap(fmt::format("[{}] {}", i + 1, text), 6) << "\n";
    }
  }
}

void render_reference_markdown(std::ostream& out, const RuleSet& rules,
                               const std::vector<reference::Entry>& entries, bool brief) {
  Markers markers;
  std::string topic;
  for (const reference::Entry& e : entries) {
    if (e.topic != topic) {
      topic = e.topic;
      out << "## " << topic << "\n\n";
    }
    out << "### " << markdown_safe(e.title);
    if (brief && !e.sources.empty()) out << " " << markers.marks(rules, e.sources);
    out << "\n\n";
    for (const auto& [label, text] : e.fields) out << "- **" << markdown_safe(label) << ":** " << markdown_safe(text) << "\n";
    if (!brief && !e.sources.empty()) {
      out << "- **Sources:** " << markdown_safe(source_line(rules, e.sources)) << "\n";
    }
    out << "\n";
  }
  if (!markers.order().empty()) {
    out << "## Sources\n\n";
    for (std::size_t i = 0; i < markers.order().size(); ++i) {
      out << i + 1 << ". " << source_text(rules, markers.order()[i], true) << "\n";
    }
  }
}

void render_reference_json(std::ostream& out, const RuleSet& rules,
                           const std::vector<reference::Entry>& entries) {
  using Json = nlohmann::ordered_json;
  Json list = Json::array();
  for (const reference::Entry& e : entries) {
    Json fields = Json::array();
    for (const auto& [label, text] : e.fields) fields.push_back({{"label", label}, {"text", text}});
    list.push_back({{"topic", e.topic},
                    {"id", e.id},
                    {"title", e.title},
                    {"fields", fields},
                    {"sources", e.sources}});
  }
  Json doc = {{"format", "psoas-triage/reference/1"},
              {"rule_set", {{"id", rules.id}, {"version", rules.version},
                            {"hash", "sha256:" + rules.hash}}},
              {"entries", list}};
  out << doc.dump(2) << "\n";
}

}  // namespace psoas::report
