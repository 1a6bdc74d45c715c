"""`psoas-triage assess` through the real binary: reports, formats, exit codes, conventions."""
import json
import os
import re
import shutil
import subprocess
import unittest

from harness import BIN, SRC, TempDirTest, clean_env, run, vignette

EXAMPLE = os.path.join(SRC, "examples", "answers.yaml")
LEVELS = ["self-care", "see-professional", "urgent", "emergency"]


class CommandLine(unittest.TestCase):
    def test_version(self):
        status, out, err = run(["--version"])
        self.assertEqual(status, 0)
        self.assertRegex(out, r"^psoas-triage \d+\.\d+\.\d+\n$")
        self.assertEqual(err, "")

    def test_help_shows_examples_on_stdout(self):
        for args in (["--help"], ["assess", "--help"]):
            status, out, err = run(args)
            self.assertEqual(status, 0, args)
            self.assertIn("Examples:", out)
            self.assertIn("psoas-triage assess", out)
            self.assertEqual(err, "")

    def test_usage_errors_exit_2_with_one_clear_message(self):
        for args in ([], ["assess"], ["assess", "--format", "xml", EXAMPLE],
                     ["assess", "--bogus", EXAMPLE], ["asses", EXAMPLE]):
            status, out, err = run(args)
            self.assertEqual(status, 2, args)
            self.assertEqual(out, "")
            self.assertTrue(err.startswith("psoas-triage: error: "), err)


class Reports(unittest.TestCase):
    def test_text_report_puts_the_verdict_first(self):
        status, out, err = run(["assess", EXAMPLE])
        self.assertEqual(status, 0, err)
        self.assertEqual(err, "")
        self.assertTrue(out.startswith(" SELF-CARE "), out[:80])
        self.assertIn("1. Psoas major: high", out)
        self.assertIn("Kneeling hip flexor (low lunge) stretch", out)
        self.assertIn("Dose: Hold 20 to 30 seconds", out)
        self.assertIn("[seed-003] Iliopsoas Pain Exercises", out)
        self.assertIn("This is not a diagnosis.", out)
        self.assertNotIn("\x1b", out)  # not a terminal: no colour

    def test_json_report_has_the_documented_shape(self):
        status, out, err = run(["assess", "--format", "json", vignette("urgent-01-fever")])
        self.assertEqual(status, 0, err)
        doc = json.loads(out)
        self.assertEqual(doc["format"], "psoas-triage/assessment/2")
        self.assertEqual(doc["verdict"]["level"], "urgent")
        self.assertEqual(doc["verdict"]["reasons"], ["fever"])
        self.assertEqual(doc["rule_set"]["id"], "iliopsoas")
        self.assertRegex(doc["rule_set"]["hash"], r"^sha256:[0-9a-f]{64}$")
        self.assertEqual(doc["case_id"], "urgent-01-fever")
        fired = doc["red_flags"]["fired"][0]
        self.assertEqual(fired["id"], "fever")
        self.assertEqual(fired["answers"], {"fever": "yes"})
        # The fever flag names a look-alike, so it leads; the structures stay as a record.
        cause = doc["cause"]
        self.assertEqual(cause["kind"], "lookalike")
        self.assertIs(cause["muscular"], False)
        self.assertEqual(cause["red_flag"], "fever")
        self.assertEqual(cause["structure"], "none")
        self.assertEqual(cause["name"], "Infected bursa or psoas abscess")
        self.assertTrue(cause["detail"])
        self.assertTrue(cause["sources"])
        self.assertEqual(doc["side"], "left")
        top = doc["structures"][0]
        self.assertEqual(top["id"], "iliopsoas_tendon_bursa")
        self.assertIn(top["likelihood"], ["low", "moderate", "high"])
        self.assertTrue(all(e["sources"] for e in top["evidence"]))
        for item in doc["advice"]:
            self.assertIn(item["kind"], ["measure", "exercise", "professional"], item["id"])
            self.assertIn("stop", item)
        cited = {s["id"] for s in doc["sources"]}
        self.assertIn("seed-002", cited)
        self.assertIn("not a diagnosis", doc["disclaimer"])

    def test_json_cause_names_the_iliopsoas_structure_when_nothing_else_leads(self):
        status, out, err = run(["assess", "--format", "json", EXAMPLE])
        self.assertEqual(status, 0, err)
        doc = json.loads(out)
        self.assertEqual(doc["cause"]["kind"], "iliopsoas")
        self.assertIs(doc["cause"]["muscular"], True)
        self.assertIsNone(doc["cause"]["red_flag"])
        self.assertEqual(doc["cause"]["structure"], doc["structures"][0]["id"])
        self.assertEqual(doc["cause"]["structure"], "psoas_major")
        self.assertEqual(doc["side"], "right")

    def test_unanswered_red_flags_are_reported_not_excluded(self):
        status, out, _ = run(["assess", "-f", "json", "-"],
                             stdin='{"answers": {"fever": "unknown", "pain_where": ["groin"]}}')
        self.assertEqual(status, 0)
        doc = json.loads(out)
        self.assertEqual(doc["verdict"]["level"], "see-professional")
        ids = [f["id"] for f in doc["red_flags"]["not_excluded"]]
        self.assertIn("fever", ids)
        self.assertIn("cauda_equina", ids)
        self.assertIn("saddle_numbness", doc["unanswered"])
        fever = next(f for f in doc["red_flags"]["not_excluded"] if f["id"] == "fever")
        self.assertEqual(fever["answers"], {"fever": "unknown"})

    def test_answers_on_stdin_as_yaml(self):
        with open(EXAMPLE) as f:
            status, out, _ = run(["assess", "-"], stdin=f.read())
        self.assertEqual(status, 0)
        self.assertTrue(out.startswith(" SELF-CARE "))

    def test_exit_code_option_reports_the_verdict(self):
        cases = {"self-care-01-desk-worker": 10, "see-professional-02-severe-pain": 11,
                 "urgent-07-cancer-history": 12, "emergency-01-cauda-equina": 13}
        for name, expected in cases.items():
            status, out, _ = run(["assess", "--exit-code", "-f", "json", vignette(name)])
            self.assertEqual(status, expected, name)
            self.assertEqual(json.loads(out)["verdict"]["level"], LEVELS[expected - 10])


