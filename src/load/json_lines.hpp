#pragma once
// Reads answer sets from JSON Lines: one object per line, the same shape and the same rules as a
// JSON answer file ({"id": …, "answers": {…}}), through the same JSON reader
// (load/json_document.hpp), so a text is accepted or refused alike as a file and as a line.
#include <memory>
#include <string>
#include <string_view>

#include "model/answers.hpp"
#include "model/ruleset.hpp"

namespace psoas::load {

class JsonLineReader {
 public:
  explicit JsonLineReader(const RuleSet& rules);
  ~JsonLineReader();
  JsonLineReader(const JsonLineReader&) = delete;
  JsonLineReader& operator=(const JsonLineReader&) = delete;

  // Reads one line into `out` (its buffers are reused). On failure returns false and sets
  // `error` to what is wrong, and error_column() to where; `out.id` holds the id if it was read.
  bool read(std::string_view line, Answers& out, std::string& error);
  int error_column() const { return column_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int column_ = 0;
};

}  // namespace psoas::load
