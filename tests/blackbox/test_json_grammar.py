"""One JSON grammar (RFC 8259): a JSON answer file, the same text on standard input, and the same
text as a `batch` line are accepted or refused alike, with the same message at the same column."""
import json
import os
import re
import shutil
import subprocess

from harness import BAD, BIN, SRC, TempDirTest, clean_env, run

ANSWERS = os.path.join(BAD, "answers")
LOCATED = re.compile(r"^psoas-triage: error: (?:[^:]+):(\d+):(\d+): (.*)$")
BATCH_LOCATED = re.compile(r"^  <stdin>:1(?::(\d+))?: (.*)$")

# Valid answer sets, compared too: acceptance must agree as much as refusal.
GOOD = {
    "plain.json": '{"id": "a", "answers": {"fever": "no", "age": 40}, "note": "x"}\n',
    "words.json": '{"answers": {"fever": false, "pain_level": "mild", "age": 0}}\n',
    "escapes.json": '{"id": "caf\\u00e9 \\"q\\"", "answers": {}, "expect": '
                    '{"level": "self-care", "structure": "none"}}\n',
    "exponent-free.json": '{"answers": {"age": -0}}\n',
}


def json_files():
    for name in sorted(os.listdir(ANSWERS)):
        if name.endswith(".json"):
            with open(os.path.join(ANSWERS, name), "rb") as f:
                yield name, f.read()


class OneJsonGrammar(TempDirTest):
    def judge_file(self, name, cwd):
        status, _, err = run(["assess", name], cwd=cwd)
        if status == 3 and err.startswith("psoas-triage: error:"):
            m = LOCATED.match(err.splitlines()[0])
            self.assertIsNotNone(m, err)
            return ("refused", int(m.group(1)), int(m.group(2)), m.group(3))
        self.assertIn(status, (0, 10, 11, 12), err)  # a verdict's exit status
        return ("accepted",)

    def judge_stdin(self, data):
        status, _, err = run(["assess", "-"], stdin=data)
        if status == 3:
            m = LOCATED.match(err.splitlines()[0])
            self.assertIsNotNone(m, err)
            return ("refused", int(m.group(1)), int(m.group(2)), m.group(3))
        self.assertIn(status, (0, 10, 11, 12), err)
        return ("accepted",)

    def judge_batch(self, data):
        status, out, err = run(["batch"], stdin=data)
        record = json.loads(out.splitlines()[0])
        if "error" in record:
            self.assertEqual(status, 3)
            m = BATCH_LOCATED.match(err.splitlines()[1])
            self.assertIsNotNone(m, err)
            self.assertEqual(m.group(2), record["error"])
            message = record["error"].replace("the line lacks", "the answer file lacks")
            return ("refused", 1, int(m.group(1) or 0), message)
        self.assertEqual(status, 0, err)
        return ("accepted",)

    def test_exit_codes_of_a_verdict_are_known(self):
        status, _, err = run(["assess", "-"], stdin=GOOD["plain.json"])
        self.assertIn(status, (0, 10, 11, 12), err)

    def test_every_json_file_is_judged_alike_by_every_path(self):
        cases = list(json_files())
        self.assertGreaterEqual(len(cases), 15)
        for name, text in GOOD.items():
            cases.append((name, self.write(name, text).encode() and text.encode()))
        refused = accepted = 0
        for name, data in cases:
            with self.subTest(name):
                # A batch line is one line: every JSON file of the corpus is written as one.
                self.assertLessEqual(data.rstrip(b"\n").count(b"\n"), 0, name)
                folder = ANSWERS if os.path.exists(os.path.join(ANSWERS, name)) else self.tmp
                as_file = self.judge_file(name, folder)
                as_stdin = self.judge_stdin(data)
                self.assertEqual(as_file, as_stdin)
                if b'"resourceType"' in data:
                    continue  # a FHIR resource is an answer file, never a batch line
                as_line = self.judge_batch(data)
                self.assertEqual(as_file, as_line)
                refused += as_file[0] == "refused"
                accepted += as_file[0] == "accepted"
        self.assertGreaterEqual(refused, 15)
        self.assertEqual(accepted, len(GOOD))

    def test_what_yaml_allows_json_refuses(self):
        for name, text, message in (
                ("comma.json", '{"answers": {"fever": "no",}}', "no trailing comma"),
                ("quotes.json", "{'answers': {}}", "double quotes"),
                ("comment.json", '{"answers": {}} # note', "JSON has no comments"),
                ("after.json", '{"answers": {}} {"answers": {}}', "text after the object")):
            with self.subTest(name):
                path = self.write(name, text + "\n")
                status, _, err = run(["assess", path])
                self.assertEqual(status, 3)
                self.assertIn(message, err)
                as_yaml = self.write(name.replace(".json", ".yaml"), text + "\n")
                status, _, err = run(["assess", as_yaml])
                self.assertNotIn("not valid JSON", err)


class WrongMessagesFixed(TempDirTest):
    def test_a_folder_on_standard_input(self):
        folder = os.open(self.tmp, os.O_RDONLY)
        try:
            done = subprocess.run([BIN, "assess", "-"], stdin=folder, capture_output=True,
                                  text=True, env=clean_env(), timeout=30)
        finally:
            os.close(folder)
        self.assertEqual(done.returncode, 3)
        self.assertEqual(done.stderr, "psoas-triage: error: <stdin>: is a folder, not a file "
                                      "(standard input was given a folder)\n")

    def test_the_lowest_whole_number_as_a_minimum(self):
        folder = os.path.join(self.tmp, "rules")
        shutil.copytree(os.path.join(SRC, "rules"), folder)
        path = os.path.join(folder, "10-questions.yaml")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace("    min: 0\n    max: 120\n",
                                 "    min: -9223372036854775808\n    max: 120\n", 1))
        status, _, err = run(["assess", "--rules", folder, os.path.join(SRC, "examples",
                                                                       "answers.yaml")])
        self.assertEqual(status, 3)
        self.assertEqual(err, f"psoas-triage: error: {path}:14:10: 'min' must be from -1000000 "
                              "to 1000000, not -9223372036854775808\n")

    def test_a_block_scalar_error_is_one_line(self):
        path = self.write("block.yaml", "answers:\n  age: |\n 40\n")
        status, _, err = run(["assess", path])
        self.assertEqual(status, 3)
        self.assertEqual(len(err.splitlines()), 1, err)
