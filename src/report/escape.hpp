#pragma once
// One escaping rule per output format, for every text that comes from an input (a rule set given
// with --rules, an answer file): a renderer passes such text through its format's function, and
// nothing else, before writing it.
#include <string>
#include <string_view>

namespace psoas::report {

// Text reports and the terminal: control characters (C0, DEL, C1) shown as \xNN or \u00NN, so a
// text cannot clear the screen, move the cursor or set the window title.
std::string text_safe(std::string_view text);

// Markdown: controls as text_safe, and every character Markdown reads as syntax (\ ` * _ [ ] < >
// | ~ #) escaped with a backslash, so a text cannot make emphasis, a table cell, a link, raw HTML
// or a heading. A `javascript:`, `vbscript:` or `data:` scheme gets its colon escaped too, so no
// renderer can make it a link.
std::string markdown_safe(std::string_view text);

// HTML and XML: & < > " ' escaped, and C0 controls other than tab, line feed and carriage
// return dropped, with DEL (XML 1.0 allows none of them).
std::string html_safe(std::string_view text);

}  // namespace psoas::report
