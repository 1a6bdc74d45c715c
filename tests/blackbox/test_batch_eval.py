"""`psoas-triage batch` and `psoas-triage eval` through the real binary."""
import csv
import glob
import hashlib
import io
import json
import os
import re
import subprocess
import unittest

from harness import BIN, SRC, VIGNETTES, TempDirTest, clean_env, run


def canonical_hash(answers, script_order):
    """The answers hash as the README defines it: SHA-256 of "QUESTION=ANSWER;" for each answered
    question in script order, a many-of answer's options joined by ',' in the rule set's order."""
    text = ""
    for question in script_order:
        value = answers.get(question)
        if value is None:
            continue
        if isinstance(value, list):
            value = ",".join(value)
        text += f"{question}={value};"
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def script_order():
    with open(os.path.join(SRC, "rules", "10-questions.yaml"),
              encoding="utf-8") as f:
        return re.findall(r"^  - id: (\w+)$", f.read(), re.M)


def expected_levels():
    """How many project vignettes expect each level, read from their `expect` sections."""
    counts = {level: 0 for level in ("emergency", "urgent", "see-professional", "self-care")}
    for path in glob.glob(os.path.join(VIGNETTES, "*.yaml")):
        with open(path, encoding="utf-8") as f:
            counts[re.search(r"^  level: (\S+)$", f.read(), re.M).group(1)] += 1
    return counts


def vignette_lines():
    """Each vignette as a JSON Lines record, read back through `assess` so the two agree."""
    lines = []
    for path in sorted(glob.glob(os.path.join(VIGNETTES, "*.yaml"))):
        _, out, _ = run(["assess", "-f", "json", path])
        doc = json.loads(out)
        lines.append((doc, json.dumps({"id": doc["case_id"], "answers": doc["answers"]})))
    return lines


