#pragma once
// The body-map regions: where pain can be felt, as the pain_where question names them. They link
// the rule set (each structure's referral zones) to the picture in report/body_map.
#include <array>
#include <string_view>

namespace psoas {

inline constexpr std::array<std::string_view, 9> kBodyRegions = {
    "groin",     "front_hip", "front_thigh", "knee",       "low_back",
    "buttock",   "lower_belly", "side_hip",  "back_of_leg"};

// Short names for the regions, as a reference lists them.
inline constexpr std::array<std::string_view, 9> kBodyRegionNames = {
    "groin",    "front of hip", "front of thigh", "knee",       "low back",
    "buttock",  "lower belly",  "outer hip",      "back of leg"};

constexpr int body_region_index(std::string_view id) {
  for (std::size_t i = 0; i < kBodyRegions.size(); ++i) {
    if (kBodyRegions[i] == id) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace psoas
