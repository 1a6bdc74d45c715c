#include "load/json_lines.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#include <simdjson.h>

#include "load/answers_loader.hpp"
#include "load/json_document.hpp"
#include "load/known_answers.hpp"
#include "load/reader.hpp"
#include "util/error.hpp"

namespace psoas::load {

namespace od = simdjson::ondemand;

namespace {

// -?(0|[1-9][0-9]*): the whole numbers JSON allows. A number in any other form (a fraction, an
// exponent) is left to the full reader.
bool is_plain_whole(std::string_view token) {
  if (!token.empty() && token.front() == '-') token.remove_prefix(1);
  if (token.empty() || (token.front() == '0' && token.size() > 1)) return false;
  return token.find_first_not_of("0123456789") == std::string_view::npos;
}

// JSON's blanks: space, tab, line feed and carriage return, all below '!'.
bool is_blank(char c) {
  return static_cast<unsigned char>(c) <= ' ' && (c == ' ' || c == '\t' || c == '\n' || c == '\r');
}

// The bytes a number, true, false or null is written with (and some that no JSON value has, so
// that a mistake like 7.0.1 or truex is one token, found nowhere and left to the full reader).
bool is_word_byte(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         c == '-' || c == '+' || c == '.';
}

// A cursor over one line for the quick path. Each step reads one piece of the narrow form plain
// lines take, or says no; it never reads past the line's end.
struct Cursor {
  const char* p;
  const char* end;

  // The next byte that is not a blank, or 0 at the line's end.
  char peek() {
    for (; p < end; ++p) {
      if (!is_blank(*p)) return *p;
    }
    return '\0';
  }
  bool take(char c) {
    if (peek() != c) return false;
    ++p;
    return true;
  }
  // take(c), stepping over the one space most writers put after a ',' or a ':' at once.
  bool take_and_space(char c) {
    if (end - p > 1 && p[0] == c && p[1] == ' ') {
      p += 2;
      return true;
    }
    return take(c);
  }
  bool at_end() {
    peek();
    return p == end;
  }
  // A text in quotes, without escapes or control characters, in valid UTF-8: its bytes between
  // the quotes (so the text it stands for).
  bool text(std::string_view& out) {
    if (!take('"')) return false;
    const char* const start = p;
    bool ascii = true;
    for (; p < end && *p != '"'; ++p) {
      const auto c = static_cast<unsigned char>(*p);
      if (c < 0x20 || c == '\\') return false;
      ascii &= c < 0x80;
    }
    if (p == end) return false;
    out = {start, static_cast<std::size_t>(p - start)};
    ++p;
    return ascii || simdjson::validate_utf8(out.data(), out.size());
  }
  // A value as it stands in the line: a text as text() reads it, quotes included, or a run of
  // word bytes.
  bool token(std::string_view& out) {
    peek();
    const char* const start = p;
    if (p < end && *p == '"') {
      std::string_view inner;
      if (!text(inner)) return false;
    } else {
      while (p < end && is_word_byte(*p)) ++p;
    }
    out = {start, static_cast<std::size_t>(p - start)};
    return !out.empty();
  }
};

}  // namespace

// Most lines are plain: {"id": "…", "answers": {…}, "note": "…"}, each answer a text, a whole
// number, true, false, null or a list of texts, for a question of the rule set, and valid; no
// text written with escapes. The quick path reads those byte by byte straight into the answers
// (a form so narrow needs no general parser), with the same checks (read_answer) but without the
// located tree the full reader builds. Anything else (a mistake, a repeated key, an escape, a
// value of another shape) it gives up on, and the full reader reads the line from the start: it
// alone accepts or refuses what the quick path does not, and says where. So a line is read alike
// by either path; the unit tests and tests/fuzz/fuzz_batch.cpp check that they agree. Most keys
// and answers are found with one comparison in tables read_answer made (known_answers.hpp).
struct JsonLineReader::Impl {
  Impl(const RuleSet& r, Path p)
      : rules(r), path(p), known(r), unanswered(r.questions.size(), Answer{}) {}

  const RuleSet& rules;
  const Path path;
  JsonReader json;
  Node root;  // reused from line to line
  Errors errors;
  const std::string name;

  std::string padded;
  const KnownAnswers known;
  const std::vector<Answer> unanswered;  // every question unanswered: where a line starts
  Node scalar;                 // one answer at a time, for read_answer
  std::vector<char> answered;  // per question: given on this line already

  // Reads `token` (as Cursor::token gives it) into `node` if it is a text, a plain whole number,
  // true, false or null.
  static bool read_scalar(std::string_view token, Node& node) {
    if (token.front() == '"') {
      node.reuse_as(Node::Kind::Scalar);
      node.text.assign(token.substr(1, token.size() - 2));
      node.quoted = true;
      return true;
    }
    if (token == "null") {
      node.reuse_as(Node::Kind::Null);
      return true;
    }
    if (token != "true" && token != "false" && !is_plain_whole(token)) return false;
    node.reuse_as(Node::Kind::Scalar);
    node.text.assign(token);
    return true;
  }

