#include "report/reference.hpp"

#include <nlohmann/json.hpp>

#include "report/body_map.hpp"
#include "report/escape.hpp"
#include "report/style.hpp"

namespace psoas::report {
namespace {

std::string source_line(const RuleSet& rules, const SourceIds& ids) {
  std::vector<std::string> parts;
  for (const std::string& id : ids) {
    const Source* s = rules.source(id);
    parts.push_back(s ? fmt::format("[{}] {} ({})", id, s->title, s->where) : id);
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

}  // namespace

void render_topics_text(std::ostream& out, const std::vector<reference::Topic>& topics,
                        const RuleSet& rules, const TextStyle& style) {
  const Paint paint(style.color);
  out << paint.bold("Topics") << " (psoas-triage ref TOPIC)\n";
  for (const auto& t : topics) out << fmt::format("  {:<14} {}\n", t.id, t.summary);
  out << "\n" << paint.bold("Structures") << " (psoas-triage ref ID)\n";
  for (const Structure& s : rules.structures) {
    out << fmt::format("  {:<24} {}\n", s.id, text_safe(s.name));
  }
  out << "\nSearch every entry: psoas-triage ref --search TERM\n";
}

void render_reference_text(std::ostream& out, const RuleSet& rules,
                           const std::vector<reference::Entry>& entries, const TextStyle& style,
                           bool body_maps) {
  const Paint paint(style.color);
  bool first = true;
  for (const reference::Entry& e : entries) {
    if (!first) out << "\n";
    first = false;
    out << paint.bold(e.title) << paint.dim(fmt::format("  [{} {}]", e.topic, e.id)) << "\n";
    for (const auto& [label, text] : e.fields) {
      out << "  " << wrap(label + ": " + text, 4) << "\n";
    }
    if (!e.sources.empty()) out << "  " << wrap("Sources: " + source_line(rules, e.sources), 4) << "\n";
    if (body_maps && e.zones != 0) {
      render_body_map(out, 0, e.zones, fmt::format("where {} refers pain", e.title),
                      {style.unicode, style.color});
    }
  }
  if (entries.empty()) out << "No entries.\n";
}

void render_reference_markdown(std::ostream& out, const RuleSet& rules,
                               const std::vector<reference::Entry>& entries) {
  std::string topic;
  for (const reference::Entry& e : entries) {
    if (e.topic != topic) {
      topic = e.topic;
      out << "## " << topic << "\n\n";
    }
    out << "### " << markdown_safe(e.title) << "\n\n";
    for (const auto& [label, text] : e.fields) {
      out << "- **" << markdown_safe(label) << ":** " << markdown_safe(text) << "\n";
    }
    if (!e.sources.empty()) {
      out << "- **Sources:** " << markdown_safe(source_line(rules, e.sources)) << "\n";
    }
    out << "\n";
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
