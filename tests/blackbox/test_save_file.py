"""The interview's save file: one interview per file (a lock), no temporaries of a killed save
left behind, a failed save that loses nothing, and --resume that writes the file back in its own
form (YAML, JSON or FHIR) with its id, note and expectation."""
import json
import os
import resource
import signal
import subprocess
import time

from harness import BIN, SRC, TempDirTest, clean_env, run


def piped(args, stdin, env=None, preexec_fn=None):
    done = subprocess.run([BIN, "interview", "--show-ids"] + args, input=stdin, text=True,
                          capture_output=True, env=env or clean_env(), timeout=30,
                          preexec_fn=preexec_fn)
    return done.returncode, done.stdout, done.stderr


class Lock(TempDirTest):
    def test_a_second_interview_on_the_same_file_refuses(self):
        save = os.path.join(self.tmp, "answers.yaml")
        first = subprocess.Popen([BIN, "interview", "--show-ids", "--save", save],
                                 stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, env=clean_env(), text=True)
        try:
            for _ in range(100):
                if os.path.exists(save):
                    break
                time.sleep(0.05)
            with open(save, encoding="utf-8") as f:
                before = f.read()
            status, _, err = piped(["--resume", save], "40\n")
            self.assertEqual(status, 3)
            self.assertEqual(err, f"psoas-triage: error: {save}: another interview is saving its "
                                  f"answers to this file; finish or stop that one first (the "
                                  f"lock is {save}.lock)\n")
            with open(save, encoding="utf-8") as f:
                self.assertEqual(f.read(), before)
        finally:
            first.stdin.close()
            first.wait(timeout=30)
        # Once the first has ended, the file is free again, and its lock file is gone.
        self.assertFalse(os.path.exists(save + ".lock"))
        status, _, err = piped(["--resume", save], "40\n")
        self.assertEqual(status, 4, err)


class StaleTemporaries(TempDirTest):
    def test_temporaries_of_a_killed_save_are_removed_at_the_next_start(self):
        save = os.path.join(self.tmp, "answers.yaml")
        status, _, err = piped(["--save", save], "40\n")
        self.assertEqual(status, 4, err)
        stale = [self.write("answers.yaml.Ab3xZ9", "answers:\n  age: 4"),
                 self.write("answers.yaml.q1W2e3", "")]
        kept = [self.write("answers.yaml.notes", "mine"), self.write("other.yaml.Ab3xZ9", "")]
        status, _, err = piped(["--resume", save], "3\n")
        self.assertEqual(status, 4, err)
        self.assertIn(f"Removed 2 temporary file(s) that an interrupted save left beside {save}.",
                      err)
        for path in stale:
            self.assertFalse(os.path.exists(path), path)
        for path in kept:
            self.assertTrue(os.path.exists(path), path)

    def test_a_save_killed_in_a_race_leaves_nothing_after_the_next_start(self):
        save = os.path.join(self.tmp, "answers.yaml")
        status, _, err = piped(["--save", save], "40\n")
        self.assertEqual(status, 4, err)
        for delay in (0.0, 0.005, 0.01, 0.02, 0.04):
            child = subprocess.Popen([BIN, "interview", "--show-ids", "--resume", save],
                                     stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, env=clean_env())
            child.stdin.write(b"3\n" + b"no\n" * 40)
            child.stdin.flush()
            time.sleep(delay)
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
            child.stdin.close()
        status, _, err = piped(["--resume", save], "")
        self.assertIn(status, (0, 4, 10, 11, 12), err)
        left = [n for n in os.listdir(self.tmp) if n.startswith("answers.yaml.")]
        self.assertEqual(left, [], left)


def file_size_limit(limit):
    """In the child: writes beyond `limit` bytes fail with EFBIG instead of killing it."""
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


