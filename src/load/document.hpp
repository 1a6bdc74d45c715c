#pragma once
// A small, safe tree read from YAML or JSON text. It is the one place that uses yaml-cpp, and it
// refuses what yaml-cpp would accept silently or choke on: duplicate keys, anchors and aliases,
// tags, several documents, NUL bytes, invalid UTF-8, deep nesting, too many nodes, oversized input.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace psoas::load {

struct Node;

struct Entry {
  std::string key;
  Location key_at;
  std::unique_ptr<Node> value;
};

struct Node {
  enum class Kind { Null, Scalar, Sequence, Map };
  Kind kind = Kind::Null;
  Location at;
  std::string text;     // Scalar only
  bool quoted = false;  // Scalar only: written in quotes, so never a number or a boolean
  bool block = false;   // Scalar only: a YAML block of text (| or >), lines and all
  std::vector<Node> items;      // Sequence only
  std::vector<Entry> entries;   // Map only, in file order

  const Node* find(std::string_view key) const;
  const Entry* find_entry(std::string_view key) const;
  // Makes this node an empty node of `kind`, keeping its storage (its text, its lists and their
  // nodes) to be filled again: a reader of many lines allocates little once the first is read.
  void reuse_as(Kind new_kind) {
    kind = new_kind;
    text.clear();
    quoted = false;
    block = false;
    if (new_kind != Kind::Sequence) items.clear();
    if (new_kind != Kind::Map) entries.clear();
  }
};

// What one input may cost. Answer files are small; rule sets are larger.
struct Limits {
  std::size_t max_bytes;
  int max_depth;
  std::size_t max_nodes;
};
inline constexpr Limits kAnswerLimits{1 << 20, 32, 20'000};
inline constexpr Limits kRuleSetLimits{4 << 20, 64, 400'000};

// Reads one document from `text`. `file` names it in error messages.
// On failure returns nullopt and appends one error with its location.
std::optional<Node> parse_document(std::string_view text, const std::string& file,
                                   const Limits& limits, Errors& errors);

// Reads a whole file (or standard input for "-") with a size cap.
std::optional<std::string> read_file(const std::string& path, std::size_t max_bytes,
                                     Errors& errors);

// "a mapping", "a list", "a scalar", "nothing": for messages.
std::string_view describe(Node::Kind kind);

}  // namespace psoas::load
