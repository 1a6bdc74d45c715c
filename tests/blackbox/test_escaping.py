"""One escaping rule per output: text from a hostile rule set (--rules) or answer file reaches a
text report with its control characters shown escaped, Markdown with its syntax escaped and no
live `javascript:` link, and HTML with no control characters and no markup of its own."""
import os
import re
import shutil

import pexpect

from harness import BIN, SRC, TempDirTest, clean_env, run

EXAMPLE = os.path.join(SRC, "examples", "answers.yaml")
# A YAML double-quoted text: \e is ESC and \a is BEL once the file is read.
HOSTILE = (r'"Hostile \e[2J\e]0;PWNED\a **bold** | cell [link](javascript:alert(1)) '
           r'<script>alert(1)</script> `code` _em_ # end"')
RAW = "\x1b[2J\x1b]0;PWNED\x07"


class HostileRuleSet(TempDirTest):
    def setUp(self):
        super().setUp()
        self.rules = os.path.join(self.tmp, "rules")
        shutil.copytree(os.path.join(SRC, "rules"), self.rules)
        path = os.path.join(self.rules, "00-ruleset.yaml")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        text, n = re.subn(r"disclaimer: >-\n(  .*\n)+",
                          lambda _: f"disclaimer: {HOSTILE}\n", text)
        self.assertEqual(n, 1)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        # Hostile answers too: an id and a note with control bytes and markup.
        with open(EXAMPLE, encoding="utf-8") as f:
            example = f.read()
        self.answers = self.write("answers.yaml", example.replace(
            "id: example-desk-worker", 'id: "x\\e]0;PWNED\\a<b>"\nnote: "\\e[2J **n** |"'))

    def report(self, fmt):
        status, out, err = run(["assess", "--rules", self.rules, "--format", fmt, self.answers])
        self.assertEqual(err, "")
        self.assertIn(status, (0, 10, 11, 12))
        return out

    def test_text_shows_control_characters_escaped(self):
        out = self.report("text")
        self.assertNotIn("\x1b", out)
        self.assertNotIn("\x07", out)
        self.assertIn(r"Hostile \x1b[2J\x1b]0;PWNED\x07 **bold**", out)

    def test_text_on_a_terminal_keeps_its_own_colour_only(self):
        child = pexpect.spawn(BIN, ["assess", "--rules", self.rules, self.answers],
                              env=clean_env(), encoding="utf-8", timeout=30)
        child.expect(pexpect.EOF)
        out = child.before
        self.assertIn("\x1b[1m", out)  # the report's own bold
        self.assertIn(r"\x1b]0;PWNED\x07", out)
        self.assertNotIn("\x1b]0;", out)
        self.assertNotIn("\x1b[2J", out)
        self.assertNotIn("\x07", out)

    def test_markdown_escapes_its_syntax(self):
        out = self.report("markdown")
        self.assertNotIn("\x1b", out)
        self.assertNotIn("\x07", out)
        line = next(l for l in out.splitlines() if l.startswith("Hostile"))
        self.assertEqual(line, r"Hostile \\x1b\[2J\\x1b\]0;PWNED\\x07 \*\*bold\*\* \| cell "
                               r"\[link\](javascript\:alert(1)) \<script\>alert(1)\</script\> "
                               r"\`code\` \_em\_ \# end")
        self.assertNotIn("](javascript:", out)
        self.assertNotIn("<script>", out)

    def test_html_drops_control_characters_and_escapes_markup(self):
        out = self.report("html")
        self.assertIsNone(re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", out))
        self.assertNotIn("<script>", out)
        self.assertIn("Hostile [2J]0;PWNED **bold** | cell [link](javascript:alert(1)) "
                      "&lt;script&gt;alert(1)&lt;/script&gt;", out)

    def test_json_and_fhir_carry_no_raw_control_bytes(self):
        for fmt in ("json", "fhir"):
            with self.subTest(fmt):
                out = self.report(fmt)
                self.assertIsNone(re.search(r"[\x00-\x1f\x7f]", out.replace("\n", "")))


class HostileTyping(TempDirTest):
    def test_a_piped_interview_echoes_control_characters_escaped(self):
        save = os.path.join(self.tmp, "s.yaml")
        status, _, err = run(["interview", "--show-ids", "--save", save],
                             stdin="\x1b]0;PWNED\x07\n40\n")
        self.assertEqual(status, 4, err)
        self.assertNotIn("\x1b", err)
        self.assertNotIn("\x07", err)
        self.assertIn(r"\x1b]0;PWNED\x07", err)
