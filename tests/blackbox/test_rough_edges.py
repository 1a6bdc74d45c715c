"""What a new user trips over: mistyped commands and options, the resume hint, prompts wider than
the terminal, numbering after `back`, `back` across a resume, and "Yes" in an answer file."""
import glob
import json
import os
import re
import shutil
import subprocess
import unittest

import pexpect

from harness import BIN, VIGNETTES, TempDirTest, clean_env, list_answer, run

QUESTION = re.compile(r"Question (\d+) of about \d+ \[([\w ]+)\]")


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


class Terminal(TempDirTest):
    """An interview on a pseudo-terminal, a prompt at a time."""

    def spawn(self, *args, columns=60):
        child = pexpect.spawn(BIN, ["interview", "--show-ids"] + list(args),
                              env=clean_env(HOME=self.tmp, XDG_STATE_HOME=self.tmp, NO_COLOR="1"),
                              encoding="utf-8", timeout=15, dimensions=(40, columns))
        self.addCleanup(child.close, force=True)
        return child

    def prompt(self, child):
        child.expect(QUESTION)
        number, question = int(child.match.group(1)), child.match.group(2)
        child.expect("> ")
        return number, question, child.before


class Interview(Terminal):
    def test_the_resume_hint_names_the_program_as_it_was_invoked(self):
        save = os.path.join(self.tmp, "a.yaml")
        status, _, err = run(["interview", "--save", save], stdin="40\n")
        self.assertEqual(status, 4)
        self.assertIn(f"Resume with: {BIN} interview --resume {save}", err)

    def test_prompts_wrap_to_the_terminal_and_never_mid_word(self):
        child = self.spawn("--save", os.path.join(self.tmp, "a.yaml"), columns=60)
        for answer in ("40", "male"):
            self.prompt(child)
            child.sendline(answer)
        _, question, text = self.prompt(child)  # the list of nerve warning signs
        self.assertTrue(question.startswith("saddle_numbness "), question)
        lines = [line for line in text.split("\r\n") if line]
        self.assertTrue(all(len(line) <= 60 for line in lines), lines)
        # An option wraps between words, under its own text.
        self.assertIn("  1) Numbness or pins and needles around the genitals,\r\n     bottom", text)

    def test_back_keeps_the_number_and_reaches_resumed_answers(self):
        start = self.write("start.yaml", "answers:\n  age: 40\n  sex: male\n")
        save = os.path.join(self.tmp, "b.yaml")
        child = self.spawn("--save", save, "--answers", start)
        number, question, _ = self.prompt(child)
        self.assertEqual(number, 3)
        self.assertTrue(question.startswith("saddle_numbness "), question)
        child.sendline("none")
        number, question, _ = self.prompt(child)
        self.assertEqual(number, 4)  # a list is one prompt
        self.assertTrue(question.startswith("testicle_pain "), question)
        child.sendline("back")
        number, question, text = self.prompt(child)  # the list again, as it was answered
        self.assertEqual(number, 3)
        self.assertTrue(question.startswith("saddle_numbness "), question)
        self.assertIn("Your answer was: none", text)
        child.sendline("back")  # to an answer read from the file
        number, question, text = self.prompt(child)
        self.assertEqual((number, question), (2, "sex"))
        self.assertIn("Your answer was: male", text)


