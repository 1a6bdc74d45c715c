"""What a new user trips over: mistyped commands and options, the resume hint, prompts wider than
the terminal, numbering after `back`, `back` across a resume, and "Yes" in an answer file."""
import json
import os
import re
import unittest

import pexpect

from harness import BIN, TempDirTest, clean_env, run

QUESTION = re.compile(r"Question (\d+) of about \d+ \[(\w+)\]")


class Mistyped(unittest.TestCase):
    def test_a_mistyped_command_gets_did_you_mean(self):
        status, out, err = run(["asess", "answers.yaml"])
        self.assertEqual(status, 2)
        self.assertEqual(out, "")
        self.assertIn("unknown command 'asess'; did you mean 'assess'?", err)

    def test_a_mistyped_option_names_its_command_and_that_commands_help(self):
        status, _, err = run(["assess", "--fromat", "json", "answers.yaml"])
        self.assertEqual(status, 2)
        self.assertIn("unknown option '--fromat' for assess; did you mean '--format'?", err)
        self.assertIn("assess --help' for usage.", err)


class Interview(TempDirTest):
    def test_the_resume_hint_names_the_program_as_it_was_invoked(self):
        save = os.path.join(self.tmp, "a.yaml")
        status, _, err = run(["interview", "--save", save], stdin="40\n")
        self.assertEqual(status, 4)
        self.assertIn(f"Resume with: {BIN} interview --resume {save}", err)

    def spawn(self, *args, columns=60):
        child = pexpect.spawn(BIN, ["interview"] + list(args),
                              env=clean_env(HOME=self.tmp, XDG_STATE_HOME=self.tmp, NO_COLOR="1"),
                              encoding="utf-8", timeout=15, dimensions=(40, columns))
        self.addCleanup(child.close, force=True)
        return child

    def prompt(self, child):
        child.expect(QUESTION)
        number, question = int(child.match.group(1)), child.match.group(2)
        child.expect("> ")
        return number, question, child.before

    def test_prompts_wrap_to_the_terminal_and_never_mid_word(self):
        child = self.spawn("--save", os.path.join(self.tmp, "a.yaml"), columns=60)
        for answer in ("40", "male", "no"):
            self.prompt(child)
            child.sendline(answer)
        _, question, text = self.prompt(child)
        self.assertEqual(question, "saddle_numbness")
        lines = [line for line in text.split("\r\n") if line]
        self.assertTrue(all(len(line) <= 60 for line in lines), lines)
        self.assertIn("genitals,\r\nbottom", text)  # wrapped between words

    def test_back_keeps_the_number_and_reaches_resumed_answers(self):
        start = self.write("start.yaml", "answers:\n  age: 40\n  sex: male\n")
        save = os.path.join(self.tmp, "b.yaml")
        child = self.spawn("--save", save, "--answers", start)
        number, question, _ = self.prompt(child)
        self.assertEqual((number, question), (3, "testicle_pain"))
        child.sendline("no")
        self.assertEqual(self.prompt(child)[:2], (4, "saddle_numbness"))
        child.sendline("back")
        self.assertEqual(self.prompt(child)[:2], (3, "testicle_pain"))
        child.sendline("back")  # to an answer read from the file
        number, question, text = self.prompt(child)
        self.assertEqual((number, question), (2, "sex"))
        self.assertIn("Your answer was: male", text)


class AnswerFiles(TempDirTest):
    def test_yes_no_and_unknown_in_any_case_as_at_the_prompt(self):
        path = self.write("a.yaml", "answers:\n  fever: Yes\n  nausea: NO\n  night_pain: Unknown\n")
        status, out, err = run(["assess", "--format", "json", path])
        self.assertEqual(status, 0, err)
        answers = json.loads(out)["answers"]
        self.assertEqual((answers["fever"], answers["nausea"], answers["night_pain"]),
                         ("yes", "no", "unknown"))
        status, out, err = run(["batch"], stdin='{"answers": {"fever": "YES"}}\n')
        self.assertEqual(status, 0, err)
        self.assertIn("fever", json.loads(out)["red_flags"])


if __name__ == "__main__":
    unittest.main()
