#include <doctest/doctest.h>

#include <string>

#include "helpers.hpp"
#include "load/json_document.hpp"
#include "load/json_lines.hpp"

using psoas::Errors;
using psoas::load::kAnswerLimits;
using psoas::load::Node;
using psoas::load::parse_json_document;

namespace {

// The first error for `text`, as "LINE:COL: message", or "" if it was read.
std::string json_error(const std::string& text) {
  Errors errors;
  if (parse_json_document(text, "f.json", kAnswerLimits, errors)) return "";
  REQUIRE(!errors.empty());
  const auto& e = errors.front();
  return std::to_string(e.where.line) + ":" + std::to_string(e.where.column) + ": " + e.message;
}

}  // namespace

TEST_CASE("the JSON reader builds the located tree the YAML reader builds") {
  Errors errors;
  auto root = parse_json_document("{\"id\": \"a\\u00e9\",\n \"answers\": {\"age\": -0, \"x\": [true, null]}}",
                                  "f.json", kAnswerLimits, errors);
  REQUIRE(root);
  CHECK(root->find("id")->text == "a\xc3\xa9");
  CHECK(root->find("id")->quoted);
  const Node* answers = root->find("answers");
  CHECK(answers->at.line == 2);
  CHECK(answers->at.column == 13);
  CHECK(answers->find("age")->text == "-0");
  CHECK_FALSE(answers->find("age")->quoted);
  CHECK(answers->find("x")->items[0].text == "true");
  CHECK(answers->find("x")->items[1].kind == Node::Kind::Null);
}

namespace {

// The tree as one line of text: kinds, texts, quotes, places and keys, children in order.
std::string dump(const Node& n) {
  std::string out = std::to_string(static_cast<int>(n.kind)) + "@" + n.at.file + ":" +
                    std::to_string(n.at.line) + ":" + std::to_string(n.at.column) +
                    (n.quoted ? "q" : "") + "'" + n.text + "'";
  for (const auto& item : n.items) out += "[" + dump(item) + "]";
  for (const auto& e : n.entries) {
    out += "{" + e.key + "@" + std::to_string(e.key_at.line) + ":" +
           std::to_string(e.key_at.column) + "=" + dump(*e.value) + "}";
  }
  return out;
}

}  // namespace

TEST_CASE("one reader reading into one root, text after text, builds what a fresh read builds") {
  // Shapes that grow, shrink and change kind from one text to the next, and a refused text
  // between them, whose partial tree the next read must not show.
  const char* texts[] = {
      R"({"id": "a", "answers": {"age": 40, "pain_where": ["groin", "knee"], "x": {"y": 1}}})",
      R"({"answers": {"age": "forty", "pain_where": ["groin"]}, "note": null})",
      R"({"answers": {"age": [1, 2, 3], "pain_where": {"k": true}, "x": 1, "z": "w"}, "id": "b"})",
      R"({"answers": {"age": 1, "age": 2}})",
      "{\n  \"id\": \"\u00e9\",\n  \"answers\": {}\n}",
      R"({"answers": {"pain_where": [], "x": {"y": {"z": [null, false]}}}})",
  };
  psoas::load::JsonReader reader;
  Node reused;
  for (const char* text : texts) {
    CAPTURE(text);
    Errors fresh_errors, reused_errors;
    const auto fresh = parse_json_document(text, "f.json", kAnswerLimits, fresh_errors);
    const bool read = reader.parse_into(text, "f.json", kAnswerLimits, reused_errors, reused);
    REQUIRE(read == fresh.has_value());
    if (read) {
      CHECK(dump(reused) == dump(*fresh));
    } else {
      REQUIRE(reused_errors.size() == 1);
      CHECK(reused_errors.front().message == fresh_errors.front().message);
      CHECK(reused_errors.front().where.column == fresh_errors.front().where.column);
    }
  }
}

