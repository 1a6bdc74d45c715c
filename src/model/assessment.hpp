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
  // The most urgent fired red flag at urgent or emergency that names a look-alike cause. When
  // set, the report leads with it: the pain is then probably not muscular, and no structure is
  // called the likely one.
  const RedFlag* lookalike = nullptr;
  std::vector<FlagResult> fired;         // most urgent first
  std::vector<FlagResult> not_excluded;  // condition unknown: could not be ruled out
  // The urgent and emergency flags among those not excluded, most urgent first: what the report
  // leads with as a safety net (the condition, how to check, and what to do if it appears).
  std::vector<FlagResult> safety_net;
  std::vector<StructureResult> structures;  // score > 0, best first
  std::vector<const Advice*> advice;
  std::vector<int> unanswered;  // questions that applied but got no answer or "don't know"
};

// The structure the report names as most likely: none when a look-alike flag leads, or when no
// structure has evidence.
inline const Structure* top_structure(const Assessment& a) {
  if (a.lookalike || a.structures.empty()) return nullptr;
  return a.structures.front().structure;
}

inline std::string_view top_structure_id(const Assessment& a) {
  const Structure* s = top_structure(a);
  return s ? std::string_view(s->id) : std::string_view("none");
}

}  // namespace psoas
