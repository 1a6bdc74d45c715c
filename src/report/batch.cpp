#include "report/batch.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <type_traits>
#include <utility>

#include <fmt/format.h>

#include "report/report.hpp"
#include "util/version.hpp"

namespace psoas::report {
namespace {

// String literals as string_views: appended without measuring them first.
using namespace std::string_view_literals;

void number(std::string& out, long value) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, end);
}

// A JSON string, escaped; the runs that need no escaping are copied whole.
void json_string(std::string& out, std::string_view text) {
  out += '"';
  std::size_t run = 0;  // where the run not yet copied starts
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.substr(run, i - run));
    run = i + 1;
    if (u < 0x20) {
      fmt::format_to(std::back_inserter(out), "\\u{:04x}", u);
    } else {
      out += '\\';
      out += c;
    }
  }
  out.append(text.substr(run));
  out += '"';
}

// A CSV field, quoted when it must be. A field a spreadsheet would read as a formula (=, +, -,
// @, or a tab or carriage return first) is led by an apostrophe, and control bytes are dropped,
// so an id from an answer set cannot run in the spreadsheet that opens the file.
void csv_field(std::string& out, std::string_view text) {
  std::string safe;
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) {
    safe += '\'';
  }
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n' && c != '\r' && c != '\t') || u == 0x7f) continue;
    safe += c;
  }
  if (safe.find_first_of(",\"\n\r") == std::string::npos) {
    out += safe;
    return;
  }
  out += '"';
  for (char c : safe) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void prefix_csv(std::string& out, const BatchRecord& r) {
  csv_field(out, r.file);
  out += ',';
  number(out, r.line);
  out += ',';
  csv_field(out, r.id);
}

void prefix_json(std::string& out, const BatchRecord& r) {
  out += '{';
  if (!r.file.empty()) {
    out += "\"file\":"sv;
    json_string(out, r.file);
    out += ',';
  }
  out += "\"line\":"sv;
  number(out, r.line);
  out += ",\"id\":"sv;
  if (r.id.empty()) {
    out += "null"sv;
  } else {
    json_string(out, r.id);
  }
}

// The structures with points, best first (engine::ranks_before; then rule-set order), at most
// three.
std::array<int, 3> top_structures(const engine::Evaluation& e, int& count) {
  std::array<int, 3> top{};
  count = 0;
  for (; count < 3; ++count) {
    int best = -1;
    for (int i = 0; i < static_cast<int>(e.scores.size()); ++i) {
      const bool taken = std::find(top.begin(), top.begin() + count, i) != top.begin() + count;
      if (!taken && e.scores[i] > 0 && (best < 0 || engine::ranks_before(e, i, best))) best = i;
    }
    if (best < 0) break;
    top[count] = best;
  }
  return top;
}

// The answers as bytes: every bit of an Answer is one of its fields (no padding), so two answer
// sets are equal exactly when their bytes are.
static_assert(std::has_unique_object_representations_v<Answer>);
static_assert(sizeof(Answer) % sizeof(std::uint64_t) == 0);

bool same_answers(const std::vector<Answer>& a, const std::vector<Answer>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(Answer)) == 0;
}

// A hash of the answers' bytes, to choose a set of kept records: four lanes of eight bytes, so
// the multiplications do not wait on each other.
std::size_t hash_of(const std::vector<Answer>& answers) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(answers.data());
  const std::size_t words = answers.size() * sizeof(Answer) / sizeof(std::uint64_t);
  constexpr std::uint64_t kMul = 0xFF51AFD7ED558CCDull;
  const auto word = [bytes](std::size_t k) {
    std::uint64_t w;
    std::memcpy(&w, bytes + k * sizeof w, sizeof w);
    return w;
  };
  std::uint64_t a = 1, b = 2, c = 3, d = 4;
  std::size_t k = 0;
  for (; k + 4 <= words; k += 4) {
    a = (a ^ word(k)) * kMul;
    b = (b ^ word(k + 1)) * kMul;
    c = (c ^ word(k + 2)) * kMul;
    d = (d ^ word(k + 3)) * kMul;
  }
  for (; k < words; ++k) a = (a ^ word(k)) * kMul;
  const std::uint64_t x = a ^ (b >> 13) ^ (c >> 29) ^ (d >> 41) ^ (b << 7) ^ (c << 19);
  return static_cast<std::size_t>(x ^ (x >> 32));
}

}  // namespace

BatchWriter::BatchWriter(const RuleSet& rules, BatchFormat format)
    : rules_(rules), format_(format), digest_(rules) {
  // The provenance stamp's constant part, written after each record's answers hash.
  const std::array<std::pair<std::string_view, std::string_view>, 3> stamp = {
      {{"tool_version", kVersion}, {"rule_set_id", rules.id}, {"rule_set_version", rules.version}}};
  if (format == BatchFormat::Csv) {
    for (const auto& [name, value] : stamp) {
      stamp_ += ',';
      csv_field(stamp_, value);
    }
    stamp_ += ",sha256:";
    stamp_ += rules.hash;
  } else {
    stamp_ += '"';
    for (const auto& [name, value] : stamp) {
      fmt::format_to(std::back_inserter(stamp_), ",\"{}\":", name);
      json_string(stamp_, value);
    }
    stamp_ += "}\n";
  }
  for (Level level : kLevelsMostUrgentFirst) {
    for (std::size_t i = 0; i < rules.red_flags.size(); ++i) {
      if (rules.red_flags[i].level == level) by_urgency_.push_back(static_cast<int>(i));
    }
  }
}

