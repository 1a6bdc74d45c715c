#include "load/json_document.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>
#include <unordered_set>

#include <fmt/format.h>
#include <simdjson.h>

#include "util/text.hpp"

namespace psoas::load {

namespace od = simdjson::ondemand;

namespace {

// Thrown inside the walk to stop at the first refusal.
struct Refusal {
  const char* at;
  std::string message;
};

// RFC 8259 section 6: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
bool is_json_number(std::string_view s) {
  std::size_t i = 0;
  auto digits = [&] {
    const std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < s.size() && s[i] == '.' && (++i, !digits())) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

// Where a text the parser refused as a whole goes wrong, for the mistakes it cannot place: a
// string left open, a control character inside one, a character no JSON value starts with.
std::optional<std::pair<std::size_t, std::string>> diagnose(std::string_view text) {
  // Outside strings: structure, blanks, numbers and the letters of true, false and null.
  static constexpr std::string_view kJsonOutside = "{}[],: \t\r\n-+.0123456789Eetruefalsn";
  bool in_string = false;
  std::size_t opened = 0;
  std::size_t comma = std::string_view::npos;  // the last thing outside strings was a comma
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      } else if (c < 0x20) {
        return std::pair{i, std::string("not valid JSON: a control character inside a string; "
                                        "write it escaped (\\n, \\t, \\u001b)")};
      }
      continue;
    }
    if ((c == '}' || c == ']') && comma != std::string_view::npos) {
      return std::pair{comma, std::string("not valid JSON: a comma before a closing brace or "
                                          "bracket; JSON allows no trailing comma")};
    }
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
      comma = c == ',' ? i : std::string_view::npos;
    }
    if (c == '"') {
      in_string = true;
      opened = i;
    } else if (c == '#' || c == '/') {
      return std::pair{i, std::string("not valid JSON: JSON has no comments")};
    } else if (c == '\'') {
      return std::pair{i, std::string("not valid JSON: texts and keys are written in double "
                                      "quotes")};
    } else if (kJsonOutside.find(static_cast<char>(c)) == std::string_view::npos) {
      return std::pair{i, fmt::format("not valid JSON: a value cannot start with '{}'",
                                      printable(text.substr(i, 1)))};
    }
  }
  if (in_string) return std::pair{opened, std::string("not valid JSON: a string is not closed")};
  return std::nullopt;
}

std::string explain(simdjson::error_code code) {
  switch (code) {
    case simdjson::UNESCAPED_CHARS:
      return "not valid JSON: a control character inside a string; write it escaped (\\n, \\t, "
             "\\u001b)";
    case simdjson::STRING_ERROR:
      return "not valid JSON: a string is not closed or has a bad escape (JSON knows \\\" \\\\ "
             "\\/ \\b \\f \\n \\r \\t and \\uXXXX)";
    case simdjson::UNCLOSED_STRING: return "not valid JSON: a string is not closed";
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR: return "not valid JSON: expected true, false or null";
    case simdjson::DEPTH_ERROR: return "nested too deeply; no valid file is";
    case simdjson::TRAILING_CONTENT:
      return "not valid JSON: text after the object; a JSON answer holds exactly one object";
    default:
      return "not valid JSON: a comma, colon, brace or bracket is missing or out of place (no "
             "trailing commas, no comments, keys in double quotes)";
  }
}

}  // namespace

struct JsonReader::Impl {
  od::parser parser;
  std::string padded;
  std::string_view text;
  std::optional<TextPositions> positions;
  const std::string* file = nullptr;
  const Limits* limits = nullptr;
  std::size_t nodes = 0;
  const char* last = nullptr;  // the furthest place reached, for errors the parser reports late

  std::size_t offset(const char* p) const {
    if (p == nullptr || p < padded.data()) return 0;
    return std::min(static_cast<std::size_t>(p - padded.data()), text.size());
  }

  Location locate(const char* p) {
    Location where;
    place(where, p);
    return where;
  }

  // Sets `where` to the place of `p`, keeping the storage of its file name.
  void place(Location& where, const char* p) {
    const LineColumn at = positions->at(offset(p));
    where.file.assign(*file);
    where.line = at.line;
    where.column = at.column;
  }

  const char* where(od::value& v) {
    const char* p = nullptr;
    if (v.current_location().get(p)) p = last;
    last = p;
    return p;
  }

  void check(simdjson::error_code code, const char* at) {
    if (code) throw Refusal{at ? at : last, explain(code)};
  }

  void count(const char* at) {
    if (++nodes > limits->max_nodes) {
      throw Refusal{at, fmt::format("too many values (more than {}); this file is far larger "
                                    "than any valid one",
                                    limits->max_nodes)};
    }
  }

