"""Reports for a clinician's notes, through the real binary: the header the Markdown and HTML
reports open with, the Markdown body map and answers table, and the body map's rows."""
import os
import re
import unittest

from harness import clean_env, run, vignette

EPOCH = clean_env(SOURCE_DATE_EPOCH="1796169600")  # 2026-12-02 00:00 UTC
DESK = vignette("self-care-01-desk-worker")  # 35, female, low back band and buttock


class Header(unittest.TestCase):
    def test_markdown_opens_with_date_case_rule_set_and_summary(self):
        status, out, _ = run(["assess", "-f", "markdown", DESK], env=EPOCH)
        self.assertEqual(status, 0)
        head = out.split("## Why")[0]
        self.assertIn("**Date:** 2026-12-02 00:00 UTC", head)
        self.assertIn("**Case:** self-care-01-desk-worker", head)
        self.assertRegex(head, r"\*\*Rule set:\*\* iliopsoas \d+\.\d+\.\d+")
        summary = re.search(r"\*\*Summary:\*\* (.*)", head).group(1)
        for part in ("age 35", "sex female", "pain ", "low back", "buttock", "Positives: ",
                     "Negatives: none of the nerve warning signs (6)"):
            self.assertIn(part, summary)
        self.assertRegex(summary, r"; duration \d+ weeks?;")

    def test_html_opens_with_the_same_header(self):
        _, md, _ = run(["assess", "-f", "markdown", DESK], env=EPOCH)
        status, html, _ = run(["assess", "-f", "html", DESK], env=EPOCH)
        self.assertEqual(status, 0)
        section = re.search(r'<section id="clinician"[^>]*>(.*?)</section>', html, re.S).group(1)
        self.assertIn("<dt>Date</dt><dd>2026-12-02 00:00 UTC</dd>", section)
        self.assertIn("<dt>Case</dt><dd>self-care-01-desk-worker</dd>", section)
        summary = re.search(r'<p class="summary">(.*?)</p>', section).group(1)
        self.assertEqual(summary.replace("&#39;", "'"),
                         re.search(r"\*\*Summary:\*\* (.*)", md).group(1))
        self.assertLess(html.index('id="clinician"'), html.index('id="verdict"'))

    def test_a_fixed_date_gives_the_same_bytes_and_none_is_read_as_now(self):
        first = run(["assess", "-f", "html", DESK], env=EPOCH)[1]
        self.assertEqual(first, run(["assess", "-f", "html", DESK], env=EPOCH)[1])
        _, now, _ = run(["assess", "-f", "markdown", DESK])
        self.assertRegex(now, r"\*\*Date:\*\* 20\d\d-\d\d-\d\d \d\d:\d\d UTC")

    def test_without_a_case_id_the_header_says_none(self):
        with open(DESK) as f:
            text = f.read().replace("id: self-care-01-desk-worker\n", "")
        _, out, _ = run(["assess", "-f", "markdown", "-"], stdin=text, env=EPOCH)
        self.assertIn("**Case:** none", out)


class MarkdownBody(unittest.TestCase):
    def test_body_map_as_text_and_question_texts_in_the_answers(self):
        _, out, _ = run(["assess", "-f", "markdown", DESK], env=EPOCH)
        block = re.search(r"```text\n(.*?)```", out, re.S).group(1).splitlines()
        self.assertEqual(len(block), 19)  # the title, 17 rows, the legend
        self.assertIn("FRONT", block[0])
        self.assertIn("# where you hurt (left side)", block[-1])
        self.assertIn("| question | answer | id |", out)
        self.assertRegex(out, r"\n\| [^|]*fever[^|]* \| No \| `fever` \|\n")
        self.assertRegex(out, r"\n\| Where do you feel the pain\? Choose all that apply\. \| "
                              r"[^|]*lower spine[^|]* \| `pain_where` \|\n")


class BodyMapRows(unittest.TestCase):
    def test_the_lower_spine_is_drawn_at_the_lower_back(self):
        _, out, _ = run(["assess", DESK], env=clean_env(LANG="C"))
        rows = out.split("FRONT                  BACK")[1].splitlines()[1:18]
        back = [row[27:] for row in rows]
        marked = [i for i, row in enumerate(back) if "#" in row or "@" in row]
        # Rows 6 and 7 are the lower back (level with the lower belly on the front), 8 the
        # buttocks; the rows under the neck stay empty.
        self.assertEqual(marked[:2], [6, 7])
        for i in range(0, 6):
            self.assertNotIn("#", back[i])
            self.assertNotIn("@", back[i])

    def test_both_has_a_colour_apart_from_where_you_hurt(self):
        import pexpect
        child = pexpect.spawn(os.environ["PSOAS_TRIAGE"], ["assess", DESK],
                              env=clean_env(LANG="C"), encoding="utf-8", timeout=10)
        out = child.read()
        child.close()
        legend = re.search(r"(\x1b\[[0-9;]+m)#\x1b\[0m where you hurt .*(\x1b\[[0-9;]+m)@\x1b\[0m "
                           r"both", out)
        self.assertIsNotNone(legend)
        self.assertNotEqual(legend.group(1), legend.group(2))


if __name__ == "__main__":
    unittest.main()
