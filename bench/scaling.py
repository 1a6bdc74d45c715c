#!/usr/bin/env python3
"""Time against input size, doubling up to the documented caps: answer files (YAML and JSON, up
to 1 MiB and 20,000 values) and rule sets (the shipped one with ever more questions). Prints the
median time of each size and its ratio to the size before; linear parsing keeps each ratio at or
below 2.2. Usage: bench/scaling.py BUILD_DIR [RUNS]. Not a test: the machine is shared and noisy,
so read the medians, and run it again before believing one bad ratio."""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BUILD = sys.argv[1]
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 7
BIN = os.path.join(BUILD, "psoas-triage")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "examples", "answers.yaml")
KIB = 1024


def median_seconds(cmd):
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def answer_file(folder, size, json):
    """An answer file of about `size` bytes whose values grow with it, to 20,000 at 1 MiB."""
    values = max(1, 19_900 * size // (1024 * KIB))
    pad = "x" * max(0, size * 9 // 10 - 2 * values)
    if json:
        text = '{"answers": {}, "note": ["' + pad + '",' + ",".join(["1"] * values) + "]}\n"
    else:
        text = "answers: {}\nnote: [" + pad + "," + ",".join(["1"] * values) + "]\n"
    path = os.path.join(folder, f"answers-{size}.{'json' if json else 'yaml'}")
    with open(path, "w") as f:
        f.write(text)
    return path, len(text)


def rule_set(folder, extra):
    """The shipped rule set with `extra` more yes/no questions after its own."""
    target = os.path.join(folder, f"rules-{extra}")
    shutil.copytree(os.path.join(ROOT, "rules"), target)
    path = os.path.join(target, "10-questions.yaml")
    with open(path) as f:
        text = f.read()
    more = "".join(f"  - id: extra_{i}\n    type: yes_no\n    text: Extra question {i} for the "
                   f"size benchmark?\n    sources: [seed-003]\n" for i in range(extra))
    with open(path, "w") as f:
        f.write(text.replace("\ngroups:", "\n" + more + "groups:", 1))
    size = sum(os.path.getsize(os.path.join(target, n)) for n in os.listdir(target))
    return target, size


def series(title, rows):
    print(f"== {title}: median of {RUNS} runs each")
    print(f"  {'size':>28}  {'time':>11}  ratio to the size before")
    worst = 0.0
    before = None
    for label, seconds in rows:
        ratio = seconds / before if before else None
        worst = max(worst, ratio or 0)
        print(f"  {label:>28}  {seconds * 1000:8.2f} ms  {'' if ratio is None else f'{ratio:5.2f}x'}")
        before = seconds
    print(f"  largest ratio per doubling: {worst:.2f}x (goal: at most 2.2x)")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for json in (False, True):
            rows = []
            for size in [16 * KIB * 2 ** k for k in range(7)]:  # 16 KiB to 1 MiB
                path, actual = answer_file(tmp, size - 64, json)
                rows.append((f"{actual // KIB} KiB", median_seconds([BIN, "assess", path])))
            series(f"assess, a {'JSON' if json else 'YAML'} answer file", rows)
        rows = []
        for extra in [1000 * 2 ** k for k in range(6)]:  # to 32,000 more questions, 3.5 MiB
            folder, size = rule_set(tmp, extra)
            rows.append((f"{size // KIB} KiB, +{extra} questions",
                         median_seconds([BIN, "assess", "--rules", folder, EXAMPLE])))
        series("assess --rules, a rule set with more questions", rows)


if __name__ == "__main__":
    main()
