"""The end of an interview on a terminal fits one screen (80 by 24): what to do now, why, the most
likely cause, the safety net, where the full report is, and the verdict again as the last line.
The full report is written beside the save file, and --full pages it."""
import os
import re
import unittest

import pexpect

from harness import list_answer, BIN, VIGNETTES, TempDirTest, clean_env

QUESTION = re.compile(r"Question \d+ of about \d+ \[([\w ]+)\]")
ANSI = re.compile(r"\x1b\[[0-9;]*m")

# One vignette per level; the interview answers from it ("no" or "none" where it is silent).
CASES = {
    "emergency": "emergency-b05-aaa-over-60-no-faint",
    "urgent": "urgent-b02-kidney-stone",
    "see-professional": "see-professional-b06-soft-reducible-hernia",
    "self-care": "self-care-b01-desk-worker-low-back-band",
}


def answers_of(name):
    answers = {}
    with open(os.path.join(VIGNETTES, name + ".yaml"), encoding="utf-8") as f:
        inside = False
        for line in f:
            if line.startswith("answers:"):
                inside = True
            elif inside and line.startswith("  ") and ":" in line:
                key, value = line.strip().split(":", 1)
                answers[key] = value.strip().strip("[]").replace("unknown", "dk")
            elif inside:
                break
    return answers


class OneScreen(TempDirTest):
    def interview(self, name, *args, **env):
        answers = answers_of(name)
        save = os.path.join(self.tmp, name + ".yaml")
        child = pexpect.spawn(BIN, ["interview", "--show-ids", "--save", save] + list(args),
                              env=clean_env(HOME=self.tmp, XDG_STATE_HOME=self.tmp, **env),
                              encoding="utf-8", timeout=20, dimensions=(24, 80))
        self.addCleanup(child.close, force=True)
        while child.expect([QUESTION, pexpect.EOF]) == 0:
            question = child.match.group(1)
            child.expect("> ")
            if " " in question:  # a list of warning signs, answered at once
                child.sendline(list_answer(answers, question.split()))
                child.expect(r"\r\n")
                continue
            default = "none" if "None of these" in child.before else "no"
            if "A whole number" in child.before or "Type a number" in child.before:
                default = "dk"
            child.sendline(answers.get(question) or default)
            # What is printed after the answer line is what the person sees at the end.
            child.expect(r"\r\n")
        child.close()
        return child.exitstatus, ANSI.sub("", child.before.replace("\r\n", "\n")), save

    def test_each_level_ends_in_one_screen_with_the_verdict_last(self):
        for level, name in CASES.items():
            with self.subTest(level):
                status, tail, save = self.interview(name)
                self.assertEqual(status, 0, tail)
                lines = tail.rstrip("\n").split("\n")
                # Rows on an 80-column screen: a long line (a file path) takes more than one.
                rows = sum(max(1, -(-len(line) // 80)) for line in lines)
                self.assertLessEqual(rows, 24, tail)
                shown = [line for line in lines if line.strip()]
                self.assertTrue(shown[-1].startswith(" " + level.upper() + " "), tail)
                # The verdict comes first: at most the emergency alert and where the answers
                # are saved come before it.
                self.assertTrue(any(line.startswith(" " + level.upper() + " ")
                                    for line in shown[:3]), tail)
                self.assertIn("This is not a diagnosis.", tail)
                stem = save[:-len(".yaml")]
                self.assertIn(stem + ".report.txt", tail)
                with open(stem + ".report.txt", encoding="utf-8") as f:
                    self.assertIn("Sources", f.read())
                with open(stem + ".report.html", encoding="utf-8") as f:
                    self.assertIn(f'data-level="{level}"', f.read())

    def test_the_cause_and_the_safety_net_are_on_the_screen(self):
        _, tail, _ = self.interview(CASES["urgent"])
        self.assertIn("Most likely: Kidney stone; probably not a muscle problem.", tail)

    def test_full_shows_the_whole_report_through_the_pager(self):
        status, tail, _ = self.interview(CASES["self-care"], "--full", PAGER="cat")
        self.assertEqual(status, 0, tail)
        self.assertIn("Self-care plan", tail)
        self.assertIn("Sources", tail)

    def test_a_file_the_tool_did_not_write_is_not_replaced(self):
        name = CASES["self-care"]
        mine = os.path.join(self.tmp, name + ".report.txt")
        with open(mine, "w", encoding="utf-8") as f:
            f.write("my own notes\n")
        status, tail, _ = self.interview(name)
        self.assertEqual(status, 0, tail)
        with open(mine, encoding="utf-8") as f:
            self.assertEqual(f.read(), "my own notes\n")
        self.assertIn("was not written by psoas-triage", tail)


if __name__ == "__main__":
    unittest.main()
