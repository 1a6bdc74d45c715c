#pragma once
// The clinician's quick reference, drawn entirely from the rule set: every entry is an item of
// the rule set seen from one topic, with its sources.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/ruleset.hpp"

namespace psoas::reference {

struct Entry {
  std::string topic;  // one of topics()
  std::string id;
  std::string title;
  std::vector<std::pair<std::string, std::string>> fields;  // label, text
  SourceIds sources;
  std::uint32_t zones = 0;  // body-map regions it refers pain to (structures, trigger points)
  std::uint32_t sites = 0;  // body-map regions where a trigger point lies
};

struct Topic {
  std::string id;
  std::string summary;
};

// The topics, in the order `ref` lists them.
std::vector<Topic> topics();

// Every entry of every topic.
std::vector<Entry> build(const RuleSet& rules);

// The entries of a topic, or the one entry with that id (a structure, a red flag, …).
std::vector<Entry> select(const std::vector<Entry>& all, std::string_view topic_or_id);

// The entries that mention `term` (ignoring case) at the start of a word; a term of three
// letters or fewer, such as OA or FAI, must be a whole word, so "fai" does not find "faint".
std::vector<Entry> search(const std::vector<Entry>& all, std::string_view term);

// "groin, front of thigh": the names of a set of body-map regions.
std::string region_names(std::uint32_t regions);

// The one-screen card: every red flag as a short sign and its likely cause, most urgent first;
// the parts of the iliopsoas with their referral zones; the key examination signs; and the
// self-care plan in a line.
struct CardRow {
  Level level;
  std::string sign;
  std::string cause;
};

struct CardStructure {
  std::string name;
  std::string zones;
};

struct CardView {
  std::string title;
  std::vector<CardRow> flags;
  std::vector<CardStructure> structures;
  std::vector<std::string> signs;
  std::vector<std::string> self_care;
  SourceIds sources;
};

CardView build_card(const RuleSet& rules);

}  // namespace psoas::reference
