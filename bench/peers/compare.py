#!/usr/bin/env python3
"""Agreement, then timing, of psoas-triage against the same rule set run by CLIPS and by
json-rules-engine. Usage: compare.py BUILD_DIR PEERS_DIR [--smoke] [--random N] [--cases N] [--peer-cases N]
[--rounds N]

1. Agreement: the level and the top structure of every case, from all three, on the shipped
   vignettes and on randomised answer sets (answers made unknown, left unanswered or changed).
   Anything short of 100% stops here: a timing of tools that disagree means nothing.
2. Timing: each round runs the parse floor, psoas-triage batch --jobs 1, the CLIPS host and the
   json-rules-engine host in turn, each on one case and on N cases (the vignettes in turn:
   100,000 for the floor and psoas-triage, 2,000 for the peers, which are slower), so that the
   cost per case can be told from start-up. Figures are medians over rounds; ratios are taken
   round by round. --smoke runs the vignettes' agreement alone."""
import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
VIGNETTES = os.path.join(ROOT, "tests", "vignettes")


def vignette_records(binary):
    records = []
    for name in sorted(os.listdir(VIGNETTES)):
        out = subprocess.run([binary, "assess", "-f", "json", os.path.join(VIGNETTES, name)],
                             capture_output=True, text=True, check=True).stdout
        doc = json.loads(out)
        records.append({"id": doc["case_id"], "answers": doc["answers"]})
    return records


def random_value(q, rng):
    if q["type"] == "yes_no":
        return rng.choice(["yes", "no"])
    if q["type"] == "one_of":
        return rng.choice(q["options"])
    if q["type"] == "number":
        if q["bands"] and rng.random() < 0.3:
            return rng.choice(q["bands"])["id"]
        return rng.randint(q["min"], q["max"])
    chosen = rng.choice(q["options"])
    if chosen in q["exclusive"]:
        return [chosen]
    free = [o for o in q["options"] if o not in q["exclusive"]]
    picked = set(rng.sample(free, rng.randint(1, min(3, len(free)))))
    return [o for o in q["options"] if o in picked]


def randomised(records, meta, count, seed):
    """Answer sets made from the vignettes: each question's answer is kept, made unknown, left
    unanswered or changed, at random."""
    rng = random.Random(seed)
    out = []
    for k in range(count):
        answers = dict(rng.choice(records)["answers"])
        # How much to change: from a touch (most verdicts stay) to most answers (few do).
        rate = rng.choice([0.01, 0.03, 0.1, 0.3])
        for q in meta["questions"]:
            roll = rng.random()
            if roll < rate / 3:
                answers[q["id"]] = "unknown"
            elif roll < 2 * rate / 3:
                answers.pop(q["id"], None)
            elif roll < rate:
                answers[q["id"]] = random_value(q, rng)
        out.append({"id": f"random-{k}", "answers": answers})
    return out


def write_lines(path, records):
    with open(path, "w") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")


def verdicts(cmd, path):
    with open(path, "rb") as stdin:
        done = subprocess.run(cmd, stdin=stdin, capture_output=True, text=True)
    out = []
    for line in done.stdout.splitlines():
        doc = json.loads(line)
        out.append((doc.get("level"), doc.get("top_structure"), doc.get("error")))
    return out


def agreement(tools, path, label):
    results = {name: verdicts(cmd, path) for name, cmd in tools.items()}
    reference = results["psoas-triage"]
    errors = sum(1 for r in reference if r[2])
    ok = True
    for name, got in results.items():
        if name == "psoas-triage":
            continue
        same = sum(1 for a, b in zip(reference, got) if a[:2] == b[:2] and not a[2] and not b[2])
        total = len(reference)
        print(f"  {label}: {name:<18} agrees on {same:,} of {total:,} "
              f"({100 * same / total:.2f}%; level and top structure)")
        if same != total or len(got) != total:
            ok = False
            shown = 0
            for i, (a, b) in enumerate(zip(reference, got)):
                if a[:2] != b[:2] or a[2] or b[2]:
                    print(f"    line {i + 1}: psoas-triage {a}, {name} {b}")
                    shown += 1
                    if shown == 5:
                        break
    if errors:
        print(f"  {label}: psoas-triage reported {errors} bad lines")
        ok = False
    return ok