class FailedSave(TempDirTest):
    def test_a_failed_save_keeps_the_answer_retries_and_exits_3_with_the_resume_hint(self):
        save = os.path.join(self.tmp, "answers.yaml")
        # The file as first written fits the limit; with an answer it does not.
        status, _, _ = piped(["--save", save], "")
        first_size = os.path.getsize(save)
        os.remove(save)
        status, out, err = piped(["--save", save, "--format", "json"], "40\n3\nquit\n",
                                 preexec_fn=file_size_limit(first_size))
        self.assertEqual(status, 3, err)
        failures = [line for line in err.splitlines() if "cannot save the answers" in line]
        self.assertEqual(len(failures), 2, err)  # tried again after the next answer
        self.assertIn("File too large. They are kept, and saved again after your next answer",
                      failures[0])
        self.assertIn(f"psoas-triage: error: {save}: the last answers could not be saved; the "
                      f"file holds the answers before them", err)
        self.assertIn(f"interview --resume {save}", err)
        # Nothing typed was lost: the report covers both answers.
        report = json.loads(out)
        self.assertEqual(report["answers"]["age"], 40)
        self.assertEqual(os.path.getsize(save), first_size)
        self.assertEqual([n for n in os.listdir(self.tmp) if n != "answers.yaml"], [])

    def test_a_save_that_works_again_catches_up(self):
        save = os.path.join(self.tmp, "answers.yaml")
        status, _, err = piped(["--save", save], "40\n")
        self.assertEqual(status, 4, err)
        with open(save, encoding="utf-8") as f:
            self.assertIn("age: 40", f.read())


class ResumeKeepsTheForm(TempDirTest):
    def resume(self, path, typed="3\n"):
        status, _, err = piped(["--resume", path], typed)
        self.assertEqual(status, 4, err)
        with open(path, encoding="utf-8") as f:
            return f.read()

    def test_json_stays_json_with_its_fields(self):
        path = self.write("case.json", json.dumps({
            "id": "case-7", "note": "seen on Monday", "answers": {"age": 40},
            "expect": {"level": "urgent", "structure": "none"}}))
        doc = json.loads(self.resume(path))
        self.assertEqual(doc["id"], "case-7")
        self.assertEqual(doc["note"], "seen on Monday")
        self.assertEqual(doc["expect"], {"level": "urgent", "structure": "none"})
        self.assertEqual(doc["answers"]["age"], 40)
        self.assertEqual(len(doc["answers"]), 2)  # the answer typed at the resumed interview
        status, _, err = run(["assess", path])
        self.assertNotEqual(status, 3, err)

    def test_yaml_stays_yaml_with_its_fields(self):
        path = self.write("case.yaml", "id: case-8\nnote: seen on Monday\nanswers:\n  age: 40\n"
                                       "expect: {level: urgent, structure: none}\n")
        text = self.resume(path)
        self.assertIn('id: "case-8"\n', text)
        self.assertIn('note: "seen on Monday"\n', text)
        self.assertIn("  age: 40\n", text)
        self.assertIn('expect: {level: urgent, structure: "none"}\n', text)
        status, _, err = run(["assess", path])
        self.assertNotEqual(status, 3, err)

    def test_fhir_stays_a_questionnaire_response(self):
        example = os.path.join(SRC, "examples", "answers.yaml")
        status, response, err = run(["assess", "--format", "fhir", example])
        self.assertEqual(status, 0, err)
        doc = json.loads(response)
        doc["item"] = [i for i in doc["item"] if i["linkId"] == "age"]
        path = self.write("response.json", json.dumps(doc))
        out = json.loads(self.resume(path))
        self.assertEqual(out["resourceType"], "QuestionnaireResponse")
        self.assertEqual(out["questionnaire"], doc["questionnaire"])
        self.assertEqual(len(out["item"]), 2)
        status, _, err = run(["assess", path])
        self.assertNotEqual(status, 3, err)

    def test_a_new_save_named_json_is_json(self):
        path = os.path.join(self.tmp, "new.json")
        status, _, err = piped(["--save", path], "40\n")
        self.assertEqual(status, 4, err)
        with open(path, encoding="utf-8") as f:
            self.assertEqual(json.load(f)["answers"], {"age": 40})
