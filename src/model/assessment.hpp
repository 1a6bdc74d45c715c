#pragma once
// What the engine concludes, with everything needed to explain it.
#include <vector>

#include "model/level.hpp"
#include "model/ruleset.hpp"

namespace psoas {

enum class Likelihood { Low, Moderate, High };

struct FlagResult {
  const RedFlag* flag;
  std::vector<int> questions;  // the questions its condition reads
  std::vector<int> unknown;    // of those, the ones unanswered or "don't know"
};

struct EvidenceHit {
  const EvidenceRule* rule;
  int weight;
  std::vector<int> questions;  // the answers it rests on
};

struct StructureResult {
  const Structure* structure;
  int score = 0;
  Likelihood likelihood = Likelihood::Low;
  std::vector<EvidenceHit> evidence;
};

struct Assessment {
  Level level = Level::SelfCare;
  std::vector<FlagResult> fired;         // most urgent first
  std::vector<FlagResult> not_excluded;  // condition unknown: could not be ruled out
  std::vector<StructureResult> structures;  // score > 0, best first
  std::vector<const Advice*> advice;
  std::vector<int> unanswered;  // questions that applied but got no answer or "don't know"
};

}  // namespace psoas
