#include <algorithm>
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/engine.hpp"
#include "helpers.hpp"
#include "interview/answer_parser.hpp"
#include "interview/session.hpp"
#include "load/answers_writer.hpp"
#include "util/atomic_file.hpp"

using namespace psoas;
using namespace psoas::interview;
using psoas::test::answers_from;
using psoas::test::shipped_rules;

namespace {

const Question& question(const std::string& id) {
  const RuleSet& rules = shipped_rules();
  return rules.questions[rules.question_index(id)];
}

Answer typed_answer(const std::string& id, const std::string& line) {
  const Typed typed = parse_typed(question(id), line);
  REQUIRE_MESSAGE(std::holds_alternative<Answer>(typed), line);
  return std::get<Answer>(typed);
}

std::string typed_error(const std::string& id, const std::string& line) {
  const Typed typed = parse_typed(question(id), line);
  REQUIRE_MESSAGE(std::holds_alternative<Invalid>(typed), line);
  return std::get<Invalid>(typed).message;
}

}  // namespace

TEST_CASE("yes, no and don't know in their usual spellings") {
  CHECK(typed_answer("fever", "y").value == 1);
  CHECK(typed_answer("fever", " YES ").value == 1);
  CHECK(typed_answer("fever", "n").value == 0);
  for (const char* dk : {"don't know", "Don\xe2\x80\x99t know", "dont know", "dk", "unknown",
                         "not sure"}) {
    CHECK(typed_answer("fever", dk).state == Answer::State::Unknown);
  }
  CHECK(typed_error("fever", "maybe") == "Please answer yes, no or don't know (y, n, dk).");
}

TEST_CASE("commands at any prompt") {
  CHECK(std::get<Command>(parse_typed(question("age"), "?")) == Command::Help);
  CHECK(std::get<Command>(parse_typed(question("age"), "help")) == Command::Help);
  CHECK(std::get<Command>(parse_typed(question("age"), "back")) == Command::Back);
  CHECK(std::get<Command>(parse_typed(question("age"), "quit")) == Command::Quit);
}

TEST_CASE("one option by number, id, text or unambiguous prefix") {
  CHECK(typed_answer("injury", "2").value == 1);
  CHECK(typed_answer("injury", "major").value == 2);
  CHECK(typed_answer("injury", "no injury").value == 0);
  CHECK(typed_answer("weight_bearing", "lim").value == 1);
  CHECK(typed_error("injury", "m") == "'m' could be minor or major; type more of it, or its number.");
  CHECK(typed_error("injury", "4") == "There is no option 4; choose 1 to 3.");
  CHECK(typed_error("injury", "crash") == "'crash' is not one of the options.");
}

TEST_CASE("several options separated by commas or spaces") {
  CHECK(typed_answer("pain_where", "groin knee").options == 0b1001);
  CHECK(typed_answer("pain_where", "1, 4").options == 0b1001);
  CHECK(typed_answer("pain_where", "front of the hip, low back").options == 0b10010);
  CHECK(typed_answer("pain_where", "[groin, knee]").options == 0b1001);
  // Words from inside an option's text name it when they name no other.
  CHECK(typed_answer("pain_where", "lower spine, front of thigh").options == 0b10100);
  CHECK(typed_answer("pain_where", "outer side of hip").options == 0b10000000);
  CHECK(typed_error("infection_risk", "none, diabetes") ==
        "'None of these' cannot be combined with other options.");
}

TEST_CASE("numbers in range") {
  CHECK(typed_answer("age", "42").value == 42);
  CHECK(typed_error("age", "121") == "Please type a whole number from 0 to 120, or don't know.");
  CHECK(typed_error("age", "4.5").find("whole number") != std::string::npos);
  CHECK(typed_error("age", "") == "Please type an answer, or ? to see why this is asked.");
}

