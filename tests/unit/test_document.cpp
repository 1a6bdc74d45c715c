#include <doctest/doctest.h>

#include <string>

#include "load/document.hpp"

using namespace psoas;
using namespace psoas::load;

namespace {

std::string first_error(const std::string& text, const Limits& limits = kAnswerLimits) {
  Errors errors;
  auto doc = parse_document(text, "f.yaml", limits, errors);
  REQUIRE_FALSE(doc.has_value());
  REQUIRE(errors.size() == 1);
  return to_string(errors.front());
}

}  // namespace

TEST_CASE("a mapping parses with locations and quoting kept") {
  Errors errors;
  auto doc = parse_document("a: 1\nb: \"yes\"\nc: [x, y]\nd:\n", "f.yaml", kAnswerLimits, errors);
  REQUIRE(doc);
  REQUIRE(doc->entries.size() == 4);
  CHECK(doc->entries[1].key_at.line == 2);
  CHECK(doc->find("a")->text == "1");
  CHECK_FALSE(doc->find("a")->quoted);
  CHECK(doc->find("b")->quoted);
  CHECK(doc->find("c")->items.size() == 2);
  CHECK(doc->find("d")->kind == Node::Kind::Null);
}

TEST_CASE("JSON is read by the same reader, tabs included") {
  Errors errors;
  auto doc = parse_document("{\n\t\"a\": 1,\n\t\"b\": [true, \"x\"]\n}", "f.json", kAnswerLimits,
                            errors);
  REQUIRE(doc);
  CHECK(doc->find("b")->items[0].text == "true");
  CHECK(doc->entries[1].key_at.line == 3);
}

TEST_CASE("inputs that yaml-cpp accepts silently are refused with their place") {
  CHECK(first_error("a: 1\na: 2\n") ==
        "f.yaml:2:1: duplicate key 'a' (first given at line 1); each key may appear once");
  CHECK(first_error("a: &x 1\nb: *x\n").find("f.yaml:1:4: anchors") == 0);
  CHECK(first_error("a: &a [*a]\n").find("anchors") != std::string::npos);
  CHECK(first_error("a: !!str 1\n").find("tags") != std::string::npos);
  CHECK(first_error("a: 1\n---\nb: 2\n") ==
        "f.yaml:3:1: a second document ('---') follows; a file holds exactly one");
}

TEST_CASE("the one-byte document ',' ends with an error, not a loop") {
  CHECK(first_error(",").find("expected a mapping") != std::string::npos);
}

TEST_CASE("empty, binary and malformed input") {
  CHECK(first_error("") == "f.yaml:1:1: file is empty: expected a mapping of keys to values");
  CHECK(first_error("# just a comment\n").find("file is empty") != std::string::npos);
  CHECK(first_error(std::string("a: 1\nb: \0", 9)) ==
        "f.yaml:2:4: a NUL byte: this is not a UTF-8 text file");
  CHECK(first_error("a: \xff\xfe\n") == "f.yaml:1:4: invalid UTF-8: this is not a UTF-8 text file");
  CHECK(first_error("a: [1, 2\n").find("not valid YAML or JSON") != std::string::npos);
  CHECK(first_error("- 1\n- 2\n") ==
        "f.yaml:1:1: expected a mapping of keys to values at the top, found a list");
}

TEST_CASE("limits hold: size, depth and node count") {
  const Limits tiny{64, 4, 10};
  CHECK(first_error(std::string(65, '#'), tiny).find("larger than") != std::string::npos);
  CHECK(first_error("a: [[[[[1]]]]]", tiny).find("nested more than 4 levels") !=
        std::string::npos);
  CHECK(first_error("a: [1,2,3,4,5,6,7,8,9,10,11]", tiny).find("too many values") !=
        std::string::npos);
  // Far deeper than yaml-cpp's own guard: refused early, not a crash.
  const std::string deep = "a: " + std::string(100000, '[') + std::string(100000, ']');
  CHECK(first_error(deep) == "f.yaml:1:35: nested more than 32 levels deep; no valid file is");
  const std::string unclosed = "a: " + std::string(100000, '[');
  CHECK(first_error(unclosed).find("left open?") != std::string::npos);
}