  // Per depth, the keys of the object being read, as views into the parser's buffer (alive
  // until the next parse), each with a short hash; kept from one object to the next. Sized for
  // the deepest nesting before a walk begins, so that a nested object never moves its parent's.
  std::vector<std::vector<std::pair<std::uint32_t, std::string_view>>> keys_at_depth;

  void read_object(od::object object, Node& node, int depth) {
    if (depth >= limits->max_depth) {
      throw Refusal{last, fmt::format("nested more than {} levels deep; no valid file is",
                                      limits->max_depth)};
    }
    // For the objects of answer sets, a 256-bit filter of the hashes, and a scan of the keys
    // only when a key's bit is already set; a set once an object is large.
    auto& seen = keys_at_depth[static_cast<std::size_t>(depth)];
    seen.clear();
    std::array<std::uint64_t, 4> filter{};
    std::unordered_set<std::string_view> keys;
    std::size_t n = 0;  // entries read
    for (auto result : object) {
      od::field field;
      check(std::move(result).get(field), nullptr);
      const char* key_at = field.key().raw() - 1;
      last = key_at;
      std::string_view key;
      check(field.unescaped_key().get(key), key_at);
      count(key_at);
      bool repeated = false;
      if (seen.size() < 64) {
        std::uint32_t hash = 2166136261u;  // FNV-1a
        for (const char c : key) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
        std::uint64_t& word = filter[(hash >> 6) & 3];
        const std::uint64_t bit = std::uint64_t{1} << (hash & 63);
        if (word & bit) {
          repeated = std::any_of(seen.begin(), seen.end(), [&](const auto& other) {
            return other.first == hash && other.second == key;
          });
        }
        word |= bit;
        seen.emplace_back(hash, key);
      } else {
        if (keys.empty()) {
          for (const auto& entry : seen) keys.insert(entry.second);
        }
        repeated = !keys.insert(key).second;
      }
      if (repeated) {
        const auto first = std::find_if(node.entries.begin(), node.entries.begin() + n,
                                        [&](const Entry& e) { return e.key == key; });
        throw Refusal{key_at, fmt::format("duplicate key '{}' (first given at line {}); each key "
                                          "may appear once",
                                          key, first->key_at.line)};
      }
      if (n == node.entries.size()) node.entries.push_back(Entry{{}, {}, std::make_unique<Node>()});
      Entry& entry = node.entries[n++];
      entry.key.assign(key);
      place(entry.key_at, key_at);
      read_value(field.value(), depth + 1, *entry.value);
    }
    node.entries.erase(node.entries.begin() + static_cast<std::ptrdiff_t>(n), node.entries.end());
  }

  void read_value(od::value value, int depth, Node& node) {
    const char* at = where(value);
    place(node.at, at);
    count(at);
    od::json_type type;
    if (value.type().get(type)) {
      const char c = at ? *at : '?';
      if (c == '\'') throw Refusal{at, "not valid JSON: texts and keys are written in double quotes"};
      if (c == '}' || c == ']') {
        throw Refusal{at, "not valid JSON: a comma before a closing brace or bracket; JSON "
                          "allows no trailing comma"};
      }
      throw Refusal{at, fmt::format("not valid JSON: a value cannot start with '{}'",
                                    printable(std::string_view(&c, 1)))};
    }
    switch (type) {
      case od::json_type::object: {
        node.reuse_as(Node::Kind::Map);
        od::object object;
        check(value.get_object().get(object), at);
        read_object(object, node, depth);
        break;
      }
      case od::json_type::array: {
        node.reuse_as(Node::Kind::Sequence);
        if (depth >= limits->max_depth) {
          throw Refusal{at, fmt::format("nested more than {} levels deep; no valid file is",
                                        limits->max_depth)};
        }
        od::array array;
        check(value.get_array().get(array), at);
        std::size_t n = 0;  // items read
        for (auto result : array) {
          od::value item;
          check(std::move(result).get(item), nullptr);
          if (n == node.items.size()) node.items.emplace_back();
          read_value(item, depth + 1, node.items[n++]);
        }
        node.items.erase(node.items.begin() + static_cast<std::ptrdiff_t>(n), node.items.end());
        break;
      }
      case od::json_type::string: {
        std::string_view unescaped;
        check(value.get_string().get(unescaped), at);
        node.reuse_as(Node::Kind::Scalar);
        node.text.assign(unescaped);
        node.quoted = true;
        break;
      }
      case od::json_type::number: {
        const std::string_view token = trim_right(value.raw_json_token());
        if (!is_json_number(token)) {
          throw Refusal{at, fmt::format("not valid JSON: '{}' is not a number; JSON numbers are "
                                        "decimal, without leading zeros",
                                        printable(token))};
        }
        node.reuse_as(Node::Kind::Scalar);
        node.text.assign(token);
        break;
      }
      case od::json_type::boolean:
      case od::json_type::null: {
        const std::string_view token = trim_right(value.raw_json_token());
        if (token != "true" && token != "false" && token != "null") {
          throw Refusal{at, explain(simdjson::N_ATOM_ERROR)};
        }
        node.reuse_as(token == "null" ? Node::Kind::Null : Node::Kind::Scalar);
        if (token != "null") node.text.assign(token);
        break;
      }
    }
  }