class ListsOfWarningSigns(Terminal):
    """On a terminal, warning signs come as short lists; answers stay per question."""

    NERVES = ["saddle_numbness", "bladder_bowel", "both_legs", "leg_weakness", "collapse",
              "leg_numbness"]

    def start(self):
        start = self.write("start.yaml", "answers:\n  age: 40\n  sex: male\n")
        save = os.path.join(self.tmp, "l.yaml")
        child = self.spawn("--save", save, "--answers", start, columns=100)
        _, question, text = self.prompt(child)
        self.assertEqual(question.split(), self.NERVES)
        self.assertIn("Do you have any of these now?", text)
        self.assertIn("7) None of these", text)
        return child, save

    def saved(self, save):
        status, out, err = run(["assess", "--format", "json", save])
        self.assertEqual(status, 0, err)
        return json.loads(out)["answers"]

    def test_none_of_these_answers_each_no(self):
        child, save = self.start()
        child.sendline("none")
        _, question, _ = self.prompt(child)
        self.assertTrue(question.startswith("testicle_pain fever "), question)
        answers = self.saved(save)
        self.assertEqual([answers[q] for q in self.NERVES], ["no"] * 6)

    def test_picking_some_says_yes_to_those_and_no_to_the_rest(self):
        child, save = self.start()
        child.sendline("both legs, 4")
        child.expect("EMERGENCY")
        child.expect(pexpect.EOF)
        answers = self.saved(save)
        self.assertEqual([answers[q] for q in self.NERVES], ["no", "no", "yes", "yes", "no", "no"])

    def test_not_sure_asks_them_one_by_one(self):
        child, save = self.start()
        child.sendline("not sure")
        asked = []
        for answer in ("no",) * 6:
            asked.append(self.prompt(child)[1])
            child.sendline(answer)
        self.assertEqual(asked, self.NERVES)
        self.prompt(child)  # the last answer is saved before the next prompt
        self.assertEqual([self.saved(save)[q] for q in self.NERVES], ["no"] * 6)

    def to_body_list(self, sex):
        start = self.write("start.yaml", f"answers:\n  age: 40\n  sex: {sex}\n")
        save = os.path.join(self.tmp, "c.yaml")
        child = self.spawn("--save", save, "--answers", start, columns=100)
        self.prompt(child)
        child.sendline("none")
        return child, save

    def test_a_choice_question_gives_a_line_per_option_and_none_means_its_otherwise(self):
        child, save = self.to_body_list("female")
        _, question, text = self.prompt(child)
        # A woman's list has no testicle line; the lump question gives three lines.
        self.assertEqual(question.split()[0], "fever")
        self.assertIn("A swelling in the groin or belly that throbs with the heartbeat", text)
        child.sendline("none")
        # Each answer is saved before the next prompt: wait for it before reading the file.
        self.prompt(child)
        self.assertEqual(self.saved(save)["groin_lump"], "none")
        child.sendline("none")
        # How the pain began: "none of these" is no injury, a gradual start, normal walking.
        _, question, _ = self.prompt(child)
        self.assertEqual(question.split(), ["injury", "onset", "weight_bearing"])
        child.sendline("none")
        self.prompt(child)
        answers = self.saved(save)
        self.assertEqual((answers["injury"], answers["onset"], answers["weight_bearing"]),
                         ("none", "gradual", "normal"))

    def test_picking_a_line_of_a_choice_question_answers_it_and_asks_its_follow_up(self):
        child, save = self.to_body_list("male")
        _, question, text = self.prompt(child)
        child.sendline("8, 9")  # two kinds of lump: one question, one answer
        child.expect("pick only one of them")
        child.expect("> ")
        child.sendline("groin lump lump")
        _, question, _ = self.prompt(child)
        self.assertEqual(question, "cannot_pass_stool_or_wind")
        self.assertEqual(self.saved(save)["groin_lump"], "lump")

    def test_through_a_pipe_each_question_is_asked_alone(self):
        save = os.path.join(self.tmp, "p.yaml")
        status, _, err = run(["interview", "--show-ids", "--save", save], stdin="40\nmale\nno\n")
        self.assertEqual(status, 4)
        self.assertEqual([m[1] for m in QUESTION.findall(err)][-2:],
                         ["saddle_numbness", "bladder_bowel"])


