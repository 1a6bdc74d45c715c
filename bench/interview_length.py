#!/usr/bin/env python3
"""How many prompts a person answers in the real interview.

Drives `psoas-triage interview` through a pseudo-terminal (pexpect) for each answer file given,
answering each prompt from the file, and counts the prompts until the report. A question the
file leaves out is answered as a person with no warning sign would: "no" to a yes/no question,
"none of these" where a list offers it, and "don't know" otherwise. A list is answered with
the lines the file's answers pick (tests/blackbox/lists.py). Prints one line per file
and the median and maximum.

    bench/interview_length.py build/psoas-triage tests/vignettes/self-care-*.yaml
"""
import os
import re
import statistics
import sys
import tempfile

import pexpect

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "blackbox"))
import lists  # noqa: E402  (what a person types at a list)

OTHERWISE = lists.otherwise_options(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "rules", "10-questions.yaml"))

# A prompt names the question it asks, or the questions a list of warning signs answers.
QUESTION = re.compile(rb"Question \d+ of about \d+ \[([\w ]+)\]")


def answers_of(path):
    """The answers section of a YAML answer file, as the text typed for each question."""
    answers = {}
    inside = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("answers:"):
                inside = True
                continue
            if inside and not line.startswith("  "):
                break
            if inside and ":" in line:
                key, value = line.strip().split(":", 1)
                value = value.strip()
                if value.startswith("[") and value.endswith("]"):
                    value = value[1:-1]
                answers[key] = "dk" if value == "unknown" else value
    return answers


def default_answer(prompt):
    """What a person with no warning sign answers to a question their file leaves out."""
    text = prompt.decode(errors="replace").lower()
    if "none of these" in text:
        return "none"
    if "yes / no" in text:
        return "no"
    return "dk"


def prompts(binary, path):
    answers = answers_of(path)
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, NO_COLOR="1", TERM="dumb", HOME=tmp, XDG_STATE_HOME=tmp)
        child = pexpect.spawn(binary, ["interview", "--show-ids", "--save", os.path.join(tmp, "a.yaml")],
                              env=env, timeout=20)
        count = 0
        while child.expect([QUESTION, pexpect.EOF]) == 0:
            ids = child.match.group(1).decode().split()
            child.expect("> ")
            if len(ids) > 1:
                child.sendline(lists.list_answer(answers, ids, OTHERWISE))
            else:
                child.sendline(answers.get(ids[0]) or default_answer(child.before))
            count += 1
        return count


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    counts = []
    for path in sys.argv[2:]:
        n = prompts(sys.argv[1], path)
        counts.append(n)
        print(f"{n:3d}  {os.path.basename(path)}")
    print(f"median {statistics.median(counts)}, maximum {max(counts)}, over {len(counts)} files")


if __name__ == "__main__":
    main()
