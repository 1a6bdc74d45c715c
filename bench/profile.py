#!/usr/bin/env python3
"""Where `batch` spends its work, in instructions (callgrind), against the parse floor: counts do
not move with the machine's load, unlike times. Usage: bench/profile.py BUILD_DIR [LINES]
Needs valgrind. Under valgrind, SHA-256 runs without the CPU's SHA instructions, so the answers
hash counts for more here than it costs on the machine."""
import importlib.util
import os
import re
import subprocess
import sys
import tempfile

BUILD = sys.argv[1]
LINES = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
HERE = os.path.dirname(os.path.abspath(__file__))

PARTS = [
    ("reading the answers (JsonLineReader::read)", r"JsonLineReader::read\("),
    ("the record: kept, or the engine, record and stamp (BatchWriter::result)",
     r"BatchWriter::result\("),
    ("  of which the engine (engine::evaluate)", r"engine/engine\.cpp:psoas::engine::evaluate\("),
    ("  of which the answers hash (AnswersDigest)", r"AnswersDigest::operator\(\)"),
]


def callgrind(cmd, stdin_path, out):
    with open(stdin_path, "rb") as stdin:
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"] + cmd,
                       stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=True)
    return subprocess.run(["callgrind_annotate", "--inclusive=yes", out], capture_output=True,
                          text=True, check=True).stdout


def count(report, pattern):
    for line in report.splitlines():
        if re.search(pattern, line):
            return int(line.split()[0].replace(",", ""))
    return 0


def main():
    spec = importlib.util.spec_from_file_location("batch", os.path.join(HERE, "batch.py"))
    batch = importlib.util.module_from_spec(spec)
    sys.argv = [sys.argv[0], BUILD]
    spec.loader.exec_module(batch)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "cases.jsonl")
        batch.write_cases(path, LINES, batch.vignette_records())
        floor = callgrind([os.path.join(BUILD, "bench", "parse_floor")], path,
                          os.path.join(tmp, "floor.out"))
        tool = callgrind([os.path.join(BUILD, "psoas-triage"), "batch", "--jobs", "1", path],
                         path, os.path.join(tmp, "batch.out"))
        batch.write_cases(path, LINES, batch.vignette_records(), distinct=True)
        new = callgrind([os.path.join(BUILD, "psoas-triage"), "batch", "--jobs", "1", path],
                        path, os.path.join(tmp, "new.out"))
    floor_total = count(floor, r"PROGRAM TOTALS")
    for title, report in (("the vignettes in turn", tool),
                          ("every answer set new (age and pain level changed)", new)):
        total = count(report, r"PROGRAM TOTALS")
        print(f"== instructions (callgrind), {LINES:,} lines, {title}; ratio to the whole parse "
              f"floor")
        print(f"  {'the parse floor, all of it':<72} {floor_total:>14,}  1.00x")
        print(f"  {'batch --jobs 1, all of it':<72} {total:>14,}  {total / floor_total:.2f}x")
        for name, pattern in PARTS:
            n = count(report, pattern)
            print(f"  {name:<72} {n:>14,}  {n / floor_total:.2f}x")


if __name__ == "__main__":
    main()
