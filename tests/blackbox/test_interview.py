"""`psoas-triage interview` driven through a real pseudo-terminal (pexpect) and through pipes:
complete, stop on an emergency, re-ask, help, back, Ctrl-C, Ctrl-D, resume, --no-input."""
import json
import os
import re
import subprocess
import unittest

import pexpect

from harness import list_answer, BIN, SRC, TempDirTest, clean_env, run

EXAMPLE = os.path.join(SRC, "examples", "answers.yaml")
QUESTION = re.compile(r"Question \d+ of about \d+ \[([\w ]+)\]")


def script_order():
    """The question ids in the order the script asks them."""
    with open(os.path.join(SRC, "rules", "10-questions.yaml"), encoding="utf-8") as f:
        return re.findall(r"^  - id: (\w+)$", f.read(), re.M)


def example_answers():
    """The example answer file as {question id: typed text}, in the order they are asked."""
    answers = {}
    with open(EXAMPLE, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^  (\w+): (.+)$", line)
            if m:
                answers[m.group(1)] = m.group(2).strip("[]")
    order = script_order()
    return {q: answers[q] for q in sorted(answers, key=order.index)}


class Interview(TempDirTest):
    def spawn(self, *args, **env):
        child = pexpect.spawn(BIN, ["interview", "--show-ids"] + list(args),
                              env=clean_env(XDG_STATE_HOME=self.tmp, HOME=self.tmp, **env),
                              encoding="utf-8", timeout=15, dimensions=(50, 200))
        self.addCleanup(child.close, force=True)
        return child

    def next_question(self, child):
        child.expect(QUESTION)
        qid = child.match.group(1)
        child.expect("> ")
        return qid

    def drive(self, child, answers, stop_before=None):
        """Answers each question asked from `answers` until the end (or `stop_before`)."""
        asked = []
        while True:
            index = child.expect([QUESTION, pexpect.EOF])
            if index == 1:
                return asked
            ids = child.match.group(1).split()
            child.expect("> ")
            if stop_before in ids:
                return asked
            if len(ids) > 1:  # a list, answered at once
                typed = list_answer(answers, ids)
                child.sendline(typed)
                if typed != "not sure":  # else they come one by one
                    asked.extend(ids)
                continue
            qid = ids[0]
            self.assertIn(qid, answers, f"unexpected question {qid}")
            child.sendline(answers[qid])
            asked.append(qid)

    def assess_json(self, path):
        status, out, err = run(["assess", "--format", "json", path])
        self.assertEqual(status, 0, err)
        return json.loads(out)

    def save_path(self):
        return os.path.join(self.tmp, "saved.yaml")

    def test_complete_interview_to_self_care(self):
        child = self.spawn("--save", self.save_path())
        asked = self.drive(child, example_answers())
        child.close()
        self.assertEqual(child.exitstatus, 0)
        # Who is asking, then red-flag screening first.
        self.assertEqual(asked[:3], ["age", "sex", "saddle_numbness"])
        self.assertIn("pregnant", asked)
        self.assertNotIn("testicle_pain", asked)  # she is a woman
        self.assertNotIn("dizzy_or_shoulder_tip", asked)  # follow-up of pregnant: no
        self.assertNotIn("hip_held_bent", asked)  # follow-up of fever: no, anticoagulant: no
        self.assertNotIn("thigh_numb_knee_gives", asked)  # follow-up of leg_numbness: no
        self.assertIn("side", asked)
        self.assertEqual(asked.index("side"), asked.index("pain_where") + 1)
        doc = self.assess_json(self.save_path())
        self.assertEqual(doc["verdict"]["level"], "self-care")
        expected = self.assess_json(EXAMPLE)
        self.assertEqual(doc["answers"], expected["answers"])

    def test_report_and_save_location_are_shown(self):
        child = self.spawn("--save", self.save_path())
        self.drive(child, example_answers(), stop_before=None)
        self.assertIn(" SELF-CARE ", child.before)
        self.assertIn(f"Your answers are saved in {self.save_path()}", child.before)

    def test_emergency_stops_at_once(self):
        child = self.spawn("--save", self.save_path())
        self.assertEqual(self.next_question(child), "age")
        child.sendline("70")
        self.assertEqual(self.next_question(child), "sex")
        child.sendline("male")
        # The nerve warning signs come as one list; picking the first is a yes to it alone.
        self.assertEqual(self.next_question(child),
                         "saddle_numbness bladder_bowel both_legs leg_weakness collapse leg_numbness")
        child.sendline("1")
        child.expect("EMERGENCY")
        child.expect("Possible cauda equina syndrome")
        child.expect("The interview stops here")
        # On a terminal the one-screen summary says what to do, and ends with the verdict.
        child.expect("Call your local emergency number now")
        child.expect(pexpect.EOF)
        self.assertIn(" EMERGENCY ", child.before)
        child.close()
        self.assertEqual(child.exitstatus, 0)
        self.assertEqual(self.assess_json(self.save_path())["verdict"]["level"], "emergency")

    def test_urgent_flag_is_shown_at_once_and_the_interview_goes_on(self):
        child = self.spawn("--save", self.save_path())
        answers = example_answers()
        self.drive(child, answers, stop_before="fever")
        child.sendline("fever")  # picked from the list of warning signs
        child.expect("URGENT: Fever with hip, groin or back pain")
        child.expect("The questions go on")
        # The fever makes the follow-up asked once the blood-thinner question is answered: it
        # comes right after the list that holds it.
        asked = self.drive(child, answers, stop_before="hip_held_bent")
        self.assertEqual(asked[-2:], ["night_pain", "infection_risk"])
        self.assertIn("anticoagulant", asked)
        self.assertEqual(child.match.group(0), "> ")

    def test_invalid_answers_are_explained_and_asked_again(self):
        child = self.spawn("--save", self.save_path())
        self.assertEqual(self.next_question(child), "age")
        for bad in ("forty", "200", ""):
            child.sendline(bad)
            self.assertEqual(self.next_question(child), "age")
        child.sendline("40")
        answers = example_answers()
        self.drive(child, answers, stop_before="injury")
        child.sendline("injury")
        child.expect("'injury' could be injury_minor or injury_major")
        self.assertEqual(self.next_question(child), "injury onset weight_bearing")
        child.sendline("crash")
        child.expect("'crash' is not one of the options")
        self.assertEqual(self.next_question(child), "injury onset weight_bearing")
        child.sendline("1")  # a minor injury
        self.assertEqual(self.next_question(child), "injury_when")

    def test_forgiving_answers(self):
        child = self.spawn("--save", self.save_path())
        answers = example_answers()
        answers.update(age="41", saddle_numbness="N", bladder_bowel="don\u2019t know",
                       both_legs="dk", infection_risk="[none]", injury="No injury",
                       onset="dk", weight_bearing="norm",  # "dk" on onset: one at a time
                       smoker_or_aneurysm="no", pain_waves="no", blood_in_urine="no")
        self.drive(child, answers, stop_before="pain_where")
        child.sendline("low")
        child.expect("'low' could be low_back or lower_belly")
        self.assertEqual(self.next_question(child), "pain_where")
        child.sendline("2, low back, buttock")
        self.next_question(child)
        child.sendintr()
        child.expect(pexpect.EOF)
        doc = self.assess_json(self.save_path())["answers"]
        self.assertEqual(doc["bladder_bowel"], "unknown")
        self.assertEqual(doc["injury"], "none")
        self.assertEqual(doc["weight_bearing"], "normal")
        self.assertEqual(doc["pain_where"], ["front_hip", "low_back", "buttock"])

    def test_help_shows_why_and_sources(self):
        child = self.spawn("--save", self.save_path())
        self.drive(child, example_answers(), stop_before="fever")
        child.sendline("?")
        # A list explains each of its signs, with sources.
        child.expect(r"A fever, chills or shivering \(fever\): Fever with hip, groin or back pain")
        child.expect(r"\[seed-002")
        self.assertEqual(self.next_question(child).split()[0], "fever")
        child.sendline("none")
        self.assertEqual(self.next_question(child).split()[0], "pregnant")

    def test_back_changes_an_answer_and_drops_what_no_longer_applies(self):
        child = self.spawn("--save", self.save_path())
        answers = example_answers()
        self.drive(child, answers, stop_before="anticoagulant")
        child.sendline("anticoagulant")  # on a blood thinner, nothing else on the list
        # Its follow-ups (with the hip held bent) come as one list.
        self.assertEqual(self.next_question(child), "hip_held_bent faint")
        child.sendline("none")
        self.assertEqual(self.next_question(child), "injury onset weight_bearing")
        child.sendline("back")
        child.expect(QUESTION)
        self.assertEqual(child.match.group(1), "hip_held_bent faint")
        child.expect("Your answer was: none")
        child.expect("> ")
        child.sendline("back")
        child.expect(QUESTION)  # the list before, with the line picked
        self.assertEqual(child.match.group(1).split()[:2], ["pregnant", "anticoagulant"])
        child.expect("Your answer was: 2")
        child.expect("> ")
        child.sendline("none")
        self.assertEqual(self.next_question(child), "injury onset weight_bearing")
        child.sendeof()
        child.expect(pexpect.EOF)
        doc = self.assess_json(self.save_path())
        self.assertEqual(doc["answers"]["anticoagulant"], "no")
        for follow_up in ("hip_held_bent", "faint"):
            self.assertNotIn(follow_up, doc["answers"])

    def interrupted(self, send):
        """Answers two questions, then `send`s at once when the list of nerve signs appears."""
        child = self.spawn("--save", self.save_path())
        answers = example_answers()
        self.drive(child, answers, stop_before="both_legs")
        send(child)
        child.expect(pexpect.EOF)
        child.close()
        return child

    def resume_to_the_end(self):
        child = self.spawn("--resume", self.save_path())
        asked = self.drive(child, example_answers())
        child.close()
        self.assertEqual(child.exitstatus, 0)
        self.assertEqual(asked[0], "saddle_numbness")  # only what is still missing
        self.assertNotIn("age", asked)
        self.assertEqual(self.assess_json(self.save_path())["verdict"]["level"], "self-care")

    def test_ctrl_c_right_after_a_prompt_keeps_the_answers_and_resumes(self):
        child = self.interrupted(lambda c: c.sendintr())
        self.assertEqual(child.exitstatus, 130)
        self.assertIn("Interrupted. Your answers so far are saved in", child.before)
        self.assertIn(f"psoas-triage interview --resume {self.save_path()}", child.before)
        doc = self.assess_json(self.save_path())
        self.assertEqual(doc["answers"], {"age": 38, "sex": "female"})
        self.resume_to_the_end()

    def test_ctrl_d_keeps_the_answers_and_resumes(self):
        child = self.interrupted(lambda c: c.sendeof())
        self.assertEqual(child.exitstatus, 4)
        self.assertIn("Input ended. Your answers so far are saved in", child.before)
        self.assertEqual(len(self.assess_json(self.save_path())["answers"]), 2)
        self.resume_to_the_end()

    def test_save_never_replaces_a_file(self):
        for existing in ("done.yaml", "notes.txt"):
            path = self.write(existing, "answers:\n  age: 40\n")
            status, _, err = run(["interview", "--save", path], stdin="41\n")
            self.assertEqual(status, 3)
            self.assertIn(f"{path}: exists; --save writes a new file", err)
            self.assertIn(f"interview --resume {path}", err)
            with open(path, encoding="utf-8") as f:
                self.assertEqual(f.read(), "answers:\n  age: 40\n")

    def test_ctrl_c_at_once_many_times(self):
        for attempt in range(15):
            save = os.path.join(self.tmp, f"attempt-{attempt}.yaml")
            child = self.spawn("--save", save)
            child.expect("> ")
            child.sendintr()
            child.expect(pexpect.EOF)
            child.close()
            self.assertEqual(child.exitstatus, 130, attempt)
            self.assess_json(save)

    def test_default_save_goes_to_the_state_folder(self):
        child = self.spawn()
        self.next_question(child)
        child.sendline("33")
        self.next_question(child)
        child.sendintr()
        child.expect(pexpect.EOF)
        folder = os.path.join(self.tmp, "psoas-triage")
        saved = os.listdir(folder)
        self.assertEqual(len(saved), 1)
        self.assertRegex(saved[0], r"^interview-\d{8}-\d{6}\.yaml$")
        self.assertIn(os.path.join(folder, saved[0]), child.before)
        self.assertEqual(os.stat(os.path.join(folder, saved[0])).st_mode & 0o777, 0o600)
        self.assertEqual(self.assess_json(os.path.join(folder, saved[0]))["answers"], {"age": 33})

    def test_bare_command_on_a_terminal_starts_the_interview(self):
        child = pexpect.spawn(BIN, [], env=clean_env(XDG_STATE_HOME=self.tmp), encoding="utf-8",
                              timeout=15)
        self.addCleanup(child.close, force=True)
        # Without --show-ids a prompt names no id: "?" shows it.
        child.expect("Question 1 of about \\d+\r\n\\S*How old are you\\?")
        child.expect("> ")
        child.sendline("?")
        child.expect(r"Why this is asked \(age\):")
        child.sendintr()
        child.expect(pexpect.EOF)

    def test_colour_only_on_a_terminal_and_not_with_no_color(self):
        child = self.spawn("--save", self.save_path())
        child.expect("> ")
        self.assertIn("\x1b[1m", child.before)
        plain = self.spawn("--save", os.path.join(self.tmp, "plain.yaml"), NO_COLOR="1")
        plain.expect("> ")
        self.assertNotIn("\x1b", plain.before)


class PipedAndScripted(TempDirTest):
    def lines(self):
        return "".join(v + "\n" for v in example_answers().values())

    def test_piped_answers_give_the_report_on_stdout(self):
        save = os.path.join(self.tmp, "s.yaml")
        status, out, err = run(["interview", "--save", save], stdin=self.lines())
        self.assertEqual(status, 0, err)
        self.assertTrue(out.startswith(" SELF-CARE "), out[:100])
        self.assertIn("Question 1 of about", err)
        self.assertNotIn("Question 1", out)
        self.assertIn(f"Your answers are saved in {save}", err)

    def test_piped_json_report(self):
        save = os.path.join(self.tmp, "s.yaml")
        status, out, _ = run(["interview", "--save", save, "--format", "json", "--exit-code"],
                             stdin=self.lines())
        self.assertEqual(status, 10)
        self.assertEqual(json.loads(out)["verdict"]["level"], "self-care")

    def test_input_that_ends_early_is_kept(self):
        save = os.path.join(self.tmp, "s.yaml")
        status, out, err = run(["interview", "--save", save], stdin="35\nfemale\nno\nno\n")
        self.assertEqual(status, 4)
        self.assertEqual(out, "")
        self.assertIn("Input ended", err)
        with open(save, encoding="utf-8") as f:
            saved = f.read()
        for line in ("age: 35", "sex: female", "saddle_numbness: no", "bladder_bowel: no"):
            self.assertIn(line, saved)

    def test_no_input_fails_naming_what_is_missing(self):
        partial = self.write("p.yaml", "answers:\n  age: 30\n  sex: female\n  pregnant: no\n"
                                       "  fever: no\n  anticoagulant: no\n")
        status, out, err = run(["interview", "--no-input", "--answers", partial])
        self.assertEqual(status, 4)
        self.assertEqual(out, "")
        self.assertRegex(err, r"^psoas-triage: error: --no-input: \d+ questions have no answer: "
                              r"saddle_numbness, bladder_bowel, ")
        for skipped in ("hip_held_bent", "testicle_pain", "dizzy_or_shoulder_tip"):
            self.assertNotIn(skipped, err)

    def test_no_input_with_complete_answers_reports(self):
        status, out, err = run(["interview", "--no-input", "--answers", EXAMPLE])
        self.assertEqual(status, 0, err)
        self.assertTrue(out.startswith(" SELF-CARE "))

    def test_bad_resume_file_is_bad_input(self):
        bad = self.write("bad.yaml", "answers:\n  fevr: no\n")
        status, _, err = run(["interview", "--resume", bad])
        self.assertEqual(status, 3)
        self.assertIn("bad.yaml:2:3: unknown question 'fevr'; did you mean 'fever'?", err)

    def test_no_command_without_a_terminal_is_a_usage_error(self):
        status, _, err = run([], stdin="")
        self.assertEqual(status, 2)
        self.assertIn("no command given", err)

    def test_unwritable_save_path(self):
        status, _, err = run(["interview", "--save", "/nonexistent/dir/s.yaml"], stdin="")
        self.assertEqual(status, 3)
        self.assertIn("/nonexistent/dir/s.yaml: cannot save the answers", err)
