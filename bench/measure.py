#!/usr/bin/env python3
"""Start-up and large-file figures for the README, each against a baseline measured in the same run
(the batch figures are bench/batch.py's).
Usage: bench/measure.py BUILD_DIR. Medians of repeated runs; machines here are shared."""
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


def startup():
    print("== start-up: median of 40 runs each")
    version = median_seconds([BIN, "--version"], 40)
    assess = median_seconds([BIN, "assess", EXAMPLE], 40)
    yaml = median_seconds([BIN, "assess", "--rules", os.path.join(ROOT, "rules"), EXAMPLE], 15)
    print(f"  psoas-triage --version                   {version * 1000:7.2f} ms   1.00x (baseline)")
    print(f"  psoas-triage assess FILE                 {assess * 1000:7.2f} ms   {assess / version:.2f}x")
    print(f"  psoas-triage assess --rules rules/ FILE  {yaml * 1000:7.2f} ms   {yaml / version:.2f}x")


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
    large_file()