class Batch(TempDirTest):
    @classmethod
    def setUpClass(cls):
        cls.cases = vignette_lines()

    def test_batch_agrees_with_assess_on_every_vignette(self):
        status, out, err = run(["batch"], stdin="".join(line + "\n" for _, line in self.cases))
        self.assertEqual(status, 0, err)
        results = [json.loads(line) for line in out.splitlines()]
        self.assertEqual(len(results), len(self.cases))
        for (doc, _), result in zip(self.cases, results):
            self.assertEqual(result["id"], doc["case_id"])
            self.assertEqual(result["level"], doc["verdict"]["level"])
            self.assertEqual(sorted(result["red_flags"]),
                             sorted(f["id"] for f in doc["red_flags"]["fired"]))
            self.assertEqual(sorted(result["not_excluded"]),
                             sorted(f["id"] for f in doc["red_flags"]["not_excluded"]))
            self.assertEqual([s["id"] for s in result["structures"]],
                             [s["id"] for s in doc["structures"][:3]])
            # What the report leads with: "none" when a look-alike red flag leads.
            self.assertEqual(result["top_structure"], doc["cause"]["structure"])
            self.assertEqual(result["lookalike"], doc["cause"]["red_flag"])
            self.assertEqual(result["rule_set"], doc["rule_set"]["hash"])
            self.assertEqual(result["answers_hash"], doc["answers_hash"])
            self.assertEqual(result["tool_version"], doc["tool"]["version"])
            self.assertEqual(result["rule_set_id"], doc["rule_set"]["id"])
            self.assertEqual(result["rule_set_version"], doc["rule_set"]["version"])
        counts = expected_levels()
        self.assertGreaterEqual(min(counts.values()), 15)
        self.assertEqual(err, f"batch: {len(self.cases)} answer sets: "
                              f"{counts['emergency']} emergency, {counts['urgent']} urgent, "
                              f"{counts['see-professional']} see-professional, "
                              f"{counts['self-care']} self-care; 0 bad\n")

    def test_bad_lines_get_error_records_and_the_rest_go_on(self):
        good = self.cases[0][1]
        lines = [good, '{"answers": {"fevr": "no"}}', "not json", "", '{"id": "x", "answers": 3}',
                 good, '{"answers": {"age": "40"}}', '{"answers": {}} trailing']
        status, out, err = run(["batch"], stdin="\n".join(lines) + "\n")
        self.assertEqual(status, 3)
        records = [json.loads(line) for line in out.splitlines()]
        self.assertEqual([r["line"] for r in records], [1, 2, 3, 5, 6, 7, 8])
        self.assertEqual(records[1]["error"], "unknown question 'fevr'; did you mean 'fever'?")
        self.assertIn("error", records[2])
        self.assertEqual(records[3]["id"], "x")
        self.assertEqual(records[3]["error"], "'answers' must be a mapping of question ids to "
                                              "answers, not a single value")  # as in a file
        self.assertIn("level", records[4])
        self.assertIn("write numbers without quotes", records[5]["error"])
        self.assertTrue(records[6]["error"].startswith("not valid JSON"), records[6])
        self.assertIn("7 answer sets", err)
        self.assertIn("5 bad", err)
        self.assertIn("<stdin>:2:14: unknown question 'fevr'", err)

    def test_the_answers_hash_is_the_documented_one_for_every_vignette(self):
        order = script_order()
        status, out, _ = run(["batch"], stdin="".join(line + "\n" for _, line in self.cases))
        self.assertEqual(status, 0)
        for (doc, _), line in zip(self.cases, out.splitlines()):
            expected = canonical_hash(doc["answers"], order)
            self.assertEqual(json.loads(line)["answers_hash"], expected, doc["case_id"])
            self.assertEqual(doc["answers_hash"], expected, doc["case_id"])

    def test_csv(self):
        status, out, _ = run(["batch", "--format", "csv"],
                             stdin=self.cases[0][1] + "\n{}\n")
        self.assertEqual(status, 3)
        self.assertEqual(out.splitlines()[0],
                         "file,line,id,level,red_flags,not_excluded,top_structure,top_score,error,"
                         "answers_hash,tool_version,rule_set_id,rule_set_version,rule_set_hash")
        rows = list(csv.reader(io.StringIO(out)))
        self.assertEqual({len(row) for row in rows}, {14})  # every row has every column
        records = list(csv.DictReader(io.StringIO(out)))
        doc = self.cases[0][0]
        self.assertEqual(records[0]["level"], doc["verdict"]["level"])
        self.assertEqual(records[0]["id"], doc["case_id"])
        self.assertEqual(records[0]["top_structure"], doc["cause"]["structure"])
        self.assertEqual(records[0]["answers_hash"], doc["answers_hash"])
        self.assertEqual(records[0]["rule_set_hash"], doc["rule_set"]["hash"])
        self.assertEqual(records[0]["tool_version"], doc["tool"]["version"])
        self.assertEqual(records[0]["rule_set_id"], doc["rule_set"]["id"])
        self.assertEqual(records[0]["rule_set_version"], doc["rule_set"]["version"])
        self.assertTrue(records[1]["error"])
        self.assertEqual(records[1]["answers_hash"], "")

    def test_several_files_name_each_record_file(self):
        a = self.write("a.jsonl", self.cases[0][1] + "\n")
        b = self.write("b.jsonl", "{}\n" + self.cases[1][1] + "\n")
        status, out, _ = run(["batch", a, b])
        self.assertEqual(status, 3)
        records = [json.loads(line) for line in out.splitlines()]
        self.assertEqual([(r["file"], r["line"]) for r in records], [(a, 1), (b, 1), (b, 2)])

    def test_a_line_over_the_size_cap(self):
        status, out, _ = run(["batch"], stdin='{"answers": {' + " " * (2 << 20) + "}}\n" +
                             self.cases[0][1] + "\n")
        self.assertEqual(status, 3)
        records = [json.loads(line) for line in out.splitlines()]
        self.assertEqual(records[0]["error"], "line is longer than the 1024 KiB limit")
        self.assertIn("level", records[1])

    def test_missing_file(self):
        status, _, err = run(["batch", "nowhere.jsonl"])
        self.assertEqual(status, 3)
        self.assertIn("nowhere.jsonl: cannot open", err)

    def test_a_line_reads_the_same_however_it_is_written(self):
        # Every vignette written four ways: as json.dumps writes it, compact, with other blanks,
        # and with each key's first letter escaped, which only the full reader reads. The
        # records must be the same but for the line number.
        def escaped(answers):
            return "{" + ",".join(f'"\\u{ord(k[0]):04x}{k[1:]}": {json.dumps(v)}'
                                  for k, v in answers.items()) + "}"

        forms = [
            lambda d: json.dumps(d),
            lambda d: json.dumps(d, separators=(",", ":")),
            lambda d: json.dumps(d, separators=(" ,\t", " :\r ")).replace("{", "{ \t"),
            lambda d: f'{{"id": {json.dumps(d["id"])}, "answers": {escaped(d["answers"])}}}',
        ]
        docs = [json.loads(line) for _, line in self.cases]
        text = "".join(form(d) + "\n" for form in forms for d in docs)
        status, out, err = run(["batch", "--jobs", "1"], stdin=text)
        self.assertEqual(status, 0, err)
        records = [re.sub(r'^\{"line":\d+,', "{", row) for row in out.splitlines()]
        self.assertEqual(len(records), len(forms) * len(docs))
        for k in range(1, len(forms)):
            self.assertEqual(records[k * len(docs):(k + 1) * len(docs)], records[:len(docs)],
                             f"written the way of form {k}")


