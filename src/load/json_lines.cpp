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

}  // namespace

// Most lines are plain: {"id": "…", "answers": {…}, "note": "…"}, each answer a text, a whole
// number, true, false, null or a list of texts, for a question of the rule set, and valid. The
// quick path reads those straight into the answers, with the same checks (read_answer) but
// without the located tree the full reader builds. Anything else (a mistake, a repeated key, a
// key or value of another shape) it gives up on, and the full reader reads the line from the
// start: it alone accepts or refuses what the quick path does not, and says where. So a line is
// read alike by either path; tests/fuzz/fuzz_batch.cpp checks that they agree. Most answers are
// found with one lookup in tables read_answer made (known_answers.hpp).
struct JsonLineReader::Impl {
  Impl(const RuleSet& r, Path p)
      : rules(r), path(p), known(r), unanswered(r.questions.size(), Answer{}) {}

  const RuleSet& rules;
  const Path path;
  JsonReader json;
  Node root;  // reused from line to line
  Errors errors;
  const std::string name;

  od::parser parser;
  std::string padded;
  const KnownAnswers known;
  const std::vector<Answer> unanswered;  // every question unanswered: where a line starts
  Node scalar;                 // one answer at a time, for read_answer
  std::vector<char> answered;  // per question: given on this line already

  // Reads `v` into `node` if it is a text, a plain whole number, true, false or null.
  static bool read_scalar(od::value v, od::json_type type, Node& node) {
    std::string_view text;
    switch (type) {
      case od::json_type::string:
        if (v.get_string().get(text)) return false;
        node.reuse_as(Node::Kind::Scalar);
        node.text.assign(text);
        node.quoted = true;
        return true;
      case od::json_type::number:
        text = trim_right(v.raw_json_token());
        if (!is_plain_whole(text)) return false;
        node.reuse_as(Node::Kind::Scalar);
        node.text.assign(text);
        return true;
      case od::json_type::boolean:
        text = trim_right(v.raw_json_token());
        if (text != "true" && text != "false") return false;
        node.reuse_as(Node::Kind::Scalar);
        node.text.assign(text);
        return true;
      case od::json_type::null:
        if (trim_right(v.raw_json_token()) != "null") return false;
        node.reuse_as(Node::Kind::Null);
        return true;
      default:
        return false;
    }
  }

  // One answer's value: a scalar, or a list of texts.
  bool read_value(od::value v, Node& node) {
    od::json_type type;
    if (v.type().get(type)) return false;
    if (type != od::json_type::array) return read_scalar(v, type, node);
    node.reuse_as(Node::Kind::Sequence);
    od::array array;
    if (v.get_array().get(array)) return false;
    std::size_t n = 0;
    for (auto result : array) {
      od::value item;
      if (std::move(result).get(item) || item.type().get(type) || type != od::json_type::string) {
        return false;
      }
      if (n == node.items.size()) node.items.emplace_back();
      if (!read_scalar(item, type, node.items[n++])) return false;
    }
    node.items.resize(n);
    return true;
  }

  // The question a field answers, or -1. The key is matched as it stands in the line, from the
  // question after the last one answered: lines mostly follow the script's order. Only a key
  // written with escapes is unescaped.
  int question_of(od::field& field, std::size_t next) {
    const int i = known.question_at(field.key().raw(), next, rules.questions.size());
    return i >= 0 ? i : question_before(field, next);
  }
  int question_before(od::field& field, std::size_t next) {
    const std::size_t n = rules.questions.size();
    if (const int i = known.question_at(field.key().raw(), 0, std::min(next, n)); i >= 0) return i;
    std::string_view key;
    if (field.unescaped_key().get(key)) return -1;
    return rules.question_index(key, next);
  }

  // Consumes the scalar `v` whose text is `token`, so that the iterator checks what follows it
  // (a value only looked at is skipped without that check). False if it is not one.
  static bool consume(od::value& v, std::string_view token) {
    switch (token.front()) {
      case '"': {
        od::raw_json_string raw;
        return !v.get_raw_json_string().get(raw);
      }
      case 't':
      case 'f': {
        bool b = false;
        return !v.get_bool().get(b);
      }
      case 'n': {
        bool null = false;
        return !v.is_null().get(null) && null;
      }
      default: {
        std::uint64_t n = 0;
        return !v.get_uint64().get(n);
      }
    }
  }

