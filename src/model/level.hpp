#pragma once
// The four-level urgency scale. Its spellings are part of the JSON and answer-file interface.
#include <array>
#include <optional>
#include <string_view>

namespace psoas {

// Ordered from least to most urgent, so a verdict is the maximum of the levels raised.
enum class Level { SelfCare = 0, SeeProfessional = 1, Urgent = 2, Emergency = 3 };

inline constexpr std::array<Level, 4> kLevelsMostUrgentFirst = {
    Level::Emergency, Level::Urgent, Level::SeeProfessional, Level::SelfCare};

constexpr std::string_view level_id(Level level) {
  switch (level) {
    case Level::Emergency: return "emergency";
    case Level::Urgent: return "urgent";
    case Level::SeeProfessional: return "see-professional";
    case Level::SelfCare: return "self-care";
  }
  return "?";
}

constexpr std::optional<Level> parse_level(std::string_view id) {
  for (Level level : kLevelsMostUrgentFirst) {
    if (level_id(level) == id) return level;
  }
  return std::nullopt;
}

constexpr int level_index(Level level) { return static_cast<int>(level); }

}  // namespace psoas
