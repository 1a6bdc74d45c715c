#include "cli/output.hpp"

#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/terminal.hpp"
#include "report/fhir.hpp"

namespace psoas::cli {

void add_output_options(CLI::App& command, OutputOptions& options) {
  command
      .add_option("-f,--format", options.format,
                  "Report format: text, json, markdown, html, or fhir (a FHIR R4 "
                  "QuestionnaireResponse)")
      ->check(CLI::IsMember({"text", "json", "markdown", "html", "fhir"}))
      ->capture_default_str();
  command.add_flag("--exit-code", options.exit_code,
                   "Exit with the verdict: 10 self-care, 11 see-professional, 12 urgent, "
                   "13 emergency");
}

std::string report_time() {
  std::time_t now = std::time(nullptr);
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    char* end = nullptr;
    const long long seconds = std::strtoll(epoch, &end, 10);
    if (*end == '\0' && seconds >= 0) now = static_cast<std::time_t>(seconds);
  }
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &utc);
  return text;
}

void print_report(std::ostream& out, const report::Result& undated, const OutputOptions& options) {
  const std::string when = report_time();
  const report::Result result{undated.rules, undated.answers, undated.assessment, when};
  if (options.format == "json") {
    report::render_json(out, result);
  } else if (options.format == "fhir") {
    report::render_fhir_response(out, result);
  } else if (options.format == "html") {
    report::render_html(out, result);
  } else if (options.format == "markdown") {
    report::render_markdown(out, result);
  } else {
    const bool color = &out == &std::cout && wants_color(STDOUT_FILENO);
    report::render_text(out, result, {color, wants_unicode()});
  }
  out.flush();
}

}  // namespace psoas::cli
