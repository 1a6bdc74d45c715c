#!/usr/bin/env python3
"""Start-up and batch figures for the README, each against a baseline measured in the same run.
Usage: bench/measure.py BUILD_DIR. Medians of repeated runs; machines here are shared."""
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

BUILD = sys.argv[1]
BIN = os.path.join(BUILD, "psoas-triage")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "examples", "answers.yaml")


def median_seconds(cmd, runs, stdin_path=None):
    times = []
    for _ in range(runs):
        with open(stdin_path or os.devnull, "rb") as stdin:
            start = time.perf_counter()
            subprocess.run(cmd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           check=False)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_with_rusage(cmd, stdin_path):
    """Wall time and peak memory (KiB) of one process."""
    with open(stdin_path, "rb") as stdin:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        return time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def startup():
    print("== start-up: median of 40 runs each")
    version = median_seconds([BIN, "--version"], 40)
    assess = median_seconds([BIN, "assess", EXAMPLE], 40)
    yaml = median_seconds([BIN, "assess", "--rules", os.path.join(ROOT, "rules"), EXAMPLE], 15)
    print(f"  psoas-triage --version                   {version * 1000:7.2f} ms   1.00x (baseline)")
    print(f"  psoas-triage assess FILE                 {assess * 1000:7.2f} ms   {assess / version:.2f}x")
    print(f"  psoas-triage assess --rules rules/ FILE  {yaml * 1000:7.2f} ms   {yaml / version:.2f}x")


def batch():
    lines = []
    for path in sorted(os.listdir(os.path.join(ROOT, "tests", "vignettes"))):
        out = subprocess.run([BIN, "assess", "-f", "json",
                              os.path.join(ROOT, "tests", "vignettes", path)],
                             capture_output=True, text=True).stdout
        doc = json.loads(out)
        lines.append(json.dumps({"id": doc["case_id"], "answers": doc["answers"]}))
    with tempfile.TemporaryDirectory() as tmp:
        print(f"== batch: the {len(lines)} vignettes repeated; wall time and peak memory of one process")
        for count in (100_000, 1_000_000):
            path = os.path.join(tmp, f"{count}.jsonl")
            with open(path, "w") as f:
                for _, line in zip(range(count), itertools.cycle(lines)):
                    f.write(line + "\n")
            size = os.path.getsize(path)
            floor = statistics.median(run_with_rusage(["wc", "-l"], path)[0] for _ in range(3))
            runs = [run_with_rusage([BIN, "batch"], path) for _ in range(7 if count < 1_000_000 else 3)]
            seconds = statistics.median(r[0] for r in runs)
            rss = max(r[1] for r in runs)
            print(f"  {count:>9,} lines ({size / 2**20:6.1f} MiB): {count / seconds:>10,.0f} answer sets/s"
                  f"  {seconds:6.2f} s  peak {rss / 1024:5.1f} MiB"
                  f"  (reading alone, wc -l: {floor:.2f} s; batch is {seconds / floor:.1f}x that)")


def large_file():
    """A 900 KB answer file with 20,000 values, near the caps: the time to read it and find the
    place of each value, against the example answer file."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "large.yaml")
        with open(path, "w") as f:
            f.write("#" + "x" * 900_000 + "\nanswers: {}\nnote: [" + ",".join(["1"] * 19_990) + "]\n")
        small = median_seconds([BIN, "assess", EXAMPLE], 15)
        large = median_seconds([BIN, "assess", path], 15)
        print("== a 900 KB answer file with 20,000 values: median of 15 runs each")
        print(f"  assess examples/answers.yaml   {small * 1000:8.2f} ms   1.00x (baseline)")
        print(f"  assess the 900 KB file          {large * 1000:8.2f} ms   {large / small:5.2f}x")


if __name__ == "__main__":
    startup()
    batch()
    large_file()