  bool parse(std::string_view input, const std::string& name, const Limits& lim, Errors& errors,
             Node& root) {
    text = input;
    file = &name;
    limits = &lim;
    nodes = 0;
    positions.emplace(text);
    if (keys_at_depth.size() <= static_cast<std::size_t>(limits->max_depth)) {
      keys_at_depth.resize(static_cast<std::size_t>(limits->max_depth) + 1);
    }
    if (text.size() > limits->max_bytes) {
      errors.push_back({{name, 0, 0}, fmt::format("file is larger than the {} KiB limit",
                                                  limits->max_bytes / 1024)});
      return false;
    }
    padded.assign(text);
    padded.resize(text.size() + simdjson::SIMDJSON_PADDING, ' ');
    last = padded.data();
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
      errors.push_back({{name, 1, 1}, "a byte order mark starts the file; JSON is written "
                                      "without one (save it as UTF-8 without BOM)"});
      return false;
    }
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      errors.push_back({{name, 1, 1}, "file is empty: expected a mapping of keys to values"});
      return false;
    }
    od::document doc;
    try {
      if (auto code = parser.iterate(padded.data(), text.size(), padded.size()).get(doc)) {
        const auto found = diagnose(text);
        throw Refusal{padded.data() + (found ? found->first : 0),
                      found ? found->second : explain(code)};
      }
      od::json_type type;
      const char* start = nullptr;
      if (doc.current_location().get(start)) start = padded.data();
      last = start;
      if (auto code = doc.type().get(type)) {
        if (*start == '\'') check(code, start);
        type = od::json_type::string;  // a scalar document: refused below
      }
      if (type != od::json_type::object) {
        const auto kind = type == od::json_type::array ? Node::Kind::Sequence : Node::Kind::Scalar;
        errors.push_back({locate(start), fmt::format("expected a mapping of keys to values at the "
                                                     "top, found {}",
                                                     describe(kind))});
        return false;
      }
      root.reuse_as(Node::Kind::Map);
      place(root.at, start);
      od::object object;
      check(doc.get_object().get(object), start);
      count(start);
      read_object(object, root, 0);
      // Past the object, the document has no place left unless text follows it.
      if (const char* after = nullptr; !doc.current_location().get(after)) {
        throw Refusal{after, explain(simdjson::TRAILING_CONTENT)};
      }
      return true;
    } catch (const Refusal& refusal) {
      // simdjson checks UTF-8 and refuses a NUL byte, but says where only as the YAML reader
      // does: so a refused text is scanned for them first, and a text that parses needs no scan.
      if (auto bad = find_bad_byte(text)) {
        errors.push_back({locate(padded.data() + bad->offset),
                          fmt::format("{}: this is not a UTF-8 text file", bad->what)});
        return false;
      }
      // The parser's own complaint is vague; a mistake it could not place may say more.
      const auto found = refusal.message == explain(simdjson::TAPE_ERROR) ? diagnose(text)
                                                                          : std::nullopt;
      if (found) {
        errors.push_back({locate(padded.data() + found->first), found->second});
      } else {
        errors.push_back({locate(refusal.at), refusal.message});
      }
    } catch (const simdjson::simdjson_error& e) {
      errors.push_back({locate(last), explain(e.error())});
    }
    return false;
  }
};

JsonReader::JsonReader() : impl_(std::make_unique<Impl>()) {}
JsonReader::~JsonReader() = default;

std::optional<Node> JsonReader::parse(std::string_view text, const std::string& file,
                                      const Limits& limits, Errors& errors) {
  Node root;
  if (!impl_->parse(text, file, limits, errors, root)) return std::nullopt;
  return root;
}

bool JsonReader::parse_into(std::string_view text, const std::string& file, const Limits& limits,
                            Errors& errors, Node& root) {
  return impl_->parse(text, file, limits, errors, root);
}

std::optional<Node> parse_json_document(std::string_view text, const std::string& file,
                                        const Limits& limits, Errors& errors) {
  JsonReader reader;
  return reader.parse(text, file, limits, errors);
}

bool is_json_input(std::string_view name, std::string_view text) {
  auto ends_with = [&](std::string_view tail) {
    if (name.size() < tail.size()) return false;
    return std::equal(tail.begin(), tail.end(), name.end() - static_cast<long>(tail.size()),
                      [](char t, char c) { return t == (c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
  };
  if (ends_with(".json")) return true;
  if (name != "<stdin>") return false;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // refused, but as JSON
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text[first] == '{';
}

}  // namespace psoas::load