TEST_CASE("a session walks the script, goes back and drops what no longer applies") {
  const RuleSet& rules = shipped_rules();
  Answers start;
  Session session(rules, start);
  REQUIRE(session.current());
  CHECK(rules.questions[*session.current()].id == "age");
  CHECK_FALSE(session.back());
  session.answer(typed_answer("age", "40"));
  CHECK(rules.questions[*session.current()].id == "sex");
  session.answer(typed_answer("sex", "male"));
  // A man is not asked about pregnancy; he is asked about testicle pain.
  CHECK(rules.questions[*session.current()].id == "testicle_pain");
  session.answer(typed_answer("testicle_pain", "no"));
  // The nerve warning signs open a group that a terminal shows as one list.
  const QuestionGroup* nerves = session.current_group();
  REQUIRE(nerves != nullptr);
  CHECK(nerves->id == "nerve_warning_signs");
  const Question list = interview::group_as_list(rules, *nerves);
  const Answer none = std::get<Answer>(interview::parse_typed(list, "none"));
  session.answer_group(interview::group_answers(*nerves, none));
  CHECK(session.answers().by_question[rules.question_index("collapse")].value == 0);
  // "Not sure" on a list means one at a time: no answers, and the questions stay.
  const QuestionGroup* body = session.current_group();
  REQUIRE(body != nullptr);
  const Question body_list = interview::group_as_list(rules, *body);
  const Answer unsure = std::get<Answer>(interview::parse_typed(body_list, "not sure"));
  CHECK(interview::group_answers(*body, unsure).empty());
  const Answer two = std::get<Answer>(interview::parse_typed(body_list, "fever, 3"));
  const std::vector<Answer> picked = interview::group_answers(*body, two);
  REQUIRE(picked.size() == 5);
  CHECK((picked[0].value == 1 && picked[1].value == 0 && picked[2].value == 1));
  for (const char* id : {"fever", "swollen_leg", "nausea", "red_warm_skin", "right_lower_belly"}) {
    CHECK(rules.questions[*session.current()].id == id);
    session.answer(typed_answer(id, "no"));
  }
  session.answer(typed_answer("infection_risk", "none"));
  session.answer(typed_answer("injury", "minor"));
  CHECK(rules.questions[*session.current()].id == "injury_when");
  session.answer(typed_answer("injury_when", "today"));
  CHECK(session.back());
  CHECK(rules.questions[*session.current()].id == "injury_when");
  CHECK(session.number() == 16);
  CHECK(session.back());
  CHECK(rules.questions[*session.current()].id == "injury");
  CHECK(session.number() == 15);  // going back keeps each question's number
  session.answer(typed_answer("injury", "none"));
  CHECK(rules.questions[*session.current()].id == "weight_bearing");
  const int when = rules.question_index("injury_when");
  CHECK(session.answers().by_question[when].state == Answer::State::Missing);
  CHECK(session.answered() == 15);
}

TEST_CASE("prefer not to say asks both the pregnancy and the testicle question") {
  const RuleSet& rules = shipped_rules();
  for (const char* sex : {"prefer_not", "female", "male"}) {
    Session session(rules, answers_from(std::string("answers:\n  age: 30\n  sex: ") + sex + "\n"));
    std::vector<std::string> asked;
    while (session.current() && asked.size() < 4) {
      const std::string id = rules.questions[*session.current()].id;
      asked.push_back(id);
      session.answer(typed_answer(id, "no"));
    }
    CAPTURE(sex);
    const bool pregnancy = std::count(asked.begin(), asked.end(), "pregnant") == 1;
    const bool testicle = std::count(asked.begin(), asked.end(), "testicle_pain") == 1;
    CHECK(pregnancy == (std::string(sex) != "male"));
    CHECK(testicle == (std::string(sex) != "female"));
  }
}

TEST_CASE("a session resumed from answers asks only what is missing") {
  const RuleSet& rules = shipped_rules();
  Session session(rules, answers_from("answers:\n  age: 30\n  sex: male\n  testicle_pain: no\n"
                                      "  saddle_numbness: no\n"));
  CHECK(rules.questions[*session.current()].id == "bladder_bowel");
  CHECK(session.number() == 5);
  // The resumed answers can be gone back to.
  REQUIRE(session.back());
  CHECK(rules.questions[*session.current()].id == "saddle_numbness");
  CHECK(session.number() == 4);
}

TEST_CASE("written answers read back unchanged") {
  const RuleSet& rules = shipped_rules();
  const Answers before = answers_from(R"(id: "case \"7\""
answers:
  age: 30
  fever: unknown
  injury: minor
  pain_where: [groin, knee]
  collapse: no
)");
  const std::string text = load::answers_to_yaml(rules, before, "first line\nsecond line");
  CHECK(text.rfind("# first line\n# second line\nid: \"case \\\"7\\\"\"\nanswers:\n", 0) == 0);
  const Answers after = answers_from(text);
  CHECK(after.id == before.id);
  for (std::size_t i = 0; i < rules.questions.size(); ++i) {
    CHECK(after.by_question[i].state == before.by_question[i].state);
    CHECK(after.by_question[i].value == before.by_question[i].value);
    CHECK(after.by_question[i].options == before.by_question[i].options);
  }
  CHECK(answers_from(load::answers_to_yaml(rules, Answers{})).by_question.size() ==
        rules.questions.size());
}

TEST_CASE("atomic writes replace the whole file and leave no temporary behind") {
  namespace fs = std::filesystem;
  const fs::path folder = fs::temp_directory_path() / "psoas-atomic-test";
  fs::remove_all(folder);
  fs::create_directories(folder);
  const std::string path = (folder / "a.yaml").string();
  CHECK_FALSE(write_file_atomically(path, "one\n").has_value());
  CHECK_FALSE(write_file_atomically(path, "two\n").has_value());
  std::ifstream in(path);
  std::stringstream content;
  content << in.rdbuf();
  CHECK(content.str() == "two\n");
  CHECK(std::distance(fs::directory_iterator(folder), fs::directory_iterator{}) == 1);
  const auto owner_only = fs::perms::owner_read | fs::perms::owner_write;
  CHECK((fs::status(path).permissions() & fs::perms::all) == owner_only);
  CHECK(write_file_atomically((folder / "missing" / "a.yaml").string(), "x").has_value());
  fs::remove_all(folder);
}