class Eval(unittest.TestCase):
    def test_eval_on_the_project_vignettes(self):
        status, out, err = run(["eval", "--format", "json", VIGNETTES])
        self.assertEqual(status, 0, err)
        doc = json.loads(out)
        counts = expected_levels()
        cases = sum(counts.values())
        self.assertEqual(cases, len(glob.glob(os.path.join(VIGNETTES, "*.yaml"))))
        self.assertGreaterEqual(cases, 117)
        self.assertEqual(doc["cases"], cases)
        for level in ("emergency", "urgent", "see-professional", "self-care"):
            self.assertEqual(doc["per_level"][level]["total"], counts[level], level)
            self.assertGreaterEqual(doc["per_level"][level]["total"], 15)
        self.assertEqual(doc["exact"]["value"], 1.0)
        self.assertEqual(doc["emergency_sensitivity"]["value"], 1.0)
        self.assertEqual(doc["under_triage"]["hits"], 0)
        self.assertEqual(doc["structure_top1"]["value"], 1.0)
        self.assertEqual(doc["misses"], [])
        low, high = doc["exact"]["ci95"]
        z2 = 1.959964 ** 2
        self.assertAlmostEqual(low, cases / (cases + z2), places=3)  # Wilson interval for n/n
        self.assertAlmostEqual(high, 1.0, places=6)
        self.assertEqual(sum(sum(row.values()) for row in doc["confusion"].values()), cases)
        self.assertIn("Semigran", doc["baselines"][0]["source"])

    def test_eval_text_shows_metrics_matrix_and_baselines(self):
        status, out, _ = run(["eval", VIGNETTES])
        self.assertEqual(status, 0)
        for part in ("exact level", "emergency sensitivity", "under-triage rate",
                     "over:under ratio", "mean level distance", "top structure",
                     "Confusion matrix", "57%", "80%"):
            self.assertIn(part, out)

    def test_eval_text_says_what_the_figure_can_and_cannot_show(self):
        status, out, _ = run(["eval", VIGNETTES])
        self.assertEqual(status, 0)
        lines = out.splitlines()
        # Next to the headline figure, before any number is read.
        self.assertTrue(lines[1].startswith("  Agreement with the expectations written in the "
                                            "vignettes: a regression check, not a"), lines[:3])
        self.assertEqual(lines[2], "  measure of clinical accuracy (see the end).")
        # Beside the published baselines: where the vignettes come from and what they can show.
        baselines = out.index("Published baselines")
        scope = out.index("What these figures can and cannot show")
        self.assertLess(baselines, scope)
        section = out[scope:].split("\n\n")[0]
        self.assertTrue(all(len(line) <= 96 for line in section.splitlines()), section)
        section = " ".join(section.split())
        cases = len(glob.glob(os.path.join(VIGNETTES, "*.yaml")))
        self.assertIn(f"Vignettes: {cases} answer files read from {VIGNETTES}", section)
        self.assertIn("Shows whether the rule set still gives the level and structure", section)
        self.assertIn("a regression check.", section)
        self.assertIn("Cannot show clinical accuracy.", section)
        self.assertIn("written from the clinical sources with the rules in view", section)
        self.assertIn("none is held out", section)
        self.assertIn("The published baselines were measured by other authors on other vignettes "
                      "over all of medicine", section)

    def test_eval_json_carries_the_same_scope(self):
        _, out, _ = run(["eval", "--format", "json", VIGNETTES])
        scope = json.loads(out)["scope"]
        cases = len(glob.glob(os.path.join(VIGNETTES, "*.yaml")))
        self.assertEqual(scope["vignettes"], {"path": VIGNETTES, "count": cases})
        self.assertTrue(scope["shows"].endswith("a regression check."))
        self.assertTrue(scope["cannot_show"].startswith("clinical accuracy."))
        self.assertIn("rules in view", scope["shipped_vignettes"])
        self.assertIn("all of medicine", scope["baselines"])

    def test_eval_carries_its_provenance_stamp(self):
        order = script_order()
        text = ""
        for path in sorted(glob.glob(os.path.join(VIGNETTES, "*.yaml"))):
            _, out, _ = run(["assess", "-f", "json", path])
            doc = json.loads(out)
            with open(path, encoding="utf-8") as f:
                source = f.read()
            level = re.search(r"^  level: (\S+)$", source, re.M).group(1)
            structure = re.search(r"^  structure: (\S+)$", source, re.M).group(1)
            name = os.path.basename(path)[:-5]
            text += f"{name}={canonical_hash(doc['answers'], order)[7:]},{level},{structure};"
        expected = hashlib.sha256(text.encode()).hexdigest()
        _, out, _ = run(["eval", "--format", "json", VIGNETTES])
        doc = json.loads(out)
        self.assertEqual(doc["vignettes_hash"], "sha256:" + expected)
        self.assertEqual(doc["tool"]["name"], "psoas-triage")
        _, out, _ = run(["eval", VIGNETTES])
        self.assertRegex(out.rstrip("\n").rsplit("\n", 1)[1],
                         rf"^psoas-triage \d+\.\d+\.\d+; rule set iliopsoas \S+ "
                         rf"sha256:[0-9a-f]{{64}}; vignettes sha256:{expected}$")


