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
  std::uint32_t zones = 0;  // body-map regions, for structures
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

// The entries that mention `term` anywhere (ignoring case).
std::vector<Entry> search(const std::vector<Entry>& all, std::string_view term);

}  // namespace psoas::reference
