"""Every kind of bad input gets one located error line on stderr and status 3, never a crash."""
import os
import shutil
import unittest

from harness import BAD, SRC, TempDirTest, run

EXAMPLE = os.path.join(SRC, "examples", "answers.yaml")


def corpus(folder):
    with open(os.path.join(BAD, folder, "expected.tsv"), encoding="utf-8") as f:
        for line in f:
            name, expected = line.rstrip("\n").split("\t", 1)
            yield name, expected


class BadAnswerFiles(TempDirTest):
    def check(self, args, expected, cwd=None):
        status, out, err = run(args, cwd=cwd)
        self.assertEqual(status, 3, (args, err))
        self.assertEqual(out, "")
        self.assertEqual(err.splitlines()[0], expected)

    def test_corpus(self):
        folder = os.path.join(BAD, "answers")
        cases = list(corpus("answers"))
        self.assertGreaterEqual(len(cases), 40)
        for name, expected in cases:
            with self.subTest(name):
                self.check(["assess", name], expected, cwd=folder)
                self.assertRegex(expected, r"^psoas-triage: error: [^:]+:\d+:\d+: ")

    def test_missing_file(self):
        self.check(["assess", "nowhere.yaml"],
                   "psoas-triage: error: nowhere.yaml: cannot open: No such file or directory",
                   cwd=self.tmp)

    def test_folder_given_as_answer_file(self):
        status, _, err = run(["assess", self.tmp])
        self.assertEqual(status, 3)
        self.assertEqual(err, f"psoas-triage: error: {self.tmp}: is a folder, not a file\n")

    def test_file_over_the_size_cap(self):
        path = self.write("huge.yaml", "answers:\n" + "# padding\n" * 120_000)
        self.check(["assess", path],
                   f"psoas-triage: error: {path}: file is larger than the 1024 KiB limit")

    def test_huge_input_on_stdin(self):
        status, _, err = run(["assess", "-"], stdin="#" * (3 << 20))
        self.assertEqual(status, 3)
        self.assertIn("<stdin>: file is larger than the 1024 KiB limit", err)

    def test_deep_nesting(self):
        path = self.write("deep.yaml", "answers: " + "[" * 50_000 + "]" * 50_000)
        self.check(["assess", path],
                   f"psoas-triage: error: {path}:1:41: nested more than 32 levels deep; "
                   "no valid file is")

    def test_many_values(self):
        path = self.write("wide.yaml", "answers:\n  x: [" + "1," * 30_000 + "1]\n")
        status, _, err = run(["assess", path])
        self.assertEqual(status, 3)
        self.assertIn("too many values", err)


class BadRuleSets(TempDirTest):
    def test_corpus(self):
        folder = os.path.join(BAD, "rules")
        for name, expected in corpus("rules"):
            with self.subTest(name):
                status, out, err = run(["assess", "--rules", name, EXAMPLE], cwd=folder)
                self.assertEqual(status, 3, err)
                self.assertEqual(out, "")
                self.assertEqual(err.splitlines()[0], expected)

    def edited_rules(self, file, old, new):
        folder = os.path.join(self.tmp, "rules")
        shutil.copytree(os.path.join(SRC, "rules"), folder)
        path = os.path.join(folder, file)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        self.assertIn(old, text)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(old, new, 1))
        return folder

    def test_mistake_in_a_rules_folder_is_located(self):
        folder = self.edited_rules("20-red-flags.yaml", "{q: collapse, eq: yes}",
                                   "{q: colapse, eq: yes}")
        status, _, err = run(["assess", "--rules", folder, EXAMPLE])
        self.assertEqual(status, 3)
        self.assertRegex(err, r"20-red-flags\.yaml:\d+:\d+: unknown question 'colapse'; "
                              r"did you mean 'collapse'\?")

    def test_wrong_operator_for_a_question_type(self):
        folder = self.edited_rules("20-red-flags.yaml", "{q: pain_level, ge: 7}",
                                   "{q: pain_level, contains: 8}")
        status, _, err = run(["assess", "--rules", folder, EXAMPLE])
        self.assertEqual(status, 3)
        self.assertIn("operator 'contains' does not fit number question 'pain_level'", err)

    def test_missing_rules_path(self):
        status, _, err = run(["assess", "--rules", "/nonexistent/rules", EXAMPLE])
        self.assertEqual(status, 3)
        self.assertIn("/nonexistent/rules: cannot open", err)
