#pragma once
// What the rule set holds for the clinician's quick reference beyond the triage itself: how
// much weight a source carries, the trigger points the documents describe, the conditions that
// can look like iliopsoas pain (the differential), and the one-screen card's short wording.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/level.hpp"
#include "util/error.hpp"

namespace psoas {

using SourceIds = std::vector<std::string>;

// Kinds of source, strongest first: a reference lists a claim's sources in this order, so the
// weight of the evidence shows before a web article does.
enum class SourceKind { Guideline, SystematicReview, Textbook, PeerReviewed, Professional, WebArticle };

inline constexpr std::array<std::string_view, 6> kSourceKinds = {
    "guideline", "systematic-review", "textbook", "peer-reviewed-study", "professional-reference",
    "web-article"};

inline std::string_view source_kind_id(SourceKind kind) {
  return kSourceKinds[static_cast<std::size_t>(kind)];
}

// "peer-reviewed study", as a person reads it.
inline std::string_view source_kind_name(SourceKind kind) {
  static constexpr std::array<std::string_view, 6> kNames = {
      "guideline", "systematic review", "textbook", "peer-reviewed study",
      "professional reference", "web article"};
  return kNames[static_cast<std::size_t>(kind)];
}

inline std::optional<SourceKind> parse_source_kind(std::string_view id) {
  for (std::size_t i = 0; i < kSourceKinds.size(); ++i) {
    if (kSourceKinds[i] == id) return static_cast<SourceKind>(i);
  }
  return std::nullopt;
}

// A trigger point as the documents describe it: where it lies, where it sends pain, how it is
// found and released, and what must be said before anyone presses on it.
struct TriggerPoint {
  std::string id;
  std::string name;
  std::string location;
  std::string referral;
  std::string palpation;
  std::vector<std::string> release;  // the techniques the documents describe
  std::vector<std::string> caveats;  // scope, who must not, where never to press
  int structure = -1;                // index into RuleSet::structures
  std::uint32_t site = 0;            // body-map regions where the point lies
  std::uint32_t zones = 0;           // body-map regions it refers pain to
  SourceIds sources;
  Location at;
};

// A condition that can look like iliopsoas pain, with what tells it apart and the examination
// that separates it, at the level it calls for.
struct Differential {
  std::string id;
  std::string name;
  std::vector<std::string> synonyms;  // abbreviations and other names a clinician searches by
  std::string features;
  std::string test;
  Level level = Level::SeeProfessional;
  int structure = -1;              // the look-alike structure the engine weighs, if any
  std::vector<int> red_flags;      // the red flags that screen for it
  SourceIds sources;
  Location at;
};

// The one-screen card: each red flag as a short sign and its likely cause, the examination
// signs worth knowing by heart, and where the detail lives.
struct CardFlag {
  int red_flag = -1;  // index into RuleSet::red_flags
  std::string sign;
  std::string cause;
  Location at;
};

struct Card {
  std::vector<CardFlag> red_flags;
  std::vector<std::string> signs;
  SourceIds sources;
};

}  // namespace psoas
