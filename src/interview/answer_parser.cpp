#include "interview/answer_parser.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include <fmt/format.h>

#include "engine/engine.hpp"
#include "load/reader.hpp"
#include "model/answer_text.hpp"

namespace psoas::interview {
namespace {

std::string normalise(std::string_view text) {
  constexpr std::string_view kCurlyApostrophe = "\xe2\x80\x99";  // as phones type it
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i, kCurlyApostrophe.size()) == kCurlyApostrophe) {
      out += '\'';
      i += kCurlyApostrophe.size() - 1;
      continue;
    }
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
  }
  const std::size_t first = out.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const std::size_t last = out.find_last_not_of(" \t\r\n");
  return out.substr(first, last - first + 1);
}

bool is_dont_know(const std::string& s) {
  static const char* kForms[] = {"don't know", "dont know", "do not know", "dk", "idk",
                                 "unknown",    "not sure",  "unsure",      "?dk"};
  return std::any_of(std::begin(kForms), std::end(kForms), [&](const char* f) { return s == f; });
}

// Ids use '_'; people type spaces or hyphens.
std::string as_id(std::string s) {
  std::replace(s.begin(), s.end(), ' ', '_');
  std::replace(s.begin(), s.end(), '-', '_');
  return s;
}

// "The front of the hip" is typed "front of the hip".
std::string without_article(const std::string& text) {
  for (const char* article : {"the ", "a ", "an "}) {
    const std::string_view a(article);
    if (text.compare(0, a.size(), a) == 0) return text.substr(a.size());
  }
  return text;
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

// " lower spine ": the words of a text without articles or punctuation, each between spaces, so
// that "lower spine" is found in "A band beside the lower spine" and "front of thigh" in "Down the
// front of the thigh".
std::string plain_words(const std::string& text) {
  std::string out = " ";
  std::string word;
  auto flush = [&] {
    if (!word.empty() && word != "the" && word != "a" && word != "an") out += word + " ";
    word.clear();
  };
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '\'') {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      flush();
    }
  }
  flush();
  return out;
}

// The option a word names, or an explanation of why it names none.
std::variant<int, Invalid> match_option(const Question& q, const std::string& word) {
  const int n = static_cast<int>(q.options.size());
  if (auto number = load::parse_whole_number(word)) {
    if (*number >= 1 && *number <= n) return static_cast<int>(*number - 1);
    return Invalid{fmt::format("There is no option {}; choose 1 to {}.", word, n)};
  }
  const std::string id = as_id(word);
  std::vector<int> exact;
  std::vector<int> prefix;
  std::vector<int> inside;
  const std::string typed = plain_words(word);
  for (int i = 0; i < n; ++i) {
    const std::string text = without_article(normalise(q.options[i].text));
    if (q.options[i].id == id || text == without_article(word)) exact.push_back(i);
    if (starts_with(q.options[i].id, id) || starts_with(text, word)) prefix.push_back(i);
    if (typed.size() > 2 && plain_words(q.options[i].text).find(typed) != std::string::npos) {
      inside.push_back(i);
    }
  }
  if (exact.size() == 1) return exact.front();
  if (prefix.size() == 1) return prefix.front();
  if (prefix.empty() && inside.size() == 1) return inside.front();
  if (prefix.size() > 1) {
    std::vector<std::string> names;
    for (int i : prefix) names.push_back(q.options[i].id);
    return Invalid{fmt::format("'{}' could be {}; type more of it, or its number.", word,
                               fmt::join(names, " or "))};
  }
  return Invalid{fmt::format("'{}' is not one of the options.", word)};
}

std::vector<std::string> split(const std::string& text, std::string_view separators) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find_first_of(separators, start);
    if (end == std::string::npos) end = text.size();
    std::string part = normalise(text.substr(start, end - start));
    if (!part.empty()) out.push_back(part);
    start = end + 1;
  }
  return out;
}

