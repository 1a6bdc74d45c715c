#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <fmt/format.h>

#include "helpers.hpp"
#include "load/answers_loader.hpp"
#include "load/answers_writer.hpp"
#include "load/fhir_response.hpp"
#include "load/ruleset_loader.hpp"
#include "util/sha256.hpp"

using namespace psoas;
using psoas::test::answer_error;
using psoas::test::answers_from;
using psoas::test::shipped_rules;

TEST_CASE("answers of every type are read") {
  const RuleSet& rules = shipped_rules();
  const Answers a = answers_from(R"(
id: case-1
answers:
  age: 41
  fever: no
  collapse: false
  injury: minor
  pain_where: [groin, knee]
  saddle_numbness: unknown
  bladder_bowel: null
)");
  CHECK(a.id == "case-1");
  const auto& by = a.by_question;
  CHECK(by[rules.question_index("age")].value == 41);
  CHECK(by[rules.question_index("fever")].value == 0);
  CHECK(by[rules.question_index("collapse")].given());
  CHECK(by[rules.question_index("injury")].value == 1);
  CHECK(by[rules.question_index("pain_where")].options == 0b1001);
  CHECK(by[rules.question_index("saddle_numbness")].state == Answer::State::Unknown);
  CHECK(by[rules.question_index("bladder_bowel")].state == Answer::State::Missing);
}

TEST_CASE("JSON answer files are read too") {
  const Answers a = answers_from(R"({"answers": {"fever": "yes", "age": 30, "pain_where": ["groin"]}})");
  CHECK(a.by_question[shipped_rules().question_index("fever")].value == 1);
}

TEST_CASE("answer-file mistakes are located and explained") {
  CHECK(answer_error("answers:\n  fevr: no\n") ==
        "test.yaml:2:3: unknown question 'fevr'; did you mean 'fever'?");
  CHECK(answer_error("answers:\n  fever: maybe\n") ==
        "test.yaml:2:10: 'fever' takes yes, no or unknown, not 'maybe'");
  CHECK(answer_error("answers:\n  age: 200\n") ==
        "test.yaml:2:8: 'age' takes a whole number from 0 to 120 years (or unknown), not 200, "
        "which is out of range");
  CHECK(answer_error("answers:\n  age: forty\n").find("not 'forty'") != std::string::npos);
  CHECK(answer_error("answers:\n  age: \"40\"\n").find("without quotes") != std::string::npos);
  CHECK(answer_error("answers:\n  pain_where: [grion]\n") ==
        "test.yaml:2:16: 'pain_where' has no option 'grion'; did you mean 'groin'?");
  CHECK(answer_error("answers:\n  pain_where: groin\n").find("write it as [groin]") !=
        std::string::npos);
  CHECK(answer_error("answers:\n  infection_risk: [none, diabetes]\n")
            .find("cannot be combined") != std::string::npos);
  CHECK(answer_error("answers:\n  injury: [minor]\n").find("not a list") != std::string::npos);
  CHECK(answer_error("answer:\n  fever: no\n").find("did you mean 'answers'?") !=
        std::string::npos);
  CHECK(answer_error("answers: [fever]\n").find("must be a mapping") != std::string::npos);
  CHECK(answer_error("answers: {}\nexpect: {level: soon, structure: iliacus}\n")
            .find("unknown level 'soon'") != std::string::npos);
}

namespace {

std::vector<std::string> rule_errors(std::vector<load::RuleFile> files) {
  Errors errors;
  auto rules = load::load_rule_set(files, errors);
  CHECK_FALSE(rules.has_value());
  std::vector<std::string> out;
  for (const Error& e : errors) out.push_back(to_string(e));
  return out;
}

const char* kHeader = R"(id: t
version: "1"
title: T
disclaimer: Not a diagnosis.
likelihood: {high: 8, moderate: 4}
sources:
  - {id: s1, kind: guideline, title: S, where: here}
levels:
  - {id: emergency, title: E, meaning: m, action: a, sources: [s1]}
  - {id: urgent, title: U, meaning: m, action: a, sources: [s1]}
  - {id: see-professional, title: P, meaning: m, action: a, sources: [s1]}
  - {id: self-care, title: C, meaning: m, action: a, sources: [s1]}
structures:
  - {id: iliacus, name: I, origin: o, insertion: i, action: a, referral: r, zones: [groin],
     sources: [s1]}
advice: []
causes: []
evidence: []
)";

