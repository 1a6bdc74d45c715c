#include <doctest/doctest.h>

#include <algorithm>
#include <bit>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/engine.hpp"
#include "helpers.hpp"
#include "interview/answer_parser.hpp"
#include "interview/session.hpp"
#include "load/answers_writer.hpp"
#include "model/answer_text.hpp"
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
  // The nerve warning signs open a group that a terminal shows as one list.
  const QuestionGroup* nerves = session.current_group();
  REQUIRE(nerves != nullptr);
  CHECK(nerves->id == "nerve_warning_signs");
  const interview::GroupList list = interview::group_as_list(rules, *nerves, session.answers().by_question);
  const Answer none = std::get<Answer>(interview::parse_typed(list.list, "none"));
  const auto all_no = std::get<std::vector<Answer>>(interview::group_answers(rules, *nerves, list, none));
  session.answer_group(list.members, all_no);
  CHECK(session.answers().by_question[rules.question_index("collapse")].value == 0);
  CHECK(session.number() == 4);  // a list is one prompt
  // A man's list of body signs has the testicle line and a line per kind of lump.
  const QuestionGroup* body = session.current_group();
  REQUIRE(body != nullptr);
  const interview::GroupList body_list = interview::group_as_list(rules, *body, session.answers().by_question);
  CHECK(body_list.list.options.front().id == "testicle_pain");
  CHECK(body_list.list.options.size() == 10);  // 6 yes/no, 3 kinds of lump, none of these
  // "Not sure" on a list means one at a time: no answers, and the questions stay.
  const Answer unsure = std::get<Answer>(interview::parse_typed(body_list.list, "not sure"));
  CHECK(std::get<std::vector<Answer>>(interview::group_answers(rules, *body, body_list, unsure)).empty());
  // Two kinds of lump are two answers to one question: refused.
  const Answer lumps = std::get<Answer>(interview::parse_typed(body_list.list, "8, 9"));
  CHECK(std::holds_alternative<interview::Invalid>(interview::group_answers(rules, *body, body_list, lumps)));
  const Answer two = std::get<Answer>(interview::parse_typed(body_list.list, "fever, 4, groin lump lump"));
  const auto picked = std::get<std::vector<Answer>>(interview::group_answers(rules, *body, body_list, two));
  REQUIRE(picked.size() == 7);
  CHECK((picked[0].value == 0 && picked[1].value == 1 && picked[3].value == 1));
  const Question& lump = rules.questions[rules.question_index("groin_lump")];
  CHECK(lump.options[static_cast<std::size_t>(picked[6].value)].id == "lump");
  // Answered one by one instead, in script order.
  for (const char* id : {"testicle_pain", "fever", "swollen_leg", "nausea", "red_warm_skin",
                         "right_lower_belly"}) {
    CHECK(rules.questions[*session.current()].id == id);
    session.answer(typed_answer(id, "no"));
  }
  session.answer(typed_answer("groin_lump", "none"));
  // The background list: a man is not asked about pregnancy.
  const QuestionGroup* background = session.current_group();
  REQUIRE(background != nullptr);
  const interview::GroupList background_list =
      interview::group_as_list(rules, *background, session.answers().by_question);
  CHECK(background_list.list.options.front().id == "anticoagulant");
  CHECK(background_list.headings[4] == rules.questions[rules.question_index("infection_risk")].item);
  const Answer nothing = std::get<Answer>(interview::parse_typed(background_list.list, "none"));
  session.answer_group(background_list.members,
                       std::get<std::vector<Answer>>(interview::group_answers(rules, *background, background_list, nothing)));
  const int infection = rules.question_index("infection_risk");
  CHECK(rules.questions[infection].options[std::countr_zero(session.answers().by_question[infection].options)].id == "none");
  // How the pain began: a minor injury picked; its follow-up comes next.
  const QuestionGroup* began = session.current_group();
  REQUIRE(began != nullptr);
  const interview::GroupList began_list = interview::group_as_list(rules, *began, session.answers().by_question);
  const Answer minor = std::get<Answer>(interview::parse_typed(began_list.list, "injury minor"));
  session.answer_group(began_list.members,
                       std::get<std::vector<Answer>>(interview::group_answers(rules, *began, began_list, minor)));
  CHECK(answer_token(rules.questions[rules.question_index("onset")],
                     session.answers().by_question[rules.question_index("onset")]) == "gradual");
  CHECK(rules.questions[*session.current()].id == "injury_when");
  const int number = session.number();
  session.answer(typed_answer("injury_when", "today"));
  CHECK(session.back());
  CHECK(rules.questions[*session.current()].id == "injury_when");
  CHECK(session.number() == number);
  // Back to a list shows the list again, with the same number.
  CHECK(session.back());
  CHECK(session.current_group() == began);
  CHECK(session.number() == number - 1);  // going back keeps each prompt's number
  const Answer no_injury = std::get<Answer>(interview::parse_typed(began_list.list, "none"));
  session.answer_group(began_list.members,
                       std::get<std::vector<Answer>>(interview::group_answers(rules, *began, began_list, no_injury)));
  CHECK(rules.questions[*session.current()].id == "pain_level");
  const int when = rules.question_index("injury_when");
  CHECK(session.answers().by_question[when].state == Answer::State::Missing);
}

TEST_CASE("prefer not to say asks both the pregnancy and the testicle question") {
  const RuleSet& rules = shipped_rules();
  for (const char* sex : {"prefer_not", "female", "male"}) {
    Session session(rules, answers_from(std::string("answers:\n  age: 30\n  sex: ") + sex + "\n"));
    std::vector<std::string> asked;
    while (session.current() && asked.size() < 16) {
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
  Session session(rules, answers_from("answers:\n  age: 30\n  sex: male\n  saddle_numbness: no\n"));
  CHECK(rules.questions[*session.current()].id == "bladder_bowel");
  CHECK(session.number() == 4);
  CHECK(session.current_group() == nullptr);  // a list part answered goes one at a time
  // The resumed answers can be gone back to.
  REQUIRE(session.back());
  CHECK(rules.questions[*session.current()].id == "saddle_numbness");
  CHECK(session.number() == 3);
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
