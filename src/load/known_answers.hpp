#pragma once
// What read_answer makes of the common answers, found by their text as it stands in a JSON line:
// the quick path of batch (json_lines.cpp) reads most answers with one lookup here. The tables
// are made once, by read_answer itself, so an answer found here is the answer read_answer gives;
// a text not found is read the slower way, never guessed.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "model/answers.hpp"
#include "model/ruleset.hpp"

namespace psoas::load {

// A short text to be found in a line, compared eight bytes at a time. The line must be padded:
// at() reads kMaxSize bytes from the text's place, whatever its size, so a line needs
// KnownAnswers::kPadding readable bytes after it. An empty text, or one longer than kMaxSize, is
// found nowhere.
class PaddedText {
 public:
  static constexpr std::size_t kMaxSize = 32;

  explicit PaddedText(std::string_view text);
  std::size_t size() const { return size_; }
  // Whether the size() bytes at `p` are this text: the first eight bytes decide most; texts are
  // mostly no longer than 16 bytes, and longer ones are compared without branches (words past
  // the text's end are masked out).
  bool at(const char* p) const {
    if ((load(p) & masks_[0]) != words_[0]) return false;
    if (size_ <= 8) return true;
    if ((load(p + 8) & masks_[1]) != words_[1]) return false;
    if (size_ <= 16) return true;
    return ((load(p + 16) & masks_[2]) == words_[2]) & ((load(p + 24) & masks_[3]) == words_[3]);
  }

 private:
  static std::uint64_t load(const char* p) {
    std::uint64_t word;
    std::memcpy(&word, p, sizeof word);
    return word;
  }
  // The text, zero-filled, and which of its words' bytes are the text's. A text found nowhere
  // has a first word no masked word can equal.
  std::array<std::uint64_t, kMaxSize / 8> words_{1};
  std::array<std::uint64_t, kMaxSize / 8> masks_{};
  std::uint8_t size_ = 0;
};

class KnownAnswers {
 public:
  explicit KnownAnswers(const RuleSet& rules);

  // How many readable bytes a line needs after it, whatever they hold.
  static constexpr std::size_t kPadding = PaddedText::kMaxSize;

  // The question whose key stands at `raw` (just past a key's opening quote, in a padded line),
  // looked for among questions `from` to `to` - 1; -1 if none. A key written with escapes is
  // never found: the caller leaves the line to the full reader.
  int question_at(const char* raw, std::size_t from, std::size_t to) const {
    for (std::size_t i = from; i < to; ++i) {
      if (keys_[i].at(raw)) return static_cast<int>(i);
    }
    return -1;
  }
  // The size of question `q`'s key as question_at finds it: its id and the closing quote.
  std::size_t key_size(std::size_t q) const { return keys_[q].size(); }
  // Question `q`'s answer written as `token` (a JSON value in a padded line, without the blanks
  // after it): true, false, null or a whole number; null if not known. A text in quotes is
  // found by text_at.
  const Answer* answer(std::size_t q, std::string_view token) const {
    if (!token.empty() && token.front() >= '0' && token.front() <= '9') return number(q, token);
    return find(per_question_[q].singles, token);
  }
  // Question `q`'s answer written as a text in quotes that starts at `p` (a padded line's byte
  // up to `end`, its end), with the size of that text; null if not known. The closing quote is
  // part of what is found, so the text found is the whole text.
  const Answer* text_at(std::size_t q, const char* p, const char* end, std::size_t& size) const {
    return find_at(per_question_[q].singles, p, end, size);
  }
  // The same for a list of options with that text its one item.
  const Answer* item_at(std::size_t q, const char* p, const char* end, std::size_t& size) const {
    return find_at(per_question_[q].items, p, end, size);
  }
  bool takes_lists(std::size_t q) const { return per_question_[q].takes_lists; }
  // Question `q`'s options that cannot be combined with others, as bits.
  std::uint64_t exclusive(std::size_t q) const { return per_question_[q].exclusive; }

 private:
  struct Entry {
    PaddedText text;
    Answer answer;
  };
  // A question's texts are few and the commonest come first ("no", then "yes"), so a plain scan
  // mostly stops at the first or second (one hash table for all texts measured slower).
  static const Answer* find(const std::vector<Entry>& entries, std::string_view token) {
    for (const Entry& e : entries) {
      if (e.text.size() == token.size() && e.text.at(token.data())) return &e.answer;
    }
    return nullptr;
  }
  static const Answer* find_at(const std::vector<Entry>& entries, const char* p, const char* end,
                               std::size_t& size) {
    for (const Entry& e : entries) {
      if (e.text.at(p) && e.text.size() <= static_cast<std::size_t>(end - p)) {
        size = e.text.size();
        return &e.answer;
      }
    }
    return nullptr;
  }
  const Answer* number(std::size_t q, std::string_view token) const;

  struct PerQuestion {
    std::vector<Entry> singles;     // a word in quotes, true, false, null
    std::vector<Entry> items;       // a list of options: each as its one item
    std::vector<Answer> by_number;  // by_number[n - min]; empty if the question takes none
    int min = 0;
    bool takes_lists = false;
    std::uint64_t exclusive = 0;
  };
  std::vector<PaddedText> keys_;  // per question: its id and the quote that ends it
  std::vector<PerQuestion> per_question_;
};

}  // namespace psoas::load
