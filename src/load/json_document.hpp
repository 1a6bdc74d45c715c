#pragma once
// The one JSON reader (RFC 8259, strictly): JSON answer files, standard input that starts with
// '{', and every `batch` line go through it, so one text is accepted or refused alike wherever it
// is given. It builds the same tree as `parse_document` (YAML), under the same limits and the same
// refusals (duplicate keys, too deep, too many values), with every value located. Parsed with
// simdjson: no trailing commas, comments, single quotes, byte order mark, leading zeros, hex
// numbers, or text after the object.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "load/document.hpp"

namespace psoas::load {

class JsonReader {
 public:
  JsonReader();
  ~JsonReader();
  JsonReader(const JsonReader&) = delete;
  JsonReader& operator=(const JsonReader&) = delete;

  // Reads one JSON object from `text`; `file` names it in errors. On failure returns nullopt and
  // appends one located error. The reader's buffers are reused from one call to the next.
  std::optional<Node> parse(std::string_view text, const std::string& file, const Limits& limits,
                            Errors& errors);
  // The same, into `root`, whose storage is reused: a reader of many texts (batch lines) keeps
  // one root and allocates little after the first. On failure `root` holds a partial tree.
  bool parse_into(std::string_view text, const std::string& file, const Limits& limits,
                  Errors& errors, Node& root);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Once, without keeping a reader.
std::optional<Node> parse_json_document(std::string_view text, const std::string& file,
                                        const Limits& limits, Errors& errors);

// Whether an answer input is JSON: a file named *.json, or standard input ("<stdin>") whose
// first character after blanks (and a byte order mark) is '{'. Everything else is YAML.
bool is_json_input(std::string_view name, std::string_view text);

// A token as simdjson gives it (raw_json_token), without the blanks that follow it.
inline std::string_view trim_right(std::string_view token) {
  while (!token.empty() && static_cast<unsigned char>(token.back()) <= ' ' &&
         (token.back() == ' ' || token.back() == '\t' || token.back() == '\n' ||
          token.back() == '\r')) {
    token.remove_suffix(1);
  }
  return token;
}

}  // namespace psoas::load
