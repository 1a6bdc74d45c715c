#pragma once
// Reads answer sets from JSON Lines at batch speed: one object per line, the same shape and the
// same rules as a JSON answer file ({"id": …, "answers": {…}}), parsed with simdjson.
#include <cstdint>
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
  // `error` to what is wrong; `out.id` holds the id if it was read before the mistake.
  bool read(std::string_view line, Answers& out, std::string& error);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace psoas::load
