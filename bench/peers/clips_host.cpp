// A small host for the generated CLIPS rule base: reads the same JSON Lines as `psoas-triage
// batch` and writes one verdict line per case: {"line":N,"id":…,"level":…,"top_structure":…}.
// Per case it resets the environment, asserts one `answer` fact per question, runs the rules and
// reads the `flag` and `support` facts back. Usage: clips_host OUT_DIR < cases.jsonl
// (OUT_DIR holds rules.clp and meta.json from generate.py).
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <simdjson.h>

extern "C" {
#include <clips.h>
}

namespace {

constexpr const char* kLevels[] = {"self-care", "see-professional", "urgent", "emergency"};

struct Question {
  std::string id, type;
  std::vector<std::string> options;
  struct Band {
    std::string id;
    long min, max;
  };
  std::vector<Band> bands;
};

struct Meta {
  std::vector<Question> questions;
  std::unordered_map<std::string, std::size_t> question_index;
  std::unordered_map<std::string, std::pair<int, bool>> flags;  // level, names a look-alike
  std::vector<std::string> structures;
};

Meta read_meta(const std::string& path) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.load(path);
  Meta meta;
  for (simdjson::dom::element q : doc["questions"]) {
    Question question{std::string(q["id"].get_string().value()),
                      std::string(q["type"].get_string().value()), {}, {}};
    for (simdjson::dom::element o : q["options"]) question.options.emplace_back(o.get_string().value());
    for (simdjson::dom::element b : q["bands"]) {
      question.bands.push_back({std::string(b["id"].get_string().value()),
                                static_cast<long>(b["min"].get_int64().value()),
                                static_cast<long>(b["max"].get_int64().value())});
    }
    meta.question_index[question.id] = meta.questions.size();
    meta.questions.push_back(std::move(question));
  }
  for (simdjson::dom::element f : doc["flags"]) {
    meta.flags[std::string(f["id"].get_string().value())] = {
        static_cast<int>(f["level"].get_int64().value()), f["lookalike"].get_bool().value()};
  }
  for (simdjson::dom::element s : doc["structures"]) meta.structures.emplace_back(s.get_string().value());
  return meta;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

// The answer fact for one question, or an empty string when the value is not valid.
std::string answer_fact(const Question& q, simdjson::dom::element* value) {
  const std::string head = "(answer (q " + q.id + ") ";
  if (!value || value->is_null()) return head + "(state missing))";
  if (value->is_string()) {
    const std::string text(value->get_string().value());
    const std::string word = lower(text);
    if (word == "unknown") return head + "(state unknown))";
    if (q.type == "yes_no" && (word == "yes" || word == "no")) {
      return head + "(state given) (value " + word + "))";
    }
    if (q.type == "one_of" &&
        std::find(q.options.begin(), q.options.end(), text) != q.options.end()) {
      return head + "(state given) (value " + text + "))";
    }
    if (q.type == "number") {
      for (const auto& b : q.bands) {
        if (b.id == text) {
          return head + "(state given) (low " + std::to_string(b.min) + ") (high " +
                 std::to_string(b.max) + "))";
        }
      }
    }
    return {};
  }
  if (value->is_bool() && q.type == "yes_no") {
    return head + "(state given) (value " + (value->get_bool().value() ? "yes" : "no") + "))";
  }
  if (value->is_int64() && q.type == "number") {
    const std::string n = std::to_string(value->get_int64().value());
    return head + "(state given) (low " + n + ") (high " + n + "))";
  }
  if (value->is_array() && q.type == "many_of") {
    std::string opts;
    for (simdjson::dom::element item : value->get_array()) {
      if (!item.is_string()) return {};
      opts += ' ';
      opts += item.get_string().value();
    }
    return head + "(state given) (opts" + opts + "))";
  }
  return {};
}

std::string symbol_slot(void* env, void* f, const char* slot) {
  DATA_OBJECT value;
  EnvGetFactSlot(env, f, slot, &value);
  return DOToString(value);
}

long number_slot(void* env, void* f, const char* slot) {
  DATA_OBJECT value;
  EnvGetFactSlot(env, f, slot, &value);
  return DOToLong(value);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: clips_host OUT_DIR < cases.jsonl\n";
    return 2;
  }
  const std::string dir = argv[1];
  const Meta meta = read_meta(dir + "/meta.json");
  void* env = CreateEnvironment();
  if (EnvLoad(env, (dir + "/rules.clp").c_str()) != 1) {
    std::cerr << "clips_host: cannot load " << dir << "/rules.clp\n";
    return 1;
  }
  simdjson::dom::parser parser;
  std::string line, out;
  std::vector<simdjson::dom::element> values;
  std::vector<char> present;
  std::vector<long> scores;
  std::vector<long> strongest;  // per structure: its strongest single sign, which breaks ties
  long number = 0;
  while (std::getline(std::cin, line)) {
    ++number;
    out = "{\"line\":" + std::to_string(number);
    simdjson::dom::element doc;
    simdjson::dom::object answers;
    if (parser.parse(line).get(doc) || doc["answers"].get_object().get(answers)) {
      std::cout << out << ",\"error\":\"bad line\"}\n";
      continue;
    }
    std::string_view id;
    if (doc["id"].get_string().get(id)) id = {};
    values.assign(meta.questions.size(), {});
    present.assign(meta.questions.size(), 0);
    bool ok = true;
    for (auto [key, value] : answers) {
      const auto it = meta.question_index.find(std::string(key));
      if (it == meta.question_index.end()) ok = false;
      else {
        values[it->second] = value;
        present[it->second] = 1;
      }
    }
    EnvReset(env);
    for (std::size_t i = 0; ok && i < meta.questions.size(); ++i) {
      const std::string f = answer_fact(meta.questions[i], present[i] ? &values[i] : nullptr);
      if (f.empty() || !EnvAssertString(env, f.c_str())) ok = false;
    }
    if (!ok) {
      std::cout << out << ",\"error\":\"bad answer\"}\n";
      continue;
    }
    EnvRun(env, -1);
    // The verdict rule: a flag that holds raises the verdict to its level; one neither true nor
    // false raises it to at least see-professional. The leading look-alike: a fired flag at
    // urgent or above that names one.
    std::unordered_map<std::string, int> flag_values;  // 2 true, 0 false
    scores.assign(meta.structures.size(), 0);
    strongest.assign(meta.structures.size(), 0);
    for (void* f = EnvGetNextFact(env, nullptr); f; f = EnvGetNextFact(env, f)) {
      const char* name = EnvGetDeftemplateName(env, EnvFactDeftemplate(env, f));
      if (std::string_view(name) == "flag") {
        flag_values[symbol_slot(env, f, "id")] = symbol_slot(env, f, "value") == "true" ? 2 : 0;
      } else if (std::string_view(name) == "support") {
        const std::string s = symbol_slot(env, f, "structure");
        const auto at = std::find(meta.structures.begin(), meta.structures.end(), s);
        const long points = number_slot(env, f, "points");
        scores[at - meta.structures.begin()] += points;
        strongest[at - meta.structures.begin()] =
            std::max(strongest[at - meta.structures.begin()], points);
      }
    }
    int level = 0;
    bool lookalike = false;
    for (const auto& [flag, info] : meta.flags) {
      const auto it = flag_values.find(flag);
      const int value = it == flag_values.end() ? 1 : it->second;
      if (value == 2) {
        level = std::max(level, info.first);
        if (info.first >= 2 && info.second) lookalike = true;
      } else if (value == 1) {
        level = std::max(level, std::min(info.first, 1));
      }
    }
    int best = -1;
    for (std::size_t s = 0; s < scores.size(); ++s) {
      if (scores[s] > 0 &&
          (best < 0 || scores[s] > scores[best] ||
           (scores[s] == scores[best] && strongest[s] > strongest[best]))) {
        best = static_cast<int>(s);
      }
    }
    out += ",\"id\":\"";
    out += id;
    out += "\",\"level\":\"";
    out += kLevels[level];
    out += "\",\"top_structure\":\"";
    out += best >= 0 && !lookalike ? meta.structures[best] : "none";
    out += "\"}\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  DestroyEnvironment(env);
  return 0;
}
