#pragma once
// Reads answer sets from JSON Lines: one object per line, the same shape and the same rules as a
// JSON answer file ({"id": …, "answers": {…}}), through the same JSON reader
// (load/json_document.hpp), so a text is accepted or refused alike as a file and as a line.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "model/answers.hpp"
#include "model/ruleset.hpp"

namespace psoas::load {

class JsonLineReader {
 public:
  // Quick: a plain line is read without the located tree, and any other by the full reader,
  // with the same result (see json_lines.cpp). Full: every line by the full reader, for tests
  // that check the two agree.
  enum class Path { Quick, Full };
  explicit JsonLineReader(const RuleSet& rules, Path path = Path::Quick);
  ~JsonLineReader();
  JsonLineReader(const JsonLineReader&) = delete;
  JsonLineReader& operator=(const JsonLineReader&) = delete;

  // Reads one line into `out` (its buffers are reused). On failure returns false and sets
  // `error` to what is wrong, and error_column() to where; `out.id` holds the id if it was read.
  bool read(std::string_view line, Answers& out, std::string& error);
  // The same, parsing the line where it lies rather than a copy: the kPadding bytes after it
  // must be readable, whatever they hold (batch reads runs of lines into one buffer and leaves
  // that room after the last). The result is read()'s; fuzz_batch checks it.
  static constexpr std::size_t kPadding = 64;
  bool read_in_place(std::string_view line, Answers& out, std::string& error);
  int error_column() const { return column_; }
  // How many lines the quick path has read.
  long quick_reads() const { return quick_reads_; }

 private:
  struct Impl;
  bool read(std::string_view line, bool in_place, Answers& out, std::string& error);
  std::unique_ptr<Impl> impl_;
  int column_ = 0;
  long quick_reads_ = 0;
};

}  // namespace psoas::load
