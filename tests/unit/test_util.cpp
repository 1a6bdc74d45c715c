#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "util/error.hpp"
#include "util/ordered_pool.hpp"
#include "util/sha256.hpp"
#include "util/suggest.hpp"
#include "util/text.hpp"

using namespace psoas;

TEST_CASE("edit distance counts single-character edits") {
  CHECK(edit_distance("fever", "fever") == 0);
  CHECK(edit_distance("fevr", "fever") == 1);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("grion", "groin") == 1);  // a swap of neighbours is one edit
}

TEST_CASE("did_you_mean suggests only close names") {
  const std::vector<std::string> ids = {"fever", "pain_where", "age"};
  CHECK(did_you_mean("fevr", ids) == "; did you mean 'fever'?");
  CHECK(did_you_mean("pain_were", ids) == "; did you mean 'pain_where'?");
  CHECK(did_you_mean("zzzzzz", ids).empty());
}

TEST_CASE("sha256 matches the FIPS 180-4 test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  Sha256 million;
  const std::string chunk(1000, 'a');
  for (int i = 0; i < 1000; ++i) million.update(chunk);
  CHECK(million.hex_digest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("find_bad_byte finds NUL bytes and broken UTF-8") {
  using namespace std::string_literals;
  CHECK_FALSE(find_bad_byte("plain ascii\n").has_value());
  CHECK_FALSE(find_bad_byte("caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80").has_value());
  auto nul = find_bad_byte("ab\0c"s);
  REQUIRE(nul);
  CHECK(nul->offset == 2);
  CHECK(nul->what == "a NUL byte");
  CHECK(find_bad_byte("\xff")->offset == 0);
  CHECK(find_bad_byte("ok \xc3")->what == "invalid UTF-8 (cut short)");
  CHECK(find_bad_byte("\xc0\xaf").has_value());        // overlong
  CHECK(find_bad_byte("\xed\xa0\x80").has_value());    // surrogate
}

TEST_CASE("line_column_at counts characters, not bytes") {
  const std::string text = "ab\nc\xc3\xa9x";
  CHECK(line_column_at(text, 0).line == 1);
  CHECK(line_column_at(text, 4).column == 2);
  CHECK(line_column_at(text, 6).line == 2);
  CHECK(line_column_at(text, 6).column == 3);
}

TEST_CASE("errors print with as much of their place as is known") {
  CHECK(to_string({{"a.yaml", 3, 7}, "bad"}) == "a.yaml:3:7: bad");
  CHECK(to_string({{"a.yaml", 3, 0}, "bad"}) == "a.yaml:3: bad");
  CHECK(to_string({{"a.yaml", 0, 0}, "bad"}) == "a.yaml: bad");
  CHECK(to_string({{}, "bad"}) == "bad");
}

TEST_CASE("xml_escape makes text safe in content and attributes") {
  CHECK(xml_escape("a < b & \"c\" > 'd'") == "a &lt; b &amp; &quot;c&quot; &gt; &#39;d&#39;");
  CHECK(xml_escape("plain, ünïcode") == "plain, ünïcode");
  CHECK(xml_escape("") == "");
}

TEST_CASE("TextPositions agrees with line_column_at, in order and out of order") {
  const std::string_view text = "ab\nçd\n\nxyz";
  TextPositions positions(text);
  for (std::size_t offset : {0, 1, 3, 5, 6, 7, 9, 2, 10, 0}) {
    CAPTURE(offset);
    CHECK(positions.at(offset).line == line_column_at(text, offset).line);
    CHECK(positions.at(offset).column == line_column_at(text, offset).column);
  }
}

TEST_CASE("TextPositions agrees with line_column_at at every offset, ASCII or not") {
  for (const std::string_view text : {std::string_view("{\"a\": 1,\n \"bc\": [2, 3]}\n\n x"),
                                      std::string_view("one line, no break at all"),
                                      std::string_view("\xc3\xa7" "a\n\xe2\x82\xac\nb")}) {
    CAPTURE(text);
    TextPositions in_order(text);
    for (std::size_t offset = 0; offset <= text.size() + 1; ++offset) {
      CAPTURE(offset);
      const LineColumn at = in_order.at(offset);
      CHECK(at.line == line_column_at(text, offset).line);
      CHECK(at.column == line_column_at(text, offset).column);
    }
    TextPositions skipping(text);
    for (std::size_t offset = 0; offset <= text.size(); offset += 3) {
      CAPTURE(offset);
      CHECK(skipping.at(offset).column == line_column_at(text, offset).column);
      CHECK(skipping.at(offset).line == line_column_at(text, offset).line);
    }
  }
}

TEST_CASE("ordered_pool hands items back in input order, with threads or without") {
  for (int threads : {0, 1, 2, 5}) {
    CAPTURE(threads);
    std::vector<long> seen;
    psoas::OrderedPool<std::vector<long>> pool(
        threads,
        [](int, std::vector<long>& item) {
          // Uneven work, so later items often finish first.
          long sum = 0;
          for (long i = 0; i < (item[0] % 7) * 2000; ++i) sum += i % 3;
          item.push_back(item[0] * 2 + (sum < 0 ? 1 : 0));
        },
        [&seen](std::vector<long>& item) {
          REQUIRE(item.size() == 2);
          seen.push_back(item[1] / 2);
        });
    for (long n = 0; n < 1000; ++n) {
      std::vector<long>& item = pool.next();
      item.assign(1, n);  // the slot is reused: its old contents were handed back
      pool.submit();
    }
    pool.finish();
    REQUIRE(seen.size() == 1000);
    for (long n = 0; n < 1000; ++n) CHECK(seen[static_cast<std::size_t>(n)] == n);
  }
}

TEST_CASE("ordered_pool's caller works on queued items rather than wait") {
  // The one thread holds its first item until the caller has worked on one (or 10 s have
  // passed): the caller, finding the ring full, must take a queued item itself.
  std::mutex mutex;
  std::condition_variable changed;
  bool caller_worked = false;
  std::vector<int> workers_seen;
  psoas::OrderedPool<int> pool(
      1,
      [&](int worker, int& item) {
        std::unique_lock lock(mutex);
        workers_seen.push_back(worker);
        if (worker == 1) {
          caller_worked = true;
          changed.notify_all();
        } else if (item == 0) {
          changed.wait_for(lock, std::chrono::seconds(10), [&] { return caller_worked; });
        }
      },
      [](int&) {});
  for (int n = 0; n < 20; ++n) {
    pool.next() = n;
    pool.submit();
  }
  pool.finish();
  CHECK(caller_worked);
  for (int w : workers_seen) CHECK((w == 0 || w == 1));
}

TEST_CASE("ordered_pool passes a failure on to the caller, in its place") {
  for (int threads : {0, 3}) {
    CAPTURE(threads);
    std::vector<int> seen;
    psoas::OrderedPool<int> pool(
        threads, [](int, int& item) { if (item == 7) throw std::runtime_error("seven"); },
        [&seen](int& item) { seen.push_back(item); });
    bool thrown = false;
    try {
      for (int n = 0; n < 20; ++n) {
        pool.next() = n;
        pool.submit();
      }
      pool.finish();
    } catch (const std::runtime_error& e) {
      thrown = std::string(e.what()) == "seven";
    }
    CHECK(thrown);
    REQUIRE(seen.size() == 7);
    for (int n = 0; n < 7; ++n) CHECK(seen[static_cast<std::size_t>(n)] == n);
  }
}
