#include "load/json_lines.hpp"

#include <vector>

#include <simdjson.h>

#include "load/answers_loader.hpp"
#include "load/json_document.hpp"
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
// read alike by either path; tests/fuzz/fuzz_batch.cpp checks that they agree.
struct JsonLineReader::Impl {
  Impl(const RuleSet& r, Path p) : rules(r), path(p) {}

  const RuleSet& rules;
  const Path path;
  JsonReader json;
  Node root;  // reused from line to line
  Errors errors;
  const std::string name;

  od::parser parser;
  std::string padded;
  Node scalar;                 // one answer at a time, for read_answer
  std::vector<char> answered;  // per question: given on this line already

  // Reads `v` into `node` if it is a text, a plain whole number, true, false or null.
  static bool read_scalar(od::value v, od::json_type type, Node& node) {
    node.text.clear();
    node.quoted = false;
    node.block = false;
    node.items.clear();
    node.entries.clear();
    node.kind = Node::Kind::Scalar;
    std::string_view text;
    switch (type) {
      case od::json_type::string:
        if (v.get_string().get(text)) return false;
        node.text.assign(text);
        node.quoted = true;
        return true;
      case od::json_type::number:
        text = trim_right(v.raw_json_token());
        if (!is_plain_whole(text)) return false;
        node.text.assign(text);
        return true;
      case od::json_type::boolean:
        text = trim_right(v.raw_json_token());
        if (text != "true" && text != "false") return false;
        node.text.assign(text);
        return true;
      case od::json_type::null:
        if (trim_right(v.raw_json_token()) != "null") return false;
        node.kind = Node::Kind::Null;
        return true;
      default: return false;
    }
  }

  // One answer's value: a scalar, or a list of texts.
  bool read_value(od::value v, Node& node) {
    od::json_type type;
    if (v.type().get(type)) return false;
    if (type != od::json_type::array) return read_scalar(v, type, node);
    node.kind = Node::Kind::Sequence;
    node.text.clear();
    node.quoted = false;
    node.block = false;
    node.entries.clear();
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

  bool read_answers(od::object object, Answers& out) {
    answered.assign(rules.questions.size(), 0);
    std::size_t next = 0;  // lines mostly follow the script's order
    for (auto result : object) {
      od::field field;
      std::string_view key;
      if (std::move(result).get(field) || field.unescaped_key().get(key)) return false;
      const int i = rules.question_index(key, next);
      if (i < 0 || answered[static_cast<std::size_t>(i)]) return false;
      answered[static_cast<std::size_t>(i)] = 1;
      next = static_cast<std::size_t>(i) + 1;
      if (!read_value(field.value(), scalar)) return false;
      if (!read_answer(scalar, rules.questions[static_cast<std::size_t>(i)],
                       out.by_question[static_cast<std::size_t>(i)], errors)) {
        return false;
      }
    }
    return true;
  }

  bool quick(std::string_view line, Answers& out) {
    if (line.size() > kAnswerLimits.max_bytes || line.substr(0, 3) == "\xEF\xBB\xBF") return false;
    out.note.clear();
    out.by_question.assign(rules.questions.size(), Answer{});
    padded.assign(line);
    padded.resize(line.size() + simdjson::SIMDJSON_PADDING, ' ');
    od::document doc;
    od::object top;
    if (parser.iterate(padded.data(), line.size(), padded.size()).get(doc) ||
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

bool JsonLineReader::read(std::string_view line, Answers& out, std::string& error) {
  Impl& s = *impl_;
  s.errors.clear();
  out.id.clear();
  out.expect.reset();
  if (s.path == Path::Quick) {
    if (s.quick(line, out)) {
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
