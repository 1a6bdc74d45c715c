#include "load/json_lines.hpp"

#include <algorithm>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <simdjson.h>

#include "load/answers_loader.hpp"
#include "model/answer_text.hpp"
#include "util/suggest.hpp"

namespace psoas::load {

namespace od = simdjson::ondemand;

struct JsonLineReader::Impl {
  explicit Impl(const RuleSet& r) : rules(r) {
    for (std::size_t i = 0; i < r.questions.size(); ++i) index.emplace(r.questions[i].id, i);
    for (const Question& q : r.questions) ids.push_back(q.id);
  }

  const RuleSet& rules;
  std::unordered_map<std::string_view, std::size_t> index;
  std::vector<std::string> ids;
  od::parser parser;
  std::string padded;
  std::vector<char> seen;  // questions already answered on this line

  std::string wrong(const Question& q, std::string_view found) const {
    return fmt::format("'{}' takes {}, not {}", q.id, expected_answer(q), found);
  }

  // The option a string names, or -1 with `error` set.
  int option(const Question& q, std::string_view text, std::string& error) const {
    for (std::size_t i = 0; i < q.options.size(); ++i) {
      if (std::string_view(q.options[i].id) == text) return static_cast<int>(i);
    }
    std::vector<std::string> names;
    for (const Option& o : q.options) names.push_back(o.id);
    std::string hint = did_you_mean(text, names);
    if (hint.empty()) hint = fmt::format("; expected {}", expected_answer(q));
    error = fmt::format("'{}' has no option '{}'{}", q.id, text, hint);
    return -1;
  }

