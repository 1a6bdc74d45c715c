// The floor for `batch`: a program that only reads JSON Lines, parses each line with simdjson's
// on-demand parser (every key, and every answer's value), and writes one short line per case. No
// rule set, no engine, no stamp: what a tool that reads the same input with a general JSON parser
// and writes one line per case spends at least. (batch reads plain lines by a narrower path, so
// its reading can cost less than this.) Usage: parse_floor < cases.jsonl > out.jsonl
#include <charconv>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include <simdjson.h>

namespace od = simdjson::ondemand;

namespace {

void append_number(std::string& out, long value) {
  char digits[24];
  out.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
}

// Parses one line and appends {"line":N,"id":…,"answers":K} (K values read), or an error line.
void one_line(od::parser& parser, std::string& padded, std::string_view line, long number,
              std::string& out) {
  padded.assign(line);
  padded.resize(line.size() + simdjson::SIMDJSON_PADDING, ' ');
  out += "{\"line\":";
  append_number(out, number);
  long values = 0;
  std::string_view id;
  od::document doc;
  od::object top;
  bool ok = !parser.iterate(padded.data(), line.size(), padded.size()).get(doc) &&
            !doc.get_object().get(top);
  if (ok) {
    for (auto field : top) {
      std::string_view key;
      if (field.unescaped_key().get(key)) {
        ok = false;
        break;
      }
      if (key == "id") {
        if (field.value().get_string().get(id)) id = {};
      } else if (key == "answers") {
        od::object answers;
        if (field.value().get_object().get(answers)) {
          ok = false;
          break;
        }
        for (auto entry : answers) {
          std::string_view qid, raw;
          if (entry.unescaped_key().get(qid) || entry.value().raw_json_token().get(raw)) {
            ok = false;
            break;
          }
          ++values;
        }
      }
    }
  }
  if (!ok) {
    out += ",\"error\":\"not valid JSON\"}\n";
    return;
  }
  out += ",\"id\":\"";
  out += id;
  out += "\",\"answers\":";
  append_number(out, values);
  out += "}\n";
}

}  // namespace

int main() {
  od::parser parser;
  std::string padded, line, out;
  static char buffer[1 << 16];
  long number = 0;
  for (std::size_t size; (size = std::fread(buffer, 1, sizeof buffer, stdin)) > 0;) {
    for (std::size_t at = 0; at < size;) {
      const auto* newline = static_cast<const char*>(std::memchr(buffer + at, '\n', size - at));
      const std::size_t n = newline ? static_cast<std::size_t>(newline - (buffer + at)) : size - at;
      line.append(buffer + at, n);
      at += n;
      if (!newline) break;
      ++at;
      one_line(parser, padded, line, ++number, out);
      line.clear();
      if (out.size() > (1 << 16)) {
        std::fwrite(out.data(), 1, out.size(), stdout);
        out.clear();
      }
    }
  }
  if (!line.empty()) one_line(parser, padded, line, ++number, out);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return std::fflush(stdout) == 0 ? 0 : 1;
}