bool contains(const std::vector<std::string>& errors, const std::string& part) {
  for (const auto& e : errors) {
    if (e.find(part) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("a minimal rule set in two files loads, and its hash covers both") {
  std::vector<load::RuleFile> files = {
      {"a.yaml", kHeader},
      {"b.yaml", "questions:\n  - {id: q1, type: yes_no, text: T, help: H, sources: [s1]}\n"
                 "red_flags:\n  - {id: f1, level: urgent, title: T, explain: E, when: {q: q1, "
                 "eq: yes}, sources: [s1]}\n"}};
  Errors errors;
  auto rules = load::load_rule_set(files, errors);
  REQUIRE_MESSAGE(rules, (errors.empty() ? "" : to_string(errors.front())));
  CHECK(rules->questions.size() == 1);
  CHECK(rules->hash.size() == 64);
  files[1].text += "# a comment changes the content\n";
  auto changed = load::load_rule_set(files, errors);
  REQUIRE(changed);
  CHECK(changed->hash != rules->hash);
}

TEST_CASE("rule-set mistakes are each reported with their place") {
  const std::string questions = R"(questions:
  - {id: q1, type: yes_no, text: T, help: H, sources: [s1]}
  - {id: q2, type: number, min: 0, max: 10, text: T, help: H, sources: [s2],
     ask_if: {q: q3, eq: yes}}
  - {id: q3, type: yes_no, text: T, help: H, sources: [s1], ask_if: {q: q1, lt: 3}}
red_flags:
  - {id: f1, level: soon, title: T, explain: E, when: {q: q1, eq: yes}, sources: [s1]}
  - {id: f2, level: urgent, title: T, explain: E, when: {q: q2, ge: 11}, sources: [s1]}
  - {id: f3, level: urgent, title: T, explain: E, when: {q: qq1, eq: yes}, sources: [s1]}
)";
  const auto errors = rule_errors({{"h.yaml", kHeader}, {"q.yaml", questions}});
  CHECK(contains(errors, "q.yaml:3:73: unknown source 's2'; did you mean 's1'?"));
  CHECK(contains(errors, "q.yaml:4:18: 'ask_if' of question 'q2' reads 'q3', which is asked after "
                         "it"));
  CHECK(contains(errors, "operator 'lt' does not fit yes_no question 'q1'; use one of: eq, ne, "
                         "answered"));
  CHECK(contains(errors, "a red flag's level must be emergency, urgent or see-professional, not "
                         "'soon'"));
  CHECK(contains(errors, "11 is outside the range of 'q2' (0 to 10)"));
  CHECK(contains(errors, "unknown question 'qq1'; did you mean 'q1'?"));
}

TEST_CASE("items without an id, with a duplicate id or without sources are errors") {
  const std::string questions = R"(questions:
  - {type: yes_no, text: T, help: H, sources: [s1]}
  - {id: q1, type: yes_no, text: T, help: H, sources: [s1]}
  - {id: q1, type: yes_no, text: T, help: H, sources: []}
red_flags: []
)";
  const auto errors = rule_errors({{"h.yaml", kHeader}, {"q.yaml", questions}});
  CHECK(contains(errors, "q.yaml:2:5: an item of 'questions' lacks the required key 'id'"));
  CHECK(contains(errors, "q.yaml:4:10: duplicate id 'q1' in 'questions'"));
  CHECK(contains(errors, "question 'q1' must cite at least one source"));
}

TEST_CASE("a section defined in two files, or unknown, is an error") {
  const auto twice = rule_errors({{"a.yaml", kHeader}, {"b.yaml", "id: again\n"}});
  CHECK(contains(twice, "b.yaml:1:1: section 'id' is already defined at a.yaml:1"));
  const auto unknown = rule_errors({{"a.yaml", std::string(kHeader) + "red_flag: []\n"}});
  CHECK(contains(unknown, "unknown rule-set section 'red_flag'; did you mean 'red_flags'?"));
}

TEST_CASE("a reused AnswersDigest gives the same digest as answers_digest, answer set by answer set") {
  const RuleSet& rules = shipped_rules();
  load::AnswersDigest digest(rules);
  const Answers first = answers_from("answers:\n  age: 41\n  fever: unknown\n  pain_where: [groin, knee]\n");
  const Answers second = answers_from("answers:\n  injury: minor\n  fever: no\n");
  CHECK(digest(first.by_question) == load::answers_digest(rules, first));
  CHECK(digest(second.by_question) == load::answers_digest(rules, second));
  CHECK(digest(first.by_question) == load::answers_digest(rules, first));  // nothing left over
  CHECK(load::answers_digest(rules, second) ==
        sha256_hex("fever=no;injury=minor;"));  // script order, whatever the file's order
}

TEST_CASE("a reused AnswersDigest leaves nothing of one answer set in the next one's digest") {
  const RuleSet& rules = shipped_rules();
  load::AnswersDigest digest(rules);
  // Many answer sets, twice over: each digest is the one-shot SHA-256 of its own canonical text.
  for (int round = 0; round < 2; ++round) {
    for (int years = 0; years <= 120; ++years) {
      for (const char* fever : {"yes", "no", "unknown"}) {
        const Answers other = answers_from(fmt::format(
            "answers:\n  age: {}\n  fever: {}\n  pain_level: mild\n", years, fever));
        CHECK(digest(other.by_question) == load::answers_digest(rules, other));
        CHECK(digest(other.by_question) ==
              sha256_hex(fmt::format("age={};fever={};pain_level=mild;", years, fever)));
      }
    }
  }
}

TEST_CASE("a FHIR QuestionnaireResponse is read as an answer file") {
  const RuleSet& rules = shipped_rules();
  // Written as the export names it: a response must say which questionnaire it answers.
  const std::string head = R"({"resourceType": "QuestionnaireResponse", "questionnaire": ")" +
                           load::questionnaire_canonical(rules) + R"(", "status": "completed",)";
  const Answers a = answers_from(head + R"(
    "item": [{"linkId": "age", "answer": [{"valueInteger": 41}]},
             {"linkId": "fever", "answer": [{"valueBoolean": true}]},
             {"linkId": "injury", "answer": [{"valueCoding": {"code": "minor"}}]},
             {"linkId": "pain_where", "answer": [{"valueCoding": {"code": "groin"}},
                                                 {"valueCoding": {"code": "knee"}}]},
             {"linkId": "night_pain", "extension": [{"url":
               "http://hl7.org/fhir/StructureDefinition/data-absent-reason",
               "valueCode": "asked-unknown"}]}]})");
  CHECK(load::answers_digest(rules, a) ==
        load::answers_digest(rules, answers_from("answers:\n  age: 41\n  fever: yes\n"
                                                 "  injury: minor\n  pain_where: [groin, knee]\n"
                                                 "  night_pain: unknown\n")));
  CHECK(answer_error(head + R"(
    "item": [{"linkId": "age", "answer": [{"valueBoolean": true}]}]})")
            .find("'age' is an integer item; its answer is 'valueInteger', not 'valueBoolean'") !=
        std::string::npos);
}

