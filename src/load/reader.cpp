#include "load/reader.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "util/suggest.hpp"

namespace psoas::load {

MapReader::MapReader(const Node& node, std::string what, Errors& errors)
    : node_(node), what_(std::move(what)), errors_(errors), ok_(node.kind == Node::Kind::Map) {
  if (!ok_) {
    errors_.push_back({node.at, fmt::format("{} must be a mapping of keys to values, not {}",
                                            what_, describe(node.kind))});
  }
}

const Node* MapReader::optional(std::string_view key) {
  known_.emplace_back(key);
  return ok_ ? node_.find(key) : nullptr;
}

const Node* MapReader::required(std::string_view key) {
  const Node* value = optional(key);
  if (ok_ && value == nullptr) missing_.emplace_back(key);
  return value;
}

void MapReader::finish() {
  if (!ok_) return;
  for (const Entry& entry : node_.entries) {
    if (std::find(known_.begin(), known_.end(), entry.key) != known_.end()) continue;
    std::string message = fmt::format("unknown key '{}' in {}", entry.key, what_);
    if (auto best = closest(entry.key, known_)) {
      message += fmt::format("; did you mean '{}'?", *best);
    } else {
      message += fmt::format("; expected one of: {}", fmt::join(known_, ", "));
    }
    errors_.push_back({entry.key_at, std::move(message)});
  }
  for (const std::string& key : missing_) {
    errors_.push_back({node_.at, fmt::format("{} lacks the required key '{}'", what_, key)});
  }
}

std::optional<std::string> read_text(const Node& node, std::string_view what, Errors& errors) {
  if (node.kind != Node::Kind::Scalar) {
    errors.push_back({node.at, fmt::format("{} must be a single value, not {}", what,
                                           describe(node.kind))});
    return std::nullopt;
  }
  return node.text;
}

std::optional<long long> parse_whole_number(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  long long value = 0;
  const char* end = text.data() + text.size();
  const char* begin = text.data() + (text.front() == '+' ? 1 : 0);
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc{} || ptr != end || begin == end) return std::nullopt;
  return value;
}

std::optional<int> read_int(const Node& node, std::string_view what, Errors& errors) {
  if (node.kind == Node::Kind::Scalar && !node.quoted) {
    std::string_view digits = node.text;
    if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) digits.remove_prefix(1);
    const bool whole =
        !digits.empty() && digits.find_first_not_of("0123456789") == std::string_view::npos;
    auto value = parse_whole_number(node.text);
    if (value && *value >= -1'000'000 && *value <= 1'000'000) return static_cast<int>(*value);
    if (whole) {
      errors.push_back({node.at, fmt::format("{} must be from -1000000 to 1000000, not {}", what,
                                             node.text)});
      return std::nullopt;
    }
  }
  errors.push_back({node.at, fmt::format("{} must be a whole number", what)});
  return std::nullopt;
}

std::optional<bool> read_bool(const Node& node, std::string_view what, Errors& errors) {
  if (node.kind == Node::Kind::Scalar && !node.quoted) {
    if (node.text == "true") return true;
    if (node.text == "false") return false;
  }
  errors.push_back({node.at, fmt::format("{} must be true or false", what)});
  return std::nullopt;
}

std::optional<std::vector<std::string>> read_text_list(const Node& node, std::string_view what,
                                                       Errors& errors) {
  if (node.kind != Node::Kind::Sequence) {
    errors.push_back({node.at, fmt::format("{} must be a list, like [a, b]", what)});
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const Node& item : node.items) {
    auto text = read_text(item, fmt::format("each item of {}", what), errors);
    if (!text) return std::nullopt;
    out.push_back(*text);
  }
  return out;
}

}  // namespace psoas::load
