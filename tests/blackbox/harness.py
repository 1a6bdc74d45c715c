"""Runs the built psoas-triage binary the way a user or a script would: a clean environment, an
empty working directory, and nothing but its arguments and standard input."""
import os
import shutil
import subprocess
import tempfile
import unittest

import lists

BIN = os.environ["PSOAS_TRIAGE"]
SRC = os.environ["PSOAS_SOURCE_DIR"]
VIGNETTES = os.path.join(SRC, "tests", "vignettes")
BAD = os.path.join(SRC, "tests", "bad")
OTHERWISE = lists.otherwise_options(os.path.join(SRC, "rules", "10-questions.yaml"))


def clean_env(**extra):
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "xterm"}
    env.update(extra)
    return env


def run(args, stdin=None, cwd=None, env=None, timeout=30):
    """Runs the binary; returns (status, stdout, stderr) with text decoded as UTF-8."""
    with tempfile.TemporaryDirectory() as empty:
        done = subprocess.run(
            [BIN] + list(args),
            input=stdin.encode() if isinstance(stdin, str) else stdin,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            cwd=cwd or empty, env=env or clean_env(), timeout=timeout)
    return done.returncode, done.stdout.decode(), done.stderr.decode()


def vignette(name):
    return os.path.join(VIGNETTES, name + ".yaml")


class TempDirTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="psoas-test-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, name, data):
        path = os.path.join(self.tmp, name)
        mode = "wb" if isinstance(data, bytes) else "w"
        with open(path, mode) as f:
            f.write(data)
        return path


def list_answer(answers, ids):
    """What a person types at a list prompt naming the question ids `ids` (see lists.py)."""
    return lists.list_answer(answers, ids, OTHERWISE)