#include "util/text.hpp"

#include <string.h>  // memrchr

#include <cstdint>
#include <cstring>

#include <algorithm>

#include <fmt/format.h>

namespace psoas {

std::optional<BadByte> find_bad_byte(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    if (c == 0) return BadByte{i, "a NUL byte"};
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t extra = 0;
    unsigned min = 0;
    unsigned cp = 0;
    if ((c & 0xE0) == 0xC0) {
      extra = 1, min = 0x80, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2, min = 0x800, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3, min = 0x10000, cp = c & 0x07;
    } else {
      return BadByte{i, "invalid UTF-8"};
    }
    if (i + extra >= n) return BadByte{i, "invalid UTF-8 (cut short)"};
    for (std::size_t k = 1; k <= extra; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return BadByte{i, "invalid UTF-8"};
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return BadByte{i, "invalid UTF-8"};
    }
    i += extra + 1;
  }
  return std::nullopt;
}

namespace {

bool is_ascii(std::string_view text) {
  std::uint64_t high = 0;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    high |= word;
  }
  for (; i < text.size(); ++i) high |= static_cast<unsigned char>(text[i]);
  return (high & 0x8080808080808080u) == 0;
}

}  // namespace

TextPositions::TextPositions(std::string_view text)
    : text_(text),
      ascii_(is_ascii(text)),
      one_line_(std::memchr(text.data(), '\n', text.size()) == nullptr) {}

LineColumn TextPositions::at(std::size_t offset) {
  if (offset < offset_) {
    offset_ = 0;
    at_ = {1, 1};
  }
  const std::size_t end = std::min(offset, text_.size());
  std::size_t from = offset_;
  if (const void* p = one_line_ ? nullptr : memrchr(text_.data() + from, '\n', end - from)) {
    const std::size_t last = static_cast<std::size_t>(static_cast<const char*>(p) - text_.data());
    int lines = 0;
    for (std::size_t k = from; k <= last; ++k) lines += text_[k] == '\n';
    at_.line += lines;
    at_.column = 1;
    from = last + 1;
  }
  if (ascii_) {
    at_.column += static_cast<int>(end - from);  // a byte is a character
  } else {
    for (std::size_t k = from; k < end; ++k) {
      // count characters: continuation bytes do not start one
      at_.column += (static_cast<unsigned char>(text_[k]) & 0xC0) != 0x80;
    }
  }
  offset_ = end;
  return at_;
}

LineColumn line_column_at(std::string_view text, std::size_t offset) {
  LineColumn at{1, 1};
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++at.line;
      at.column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++at.column;  // count characters: continuation bytes do not start one
    }
  }
  return at;
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02x}", c);
    } else if (c == 0xc2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
      out += fmt::format("\\u00{:02x}", static_cast<unsigned char>(text[i + 1]));
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace psoas
