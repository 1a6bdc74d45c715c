"""`psoas-triage rules lint|check|graph|diff` through the real binary, on the shipped rule set and on
deliberately broken ones, with each counterexample replayed through `assess`."""
import json
import os
import re
import shutil
import subprocess
import unittest

from harness import BAD, SRC, TempDirTest, run, vignette

RULES = os.path.join(SRC, "rules")


class BrokenRuleSets(TempDirTest):
    def assemble(self, case):
        """A rule-set folder: the shared header plus one case file."""
        folder = os.path.join(self.tmp, os.path.splitext(os.path.basename(case))[0])
        os.makedirs(folder)
        shutil.copy(os.path.join(BAD, "rule-header.yaml"), os.path.join(folder, "00-header.yaml"))
        shutil.copy(case, os.path.join(folder, "10-case.yaml"))
        return folder

    def test_lint_reports_every_error_at_once_with_its_place(self):
        folder = self.assemble(os.path.join(BAD, "lint", "errors.yaml"))
        status, out, _ = run(["rules", "lint", folder])
        self.assertEqual(status, 3)
        case = os.path.join(folder, "10-case.yaml")
        expected = [
            "4:10: error: duplicate id 'q1' in 'questions'",
            "5:74: error: unknown source 's9'; did you mean 's1'?",
            "6:74: error: 'ask_if' of question 'q3' reads 'q4', which is asked after it",
            "8:74: error: 'ask_if' of question 'q4' reads 'q4' itself",
            "9:5: error: an item of 'questions' lacks the required key 'sources'",
            "11:5: error: an item of 'red_flags' lacks the required key 'level'",
            "12:76: error: operator 'contains' does not fit number question 'q2'",
            "13:70: error: 11 is outside the range of 'q2' (0 to 10)",
            "14:70: error: 'q3' has no option 'c'; did you mean 'a'?",
            "15:62: error: unknown question 'qq1'; did you mean 'q1'?",
            "16:58: error: 'when' of red flag 'f6' reads a red flag; only advice ('when', "
            "'not_for') may read red flags",
            "18:60: error: unknown structure 'musle'; did you mean 'muscle'?",
            "20:5: error: an item of 'advice' lacks the required key 'stop'",
            "21:69: error: unknown red flag 'f9'; did you mean 'f1'?",
            "23:39: error: 'q3' in group 'g1' needs 'otherwise': the option that \"none of these\" "
            "means, one of a, b",
        ]
        for line in expected:
            self.assertIn(f"{case}:{line}", out)
        self.assertIn(": 15 errors, 0 warnings", out)

    def test_lint_reports_each_wrong_list_with_its_place(self):
        folder = self.assemble(os.path.join(BAD, "lint", "groups.yaml"))
        status, out, _ = run(["rules", "lint", folder])
        self.assertEqual(status, 3)
        case = os.path.join(folder, "10-case.yaml")
        expected = [
            "16:58: error: 'c' is not an option of 'q2'; expected one of a, b",
            "17:39: error: 'q4' cannot be in group 'g2': a list holds yes/no and choice questions, "
            "not numbers",
            "18:35: error: 'q5' in group 'g3' needs 'otherwise': the option that \"none of these\" "
            "means, one of x, y",
            "19:39: error: 'q8' does not follow 'q6' in the script; a group's questions must be "
            "consecutive",
            "10:70: error: the ask_if of 'q8' reads 'q7', in its own group 'g5'; a list is shown "
            "whole, so it can read only questions before the group",
            "21:54: error: 'q1' is a yes/no question: not picked means no, so it takes no "
            "'otherwise'",
        ]
        for line in expected:
            self.assertIn(f"{case}:{line}", out)
        self.assertIn(": 6 errors, 0 warnings", out)

    def test_lint_warns_about_what_is_legal_but_suspicious(self):
        folder = self.assemble(os.path.join(BAD, "lint", "warnings.yaml"))
        status, out, _ = run(["rules", "lint", folder])
        self.assertEqual(status, 0)
        self.assertIn("00-header.yaml:10:5: warning: source 's2' is never cited", out)
        self.assertIn("10-case.yaml:4:34: warning: option 'b' of 'q1' is read by no condition", out)
        self.assertIn("warning: structure 'muscle' is supported by no evidence rule", out)
        self.assertIn(": 0 errors, 3 warnings", out)

    def test_check_catches_each_unsafe_rule_set_and_the_counterexample_replays(self):
        with open(os.path.join(BAD, "unsafe", "expected.tsv"), encoding="utf-8") as f:
            cases = [line.rstrip("\n").split("\t") for line in f]
        self.assertGreaterEqual(len(cases), 4)
        for name, prop, message, wrong_level in cases:
            with self.subTest(name):
                folder = self.assemble(os.path.join(BAD, "unsafe", name))
                examples = os.path.join(self.tmp, name + "-cx")
                status, out, _ = run(["rules", "check", "--counterexamples", examples, folder])
                self.assertEqual(status, 5, out)
                self.assertRegex(out, rf"VIOLATED\s+{prop}\s")
                self.assertIn(f"violation of {prop}: {message}", out)
                if not wrong_level:
                    continue
                example = os.path.join(examples, "counterexample-1.yaml")
                self.assertIn(f"counterexample: {example}", out)
                status, replay, err = run(["assess", "--rules", folder, "-f", "json", example])
                self.assertEqual(status, 0, err)
                self.assertEqual(json.loads(replay)["verdict"]["level"], wrong_level)