TEST_CASE("a question no longer asked names the question that asks it now") {
  const std::string good = R"(questions:
  - {id: weak, type: yes_no, text: T, help: H, sources: [s1]}
  - {id: old_weak, type: yes_no, text: T, help: H, sources: [s1], replaced_by: weak}
red_flags:
  - {id: f1, level: urgent, title: T, explain: E, when: {q: old_weak, eq: yes}, sources: [s1]}
)";
  Errors errors;
  const std::vector<load::RuleFile> files = {{"h.yaml", kHeader}, {"q.yaml", good}};
  auto rules = load::load_rule_set(files, errors);
  REQUIRE_MESSAGE(rules, (errors.empty() ? "" : to_string(errors.front())));
  CHECK(rules->questions[1].replaced_by == 0);
  CHECK_FALSE(rules->questions[1].asked());
  CHECK(rules->questions[0].asked());

  const std::string bad = R"(questions:
  - {id: weak, type: yes_no, text: T, help: H, sources: [s1]}
  - {id: old_weak, type: yes_no, text: T, help: H, sources: [s1], replaced_by: waek}
  - {id: older, type: yes_no, text: T, help: H, sources: [s1], replaced_by: old2}
  - {id: old2, type: yes_no, text: T, help: H, sources: [s1], replaced_by: weak,
     ask_if: {q: weak, eq: yes}}
  - {id: other, type: yes_no, text: T, help: H, sources: [s1]}
groups:
  - {id: g, text: T, questions: [old2, other]}
red_flags: []
)";
  const auto errs = rule_errors({{"h.yaml", kHeader}, {"q.yaml", bad}});
  CHECK(contains(errs, "q.yaml:3:80: 'old_weak' is replaced by an unknown question 'waek'; did "
                       "you mean 'weak'?"));
  CHECK(contains(errs, "'older' is replaced by 'old2', which is no longer asked either; name the "
                       "question that asks it now"));
  CHECK(contains(errs, "question 'old2' is no longer asked ('replaced_by'), so it takes no "
                       "'ask_if'"));
  CHECK(contains(errs, "'old2' cannot be in group 'g': it is no longer asked"));
}
