#pragma once
// Typed reads from a document tree, each failure recorded with its location. Shared by the
// rule-set and answer-file loaders so both speak about mistakes the same way.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "load/document.hpp"

namespace psoas::load {

// Reads the keys of one mapping, and reports every key nobody asked for.
class MapReader {
 public:
  MapReader(const Node& node, std::string what, Errors& errors);

  bool ok() const { return ok_; }
  const Node* required(std::string_view key);
  const Node* optional(std::string_view key);
  // Reports each key of the mapping that was not read, with a suggestion, then each required
  // key that is missing (a misspelt key is the likelier mistake, so it comes first).
  void finish();

  const Node& node() const { return node_; }

 private:
  const Node& node_;
  std::string what_;
  Errors& errors_;
  bool ok_;
  std::vector<std::string> known_;
  std::vector<std::string> missing_;
};

std::optional<std::string> read_text(const Node& node, std::string_view what, Errors& errors);
std::optional<int> read_int(const Node& node, std::string_view what, Errors& errors);
std::optional<bool> read_bool(const Node& node, std::string_view what, Errors& errors);
// A list of texts; a single text is not accepted in its place.
std::optional<std::vector<std::string>> read_text_list(const Node& node, std::string_view what,
                                                       Errors& errors);

// Parses a whole number written plainly (no quotes, no sign tricks, no fractions).
std::optional<long long> parse_whole_number(std::string_view text);

}  // namespace psoas::load