TEST_CASE("the JSON reader refuses what RFC 8259 does not allow, each at its place") {
  CHECK(json_error(R"({"a": 1, "a": 2})") ==
        "1:10: duplicate key 'a' (first given at line 1); each key may appear once");
  CHECK(json_error(R"({"a": 034})") ==
        "1:7: not valid JSON: '034' is not a number; JSON numbers are decimal, without leading "
        "zeros");
  CHECK(json_error(R"({"a": 0x22})").find("'0x22' is not a number") != std::string::npos);
  CHECK(json_error(R"({"a": [1,]})").find("no trailing comma") != std::string::npos);
  CHECK(json_error("{'a': 1}") == "1:2: not valid JSON: texts and keys are written in double quotes");
  CHECK(json_error("\xEF\xBB\xBF{}").find("byte order mark") != std::string::npos);
  CHECK(json_error("{} {}").find("text after the object") != std::string::npos);
  CHECK(json_error("[1]") == "1:1: expected a mapping of keys to values at the top, found a list");
  CHECK(json_error("  ") == "1:1: file is empty: expected a mapping of keys to values");
  CHECK(json_error(R"({"a": "x)").find("a string is not closed") != std::string::npos);
  CHECK(json_error(std::string(40, '[')).find("expected a mapping") != std::string::npos);
  CHECK(json_error("{\"a\":" + std::string(40, '[') + std::string(40, ']') + "}")
            .find("nested more than 32 levels deep") != std::string::npos);
  CHECK(json_error("{}") == "");
}

TEST_CASE("stdin is JSON when it starts with a brace; files when named .json") {
  using psoas::load::is_json_input;
  CHECK(is_json_input("a.json", "answers: {}"));
  CHECK(is_json_input("A.JSON", ""));
  CHECK_FALSE(is_json_input("a.yaml", "{}"));
  CHECK(is_json_input("<stdin>", "\n  {\"answers\": {}}"));
  CHECK_FALSE(is_json_input("<stdin>", "answers: {}"));
}

TEST_CASE("a batch line is read alike by the quick path and by the full reader") {
  // Plain lines the quick path reads, and lines it must leave to the full reader: mistakes,
  // repeats, other shapes and forms. Each reader reads them in turn, so reuse is covered too.
  const char* lines[] = {
      R"({"id": "a", "answers": {"age": 40, "sex": "female", "pain_where": ["groin", "knee"]}})",
      R"({"answers": {"fever": "YES", "pain_level": "mild", "age": -0}, "note": "n", "id": "b"})",
      R"({"answers": {"fever": true, "nausea": false, "collapse": null, "onset": "unknown"}})",
      R"({"answers": {"infection_risk": ["none", "drugs"]}})",
      R"({"answers": {"sitting_hours": 8, "age": 0, "pain_level": 10, "duration_weeks": "days"}})",
      R"({"answers": {"pain_where": [ "gr\u006fin" , "knee" ], "fever": "\u006eo", "a\u0067e": 120}})",
      R"({"answers": {"infection_risk": ["none"], "activities": ["none"], "side": "left" }})",
      R"({"answers": {"ag": 40}})",
      R"({"answers": {"age_": 40}})",
      R"({"answers": {"infection_risk": ["diabetes", "none"]}})",
      R"({"answers": {"infection_risk": ["diabetes", "injecting_drugs"]}})",
      R"({"answers": {"pain_where": ["groin", "knee", "groin"]}})",
      R"({"answers": {"pain_where": ["Groin"]}})",
      R"({"answers": {"age": 121}})",
      R"({"answers": {"fever": "no":, "age": 30}})",
      R"({"answers": {"pain_where": ["groin":], "age": 30}})",
      R"({"answers": {"age": 07}})",
      R"({"answers": {"age": 7.0}})",
      R"({"answers": {"age": 7e1}})",
      R"({"answers": {"age": 700}})",
      R"({"answers": {"age": "40"}})",
      R"({"answers": {"fever": "maybe"}})",
      R"({"answers": {"fever": tru}})",
      R"({"answers": {"feverr": "yes"}})",
      R"({"answers": {"fever": "yes", "fever": "no"}})",
      R"({"answers": {"\u0066ever": "yes", "fever": "no"}})",
      R"({"answers": {"pain_where": "groin"}})",
      R"({"answers": {"pain_where": []}})",
      R"({"answers": {"pain_where": ["groin", 1]}})",
      R"({"answers": {"pain_where": ["groin", "groin"]}})",
      R"({"answers": {"fever": {"a": 1}}})",
      R"({"answers": {"fever": "yes"}, "expect": {"level": "urgent", "structure": "none"}})",
      R"({"answers": {"fever": "yes"}, "colour": "red"})",
      R"({"id": 7, "answers": {}})",
      R"({"id": "a", "id": "b", "answers": {}})",
      R"({"answers": {}, "note": 3})",
      R"({"id": "a"})",
      R"({"answers": null})",
      R"({"answers": {"fever": "yes"}} {})",
      R"({"answers": {"fever": "yes",}})",
      R"(["answers"])",
      "\xEF\xBB\xBF{\"answers\": {}}",
      "{\"id\": \"\xC3\", \"answers\": {}}",
      "{\"id\": \"\\u00e9\\n\", \"answers\": {\"fever\": \"no\"}}",
      "",
      // Read byte by byte by the quick path: blanks, texts in UTF-8, and the ways a line breaks.
      "\t{ \"id\" :\"caf\xC3\xA9\" ,\r\"answers\":{ \"age\" : 40 ,\"fever\":\"no\" } } ",
      "{\"id\": \"\xC3\xA9\", \"note\": \"a\xFF\", \"answers\": {}}",
      "{\"id\": \"a\tb\", \"answers\": {}}",
      "{\"answers\": {\"fever\": \"no\"}}\x01",
      R"({"answers": {"age": 40x}})",
      R"({"answers": {"age": 40 41}})",
      R"({"answers": {"age" 40}})",
      R"({"answers": {"age": }})",
      R"({"answers": {"age": 40)",
      R"({"answers": {"fev)",
      R"({"answers": {"fever": "no)",
      R"({"answers": {"fever": "no"}}})",
      R"({"answers": {"pain_where": ["groin" "knee"]}})",
      R"({"answers": {"pain_where": ["groin",]}})",
      R"({"answers": {"pain_where": [,"groin"]}})",
      R"({"answers": {"pain_where": ["groin"}})",
      R"({"answers": {"fever": truex, "age": 30}})",
      R"({"answers": {"fever": "no", "age": -1}})",
      R"({"answers": {}, "id": "x"})",
  };
  const psoas::RuleSet& rules = psoas::test::shipped_rules();
  psoas::load::JsonLineReader quick(rules);
  psoas::load::JsonLineReader full(rules, psoas::load::JsonLineReader::Path::Full);
  int read = 0;
  for (const char* line : lines) {
    CAPTURE(line);
    psoas::Answers a, b;
    std::string quick_error, full_error;
    const bool ok = quick.read(line, a, quick_error);
    REQUIRE(ok == full.read(line, b, full_error));
    CHECK(a.id == b.id);
    if (!ok) {
      CHECK(quick_error == full_error);
      CHECK(quick.error_column() == full.error_column());
      continue;
    }
    ++read;
    CHECK(a.note == b.note);
    REQUIRE(a.by_question.size() == b.by_question.size());
    for (std::size_t i = 0; i < a.by_question.size(); ++i) {
      CAPTURE(rules.questions[i].id);
      CHECK(a.by_question[i].state == b.by_question[i].state);
      CHECK(a.by_question[i].value == b.by_question[i].value);
      CHECK(a.by_question[i].options == b.by_question[i].options);
      CHECK(a.by_question[i].band == b.by_question[i].band);
      CHECK(a.by_question[i] == b.by_question[i]);
    }
  }
  // Read: the first three; keys out of the script's order, at the ends of ranges, a band; keys
  // and texts with escapes; lists of one; the escaped id; and by the full reader alone the
  // expect line, the id and the note given as numbers, and `answers: null`. Then the blanks
  // and UTF-8 line, and empty answers.
  CHECK(read == 14);
  // Escapes anywhere (in a key, a text, a list item, the id) leave a line to the full reader.
  CHECK(quick.quick_reads() == 8);
  CHECK(full.quick_reads() == 0);
}