Typed parse_many(const Question& q, const std::string& line) {
  Answer answer;
  answer.state = Answer::State::Given;
  std::vector<std::string> words;
  for (const std::string& part : split(line, ",;[]")) {
    // A whole part may name an option by its text ("front of the hip"); else read its words.
    if (std::holds_alternative<int>(match_option(q, part))) {
      words.push_back(part);
    } else {
      for (const std::string& word : split(part, " \t")) words.push_back(word);
    }
  }
  if (words.empty()) {
    return Invalid{"Please choose at least one option, by number or name, or don't know."};
  }
  for (const std::string& word : words) {
    auto match = match_option(q, word);
    if (auto* bad = std::get_if<Invalid>(&match)) return *bad;
    answer.options |= std::uint64_t{1} << std::get<int>(match);
  }
  for (std::size_t i = 0; i < q.options.size(); ++i) {
    if (q.options[i].exclusive && ((answer.options >> i) & 1U) &&
        (answer.options & ~(std::uint64_t{1} << i))) {
      return Invalid{fmt::format("'{}' cannot be combined with other options.",
                                 q.options[i].text)};
    }
  }
  return answer;
}

// ", or a word: mild (1 to 3), moderate (4 to 6)": the bands a number question accepts.
std::string band_list(const Question& q) {
  if (q.bands.empty()) return "";
  std::vector<std::string> words;
  for (std::size_t i = 0; i < q.bands.size(); ++i) {
    words.push_back(band_words(q, static_cast<int>(i)));
  }
  return fmt::format(", or a word: {}", fmt::join(words, ", "));
}

}  // namespace

Typed parse_typed(const Question& q, std::string_view raw) {
  const std::string line = normalise(raw);
  if (line.empty()) return Invalid{"Please type an answer, or ? to see why this is asked."};
  if (line == "?" || line == "help") return Command::Help;
  if (line == "back") return Command::Back;
  if (line == "quit" || line == "exit" || line == "q") return Command::Quit;
  if (is_dont_know(line)) return Answer{Answer::State::Unknown, 0, 0};

  Answer answer;
  answer.state = Answer::State::Given;
  switch (q.type) {
    case QuestionType::YesNo:
      if (line == "y" || line == "yes") return Answer{Answer::State::Given, 1, 0};
      if (line == "n" || line == "no") return Answer{Answer::State::Given, 0, 0};
      return Invalid{"Please answer yes, no or don't know (y, n, dk)."};
    case QuestionType::OneOf: {
      auto match = match_option(q, line);
      if (auto* bad = std::get_if<Invalid>(&match)) return *bad;
      answer.value = std::get<int>(match);
      return answer;
    }
    case QuestionType::ManyOf: return parse_many(q, line);
    case QuestionType::Number: {
      if (const int b = band_index(q, line); b >= 0) return band_answer(q, b);
      auto number = load::parse_whole_number(line);
      if (!number || *number < q.min || *number > q.max) {
        return Invalid{fmt::format("Please type a whole number from {} to {}{}, or don't know.",
                                   q.min, q.max, band_list(q))};
      }
      answer.value = static_cast<int>(*number);
      return answer;
    }
  }
  return Invalid{"?"};
}

std::string accepted_answers(const Question& q) {
  switch (q.type) {
    case QuestionType::YesNo: return "yes / no / don't know";
    case QuestionType::OneOf: return "Type a number or a name, or don't know.";
    case QuestionType::ManyOf:
      return "Type one or more numbers or names, separated by commas or spaces, or don't know.";
    case QuestionType::Number:
      return fmt::format("A whole number from {} to {}{}{}, or don't know.", q.min, q.max,
                         q.unit.empty() ? "" : " (" + q.unit + ")", band_list(q));
  }
  return "";
}

namespace {

const GroupMember& member_of(const QuestionGroup& group, int question) {
  for (const GroupMember& m : group.members) {
    if (m.question == question) return m;
  }
  return group.members.front();  // unreachable: the list's members come from the group
}

}  // namespace

