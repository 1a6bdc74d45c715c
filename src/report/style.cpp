#include "report/style.hpp"

#include <algorithm>

namespace psoas::report {

// Wraps text to `width` columns after an indent.
std::string wrap(std::string_view raw, std::size_t indent, std::size_t width) {
  const std::string safe = text_safe(raw);
  const std::string_view text = safe;
  std::string out;
  std::size_t column = indent;
  std::size_t start = 0;
  bool first = true;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    if (!word.empty()) {
      if (!first && column + 1 + word.size() > width) {
        out += '\n' + std::string(indent, ' ');
        column = indent;
      } else if (!first) {
        out += ' ';
        ++column;
      }
      out += word;
      column += word.size();
      first = false;
    }
    start = end + 1;
  }
  return out;
}

std::string upper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

const SourceIds& CitedSources::add(const SourceIds& ids) {
  for (const std::string& id : ids) {
    if (std::find(order_.begin(), order_.end(), id) == order_.end()) order_.push_back(id);
  }
  return ids;
}

}  // namespace psoas::report
