"""`psoas-triage batch` and `psoas-triage eval` through the real binary."""
import csv
import glob
import hashlib
import io
import json
import os
import re
import unittest

from harness import SRC, VIGNETTES, TempDirTest, run


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

    def test_a_file_without_expect_is_bad_input(self):
        self.write("plain.yaml", "answers: {}\n")
        status, _, err = run(["eval", self.tmp])
        self.assertEqual(status, 3)
        self.assertIn("has no 'expect' section", err)
