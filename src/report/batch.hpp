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

// Evaluates answer sets and writes their records, for one rule set; what can be worked out once
// (the flags in order of urgency) is worked out when it is made. One writer per thread.
class BatchWriter {
 public:
  BatchWriter(const RuleSet& rules, BatchFormat format);

  void header(std::string& out) const;
  // Evaluates `answers` and appends their record; returns the verdict. All of a record but its
  // line and id depends on the answers alone, so it is kept for recent answer sets and copied
  // when the same answers come again (a form's answers repeat often across people): the output
  // is the same byte for byte either way.
  Level result(std::string& out, const BatchRecord& record, const Answers& answers);
  void error(std::string& out, const BatchRecord& record, std::string_view message) const;

 private:
  void body(std::string& out, const Answers& answers, const engine::Evaluation& e);
  void flag_ids(std::string& out, const engine::Evaluation& e, engine::Tri want) const;

  const RuleSet& rules_;
  BatchFormat format_;
  std::vector<int> by_urgency_;  // red-flag indexes, most urgent level first
  std::string stamp_;            // the provenance stamp after the answers hash
  load::AnswersDigest digest_;
  engine::Evaluation evaluation_;

  // Recent records: kSets sets of kWays, chosen by a hash of the answers; within a set the
  // oldest is replaced, so answer sets whose hashes collide do not take turns.
  static constexpr std::size_t kSets = 256;  // a power of two
  static constexpr std::size_t kWays = 4;
  struct Kept {
    std::vector<Answer> answers;
    std::string body;  // the record after its line and id
    Level level = Level::SelfCare;
    bool used = false;
  };
  std::vector<Kept> kept_;              // made on the first result
  std::vector<unsigned char> oldest_;   // per set, the way to replace next
};

}  // namespace psoas::report