class Environment(TempDirTest):
    def test_needs_no_file_beside_the_binary(self):
        alone = os.path.join(self.tmp, "bin")
        os.mkdir(alone)
        shutil.copy(BIN, alone)
        with open(EXAMPLE, encoding="utf-8") as f:
            answers = self.write("a.yaml", f.read())
        done = subprocess.run([os.path.join(alone, "psoas-triage"), "assess", answers],
                              capture_output=True, text=True, cwd=self.tmp, env=clean_env())
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertTrue(done.stdout.startswith(" SELF-CARE "))

    def test_rules_folder_gives_the_same_hash_as_the_built_in_set(self):
        _, built_in, _ = run(["assess", "-f", "json", EXAMPLE])
        _, folder, _ = run(["assess", "-f", "json", "--rules", os.path.join(SRC, "rules"),
                            EXAMPLE])
        self.assertEqual(json.loads(built_in)["rule_set"], json.loads(folder)["rule_set"])

    def test_colour_only_on_a_terminal_and_never_with_no_color(self):
        import pexpect
        for extra, coloured in (({}, True), ({"NO_COLOR": "1"}, False),
                                ({"TERM": "dumb"}, False)):
            child = pexpect.spawn(BIN, ["assess", EXAMPLE], env=clean_env(**extra),
                                  encoding="utf-8", timeout=10)
            out = child.read()
            child.close()
            self.assertEqual(child.exitstatus, 0)
            self.assertEqual("\x1b[" in out, coloured, extra)
            self.assertIn("SELF-CARE", out)


class Provenance(TempDirTest):
    def test_the_same_answers_give_the_same_stamp_whatever_their_format(self):
        _, yaml_out, _ = run(["assess", "-f", "json", EXAMPLE])
        doc = json.loads(yaml_out)
        answers = dict(reversed(list(doc["answers"].items())))  # another key order, as JSON
        _, json_out, _ = run(["assess", "-f", "json", "-"], stdin=json.dumps({"answers": answers}))
        self.assertRegex(doc["answers_hash"], r"^sha256:[0-9a-f]{64}$")
        self.assertEqual(json.loads(json_out)["answers_hash"], doc["answers_hash"])
        answers["age"] = 39
        _, changed, _ = run(["assess", "-f", "json", "-"], stdin=json.dumps({"answers": answers}))
        self.assertNotEqual(json.loads(changed)["answers_hash"], doc["answers_hash"])

    def test_text_report_ends_with_the_full_stamp(self):
        _, doc, _ = run(["assess", "-f", "json", EXAMPLE])
        doc = json.loads(doc)
        _, text, _ = run(["assess", EXAMPLE])
        last = text.rstrip("\n").splitlines()[-1]
        self.assertEqual(last, f"psoas-triage {doc['tool']['version']}; rule set iliopsoas "
                               f"{doc['rule_set']['version']} {doc['rule_set']['hash']}; "
                               f"answers {doc['answers_hash']}")

    def test_markdown_report(self):
        status, out, _ = run(["assess", "--format", "markdown", vignette("urgent-01-fever")])
        self.assertEqual(status, 0)
        self.assertTrue(out.startswith("# Triage: URGENT (See a doctor today)\n"))
        for part in ("**This is not a diagnosis.**", "## Why", "**Fever with hip, groin or back pain**",
                     "## Pattern evidence, for the record", "## Answers", "| Yes | `fever` |",
                     "## Sources", "- [seed-002]", "*psoas-triage "):
            self.assertIn(part, out)
        # The fever flag names a look-alike: the report leads with it, before the reasons, and
        # the structures are kept only as a record of the pattern.
        lead = "**Most likely cause: Infected bursa or psoas abscess.**"
        self.assertIn(lead, out)
        self.assertLess(out.index(lead), out.index("## Why"))
        self.assertNotIn("## Likely involvement", out)

    def test_markdown_report_without_a_look_alike(self):
        status, out, _ = run(["assess", "--format", "markdown", EXAMPLE])
        self.assertEqual(status, 0)
        self.assertTrue(out.startswith("# Triage: SELF-CARE (Self-care at home)\n"))
        for part in ("Where it hurts: right side.", "## Likely involvement",
                     "1. **Psoas major**: high"):
            self.assertIn(part, out)
        self.assertNotIn("Most likely cause", out)
        self.assertNotIn("## Pattern evidence, for the record", out)
