#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <array>
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
#include "load/document.hpp"
#include "load/json_lines.hpp"
#include "report/batch.hpp"
#include "util/ordered_pool.hpp"
#include "util/text.hpp"

namespace psoas::cli {
namespace {

struct BatchOptions {
  std::vector<std::string> files;
  std::string format = "jsonl";
  std::string rules;
  int jobs = 0;  // 0: one per core this process may use
};

// Lines from a stream, read through a buffer that is reused: memory stays flat however long the
// input. A line longer than the answer-file limit is reported and skipped, not stored.
class LineSource {
 public:
  explicit LineSource(std::FILE* file) : file_(file) {}

  enum class Got { Line, TooLong, End };

  // Appends the next line to `text`, without its newline.
  Got next(std::string& text) {
    const std::size_t start = text.size();
    bool too_long = false;
    for (;;) {
      if (at_ == size_) {
        size_ = std::fread(buffer_, 1, sizeof buffer_, file_);
        at_ = 0;
        if (size_ == 0) {
          if (too_long) return Got::TooLong;
          return text.size() == start && !partial_ ? Got::End : (partial_ = false, Got::Line);
        }
      }
      const char* begin = buffer_ + at_;
      const auto* newline = static_cast<const char*>(std::memchr(begin, '\n', size_ - at_));
      const std::size_t n = newline ? static_cast<std::size_t>(newline - begin) : size_ - at_;
      if (!too_long) {
        text.append(begin, n);
        if (text.size() - start > load::kAnswerLimits.max_bytes) {
          too_long = true;
          text.resize(start);
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
  std::vector<std::string> first_errors;  // at most kFirstErrors, in input order
};
constexpr std::size_t kFirstErrors = 5;

// A run of consecutive lines of one input, worked on as a unit and written in input order. Its
// buffers are reused from run to run.
struct Chunk {
  struct Line {
    std::size_t begin = 0, size = 0;
    long number = 0;
    bool too_long = false;
  };
  static constexpr std::size_t kMaxLines = 512;
  static constexpr std::size_t kMaxBytes = 256 << 10;

  std::string_view file;     // the name records carry: empty unless several inputs
  std::string_view display;  // the name messages carry
  std::string text;          // the lines' bytes
  std::vector<Line> lines;
  std::string out;
  Totals totals;

  void clear(std::string_view file_name, std::string_view display_name) {
    file = file_name;
    display = display_name;
    text.clear();
    lines.clear();
    out.clear();
    totals = {};
  }
  bool full() const { return lines.size() == kMaxLines || text.size() >= kMaxBytes; }
  // Leaves the room after the last line that reading a line in place needs.
  void seal() { text.append(load::JsonLineReader::kPadding, ' '); }
};

// What one thread needs to turn lines into records: its parser and its writer.
struct Worker {
  Worker(const RuleSet& rules, report::BatchFormat format) : reader(rules), writer(rules, format) {}
  load::JsonLineReader reader;
  report::BatchWriter writer;
  Answers answers;
  std::string error;
};

void work(Worker& w, Chunk& chunk) {
  Totals& totals = chunk.totals;
  for (const Chunk::Line& line : chunk.lines) {
    ++totals.lines;
    report::BatchRecord record{chunk.file, line.number, {}};
    bool ok = false;
    if (line.too_long) {
      w.error = fmt::format("line is longer than the {} KiB limit",
                            load::kAnswerLimits.max_bytes / 1024);
    } else {
      ok = w.reader.read_in_place(std::string_view(chunk.text).substr(line.begin, line.size),
                                  w.answers, w.error);
      record.id = w.answers.id;
    }
    if (ok) {
      ++totals.per_level[level_index(w.writer.result(chunk.out, record, w.answers))];
    } else {
      ++totals.errors;
      if (totals.first_errors.size() < kFirstErrors) {
        const int column = line.too_long ? 0 : w.reader.error_column();
        totals.first_errors.push_back(fmt::format("{}:{}{}: {}", chunk.display, line.number,
                                                  column > 0 ? fmt::format(":{}", column) : "",
                                                  printable(w.error)));
      }
      w.writer.error(chunk.out, record, w.error);
    }
  }
}

bool blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// The cores this process may run on (its CPU affinity), or 1 if that cannot be told.
int available_cores() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) != 0) return 1;
  return std::max(1, CPU_COUNT(&set));
}

int run_batch(const BatchOptions& o) {
  auto rules = load_rules(o.rules);
  if (!rules) return kExitBadInput;
  const auto format = o.format == "csv" ? report::BatchFormat::Csv : report::BatchFormat::JsonLines;
  // Output is written in input order whatever the number of threads, so the default is always
  // one thread per core: this one, which reads and writes and works when it would wait, and
  // jobs - 1 started beside it.
  const int jobs = o.jobs > 0 ? o.jobs : available_cores();
  std::vector<std::unique_ptr<Worker>> workers;
  for (int i = 0; i < jobs; ++i) workers.push_back(std::make_unique<Worker>(*rules, format));

  Totals totals;
  const bool progress = is_terminal(STDERR_FILENO);
  const auto write_out = [&](Chunk& chunk) {
    std::fwrite(chunk.out.data(), 1, chunk.out.size(), stdout);
    const long before = totals.lines;
    totals.lines += chunk.totals.lines;
    for (std::size_t i = 0; i < totals.per_level.size(); ++i) {
      totals.per_level[i] += chunk.totals.per_level[i];
    }
    totals.errors += chunk.totals.errors;
    for (std::string& e : chunk.totals.first_errors) {
      if (totals.first_errors.size() < kFirstErrors) totals.first_errors.push_back(std::move(e));
    }
    constexpr long kEvery = 1 << 16;
    if (progress && totals.lines / kEvery > before / kEvery) {
      std::cerr << fmt::format("\rbatch: {} lines", totals.lines / kEvery * kEvery) << std::flush;
    }
  };
  // jobs - 1 threads, and this one as the last worker when it would otherwise wait.
  OrderedPool<Chunk> pool(
      jobs - 1, [&](int worker, Chunk& chunk) { work(*workers[worker], chunk); }, write_out);

  std::string header;
  workers[0]->writer.header(header);
  std::fwrite(header.data(), 1, header.size(), stdout);
  const std::vector<std::string> inputs = o.files.empty() ? std::vector<std::string>{"-"} : o.files;
  for (const std::string& input : inputs) {
    std::FILE* file = input == "-" ? stdin : std::fopen(input.c_str(), "rb");
    if (!file) {
      pool.finish();
      print_error(fmt::format("{}: cannot open: {}", input, std::strerror(errno)));
      return kExitBadInput;
    }
    LineSource source(file);
    const std::string_view name = inputs.size() > 1 ? std::string_view(input) : std::string_view();
    const std::string_view display = input == "-" ? "<stdin>" : std::string_view(input);
    Chunk* chunk = &pool.next();
    chunk->clear(name, display);
    long number = 0;
    for (;;) {
      const std::size_t begin = chunk->text.size();
      const LineSource::Got got = source.next(chunk->text);
      if (got == LineSource::Got::End) break;
      ++number;
      const std::string_view line = std::string_view(chunk->text).substr(begin);
      if (got == LineSource::Got::Line && blank(line)) {
        chunk->text.resize(begin);
        continue;
      }
      chunk->lines.push_back({begin, line.size(), number, got == LineSource::Got::TooLong});
      if (chunk->full()) {
        chunk->seal();
        pool.submit();
        chunk = &pool.next();
        chunk->clear(name, display);
      }
    }
    if (!chunk->lines.empty()) {
      chunk->seal();
      pool.submit();
    }
    const bool failed = source.failed();
    if (file != stdin) std::fclose(file);
    if (failed) {
      pool.finish();
      print_error(fmt::format("{}: cannot read: {}", input, std::strerror(errno)));
      return kExitBadInput;
    }
  }
  pool.finish();
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
  command.add_option("-j,--jobs", options->jobs,
                     fmt::format("Threads to work in (default: one per core, {} here); output "
                                 "stays in input order",
                                 available_cores()))
      ->check(CLI::Range(1, 1024));
  add_rules_option(command, options->rules);
  command.footer(R"(Examples:
  psoas-triage batch cases.jsonl > results.jsonl
  some-system | psoas-triage batch --format csv > results.csv
  psoas-triage batch --jobs 1 cases.jsonl > results.jsonl

Each input line is {"id": ..., "answers": {...}}, as a JSON answer file. Each output line gives
the id, verdict level, red flags, top structures and rule-set hash; a bad line gives an error
record naming its line, and the rest go on. A summary goes to standard error. Exit status 3 if
any line was bad. Records come out in input order, and the same whatever --jobs.)");
  return [options] { return run_batch(*options); };
}

}  // namespace psoas::cli