class Length(Terminal):
    """A person with no warning sign finishes in at most 15 prompts: each self-care vignette,
    answered at the prompts as its file says, through the real interview."""

    def answers_of(self, path):
        answers = {}
        with open(path, encoding="utf-8") as f:
            text = f.read().split("\nexpect:")[0]
        for key, value in re.findall(r"^  (\w+): (.+)$", text, re.M):
            answers[key] = "dk" if value == "unknown" else value.strip("[]")
        return answers

    def test_a_self_care_interview_takes_at_most_15_prompts(self):
        counts = {}
        for path in sorted(glob.glob(os.path.join(VIGNETTES, "self-care-*.yaml"))):
            answers = self.answers_of(path)
            child = self.spawn("--save", os.path.join(self.tmp, os.path.basename(path)), columns=120)
            prompts = 0
            while child.expect([QUESTION, pexpect.EOF]) == 0:
                ids = child.match.group(2).split()
                child.expect("> ")
                if len(ids) > 1:
                    child.sendline(list_answer(answers, ids))
                elif ids[0] in answers:
                    child.sendline(answers[ids[0]])
                else:  # left out of the file: what a person with no warning sign says
                    prompt = child.before
                    child.sendline("none" if "None of these" in prompt else
                                   "no" if "yes / no" in prompt else "dk")
                prompts += 1
            child.close()
            self.assertEqual(child.exitstatus, 0, path)
            counts[os.path.basename(path)] = prompts
        self.assertGreaterEqual(len(counts), 20)
        self.assertLessEqual(max(counts.values()), 15, counts)


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


class Output(TempDirTest):
    def test_control_bytes_from_a_file_never_reach_the_terminal(self):
        path = self.write("e.yaml", "answers:\n  \x1b[2J\x1b]0;PWNED\x07: yes\n")
        status, _, err = run(["assess", path])
        self.assertEqual(status, 3)
        self.assertNotIn("\x1b", err)
        self.assertNotIn("\x07", err)
        self.assertIn("\\x1b[2J\\x1b]0;PWNED\\x07", err)

    def test_csv_never_carries_a_spreadsheet_formula_or_control_bytes(self):
        line = json.dumps({"id": '=HYPERLINK("http://x","y")\x1b', "answers": {}}) + "\n"
        status, out, err = run(["batch", "--format", "csv"], stdin=line)
        self.assertEqual(status, 0, err)
        row = out.splitlines()[1]
        self.assertIn(',"\'=HYPERLINK(""http://x"",""y"")",', row)
        self.assertNotIn("\x1b", out)

    def test_a_fifo_in_a_rules_folder_is_refused_not_waited_on(self):
        folder = os.path.join(self.tmp, "rules")
        shutil.copytree(os.path.join(os.environ["PSOAS_SOURCE_DIR"], "rules"), folder)
        os.mkfifo(os.path.join(folder, "50-x.yaml"))
        status, out, err = run(["rules", "lint", folder], timeout=10)
        self.assertEqual(status, 3)
        self.assertIn("50-x.yaml: error: is not a regular file", out + err)

    def test_a_runaway_piped_line_is_dropped_and_the_interview_goes_on(self):
        save = os.path.join(self.tmp, "long.yaml")
        status, _, err = run(["interview", "--show-ids", "--save", save],
                             stdin="y" * 5_000_000 + "\n40\n")
        self.assertEqual(status, 4)  # the input ends at the second question
        self.assertIn("That answer is longer than 4096 characters", err)
        with open(save, encoding="utf-8") as f:
            self.assertIn("age: 40", f.read())

    @unittest.skipUnless(os.path.exists("/dev/full"), "needs /dev/full")
    def test_output_that_cannot_be_written_is_a_failure(self):
        example = os.path.join(os.environ["PSOAS_SOURCE_DIR"], "examples", "answers.yaml")
        for args, stdin in ((["assess", "--format", "json", example], None),
                            (["batch"], '{"answers": {}}\n'),
                            (["rules", "export", "--format", "fhir"], None)):
            with self.subTest(args[0]), open("/dev/full", "w") as full:
                done = subprocess.run([BIN] + args, input=stdin, text=True, stdout=full,
                                      stderr=subprocess.PIPE, env=clean_env(), timeout=30)
                self.assertEqual(done.returncode, 3, done.stderr)
                self.assertIn("cannot write the output: No space left on device", done.stderr)


if __name__ == "__main__":
    unittest.main()
