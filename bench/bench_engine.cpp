// The engine's own cost per case, and the cost of getting a rule set ready: from YAML (what
// --rules does) against the built-in blob (what start-up does). Google Benchmark reports each;
// bench/run prints them side by side.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/engine.hpp"
#include "load/answers_loader.hpp"
#include "load/answers_writer.hpp"
#include "load/embedded_rules.hpp"
#include "load/json_lines.hpp"
#include "load/rules_blob.hpp"
#include "load/ruleset_loader.hpp"

using namespace psoas;

namespace {

const RuleSet& rules() {
  static const RuleSet r = *load::rules_from_blob(load::embedded_rule_blob());
  return r;
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::filesystem::path kSource = PSOAS_SOURCE_DIR;

const Answers& example() {
  static const Answers a = [] {
    Errors errors;
    return *load::parse_answers(read(kSource / "examples" / "answers.yaml"), "example",
                                rules(), errors);
  }();
  return a;
}

void BM_evaluate(benchmark::State& state) {
  engine::Evaluation e;
  for (auto _ : state) {
    engine::evaluate(rules(), example().by_question, e);
    benchmark::DoNotOptimize(e.level);
  }
}
BENCHMARK(BM_evaluate);

void BM_assess_with_explanation(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(engine::assess(rules(), example().by_question));
}
BENCHMARK(BM_assess_with_explanation);

void BM_answers_digest(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(load::answers_digest(rules(), example()));
}
BENCHMARK(BM_answers_digest);

// The answers hash as batch makes it, for a new answer set each time: 1,331 ages and pain levels
// in turn.
void BM_answers_digest_reused(benchmark::State& state) {
  load::AnswersDigest digest(rules());
  Answers answers = example();
  const auto age = static_cast<std::size_t>(rules().question_index("age"));
  const auto pain = static_cast<std::size_t>(rules().question_index("pain_level"));
  int i = 0;
  for (auto _ : state) {
    answers.by_question[age] = {Answer::State::Given, i % 121, 0};
    answers.by_question[pain] = {Answer::State::Given, (i / 121) % 11, 0};
    i = (i + 1) % 1331;
    benchmark::DoNotOptimize(digest(answers.by_question));
  }
}
BENCHMARK(BM_answers_digest_reused);

void BM_read_json_line(benchmark::State& state) {
  const std::string line =
      R"({"id":"case-1","answers":{"age":38,"saddle_numbness":"no","bladder_bowel":"no","both_legs":"no","leg_weakness":"no","collapse":"no","fever":"no","infection_risk":["none"],"injury":"none","weight_bearing":"normal","anticoagulant":"no","leg_numbness":"no","thigh_numb_knee_gives":"no","swollen_leg":"no","groin_lump":"none","nausea":"no","pain_level":5,"duration_weeks":2,"improving":"same","pain_where":["low_back","buttock"],"aggravators":["standing_upright"],"sitting_hours":9}})";
  load::JsonLineReader reader(rules());
  Answers answers;
  std::string error;
  for (auto _ : state) benchmark::DoNotOptimize(reader.read(line, answers, error));
}
BENCHMARK(BM_read_json_line);

void BM_parse_yaml_answer_file(benchmark::State& state) {
  const std::string text = read(kSource / "examples" / "answers.yaml");
  for (auto _ : state) {
    Errors errors;
    benchmark::DoNotOptimize(load::parse_answers(text, "a.yaml", rules(), errors));
  }
}
BENCHMARK(BM_parse_yaml_answer_file);

void BM_load_rule_set_from_yaml(benchmark::State& state) {
  std::vector<load::RuleFile> files;
  for (const auto& entry : std::filesystem::directory_iterator(kSource / "rules")) {
    files.push_back({entry.path().string(), read(entry.path())});
  }
  std::sort(files.begin(), files.end(), [](auto& a, auto& b) { return a.name < b.name; });
  for (auto _ : state) {
    Errors errors;
    benchmark::DoNotOptimize(load::load_rule_set(files, errors));
  }
}
BENCHMARK(BM_load_rule_set_from_yaml)->Unit(benchmark::kMillisecond);

void BM_load_rule_set_from_blob(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(load::rules_from_blob(load::embedded_rule_blob()));
}
BENCHMARK(BM_load_rule_set_from_blob)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
