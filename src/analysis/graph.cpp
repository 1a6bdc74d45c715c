#include "analysis/graph.hpp"

#include <fmt/format.h>

#include "analysis/describe.hpp"
#include "engine/condition.hpp"

namespace psoas::analysis {
namespace {

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out + "\"";
}

// Breaks a long label into lines Graphviz shows centred.
std::string wrap(std::string_view text, std::size_t width = 36) {
  std::string out;
  std::size_t column = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    if (column > 0 && column + (end - start) > width) {
      out += "\n";
      column = 0;
    } else if (column > 0) {
      out += ' ';
      ++column;
    }
    out += text.substr(start, end - start);
    column += end - start;
    start = end + 1;
  }
  return out;
}

std::string dot_label(std::string_view text) {
  std::string out = quoted(text);
  std::string escaped;
  for (char c : out) escaped += c == '\n' ? std::string("\\n") : std::string(1, c);
  return escaped;
}

const char* colour(Level level) {
  switch (level) {
    case Level::Emergency: return "#d73027";
    case Level::Urgent: return "#fc8d59";
    case Level::SeeProfessional: return "#fee08b";
    case Level::SelfCare: return "#91cf60";
  }
  return "white";
}

}  // namespace

void write_dot(std::ostream& out, const RuleSet& rules) {
  out << "digraph " << quoted(rules.id + " " + rules.version) << " {\n"
      << "  rankdir=TB;\n  node [shape=box, fontname=\"Helvetica\", fontsize=10];\n"
      << "  edge [fontname=\"Helvetica\", fontsize=9];\n";
  const Question* previous = nullptr;  // the script's order links the questions still asked
  for (const Question& q : rules.questions) {
    if (!q.asked()) {
      const std::string& by = rules.questions[q.replaced_by].id;
      out << fmt::format("  q_{} [style=dotted, label={}];\n", q.id,
                         dot_label(q.id + "\nno longer asked: " + by + " asks it"));
      out << fmt::format("  q_{} -> q_{} [style=dotted, label=\"replaces\"];\n", by, q.id);
      continue;
    }
    out << fmt::format("  q_{} [label={}];\n", q.id, dot_label(q.id + "\n" + wrap(q.text)));
    if (previous) out << fmt::format("  q_{} -> q_{} [weight=10];\n", previous->id, q.id);
    previous = &q;
    if (q.has_condition) {
      std::vector<int> gate;
      engine::questions_read(q.ask_if, gate);
      for (int g : gate) {
        out << fmt::format("  q_{} -> q_{} [style=dashed, label={}];\n", rules.questions[g].id,
                           q.id, dot_label("asked if " + wrap(describe(rules, q.ask_if), 30)));
      }
    }
  }
  for (const RedFlag& f : rules.red_flags) {
    out << fmt::format(
        "  f_{} [shape=octagon, style=filled, fillcolor=\"{}\", label={}, tooltip={}];\n", f.id,
        colour(f.level), dot_label(fmt::format("{}\n{}", wrap(f.title, 28), level_id(f.level))),
        quoted(describe(rules, f.when)));
    std::vector<int> reads;
    engine::questions_read(f.when, reads);
    for (int q : reads) {
      out << fmt::format("  q_{} -> f_{} [color=\"{}\"];\n", rules.questions[q].id, f.id,
                         colour(f.level));
    }
  }
  out << "}\n";
}

}  // namespace psoas::analysis