  // The question whose key starts at `key` (just past its opening quote), or -1. Looked for from
  // the question after the last one answered, as lines mostly follow the script's order. A key
  // written with escapes is found nowhere.
  int question_at(const char* key, std::size_t next) const {
    const std::size_t n = rules.questions.size();
    const int i = known.question_at(key, next, n);
    return i >= 0 ? i : known.question_at(key, 0, std::min(next, n));
  }

  // A list of options of question `q`, each item found as it stands: read_answer's answer for
  // each alone, and for several, their union, when none is listed twice and none is one that
  // stands alone. Any other list gives the line up to the full reader.
  bool read_options(Cursor& c, std::size_t q, Answer& out) const {
    if (!c.take('[')) return false;
    const Answer* first = nullptr;
    std::uint64_t chosen = 0;
    std::size_t n = 0;
    do {
      std::size_t size = 0;
      const Answer* a = c.peek() == '"' ? known.item_at(q, c.p, c.end, size) : nullptr;
      if (!a || (a->options & chosen)) return false;
      c.p += size;
      chosen |= a->options;
      if (!first) first = a;
      ++n;
    } while (c.take(','));
    if (!c.take(']') || (n > 1 && (chosen & known.exclusive(q)))) return false;
    out = *first;
    out.options = chosen;
    return true;
  }

  bool read_answers(Cursor& c, Answers& out) {
    if (!c.take('{')) return false;
    if (c.take('}')) return true;
    answered.assign(rules.questions.size(), 0);
    std::size_t next = 0;
    do {
      if (c.peek() != '"') return false;
      const char* const key = c.p + 1;
      const int i = question_at(key, next);
      if (i < 0) return false;
      const auto q = static_cast<std::size_t>(i);
      if (answered[q] || key + known.key_size(q) > c.end) return false;
      c.p = key + known.key_size(q);
      answered[q] = 1;
      next = q + 1;
      if (!c.take_and_space(':')) return false;
      Answer& answer = out.by_question[q];
      const char first = c.peek();
      if (first == '[') {
        if (!known.takes_lists(q) || !read_options(c, q, answer)) return false;
        continue;
      }
      std::size_t size = 0;
      if (const Answer* a = first == '"' ? known.text_at(q, c.p, c.end, size) : nullptr) {
        answer = *a;
        c.p += size;
        continue;
      }
      std::string_view token;
      if (!c.token(token)) return false;
      if (const Answer* a = first == '"' ? nullptr : known.answer(q, token)) {
        answer = *a;
      } else if (!read_scalar(token, scalar) ||
                 !read_answer(scalar, rules.questions[q], answer, errors)) {
        return false;
      }
    } while (c.take_and_space(','));
    return c.take('}');
  }

  bool quick(std::string_view line, bool in_place, Answers& out) {
    if (line.size() > kAnswerLimits.max_bytes || line.substr(0, 3) == "\xEF\xBB\xBF") return false;
    out.note.clear();
    out.by_question = unanswered;  // copied as bytes
    const char* start = line.data();
    if (!in_place) {
      padded.assign(line);
      padded.resize(line.size() + KnownAnswers::kPadding, ' ');
      start = padded.data();
    }
    Cursor c{start, start + line.size()};
    if (!c.take('{')) return false;
    bool id = false, answers = false, note = false;
    do {
      std::string_view key, text;
      if (!c.text(key) || !c.take(':')) return false;
      if (key == "answers" && !answers) {
        answers = true;
        if (!read_answers(c, out)) return false;
      } else if ((key == "id" && !id) || (key == "note" && !note)) {
        (key == "id" ? id : note) = true;
        if (!c.text(text)) return false;
        (key == "id" ? out.id : out.note).assign(text);
      } else {
        return false;
      }
    } while (c.take(','));
    return c.take('}') && c.at_end() && answers;
  }
};

JsonLineReader::JsonLineReader(const RuleSet& rules, Path path)
    : impl_(std::make_unique<Impl>(rules, path)) {}
JsonLineReader::~JsonLineReader() = default;

static_assert(JsonLineReader::kPadding >= KnownAnswers::kPadding);

bool JsonLineReader::read(std::string_view line, Answers& out, std::string& error) {
  return read(line, false, out, error);
}

bool JsonLineReader::read_in_place(std::string_view line, Answers& out, std::string& error) {
  return read(line, true, out, error);
}

bool JsonLineReader::read(std::string_view line, bool in_place, Answers& out,
                          std::string& error) {
  Impl& s = *impl_;
  s.errors.clear();
  out.id.clear();
  out.expect.reset();
  if (s.path == Path::Quick) {
    if (s.quick(line, in_place, out)) {
      ++quick_reads_;
      return true;
    }
    s.errors.clear();
    out.id.clear();
  }
  if (s.json.parse_into(line, s.name, kAnswerLimits, s.errors, s.root) &&
      read_answer_set(s.root, s.rules, out, s.errors, "the line")) {
    return true;
  }
  if (s.errors.empty()) s.errors.push_back({{}, "not valid JSON"});
  error = s.errors.front().message;
  column_ = s.errors.front().where.column;
  return false;
}

}  // namespace psoas::load