  bool value(const Question& q, od::value v, Answer& out, std::string& error) {
    out = Answer{};
    od::json_type type;
    if (v.type().get(type)) return fail(error, "not valid JSON");
    if (type == od::json_type::null) return true;
    if (type == od::json_type::string) {
      std::string_view text;
      if (v.get_string().get(text)) return fail(error, "not valid JSON");
      // "Yes", "NO" and "Unknown" as answer files and the prompt take them.
      // Compared as string_views, which check sizes before bytes: most answers are option ids.
      if (text.size() <= 7) {
        char lower[7];
        for (std::size_t i = 0; i < text.size(); ++i) {
          const char c = text[i];
          lower[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        }
        const std::string_view word(lower, text.size());
        if (word == "unknown") {
          out.state = Answer::State::Unknown;
          return true;
        }
        if (q.type == QuestionType::YesNo && (word == "yes" || word == "no")) {
          out = {Answer::State::Given, word == "yes" ? 1 : 0, 0};
          return true;
        }
      }
      if (q.type == QuestionType::OneOf) {
        const int i = option(q, text, error);
        if (i < 0) return false;
        out = {Answer::State::Given, i, 0};
        return true;
      }
      if (q.type == QuestionType::Number) {
        if (const int b = band_index(q, text); b >= 0) {
          out = band_answer(q, b);
          return true;
        }
        return fail(error, wrong(q, fmt::format("the text \"{}\" (write numbers without quotes)",
                                                text)));
      }
      if (q.type == QuestionType::ManyOf) {
        return fail(error, wrong(q, fmt::format("the single value '{}' (write it as [\"{}\"])",
                                                text, text)));
      }
      return fail(error, wrong(q, fmt::format("'{}'", text)));
    }
    if (type == od::json_type::boolean && q.type == QuestionType::YesNo) {
      bool b = false;
      if (v.get_bool().get(b)) return fail(error, "not valid JSON");
      out = {Answer::State::Given, b ? 1 : 0, 0};
      return true;
    }
    if (type == od::json_type::number && q.type == QuestionType::Number) {
      std::int64_t n = 0;
      if (v.get_int64().get(n)) {
        return fail(error, wrong(q, "a number that is not whole"));
      }
      if (n < q.min || n > q.max) return fail(error, wrong(q, fmt::format("{}, which is out of range", n)));
      out = {Answer::State::Given, static_cast<int>(n), 0};
      return true;
    }
    if (type == od::json_type::array && q.type == QuestionType::ManyOf) {
      od::array items;
      if (v.get_array().get(items)) return fail(error, "not valid JSON");
      std::uint64_t bits = 0;
      std::size_t count = 0;
      for (auto item : items) {
        std::string_view text;
        if (item.get_string().get(text)) return fail(error, wrong(q, "a list with a non-text item"));
        const int i = option(q, text, error);
        if (i < 0) return false;
        const std::uint64_t bit = std::uint64_t{1} << i;
        if (bits & bit) return fail(error, fmt::format("option '{}' is listed twice", text));
        bits |= bit;
        ++count;
      }
      if (count == 0) {
        return fail(error, fmt::format("'{}' needs at least one option; to say none applies, "
                                       "choose the 'none' option if it has one, or write unknown",
                                       q.id));
      }
      for (std::size_t i = 0; i < q.options.size(); ++i) {
        if (q.options[i].exclusive && ((bits >> i) & 1U) && count > 1) {
          return fail(error, fmt::format("option '{}' of '{}' cannot be combined with other "
                                         "options",
                                         q.options[i].id, q.id));
        }
      }
      out = {Answer::State::Given, 0, bits};
      return true;
    }
    static constexpr const char* kNames[] = {"?", "a list", "a mapping", "a number", "a text",
                                             "true or false", "null"};
    const auto t = static_cast<int>(type);
    return fail(error, wrong(q, t >= 0 && t < 7 ? kNames[t] : "that"));
  }

  static bool fail(std::string& error, std::string message) {
    error = std::move(message);
    return false;
  }

  bool read(std::string_view line, Answers& out, std::string& error) {
    out.id.clear();
    out.expect.reset();
    out.by_question.assign(rules.questions.size(), Answer{});
    padded.assign(line);
    padded.resize(line.size() + simdjson::SIMDJSON_PADDING, ' ');
    od::document doc;
    if (parser.iterate(padded.data(), line.size(), padded.size()).get(doc)) {
      return fail(error, "not valid JSON");
    }
    od::object top;
    if (const auto code = doc.get_object().get(top)) {
      if (code == simdjson::TRAILING_CONTENT) return fail(error, "not valid JSON: text after the object");
      if (code == simdjson::INCORRECT_TYPE) {
        return fail(error, "expected a JSON object like {\"id\": …, \"answers\": {…}}");
      }
      return fail(error, fmt::format("not valid JSON: {}", simdjson::error_message(code)));
    }
    bool seen_answers = false;
    seen.assign(rules.questions.size(), 0);
    std::size_t next = 0;
    for (auto field : top) {
      std::string_view key;
      if (field.unescaped_key().get(key)) return fail(error, "not valid JSON");
      if (key == "id") {
        std::string_view id;
        std::int64_t n = 0;
        if (!field.value().get_string().get(id)) {
          out.id.assign(id);
        } else if (!field.value().get_int64().get(n)) {
          out.id = std::to_string(n);
        } else {
          return fail(error, "'id' must be a text or a whole number");
        }
      } else if (key == "answers") {
        if (seen_answers) return fail(error, "duplicate key 'answers'");
        seen_answers = true;
        od::object answers;
        if (field.value().get_object().get(answers)) {
          return fail(error, "'answers' must be an object of question ids to answers");
        }
        for (auto entry : answers) {
          std::string_view qid;
          if (entry.unescaped_key().get(qid)) return fail(error, "not valid JSON");
          // Keys usually come in script order, skipping questions that do not apply: look a
          // few questions past the last one before the index.
          std::size_t q = next;
          const std::size_t stop = std::min(next + 8, rules.questions.size());
          while (q < stop && std::string_view(rules.questions[q].id) != qid) ++q;
          if (q == stop) {
            auto it = index.find(qid);
            if (it == index.end()) {
              return fail(error, fmt::format("unknown question '{}'{}", qid, did_you_mean(qid, ids)));
            }
            q = it->second;
          }
          next = q + 1;
          if (seen[q]) return fail(error, fmt::format("duplicate key '{}'", qid));
          seen[q] = 1;
          if (!value(rules.questions[q], entry.value(), out.by_question[q], error)) return false;
        }
      } else if (key == "note" || key == "expect") {
        // Free text and vignette expectations: allowed, not needed for a verdict. A value that is
        // not read is skipped as the iteration moves on.
      } else {
        static const std::vector<std::string> kKeys = {"id", "answers", "note", "expect"};
        return fail(error, fmt::format("unknown key '{}'{}", key, did_you_mean(key, kKeys)));
      }
    }
    const char* trailing = nullptr;
    if (!doc.current_location().get(trailing)) {
      return fail(error, "not valid JSON: text after the object");
    }
    if (!seen_answers) return fail(error, "the line lacks the required key 'answers'");
    return true;
  }
};

JsonLineReader::JsonLineReader(const RuleSet& rules) : impl_(std::make_unique<Impl>(rules)) {}
JsonLineReader::~JsonLineReader() = default;

bool JsonLineReader::read(std::string_view line, Answers& out, std::string& error) {
  try {
    return impl_->read(line, out, error);
  } catch (const simdjson::simdjson_error& e) {
    error = fmt::format("not valid JSON: {}", e.what());
    return false;
  }
}

}  // namespace psoas::load
