#pragma once
// "Did you mean …?" for mistyped names.
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace psoas {

// Levenshtein distance, for short identifiers.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate to `word`, if it is close enough to be a likely typo.
std::optional<std::string> closest(std::string_view word, std::span<const std::string> candidates);

// " (did you mean 'x'?)" or "" when nothing is close: ready to append to a message.
std::string did_you_mean(std::string_view word, std::span<const std::string> candidates);

}  // namespace psoas