class EvalMisses(TempDirTest):
    def test_a_wrong_expectation_is_reported_as_a_miss(self):
        path = os.path.join(VIGNETTES, "urgent-01-fever.yaml")
        with open(path, encoding="utf-8") as f:
            text = f.read().replace("level: urgent", "level: self-care")
        self.write("wrong.yaml", text)
        status, out, _ = run(["eval", "--format", "json", self.tmp])
        self.assertEqual(status, 0)
        doc = json.loads(out)
        self.assertEqual(doc["exact"]["hits"], 0)
        self.assertEqual(doc["over_triage"]["hits"], 1)
        self.assertEqual(doc["misses"][0]["given"]["level"], "urgent")
        self.assertEqual(doc["confusion"]["self-care"]["urgent"], 1)
        self.assertEqual(doc["scope"]["vignettes"], {"path": self.tmp, "count": 1})
        _, out, _ = run(["eval", self.tmp])
        self.assertIn(f"Vignettes: 1 answer file read from {self.tmp}", " ".join(out.split()))

    def test_a_file_without_expect_is_bad_input(self):
        self.write("plain.yaml", "answers: {}\n")
        status, _, err = run(["eval", self.tmp])
        self.assertEqual(status, 3)
        self.assertIn("has no 'expect' section", err)


