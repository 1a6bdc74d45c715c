#include "load/json_lines.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>
#include <vector>

#include <fmt/format.h>
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

// A short text to be found in a line, compared eight bytes at a time: it is looked for once or
// twice per answer, so it must cost little. The line is padded (simdjson keeps
// SIMDJSON_PADDING bytes after it), so reading up to seven bytes past a text in it is safe.
class PaddedText {
 public:
  explicit PaddedText(std::string_view text) : size_(text.size()) {
    std::vector<std::uint64_t> words((text.size() + 7) / 8 + 1);  // zero-filled
    if (!text.empty()) std::memcpy(words.data(), text.data(), text.size());
    first_ = words[0];
    first_mask_ = mask(std::min<std::size_t>(text.size(), 8));
    if (text.size() > 8) {
      rest_.assign(words.begin() + 1,
                   words.begin() + static_cast<std::ptrdiff_t>((text.size() + 7) / 8));
      last_mask_ = mask(text.size() % 8 ? text.size() % 8 : 8);
    }
  }
  std::size_t size() const { return size_; }
  // Whether the size() bytes at `p` are this text (p is in a padded line). Most texts differ in
  // their first eight bytes, and most are no longer.
  bool at(const char* p) const { return starts(load(p)) && rest_at(p); }
  // Whether a word read at the text's place begins as the text does.
  bool starts(std::uint64_t word) const { return (word & first_mask_) == first_; }
  // Whether the bytes after the first eight are the text's.
  bool rest_at(const char* p) const {
    const std::size_t n = rest_.size();
    for (std::size_t k = 0; k < n; ++k) {
      const std::uint64_t word = load(p + 8 * (k + 1));
      if ((k + 1 == n ? word & last_mask_ : word) != rest_[k]) return false;
    }
    return true;
  }
  static std::uint64_t load(const char* p) {
    std::uint64_t word;
    std::memcpy(&word, p, sizeof word);
    return word;
  }

 private:
  // The first `n` bytes of a word, whatever the machine's byte order.
  static std::uint64_t mask(std::size_t n) {
    unsigned char bytes[8] = {};
    std::memset(bytes, 0xFF, n);
    std::uint64_t m;
    std::memcpy(&m, bytes, sizeof m);
    return m;
  }
  std::size_t size_;
  std::uint64_t first_ = 0, first_mask_ = 0;  // the first eight bytes (or fewer), and which
  std::vector<std::uint64_t> rest_;           // the words after the first, zero-filled
  std::uint64_t last_mask_ = 0;               // the last word's bytes that are the text's
};

}  // namespace

// Most lines are plain: {"id": "…", "answers": {…}, "note": "…"}, each answer a text, a whole
// number, true, false, null or a list of texts, for a question of the rule set, and valid. The
// quick path reads those straight into the answers, with the same checks (read_answer) but
// without the located tree the full reader builds. Anything else (a mistake, a repeated key, a
// key or value of another shape) it gives up on, and the full reader reads the line from the
// start: it alone accepts or refuses what the quick path does not, and says where. So a line is
// read alike by either path; tests/fuzz/fuzz_batch.cpp checks that they agree.
struct JsonLineReader::Impl {
  // What read_answer makes of one question's common answers, found by their JSON text as it
  // stands in the line: the words in quotes ("yes", "unknown", an option, a band), true, false
  // and null, and the whole numbers in range. Made by read_answer itself, once, so an answer
  // found here is the answer read_answer gives; any other text is read as before.
  struct Known {
    std::vector<std::pair<PaddedText, Answer>> tokens;
    std::vector<Answer> numbers;  // numbers[n - min]; empty if the question takes none
    int min = 0;
    // A question of many options: each option as the one item of a list, by its text in quotes,
    // and the options that cannot be combined with others.
    std::vector<std::pair<PaddedText, Answer>> items;
    std::uint64_t exclusive = 0;
    std::optional<PaddedText> id;  // the question's id, if it needs no escaping in JSON

