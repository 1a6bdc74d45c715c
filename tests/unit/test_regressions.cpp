// Every crash, hang or sanitizer report the fuzzers found, as a test (the inputs are kept in
// tests/fuzz/regressions/). Run under the sanitize preset, these fail if the fault comes back.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <variant>

#include "helpers.hpp"
#include "interview/answer_parser.hpp"
#include "load/ruleset_loader.hpp"

using namespace psoas;

namespace {

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::filesystem::path kRegressions =
    std::filesystem::path(PSOAS_SOURCE_DIR) / "tests" / "fuzz" / "regressions";

}  // namespace

TEST_CASE("fuzz_rules: a rule set's conditions are read without a dangling reference") {
  // ConditionReader kept a reference to a defaulted temporary list of later question ids; any
  // condition read after the constructor returned used freed stack (AddressSanitizer:
  // stack-use-after-scope in Loader::read_when).
  for (const auto& entry : std::filesystem::directory_iterator(kRegressions / "rules")) {
    std::vector<load::RuleFile> files = {{"fuzz.yaml", read(entry.path())}};
    Errors errors;
    (void)load::load_rule_set(files, errors);
  }
  Errors errors;
  CHECK(load::load_rule_set_path(std::string(PSOAS_SOURCE_DIR) + "/rules", errors).has_value());
}

TEST_CASE("fuzz_interview: separators alone are not an answer to a many-of question") {
  // "\r, \r\r" split into empty parts and was accepted as a given answer with no option chosen.
  for (const auto& entry : std::filesystem::directory_iterator(kRegressions / "interview")) {
    const std::string data = read(entry.path());
    REQUIRE_FALSE(data.empty());
    const RuleSet& rules = test::shipped_rules();
    const Question& q = rules.questions[static_cast<unsigned char>(data[0]) % rules.questions.size()];
    const auto typed = interview::parse_typed(q, std::string_view(data).substr(1));
    if (const auto* answer = std::get_if<Answer>(&typed)) {
      CHECK((answer->state != Answer::State::Given || answer->options != 0 ||
             q.type != QuestionType::ManyOf));
    }
  }
  const Question& many = test::shipped_rules().questions[test::shipped_rules().question_index("activities")];
  for (const char* line : {",", " , ;", "[]", "[ , ]", "\r, \r\r"}) {
    CAPTURE(line);
    CHECK(std::holds_alternative<interview::Invalid>(interview::parse_typed(many, line)));
  }
}
