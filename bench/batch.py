#!/usr/bin/env python3
"""The batch figures in the README: one core, two cores, the parse floor and peak memory, for
100,000 and 1,000,000 answer sets. Each round runs every command once, in turn, so that a ratio
compares runs taken under the same load; figures are medians over rounds, ratios are taken round
by round. Usage: bench/batch.py BUILD_DIR [--quick]"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

BUILD = sys.argv[1]
QUICK = "--quick" in sys.argv[2:]
BIN = os.path.join(BUILD, "psoas-triage")
FLOOR = os.path.join(BUILD, "bench", "parse_floor")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VIGNETTES = os.path.join(ROOT, "tests", "vignettes")


def vignette_records():
    records = []
    for name in sorted(os.listdir(VIGNETTES)):
        out = subprocess.run([BIN, "assess", "-f", "json", os.path.join(VIGNETTES, name)],
                             capture_output=True, text=True, check=True).stdout
        doc = json.loads(out)
        records.append({"id": doc["case_id"], "answers": doc["answers"]})
    return records


def write_cases(path, count, records, distinct=False):
    """`count` lines: the vignettes in turn, each with an id of its own. With `distinct`, each
    line's age and pain level are changed too, so that no answer set repeats (batch keeps the
    records of recent answer sets, and evaluates and hashes only new ones)."""
    with open(path, "w") as f:
        for k in range(count):
            record = dict(records[k % len(records)], id=f"case-{k}")
            if distinct:
                n = len(records)
                record["answers"] = dict(record["answers"], age=(k // n) % 121,
                                         pain_level=(k // (n * 121)) % 11)
            f.write(json.dumps(record) + "\n")


def measure(cmd, stdin_path):
    """Wall seconds, CPU seconds (user + system) and peak memory (MiB) of one process. Peak
    memory is GNU time's report: a child forked from Python would count the interpreter's memory
    as its own. Times are the operating system's own accounting, to the microsecond."""
    with tempfile.NamedTemporaryFile("r") as report, open(stdin_path, "rb") as stdin, \
            open(os.devnull, "wb") as devnull:
        start = time.perf_counter()
        child = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", report.name] + cmd,
                                 stdin=stdin, stdout=devnull, stderr=devnull)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"{' '.join(cmd)} failed with status {os.waitstatus_to_exitcode(status)}")
        peak = int(report.read().split()[-1])
    return wall, usage.ru_utime + usage.ru_stime, peak / 1024


def rounds(commands, path, count):
    """Runs each command once per round, in turn; returns {name: [(wall, cpu, peak), ...]}."""
    runs = {name: [] for name in commands}
    for _ in range(count):
        for name, cmd in commands.items():
            runs[name].append(measure(cmd, path))
    return runs


def med(values):
    return statistics.median(values)


def report(count, runs):
    floor = runs["floor"]
    one = runs["jobs 1"]
    two = runs["jobs 2"]
    print(f"  {'command':<34} {'wall':>8} {'CPU':>8} {'per CPU-second':>15} {'peak':>9}")
    for name, cmd in (("floor", "bench/parse_floor"), ("jobs 1", "psoas-triage batch --jobs 1"),
                      ("jobs 2", "psoas-triage batch --jobs 2")):
        r = runs[name]
        print(f"  {cmd:<34} {med(x[0] for x in r):7.2f}s {med(x[1] for x in r):7.2f}s "
              f"{med(count / x[1] for x in r):>15,.0f} {max(x[2] for x in r):6.1f} MiB")
    per_cpu = [o[1] / f[1] for o, f in zip(one, floor)]
    speedup = [o[0] / t[0] for o, t in zip(one, two)]
    print(f"  CPU per case, --jobs 1 to the floor: {med(per_cpu):.2f}x "
          f"(rounds: {min(per_cpu):.2f} to {max(per_cpu):.2f})")
    print(f"  wall, --jobs 1 to --jobs 2:          {med(speedup):.2f}x "
          f"(rounds: {min(speedup):.2f} to {max(speedup):.2f})")


def main():
    if not os.path.exists("/usr/bin/time"):
        sys.exit("GNU time (/usr/bin/time, Debian package time) is needed for peak memory")
    if not os.path.exists(FLOOR):
        sys.exit(f"{FLOOR} is missing: build the default preset first")
    records = vignette_records()
    print(f"== batch: the {len(records)} vignettes in turn, each line with an id of its own; "
          f"{os.cpu_count()} cores; {time.strftime('%Y-%m-%d', time.gmtime())}")
    print("   each round runs the floor, --jobs 1 and --jobs 2 once, in turn; medians over rounds")
    with tempfile.TemporaryDirectory() as tmp:
        for count, n in ((100_000, 3 if QUICK else 15), (1_000_000, 1 if QUICK else 5)):
            path = os.path.join(tmp, f"{count}.jsonl")
            write_cases(path, count, records)
            commands = {"floor": [FLOOR], "jobs 1": [BIN, "batch", "--jobs", "1"],
                        "jobs 2": [BIN, "batch", "--jobs", "2"]}
            print(f"- {count:,} lines ({os.path.getsize(path) / 2**20:.0f} MiB), {n} rounds")
            report(count, rounds(commands, path, n))
            os.remove(path)
            if count == 100_000:
                write_cases(path, count, records, distinct=True)
                runs = rounds({"floor": commands["floor"], "jobs 1": commands["jobs 1"]}, path, n)
                ratio = [o[1] / f[1] for o, f in zip(runs["jobs 1"], runs["floor"])]
                print(f"  the same with every answer set new (age and pain level changed, so each "
                      f"is evaluated and hashed):\n  CPU per case, --jobs 1 to the floor: {med(ratio):.2f}x "
                      f"(rounds: {min(ratio):.2f} to {max(ratio):.2f}); --jobs 1: "
                      f"{med(count / x[1] for x in runs['jobs 1']):,.0f} per CPU-second")
                os.remove(path)


if __name__ == "__main__":
    main()
