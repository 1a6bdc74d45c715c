#pragma once
// Checks on raw input bytes, made before any parser sees them, and escaping for markup output.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace psoas {

struct BadByte {
  std::size_t offset;
  std::string what;  // "a NUL byte", "invalid UTF-8"
};

// The first byte that has no place in a text file: a NUL, or a break in UTF-8.
std::optional<BadByte> find_bad_byte(std::string_view text);

// 1-based line and column (in characters, not bytes) of a byte offset.
struct LineColumn {
  int line;
  int column;
};
LineColumn line_column_at(std::string_view text, std::size_t offset);

// line_column_at for many offsets of one text, in linear time overall when the offsets come in
// order (as a parser reports them): it walks on from the last place asked, and restarts from the
// beginning only when asked about an earlier offset.
class TextPositions {
 public:
  explicit TextPositions(std::string_view text);
  LineColumn at(std::size_t offset);

 private:
  std::string_view text_;
  bool ascii_;     // then a column is a count of bytes
  bool one_line_;  // no line break anywhere (a batch line)
  std::size_t offset_ = 0;
  LineColumn at_{1, 1};
};

// Text made safe inside HTML or XML content and attribute values: & < > " ' escaped.
std::string xml_escape(std::string_view text);

// `text` safe to print on a terminal: control bytes (C0, DEL, and C1 in UTF-8) are written as
// \xNN or \u00NN, so text from a file cannot clear a screen or set a window title.
std::string printable(std::string_view text);

}  // namespace psoas
