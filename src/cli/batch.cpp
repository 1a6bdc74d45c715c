#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/terminal.hpp"
#include "engine/engine.hpp"
#include "load/document.hpp"
#include "load/json_lines.hpp"
#include "report/batch.hpp"
#include "util/text.hpp"

namespace psoas::cli {
namespace {

struct BatchOptions {
  std::vector<std::string> files;
  std::string format = "jsonl";
  std::string rules;
};

// Lines from a stream, one at a time, in a buffer that is reused: memory stays flat however long
// the input. A line longer than the answer-file limit is reported and skipped, not stored.
class LineSource {
 public:
  explicit LineSource(std::FILE* file) : file_(file) {}

  enum class Got { Line, TooLong, End };

  Got next(std::string& line) {
    line.clear();
    bool too_long = false;
    for (;;) {
      if (at_ == size_) {
        size_ = std::fread(buffer_, 1, sizeof buffer_, file_);
        at_ = 0;
        if (size_ == 0) {
          if (too_long) return Got::TooLong;
          return line.empty() && !partial_ ? Got::End : (partial_ = false, Got::Line);
        }
      }
      const char* start = buffer_ + at_;
      const auto* newline = static_cast<const char*>(std::memchr(start, '\n', size_ - at_));
      const std::size_t n = newline ? static_cast<std::size_t>(newline - start) : size_ - at_;
      if (!too_long) {
        line.append(start, n);
        if (line.size() > load::kAnswerLimits.max_bytes) {
          too_long = true;
          line.clear();
        }
      }
      at_ += n;
      partial_ = !newline;
      if (newline) {
        ++at_;
        partial_ = false;
        return too_long ? Got::TooLong : Got::Line;
      }
    }
  }

  bool failed() const { return std::ferror(file_) != 0; }

 private:
  std::FILE* file_;
  char buffer_[1 << 16];
  std::size_t size_ = 0;
  std::size_t at_ = 0;
  bool partial_ = false;
};

struct Totals {
  long lines = 0;
  std::array<long, 4> per_level{};
  long errors = 0;
  std::vector<std::string> first_errors;
};

void flush(std::string& out) {
  std::fwrite(out.data(), 1, out.size(), stdout);
  out.clear();
}

bool blank(const std::string& line) {
  return line.find_first_not_of(" \t\r") == std::string::npos;
}

int run_batch(const BatchOptions& o) {
  auto rules = load_rules(o.rules);
  if (!rules) return kExitBadInput;
  const auto format = o.format == "csv" ? report::BatchFormat::Csv : report::BatchFormat::JsonLines;
  load::JsonLineReader reader(*rules);
  Answers answers;
  engine::Evaluation evaluation;
  std::string line;
  std::string error;
  std::string out;
  out.reserve(1 << 17);
  Totals totals;
  const bool progress = is_terminal(STDERR_FILENO);
  const std::vector<std::string> inputs = o.files.empty() ? std::vector<std::string>{"-"} : o.files;
  const report::BatchWriter writer(*rules, format);
  writer.header(out);

  for (const std::string& input : inputs) {
    std::FILE* file = input == "-" ? stdin : std::fopen(input.c_str(), "rb");
    if (!file) {
      flush(out);
      print_error(fmt::format("{}: cannot open: {}", input, std::strerror(errno)));
      return kExitBadInput;
    }
    LineSource source(file);
    long number = 0;
    const std::string_view name = inputs.size() > 1 ? std::string_view(input) : std::string_view();
    for (LineSource::Got got; (got = source.next(line)) != LineSource::Got::End;) {
      ++number;
      if (got == LineSource::Got::Line && blank(line)) continue;
      ++totals.lines;
      report::BatchRecord record{name, number, {}};
      bool ok = false;
      if (got == LineSource::Got::TooLong) {
        error = fmt::format("line is longer than the {} KiB limit",
                            load::kAnswerLimits.max_bytes / 1024);
      } else {
        ok = reader.read(line, answers, error);
        record.id = answers.id;
      }
      if (ok) {
        engine::evaluate(*rules, answers.by_question, evaluation);
        ++totals.per_level[level_index(evaluation.level)];
        writer.result(out, record, answers, evaluation);
      } else {
        ++totals.errors;
        if (totals.first_errors.size() < 5) {
          const int column = ok || got == LineSource::Got::TooLong ? 0 : reader.error_column();
          totals.first_errors.push_back(
              fmt::format("{}:{}{}: {}", input == "-" ? "<stdin>" : input, number,
                          column > 0 ? fmt::format(":{}", column) : "", printable(error)));
        }
        writer.error(out, record, error);
      }
      if (out.size() > (1 << 16)) flush(out);
      if (progress && totals.lines % (1 << 16) == 0) {
        std::cerr << fmt::format("\rbatch: {} lines", totals.lines) << std::flush;
      }
    }
    const bool failed = source.failed();
    if (file != stdin) std::fclose(file);
    if (failed) {
      flush(out);
      print_error(fmt::format("{}: cannot read: {}", input, std::strerror(errno)));
      return kExitBadInput;
    }
  }
  flush(out);
  std::fflush(stdout);
  if (progress && totals.lines >= (1 << 16)) std::cerr << "\r\033[K";
  std::cerr << fmt::format("batch: {} answer sets: {} emergency, {} urgent, {} see-professional, "
                           "{} self-care; {} bad\n",
                           totals.lines, totals.per_level[3], totals.per_level[2],
                           totals.per_level[1], totals.per_level[0], totals.errors);
  for (const std::string& e : totals.first_errors) std::cerr << "  " << e << "\n";
  return totals.errors ? kExitBadInput : kExitOk;
}

}  // namespace

Runner setup_batch(CLI::App& command) {
  auto options = std::make_shared<BatchOptions>();
  command.add_option("FILE", options->files,
                     "JSON Lines files, one answer set per line (default: standard input)");
  command.add_option("-f,--format", options->format, "Output format: jsonl or csv")
      ->check(CLI::IsMember({"jsonl", "csv"}))
      ->capture_default_str();
  add_rules_option(command, options->rules);
  command.footer(R"(Examples:
  psoas-triage batch cases.jsonl > results.jsonl
  some-system | psoas-triage batch --format csv > results.csv

Each input line is {"id": ..., "answers": {...}}, as a JSON answer file. Each output line gives
the id, verdict level, red flags, top structures and rule-set hash; a bad line gives an error
record naming its line, and the rest go on. A summary goes to standard error. Exit status 3 if
any line was bad.)");
  return [options] { return run_batch(*options); };
}

}  // namespace psoas::cli