// The ids of the flags with value `want`, most urgent first.
void BatchWriter::flag_ids(std::string& out, const engine::Evaluation& e, engine::Tri want) const {
  const bool json = format_ == BatchFormat::JsonLines;
  bool first = true;
  for (int i : by_urgency_) {
    if (e.flags[i] != want) continue;
    if (!first) out += json ? ',' : ';';
    first = false;
    if (json) out += '"';
    out += rules_.red_flags[i].id;
    if (json) out += '"';
  }
}

void BatchWriter::header(std::string& out) const {
  if (format_ == BatchFormat::Csv) {
    out += "file,line,id,level,red_flags,not_excluded,top_structure,top_score,error,"
           "answers_hash,tool_version,rule_set_id,rule_set_version,rule_set_hash\n";
  }
}

Level BatchWriter::result(std::string& out, const BatchRecord& r, const Answers& answers) {
  if (format_ == BatchFormat::Csv) {
    prefix_csv(out, r);
  } else {
    prefix_json(out, r);
  }
  if (kept_.empty()) {
    kept_.resize(kSets * kWays);
    oldest_.resize(kSets);
  }
  const std::size_t set = hash_of(answers.by_question) & (kSets - 1);
  Kept* ways = &kept_[set * kWays];
  for (std::size_t w = 0; w < kWays; ++w) {
    if (ways[w].used && same_answers(ways[w].answers, answers.by_question)) {
      out += ways[w].body;
      return ways[w].level;
    }
  }
  Kept& slot = ways[oldest_[set]];
  oldest_[set] = static_cast<unsigned char>((oldest_[set] + 1) % kWays);
  engine::evaluate(rules_, answers.by_question, evaluation_);
  slot.answers = answers.by_question;
  slot.body.clear();
  body(slot.body, answers, evaluation_);
  slot.level = evaluation_.level;
  slot.used = true;
  out += slot.body;
  return slot.level;
}

void BatchWriter::body(std::string& out, const Answers& answers, const engine::Evaluation& e) {
  int count = 0;
  const auto top = top_structures(e, count);
  if (format_ == BatchFormat::Csv) {
    out += ',';
    out += level_id(e.level);
    out += ',';
    flag_ids(out, e, engine::Tri::True);
    out += ',';
    flag_ids(out, e, engine::Tri::Unknown);
    out += ',';
    if (count > 0 && e.lookalike < 0) {
      out += rules_.structures[top[0]].id;
      out += ',';
      number(out, e.scores[top[0]]);
      out += ",,sha256:"sv;
    } else {
      out += "none,0,,sha256:"sv;
    }
    out += digest_(answers.by_question);
    out += stamp_;
    out += '\n';
    return;
  }
  out += ",\"level\":\""sv;
  out += level_id(e.level);
  out += "\",\"red_flags\":["sv;
  flag_ids(out, e, engine::Tri::True);
  out += "],\"not_excluded\":["sv;
  flag_ids(out, e, engine::Tri::Unknown);
  out += "],\"lookalike\":"sv;
  if (e.lookalike >= 0) {
    out += '"';
    out += rules_.red_flags[e.lookalike].id;
    out += '"';
  } else {
    out += "null"sv;
  }
  out += ",\"top_structure\":\""sv;
  out += count > 0 && e.lookalike < 0 ? std::string_view(rules_.structures[top[0]].id) : "none";
  out += "\",\"structures\":["sv;
  for (int k = 0; k < count; ++k) {
    const int s = top[k];
    out += k ? ",{\"id\":\""sv : "{\"id\":\""sv;
    out += rules_.structures[s].id;
    out += "\",\"score\":"sv;
    number(out, e.scores[s]);
    out += ",\"likelihood\":\""sv;
    out += likelihood_id(engine::likelihood_of(rules_, e.scores[s]));
    out += "\"}"sv;
  }
  out += "],\"rule_set\":\"sha256:"sv;
  out += rules_.hash;
  out += "\",\"answers_hash\":\"sha256:"sv;
  out += digest_(answers.by_question);
  out += stamp_;
}

void BatchWriter::error(std::string& out, const BatchRecord& r, std::string_view message) const {
  if (format_ == BatchFormat::Csv) {
    prefix_csv(out, r);
    out += ",,,,,,"sv;
    csv_field(out, message);
    out += ",,,,,\n"sv;
    return;
  }
  prefix_json(out, r);
  out += ",\"error\":"sv;
  json_string(out, message);
  out += "}\n"sv;
}

}  // namespace psoas::report
