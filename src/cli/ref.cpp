#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/terminal.hpp"
#include "reference/reference.hpp"
#include "report/reference.hpp"
#include "util/suggest.hpp"

namespace psoas::cli {
namespace {

struct RefOptions {
  std::string topic;
  std::string search;
  std::string format = "text";
  std::string rules;
  bool list_topics = false;
  bool full = false;
  bool brief = false;
};

// The card is laid out for the terminal's width; piped, for $COLUMNS or 100 columns.
std::size_t card_width() {
  if (is_terminal(STDOUT_FILENO)) return static_cast<std::size_t>(terminal_width(STDOUT_FILENO));
  if (const char* columns = std::getenv("COLUMNS")) {
    const int n = std::atoi(columns);
    if (n >= 20 && n <= 1000) return static_cast<std::size_t>(n);
  }
  return 100;
}

int run_ref(const RefOptions& o) {
  auto rules = load_rules(o.rules);
  if (!rules) return kExitBadInput;
  const auto topics = reference::topics();
  const auto all = reference::build(*rules);

  std::vector<std::string> names;
  for (const auto& t : topics) names.push_back(t.id);
  for (const Structure& s : rules->structures) names.push_back(s.id);
  if (o.list_topics) {
    for (const std::string& name : names) std::cout << name << "\n";
    return kExitOk;
  }

  std::vector<reference::Entry> entries;
  if (!o.search.empty()) {
    entries = reference::search(all, o.search);
    if (!o.topic.empty()) entries = reference::select(entries, o.topic);
  } else if (!o.topic.empty()) {
    entries = reference::select(all, o.topic);
    if (entries.empty()) {
      std::vector<std::string> ids = names;
      for (const auto& e : all) ids.push_back(e.id);
      print_error(fmt::format("unknown topic '{}'{}", o.topic, did_you_mean(o.topic, ids)));
      std::cerr << "Run 'psoas-triage ref' to list the topics.\n";
      return kExitUsage;
    }
  } else if (o.format == "text" && !o.full) {
    report::render_card_text(std::cout, *rules, reference::build_card(*rules),
                             {wants_color(STDOUT_FILENO), wants_unicode()}, card_width());
    return kExitOk;
  } else {
    entries = all;
  }

  if (o.format == "json") {
    report::render_reference_json(std::cout, *rules, entries);
  } else if (o.format == "markdown") {
    report::render_reference_markdown(std::cout, *rules, entries, o.brief);
  } else {
    const bool one_structure = entries.size() == 1 && entries.front().zones != 0;
    report::render_reference_text(std::cout, *rules, entries,
                                  {wants_color(STDOUT_FILENO), wants_unicode()},
                                  one_structure || o.topic == "structures" ||
                                      o.topic == "trigger-points",
                                  o.brief);
  }
  return kExitOk;
}

}  // namespace

Runner setup_ref(CLI::App& command) {
  auto options = std::make_shared<RefOptions>();
  command.add_option("TOPIC", options->topic,
                     "A topic (structures, signs, symptoms, causes, red-flags, trigger-points, "
                     "lookalikes, self-care, professional, caveats, levels, sources) or an entry "
                     "id such as psoas_major; without one, the one-screen card");
  command.add_option("-s,--search", options->search, "Show every entry that mentions TERM")
      ->type_name("TERM");
  command.add_option("-f,--format", options->format, "Output format: text, markdown or json")
      ->check(CLI::IsMember({"text", "markdown", "json"}))
      ->capture_default_str();
  command.add_flag("--full", options->full,
                   "Without a topic: every entry in full instead of the one-screen card");
  command.add_flag("--brief", options->brief,
                   "Sources as numbered markers, listed once at the end");
  command.add_flag("--topics", options->list_topics,
                   "List the topic and structure names, one per line (for shell completion)");
  add_rules_option(command, options->rules);
  command.footer(R"(Examples:
  psoas-triage ref
  psoas-triage ref iliacus
  psoas-triage ref red-flags --brief
  psoas-triage ref trigger-points
  psoas-triage ref --search FAI
  psoas-triage ref --search FABER
  psoas-triage ref self-care --format markdown > self-care.md)");
  return [options] { return run_ref(*options); };
}

}  // namespace psoas::cli
