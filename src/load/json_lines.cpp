#include "load/json_lines.hpp"

#include "load/answers_loader.hpp"
#include "load/json_document.hpp"
#include "load/reader.hpp"
#include "util/error.hpp"

namespace psoas::load {

struct JsonLineReader::Impl {
  explicit Impl(const RuleSet& r) : rules(r) {}

  const RuleSet& rules;
  JsonReader json;
  Node root;  // reused from line to line
  Errors errors;
  const std::string name;
};

JsonLineReader::JsonLineReader(const RuleSet& rules) : impl_(std::make_unique<Impl>(rules)) {}
JsonLineReader::~JsonLineReader() = default;

bool JsonLineReader::read(std::string_view line, Answers& out, std::string& error) {
  Impl& s = *impl_;
  s.errors.clear();
  out.id.clear();
  out.expect.reset();
  if (s.json.parse_into(line, s.name, kAnswerLimits, s.errors, s.root) &&
      read_answer_set(s.root, s.rules, out, s.errors, "the line")) {
    return true;
  }
  if (s.errors.empty()) s.errors.push_back({{}, "not valid JSON"});
  error = s.errors.front().message;
  column_ = s.errors.front().where.column;
  return false;
}

}  // namespace psoas::load