class ShippedRuleSet(TempDirTest):
    def test_lint_is_clean(self):
        status, out, _ = run(["rules", "lint"])
        self.assertEqual(status, 0)
        self.assertEqual(out, "the built-in rule set: 0 errors, 0 warnings\n")
        status, out, _ = run(["rules", "lint", RULES])
        self.assertEqual(status, 0)
        self.assertIn("0 errors, 0 warnings", out)

    def test_check_proves_every_property(self):
        status, out, _ = run(["rules", "check"])
        self.assertEqual(status, 0, out)
        for prop in ("reachable", "verdict", "monotonic", "dont-know", "not-hidden",
                     "one-verdict", "advice-safe"):
            self.assertRegex(out, rf"proved\s+{prop}\s.*\((\d+) cases\)")
            cases = int(re.search(rf"proved\s+{prop}\s.*\((\d+) cases\)", out).group(1))
            self.assertGreater(cases, 0, prop)
        flags = int(re.search(r"^Rule set iliopsoas \S+ .*, (\d+) red flags,", out, re.M).group(1))
        self.assertGreaterEqual(flags, 49)
        self.assertRegex(out, rf"Explored \d+ reachable answer combinations in {flags} red-flag "
                              rf"cones")
        self.assertTrue(out.endswith("All properties proved.\n"))

    def test_graph_is_valid_dot(self):
        status, out, _ = run(["rules", "graph"])
        self.assertEqual(status, 0)
        self.assertTrue(out.startswith('digraph "iliopsoas 2.4.1" {'))
        self.assertIn("q_fever -> f_fever", out)
        self.assertIn("q_fever -> q_hip_held_bent [style=dashed", out)
        self.assertIn("q_anticoagulant -> q_hip_held_bent [style=dashed", out)
        self.assertIn('q_sex -> q_pregnant [style=dashed, label="asked if sex != male"]', out)
        self.assertIn('q_sex -> q_testicle_pain [style=dashed, label="asked if sex != female"]',
                      out)
        self.assertIn('f_cauda_equina [shape=octagon, style=filled, fillcolor="#d73027"', out)
        # A question no longer asked hangs off the one that asks it now, outside the script.
        self.assertIn('q_leg_weakness -> q_new_weakness [style=dotted, label="replaces"]', out)
        self.assertIn("q_thigh_numb_knee_gives -> q_weakness_worsening [weight=10]", out)
        self.assertIn("q_weakness_worsening -> q_testicle_pain [weight=10]", out)
        self.assertNotIn("-> q_new_weakness [weight=10]", out)
        if shutil.which("dot"):
            done = subprocess.run(["dot", "-Tsvg"], input=out, capture_output=True, text=True)
            self.assertEqual(done.returncode, 0, done.stderr)

    def test_diff_shows_rule_changes_and_the_cases_they_move(self):
        changed = os.path.join(self.tmp, "rules")
        shutil.copytree(RULES, changed)
        path = os.path.join(changed, "20-red-flags.yaml")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        old = "  - id: red_warm_skin\n    level: urgent"
        self.assertIn(old, text)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(old, "  - id: red_warm_skin\n    level: see-professional"))
        status, out, _ = run(["rules", "diff", RULES, changed, "--cases",
                              os.path.dirname(vignette("urgent-02-red-warm-skin"))])
        self.assertEqual(status, 0, out)
        self.assertIn("~ red flag red_warm_skin: level urgent -> see-professional", out)
        self.assertIn("1 rule changes", out)
        self.assertRegex(out, r"case .*urgent-02-red-warm-skin\.yaml: urgent/none"
                              r" -> see-professional/iliopsoas_tendon_bursa")
        self.assertRegex(out, r"1 of \d+ cases change")

    def test_diff_of_identical_rule_sets_is_empty(self):
        status, out, _ = run(["rules", "diff", RULES, RULES])
        self.assertEqual(status, 0)
        self.assertEqual(out, "0 rule changes\n")