    const Answer* find(std::string_view token) const {
      if (!token.empty() && token.front() >= '0' && token.front() <= '9') {
        if (token.size() > 1 && token.front() == '0') return nullptr;  // leading zero
        int n = 0;
        const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), n);
        if (ec != std::errc{} || end != token.data() + token.size()) return nullptr;
        const auto k = static_cast<std::size_t>(n) - static_cast<std::size_t>(min);
        return n >= min && k < numbers.size() ? &numbers[k] : nullptr;
      }
      return lookup(tokens, token);
    }
    static const Answer* lookup(const std::vector<std::pair<PaddedText, Answer>>& texts,
                                std::string_view token) {
      for (const auto& [text, answer] : texts) {
        if (text.size() == token.size() && text.at(token.data())) return &answer;
      }
      return nullptr;
    }
  };

  static Known known_answers(const Question& q) {
    Known k;
    if (q.id.find_first_of("\"\\") == std::string::npos &&
        q.id.size() + 8 <= simdjson::SIMDJSON_PADDING) {
      k.id.emplace(q.id);  // matched in place, reading at most seven bytes past the key's end
    }
    Node node;
    Errors ignored;
    const auto add = [&](std::string token, Node::Kind kind, std::string_view text, bool quoted) {
      node.reuse_as(kind);
      node.text.assign(text);
      node.quoted = quoted;
      Answer a;
      if (read_answer(node, q, a, ignored)) k.tokens.emplace_back(PaddedText(token), a);
    };
    std::vector<std::string_view> words{"no", "yes", "unknown"};
    for (const Option& o : q.options) words.push_back(o.id);
    for (const Band& b : q.bands) words.push_back(b.id);
    for (std::string_view w : words) {
      if (w.find_first_of("\"\\") != std::string_view::npos) continue;  // would need escaping
      add(fmt::format("\"{}\"", w), Node::Kind::Scalar, w, true);
    }
    if (q.type == QuestionType::ManyOf) {
      for (std::size_t i = 0; i < q.options.size(); ++i) {
        const std::string& id = q.options[i].id;
        if (q.options[i].exclusive) k.exclusive |= std::uint64_t{1} << i;
        if (id.find_first_of("\"\\") != std::string::npos) continue;
        node.reuse_as(Node::Kind::Sequence);
        node.items.resize(1);
        node.items[0].reuse_as(Node::Kind::Scalar);
        node.items[0].text = id;
        node.items[0].quoted = true;
        Answer a;
        if (read_answer(node, q, a, ignored))
          k.items.emplace_back(PaddedText(fmt::format("\"{}\"", id)), a);
      }
    }
    add("true", Node::Kind::Scalar, "true", false);
    add("false", Node::Kind::Scalar, "false", false);
    add("null", Node::Kind::Null, "", false);
    if (q.type == QuestionType::Number && q.min >= 0 && q.max >= q.min && q.max - q.min < 100'000) {
      k.min = q.min;
      for (int n = q.min; n <= q.max; ++n) {
        node.reuse_as(Node::Kind::Scalar);
        node.text = std::to_string(n);
        Answer a;
        if (!read_answer(node, q, a, ignored)) {
          k.numbers.clear();  // not the plain reading expected: leave numbers to read_answer
          break;
        }
        k.numbers.push_back(a);
      }
    }
    return k;
  }

  Impl(const RuleSet& r, Path p) : rules(r), path(p) {
    for (const Question& q : rules.questions) known.push_back(known_answers(q));
  }

  const RuleSet& rules;
  const Path path;
  JsonReader json;
  Node root;  // reused from line to line
  Errors errors;
  const std::string name;

  od::parser parser;
  std::string padded;
  std::vector<Known> known;    // per question
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
  // question after the last one answered (lines mostly follow the script's order); only a key
  // written with escapes is unescaped first.
  int question_of(od::field& field, std::size_t next) {
    const char* raw = field.key().raw();
    const std::uint64_t word = PaddedText::load(raw);
    const auto is = [&](std::size_t i) {
      const std::optional<PaddedText>& id = known[i].id;
      return id && id->starts(word) && id->rest_at(raw) && raw[id->size()] == '"';
    };
    for (std::size_t i = next; i < known.size(); ++i) {
      if (is(i)) return static_cast<int>(i);
    }
    for (std::size_t i = 0; i < next && i < known.size(); ++i) {
      if (is(i)) return static_cast<int>(i);
    }
    std::string_view key;
    if (field.unescaped_key().get(key)) return -1;
    return rules.question_index(key, next);
  }

  // A list of options, each found in `k.items` as it stands: read_answer's answer for each alone,
  // and for several, their union, when none is listed twice and none is one that stands alone.
  // Any other list gives the line up to the full reader.
  static bool read_options(od::value v, const Known& k, Answer& out) {
    od::array array;
    if (v.get_array().get(array)) return false;
    const Answer* first = nullptr;
    std::uint64_t chosen = 0;
    std::size_t n = 0;
    for (auto result : array) {
      od::value item;
      if (std::move(result).get(item)) return false;
      const Answer* a = Known::lookup(k.items, trim_right(item.raw_json_token()));
      if (!a || (a->options & chosen)) return false;
      chosen |= a->options;
      if (!first) first = a;
      ++n;
    }
    if (n == 0 || (n > 1 && (chosen & k.exclusive))) return false;
    out = *first;
    out.options = chosen;
    return true;
  }

  bool read_answers(od::object object, Answers& out) {
    answered.assign(rules.questions.size(), 0);
    std::size_t next = 0;
    for (auto result : object) {
      od::field field;
      if (std::move(result).get(field)) return false;
      const int i = question_of(field, next);
      if (i < 0 || answered[static_cast<std::size_t>(i)]) return false;
      const auto q = static_cast<std::size_t>(i);
      answered[q] = 1;
      next = q + 1;
      od::value value = field.value();
      const std::string_view token = trim_right(value.raw_json_token());
      if (const Answer* a = known[q].find(token)) {
        out.by_question[q] = *a;
      } else if (!known[q].items.empty() && token.substr(0, 1) == "[") {
        if (!read_options(value, known[q], out.by_question[q])) return false;
      } else if (!read_value(value, scalar) ||
                 !read_answer(scalar, rules.questions[q], out.by_question[q], errors)) {
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
