#include "report/escape.hpp"

#include <array>
#include <cctype>

#include "util/text.hpp"

namespace psoas::report {

std::string text_safe(std::string_view text) { return printable(text); }

namespace {

// Whether `text` ends with a scheme that runs code when followed: "javascript" and the like,
// in any case.
bool ends_with_code_scheme(std::string_view text) {
  static constexpr std::array<std::string_view, 3> kSchemes = {"javascript", "vbscript", "data"};
  for (std::string_view scheme : kSchemes) {
    if (text.size() < scheme.size()) continue;
    const std::string_view tail = text.substr(text.size() - scheme.size());
    bool same = true;
    for (std::size_t k = 0; k < scheme.size(); ++k) {
      same = same && std::tolower(static_cast<unsigned char>(tail[k])) == scheme[k];
    }
    if (same) return true;
  }
  return false;
}

}  // namespace

std::string markdown_safe(std::string_view text) {
  static constexpr std::string_view kSyntax = "\\`*_[]<>|~#";
  const std::string plain = printable(text);
  const std::string_view view = plain;
  std::string out;
  out.reserve(plain.size() + 8);
  for (std::size_t i = 0; i < view.size(); ++i) {
    const char c = view[i];
    if (kSyntax.find(c) != std::string_view::npos ||
        (c == ':' && ends_with_code_scheme(view.substr(0, i)))) {
      out += '\\';
    }
    out += c;
  }
  return out;
}

std::string html_safe(std::string_view text) {
  std::string kept;
  kept.reserve(text.size());
  for (char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if ((b < 0x20 && c != '\t' && c != '\n' && c != '\r') || b == 0x7f) continue;
    kept += c;
  }
  return xml_escape(kept);
}

}  // namespace psoas::report