class BatchRepeats(TempDirTest):
    """An answer set seen again gets the record it got the first time, line and id aside, whether
    it is still among the records kept or was put out by others since."""

    def test_a_repeated_answer_set_gets_the_same_record(self):
        base = json.loads(vignette_lines()[0][1])["answers"]
        sets = []
        for age in range(0, 121):
            for pain in range(0, 11):
                for fever in ("no", "yes", "unknown"):
                    sets.append(dict(base, age=age, pain_level=pain, fever=fever))
        self.assertGreater(len(sets), 2048)  # more than are kept: some are put out
        order = list(range(len(sets))) + list(reversed(range(len(sets)))) + list(range(0, 50))
        text = "".join(json.dumps({"id": f"c{i}-{n}", "answers": sets[i]}) + "\n"
                       for n, i in enumerate(order))
        for fmt in ("jsonl", "csv"):
            status, out, err = run(["batch", "--jobs", "1", "--format", fmt], stdin=text)
            self.assertEqual(status, 0, err)
            rows = out.splitlines()[1:] if fmt == "csv" else out.splitlines()
            self.assertEqual(len(rows), len(order))
            first = {}
            for n, (i, row) in enumerate(zip(order, rows)):
                if fmt == "csv":
                    line, case_id, rest = row.split(",", 3)[1:]
                else:
                    record = json.loads(row)
                    line, case_id = record.pop("line"), record.pop("id")
                    rest = record
                self.assertEqual((int(line), case_id), (n + 1, f"c{i}-{n}"))
                self.assertEqual(rest, first.setdefault(i, rest), (fmt, n))
            # And each as the only line of its input, for a sample.
            for i in range(0, len(sets), 397):
                _, alone, _ = run(["batch", "--format", fmt], stdin=json.dumps(
                    {"id": f"c{i}-{i}", "answers": sets[i]}) + "\n")
                alone = alone.splitlines()[-1]
                if fmt == "csv":
                    self.assertEqual(alone.split(",", 3)[3], first[i])
                else:
                    record = json.loads(alone)
                    del record["line"], record["id"]
                    self.assertEqual(record, first[i])


