#pragma once
// The report options shared by `assess` and `interview`, and the one dispatch to a renderer.
#include <ostream>
#include <string>

#include "report/report.hpp"

namespace CLI {
class App;
}

namespace psoas::cli {

struct OutputOptions {
  std::string format = "text";
  bool exit_code = false;
};

void add_output_options(CLI::App& command, OutputOptions& options);

// When a report is made, in UTC ("2026-12-02 01:05 UTC"). SOURCE_DATE_EPOCH (seconds since 1970,
// the reproducible-builds convention) fixes it, so the same inputs can give the same bytes.
std::string report_time();

// Renders in the chosen format; colour only when `out` is standard output on a terminal.
void print_report(std::ostream& out, const report::Result& result, const OutputOptions& options);

}  // namespace psoas::cli