def measure(cmd, path):
    with open(path, "rb") as stdin, open(os.devnull, "wb") as devnull:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdin=stdin, stdout=devnull, stderr=devnull)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(cmd)} failed")
    return wall, usage.ru_utime + usage.ru_stime


def timing(tools, files, rounds):
    """Each round runs every tool on one case and on its N cases, in turn. A tool's cost per case
    is the CPU time of the N-case run less that of the one-case run (its start-up: loading the
    rule base, or node itself), over N - 1; the ratio to psoas-triage is taken round by round."""
    runs = {name: [] for name in tools}
    for _ in range(rounds):
        for name, (cmd, slow) in tools.items():
            one, many, count = files[slow]
            start = measure(cmd, one)[1]
            whole = measure(cmd, many)[1]
            runs[name].append(((whole - start) / (count - 1), start, count / whole))
    base = runs["psoas-triage"]
    print(f"  {'tool':<18} {'cases':>8} {'CPU per case':>13} {'start-up':>10} "
          f"{'cases per CPU-second':>21} {'to psoas-triage':>16}")
    for name, r in runs.items():
        count = files[tools[name][1]][2]
        per_case = statistics.median(x[0] for x in r)
        ratio = statistics.median(x[0] / b[0] for x, b in zip(r, base))
        print(f"  {name:<18} {count:>8,} {per_case * 1e6:>10,.2f} µs "
              f"{statistics.median(x[1] for x in r) * 1e3:>7,.1f} ms "
              f"{statistics.median(x[2] for x in r):>21,.0f} {ratio:>15,.2f}x")
    print("  CPU is user + system time of the whole process. CPU per case excludes start-up; cases "
          "per CPU-second\n  includes it. The last column is CPU per case over psoas-triage's, "
          "median of the rounds' ratios.")


def level_counts(tools, path):
    counts = {}
    for level, _, _ in verdicts(tools["psoas-triage"], path):
        counts[level] = counts.get(level, 0) + 1
    return ", ".join(f"{n:,} {level}" for level, n in sorted(counts.items(), key=lambda x: -x[1]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("peers")
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--random", type=int, default=20_000)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--peer-cases", type=int, default=2_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    binary = os.path.join(args.build, "psoas-triage")
    with open(os.path.join(args.peers, "meta.json")) as f:
        meta = json.load(f)
    tools = {
        "psoas-triage": [binary, "batch", "--jobs", "1"],
        "CLIPS 6.30": [os.path.join(args.peers, "clips_host"), args.peers],
        "json-rules-engine": ["node", os.path.join(HERE, "jre_host.js"), args.peers],
    }
    records = vignette_records(binary)
    with tempfile.TemporaryDirectory() as tmp:
        print("== agreement (must be 100% before anything is timed)")
        vig = os.path.join(tmp, "vignettes.jsonl")
        write_lines(vig, records)
        ok = agreement(tools, vig, f"{len(records)} vignettes")
        if args.smoke:
            return 0 if ok else 1
        rnd = os.path.join(tmp, "random.jsonl")
        write_lines(rnd, randomised(records, meta, args.random, seed=16))
        ok = agreement(tools, rnd, f"{args.random:,} randomised answer sets (seed 16)") and ok
        if not ok:
            print("disagreement: nothing is timed")
            return 1
        print(f"  the randomised sets' verdicts: {level_counts(tools, rnd)}")
        files = {}
        for slow, count in ((False, args.cases), (True, args.peer_cases)):
            one, many = (os.path.join(tmp, f"{slow}-{n}.jsonl") for n in ("one", "many"))
            cases = [dict(records[k % len(records)], id=f"case-{k}") for k in range(count)]
            write_lines(one, cases[:1])
            write_lines(many, cases)
            files[slow] = (one, many, count)
        print(f"== timing: the vignettes in turn, {args.rounds} rounds, {os.cpu_count()} cores, "
              f"{time.strftime('%Y-%m-%d', time.gmtime())}")
        timed = {"parse floor": ([os.path.join(args.build, "bench", "parse_floor")], False)}
        timed.update({name: (cmd, name != "psoas-triage") for name, cmd in tools.items()})
        timing(timed, files, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