  // A list of options of question `q`, each item found as it stands: read_answer's answer for
  // each alone, and for several, their union, when none is listed twice and none is one that
  // stands alone. Any other list gives the line up to the full reader.
  bool read_options(od::value v, std::size_t q, Answer& out) const {
    od::array array;
    if (v.get_array().get(array)) return false;
    const Answer* first = nullptr;
    std::uint64_t chosen = 0;
    std::size_t n = 0;
    for (auto result : array) {
      od::value item;
      if (std::move(result).get(item)) return false;
      const std::string_view token = trim_right(item.raw_json_token());
      const Answer* a = known.item(q, token);
      if (!a || (a->options & chosen) || !consume(item, token)) return false;
      chosen |= a->options;
      if (!first) first = a;
      ++n;
    }
    if (n == 0 || (n > 1 && (chosen & known.exclusive(q)))) return false;
    out = *first;
    out.options = chosen;
    return true;
  }

  bool read_answers(od::object object, Answers& out) {
    answered.assign(rules.questions.size(), 0);
    std::size_t next = 0;
    for (auto result : object) {
      if (result.error()) return false;
      od::field&& field = std::move(result).value_unsafe();  // checked just above; not copied
      const int i = question_of(field, next);
      if (i < 0 || answered[static_cast<std::size_t>(i)]) return false;
      const auto q = static_cast<std::size_t>(i);
      answered[q] = 1;
      next = q + 1;
      od::value value = field.value();
      const std::string_view token = trim_right(value.raw_json_token());
      if (const Answer* a = known.answer(q, token)) {
        if (!consume(value, token)) return false;
        out.by_question[q] = *a;
      } else if (known.takes_lists(q) && token.substr(0, 1) == "[") {
        if (!read_options(value, q, out.by_question[q])) return false;
      } else if (!read_value(value, scalar) ||
                 !read_answer(scalar, rules.questions[q], out.by_question[q], errors)) {
        return false;
      }
    }
    return true;
  }

  bool quick(std::string_view line, bool in_place, Answers& out) {
    if (line.size() > kAnswerLimits.max_bytes || line.substr(0, 3) == "\xEF\xBB\xBF") return false;
    out.note.clear();
    out.by_question = unanswered;  // copied as bytes
    const char* start = line.data();
    if (!in_place) {
      padded.assign(line);
      padded.resize(line.size() + simdjson::SIMDJSON_PADDING, ' ');
      start = padded.data();
    }
    od::document doc;
    od::object top;
    if (parser.iterate(start, line.size(), line.size() + simdjson::SIMDJSON_PADDING).get(doc) ||
        doc.get_object().get(top)) {
      return false;
    }
    bool id = false, answers = false, note = false;
    for (auto result : top) {
      od::field field;
      std::string_view key, text;
      if (std::move(result).get(field) || field.unescaped_key().get(key)) return false;
      if (key == "answers" && !answers) {
        answers = true;
        od::object object;
        if (field.value().get_object().get(object) || !read_answers(object, out)) return false;
      } else if ((key == "id" && !id) || (key == "note" && !note)) {
        (key == "id" ? id : note) = true;
        od::value value = field.value();
        od::json_type type;
        if (value.type().get(type) || type != od::json_type::string ||
            value.get_string().get(text)) {
          return false;
        }
        (key == "id" ? out.id : out.note).assign(text);
      } else {
        return false;
      }
    }
    // Past the object, the document has no place left unless text follows it.
    const char* after = nullptr;
    return answers && doc.current_location().get(after) != simdjson::SUCCESS;
  }
};

JsonLineReader::JsonLineReader(const RuleSet& rules, Path path)
    : impl_(std::make_unique<Impl>(rules, path)) {}
JsonLineReader::~JsonLineReader() = default;

static_assert(JsonLineReader::kPadding == simdjson::SIMDJSON_PADDING);

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