class BatchJobs(TempDirTest):
    """`--jobs N` works in N threads and writes what `--jobs 1` writes, byte for byte: records in
    input order, error records, the summary and the exit status."""

    @classmethod
    def setUpClass(cls):
        cls.cases = vignette_lines()

    def mixed_lines(self, count, tag="case"):
        """`count` lines with unique ids, across many runs of 512, with bad, blank and too-long
        lines among them."""
        lines = []
        for i in range(count):
            if i % 97 == 5:
                lines.append('{"id": "%s-%d", "answers": {"fevr": "no"}}' % (tag, i))
            elif i % 211 == 7:
                lines.append("   ")
            elif i % 389 == 11:
                lines.append("not json %d" % i)
            elif i == count // 2:
                lines.append('{"answers": {' + " " * (1 << 20) + "}}")
            else:
                doc = json.loads(self.cases[i % len(self.cases)][1])
                doc["id"] = f"{tag}-{i}"
                lines.append(json.dumps(doc))
        return lines

    def test_every_job_count_writes_the_bytes_of_one_job(self):
        text = "\n".join(self.mixed_lines(5000)) + "\n"
        for fmt in ("jsonl", "csv"):
            one = run(["batch", "--format", fmt, "--jobs", "1"], stdin=text)
            self.assertEqual(one[0], 3)
            self.assertIn(" bad\n  <stdin>:6:30: unknown question 'fevr'", one[2])
            for jobs in ("2", "3", "8"):
                self.assertEqual(run(["batch", "--format", fmt, "--jobs", jobs], stdin=text), one,
                                 (fmt, jobs))
            self.assertEqual(run(["batch", "--format", fmt], stdin=text), one, fmt)  # default

    def test_records_come_in_input_order(self):
        lines = self.mixed_lines(4000)
        status, out, err = run(["batch", "--jobs", "4"], stdin="\n".join(lines) + "\n")
        self.assertEqual(status, 3)
        records = [json.loads(line) for line in out.splitlines()]
        kept = [(n + 1, line) for n, line in enumerate(lines) if line.strip()]
        self.assertEqual([r["line"] for r in records], [n for n, _ in kept])
        for record, (number, line) in zip(records, kept):
            if line.startswith('{"id"'):
                self.assertEqual(record["id"], json.loads(line)["id"], number)
        bad = [n for n, line in kept if not line.startswith('{"id"') or "fevr" in line]
        self.assertEqual([r["line"] for r in records if "error" in r], bad)
        summary, *firsts = err.splitlines()
        self.assertTrue(summary.startswith(f"batch: {len(kept)} answer sets: "), err)
        self.assertTrue(summary.endswith(f"; {len(bad)} bad"), err)
        self.assertEqual([line.split(":")[1] for line in firsts], [str(n) for n in bad[:5]])

    def test_several_files_and_a_missing_one_stop_at_the_same_place(self):
        a = self.write("a.jsonl", "\n".join(self.mixed_lines(1500, "a")) + "\n")
        b = self.write("b.jsonl", "\n".join(self.mixed_lines(1200, "b")))  # no final newline
        missing = os.path.join(self.tmp, "missing.jsonl")
        one = run(["batch", "--jobs", "1", a, b, missing, a])
        self.assertEqual(one[0], 3)
        self.assertIn("missing.jsonl: cannot open", one[2])
        records = [json.loads(line) for line in one[1].splitlines()]
        self.assertEqual({r["file"] for r in records}, {a, b})
        self.assertEqual(records[-1]["id"], "b-1199")
        self.assertEqual(run(["batch", "--jobs", "2", a, b, missing, a]), one)
        both = run(["batch", "--jobs", "1", a, b])
        self.assertEqual(run(["batch", "--jobs", "3", a, b]), both)

    def test_a_bad_job_count_is_a_usage_error(self):
        for value in ("0", "-1", "two", "100000"):
            status, out, err = run(["batch", "--jobs", value], stdin="")
            self.assertEqual(status, 2, value)
            self.assertEqual(out, "")
            self.assertIn("--jobs", err, value)

    def test_help_names_the_default(self):
        _, out, _ = run(["batch", "--help"])
        self.assertRegex(" ".join(out.split()),
                         r"-j,--jobs INT:INT in \[1 - 1024\] Threads to work in \(default: one "
                         r"per core, \d+ here\); output stays in input order")

    def test_progress_on_a_terminal_is_the_same_with_threads(self):
        """Progress goes to standard error when it is a terminal, every 65,536 lines, and is
        cleared before the summary: the same bytes whatever --jobs."""
        import pty
        path = self.write("many.jsonl", '{"answers": {"fever": "no"}}\n' * 140_000)

        def stderr_on_a_terminal(jobs):
            master, slave = pty.openpty()
            with open(path, "rb") as stdin:
                child = subprocess.Popen([BIN, "batch", "--jobs", jobs], stdin=stdin,
                                         stdout=subprocess.DEVNULL, stderr=slave, env=clean_env())
            os.close(slave)
            data = b""
            while True:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the terminal closes when the child exits
                    break
                if not chunk:
                    break
                data += chunk
            os.close(master)
            self.assertEqual(child.wait(), 0)
            return data

        one = stderr_on_a_terminal("1")
        self.assertEqual(one, b"\rbatch: 65536 lines\rbatch: 131072 lines\r\x1b[K"
                              b"batch: 140000 answer sets: 0 emergency, 0 urgent, "
                              b"140000 see-professional, 0 self-care; 0 bad\r\n")
        self.assertEqual(stderr_on_a_terminal("2"), one)
