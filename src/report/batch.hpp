#pragma once
// Batch output: one record per input line, appended to a buffer the caller flushes. JSON Lines:
//   {"line":N,"id":…,"level":…,"red_flags":[…],"not_excluded":[…],
//    "structures":[{"id":…,"score":N,"likelihood":…}],"rule_set":"sha256:…",
//    "answers_hash":"sha256:…","tool_version":…,"rule_set_id":…,"rule_set_version":…}
//   {"line":N,"id":…,"error":"…"}
// CSV: file,line,id,level,red_flags,not_excluded,top_structure,top_score,error,answers_hash,
// tool_version,rule_set_id,rule_set_version,rule_set_hash (lists joined by ';'). The last five
// are each result's provenance stamp.
#include <string>
#include <string_view>
#include <vector>

#include "engine/engine.hpp"
#include "load/answers_writer.hpp"
#include "model/answers.hpp"
#include "model/ruleset.hpp"

namespace psoas::report {

enum class BatchFormat { JsonLines, Csv };

struct BatchRecord {
  std::string_view file;  // empty unless several inputs
  long line = 0;
  std::string_view id;
};

// Writes records for one rule set; what can be worked out once (the flags in order of urgency)
// is worked out when it is made.
class BatchWriter {
 public:
  BatchWriter(const RuleSet& rules, BatchFormat format);

  void header(std::string& out) const;
  void result(std::string& out, const BatchRecord& record, const Answers& answers,
              const engine::Evaluation& evaluation) const;
  void error(std::string& out, const BatchRecord& record, std::string_view message) const;

 private:
  void flag_ids(std::string& out, const engine::Evaluation& e, engine::Tri want) const;

  const RuleSet& rules_;
  BatchFormat format_;
  std::vector<int> by_urgency_;  // red-flag indexes, most urgent level first
  std::string stamp_;            // the provenance stamp after the answers hash
  mutable load::AnswersDigest digest_;  // scratch buffers only: results do not depend on them
};

}  // namespace psoas::report
