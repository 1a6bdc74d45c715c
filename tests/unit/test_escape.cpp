#include <doctest/doctest.h>

#include "report/escape.hpp"

TEST_CASE("each output format has its own escaping") {
  using namespace psoas::report;
  CHECK(text_safe("a\x1b]0;t\x07") == "a\\x1b]0;t\\x07");
  CHECK(markdown_safe("**b** | [x](JavaScript:y) <i> `c` #") ==
        "\\*\\*b\\*\\* \\| \\[x\\](JavaScript\\:y) \\<i\\> \\`c\\` \\#");
  CHECK(markdown_safe("data: fine? no") == "data\\: fine? no");
  CHECK(html_safe("a\x1b\x07<b>\tc\n") == "a&lt;b&gt;\tc\n");
}