GroupList group_as_list(const RuleSet& rules, const QuestionGroup& group,
                        const std::vector<Answer>& answers) {
  const std::vector<Answer> effective = engine::with_applicability(rules, answers);
  GroupList shown;
  shown.list.id = group.id;
  shown.list.type = QuestionType::ManyOf;
  shown.list.text = group.text;
  for (const GroupMember& m : group.members) {
    if (effective[m.question].state == Answer::State::NotApplicable) continue;
    const Question& q = rules.questions[m.question];
    const int index = static_cast<int>(shown.members.size());
    shown.members.push_back(m.question);
    if (q.type == QuestionType::YesNo) {
      shown.list.options.push_back({q.id, q.item.empty() ? q.text : q.item, false, "", q.at});
      shown.lines.emplace_back(index, -1);
      shown.headings.emplace_back();
      continue;
    }
    bool first = true;
    for (int o = 0; o < static_cast<int>(q.options.size()); ++o) {
      if (o == m.otherwise) continue;
      const Option& option = q.options[static_cast<std::size_t>(o)];
      shown.list.options.push_back({fmt::format("{}_{}", q.id, option.id),
                                    option.item.empty() ? option.text : option.item, false, "",
                                    option.at});
      shown.lines.emplace_back(index, o);
      shown.headings.push_back(first ? q.item : "");
      first = false;
    }
  }
  shown.list.options.push_back({"none", "None of these", true, "", group.at});
  return shown;
}

std::variant<std::vector<Answer>, Invalid> group_answers(const RuleSet& rules,
                                                         const QuestionGroup& group,
                                                         const GroupList& shown,
                                                         const Answer& list_answer) {
  if (list_answer.state != Answer::State::Given) return std::vector<Answer>{};
  std::vector<Answer> out;
  for (int q : shown.members) {
    const Question& question = rules.questions[q];
    const int otherwise = member_of(group, q).otherwise;
    Answer a{Answer::State::Given, 0, 0};
    if (question.type == QuestionType::OneOf) a.value = otherwise;
    if (question.type == QuestionType::ManyOf) a.options = std::uint64_t{1} << otherwise;
    out.push_back(a);
  }
  std::vector<bool> picked_one(shown.members.size(), false);
  for (std::size_t line = 0; line < shown.lines.size(); ++line) {
    if (((list_answer.options >> line) & 1U) == 0) continue;
    const auto [member, option] = shown.lines[line];
    const Question& question = rules.questions[shown.members[static_cast<std::size_t>(member)]];
    Answer& a = out[static_cast<std::size_t>(member)];
    switch (question.type) {
      case QuestionType::YesNo: a.value = 1; break;
      case QuestionType::OneOf:
        if (picked_one[static_cast<std::size_t>(member)]) {
          std::vector<std::string> texts;
          for (std::size_t l = 0; l < shown.lines.size(); ++l) {
            if (shown.lines[l].first == member) texts.push_back(fmt::format("{}", l + 1));
          }
          return Invalid{fmt::format("Lines {} are different answers to one question; pick "
                                     "only one of them.",
                                     fmt::join(texts, ", "))};
        }
        picked_one[static_cast<std::size_t>(member)] = true;
        a.value = option;
        break;
      case QuestionType::ManyOf:
        if (!picked_one[static_cast<std::size_t>(member)]) a.options = 0;
        picked_one[static_cast<std::size_t>(member)] = true;
        a.options |= std::uint64_t{1} << option;
        break;
      case QuestionType::Number: break;
    }
  }
  return out;
}

std::string group_token(const RuleSet& rules, const GroupList& shown,
                        const std::vector<Answer>& answers) {
  std::vector<std::string> picked;
  for (std::size_t line = 0; line < shown.lines.size(); ++line) {
    const auto [member, option] = shown.lines[line];
    const int q = shown.members[static_cast<std::size_t>(member)];
    const Answer& a = answers[static_cast<std::size_t>(q)];
    if (a.state != Answer::State::Given) return "";
    const Question& question = rules.questions[static_cast<std::size_t>(q)];
    const bool on = question.type == QuestionType::YesNo  ? a.value == 1
                    : question.type == QuestionType::OneOf ? a.value == option
                                                           : ((a.options >> option) & 1U) != 0;
    if (on) picked.push_back(fmt::format("{}", line + 1));
  }
  return picked.empty() ? "none" : fmt::format("{}", fmt::join(picked, ", "));
}

}  // namespace psoas::interview
