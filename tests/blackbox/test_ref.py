"""`psoas-triage ref`, the body map, and shell completion, through the real binary."""
import json
import os
import re
import shutil
import subprocess
import unittest

from harness import BIN, SRC, clean_env, run, vignette

COMPLETION = os.path.join(SRC, "completions", "psoas-triage.bash")


class Reference(unittest.TestCase):
    def test_the_topics_are_listed_for_completion_and_named_on_the_card(self):
        status, out, _ = run(["ref", "--topics"])
        self.assertEqual(status, 0)
        for topic in ("structures", "signs", "symptoms", "causes", "red-flags", "trigger-points",
                      "lookalikes", "self-care", "caveats", "psoas_major", "iliacus"):
            self.assertIn(topic, out.split())
        _, card, _ = run(["ref"])
        for topic in ("red-flags", "trigger-points", "lookalikes", "self-care", "--full"):
            self.assertIn(topic, card)

    def test_a_structure_with_anatomy_signs_sources_and_body_map(self):
        status, out, _ = run(["ref", "psoas_major"], env=clean_env(LANG="C"))
        self.assertEqual(status, 0)
        self.assertTrue(out.startswith("Psoas major  [structures psoas_major]"))
        for part in ("Origin: Bodies, discs and transverse processes",
                     "Insertion: Lesser trochanter", "Action: Flexes the hip",
                     "Referral: A vertical band", "Palpation:", "Sign: Thomas test",
                     "Trigger Point Therapy - Treating the Iliopsoas Group (web article)", "FRONT",
                     "BACK", ": where Psoas major refers pain"):
            self.assertIn(part, " ".join(out.split()))
        self.assertNotIn("\u2591", out)  # not a UTF-8 locale: ASCII only

    def test_body_map_uses_blocks_on_a_utf8_locale(self):
        _, out, _ = run(["ref", "iliacus"], env=clean_env(LANG="en_GB.UTF-8"))
        self.assertIn("\u2591 where Iliacus refers pain", out)

    def test_every_topic_is_sourced(self):
        status, out, _ = run(["ref", "--format", "json", "structures"])
        self.assertEqual(status, 0)
        doc = json.loads(out)
        self.assertEqual(doc["format"], "psoas-triage/reference/1")
        self.assertEqual(len(doc["entries"]), 5)
        _, out, _ = run(["ref", "--format", "json"])
        entries = json.loads(out)["entries"]
        topics = {e["topic"] for e in entries}
        self.assertTrue({"structures", "signs", "symptoms", "causes", "red-flags", "lookalikes",
                         "self-care", "professional", "caveats", "levels"} <= topics)
        for e in entries:
            if e["topic"] != "sources":
                self.assertTrue(e["sources"], e["id"])

    def test_red_flags_with_levels_and_lookalikes(self):
        _, out, _ = run(["ref", "red-flags"])
        self.assertIn("Possible cauda equina syndrome", out)
        self.assertIn("Level: emergency", out)
        _, out, _ = run(["ref", "lookalikes"])
        for condition in ("Psoas abscess", "Appendicitis", "hernia", "Hip fracture",
                          "Cauda equina syndrome", "Abdominal aortic aneurysm",
                          "Deep vein thrombosis", "Axial spondyloarthritis"):
            self.assertIn(condition, out)

    def test_self_care_with_dosage_and_caveats(self):
        _, out, _ = run(["ref", "self-care"])
        self.assertIn("Dose: Hold 20 to 30 seconds; 2 to 3 times on each side", out)
        _, out, _ = run(["ref", "caveats"])
        self.assertIn("GRONORUN", out)
        # Trigger point injections are named for the clinician only, with NICE's advice.
        _, out, _ = run(["ref", "trigger-points"])
        self.assertIn("NICE advises against trigger point injections", out)

    def test_search_finds_every_entry_that_mentions_a_term(self):
        status, out, _ = run(["ref", "--search", "faber", "--format", "json"])
        self.assertEqual(status, 0)
        ids = {e["id"] for e in json.loads(out)["entries"]}
        self.assertIn("iliacus", ids)
        self.assertIn("iliopsoas_tendon_bursa", ids)
        self.assertIn("examination_imaging", ids)

    def test_markdown(self):
        _, out, _ = run(["ref", "signs", "--format", "markdown"])
        self.assertTrue(out.startswith("## signs\n\n### "))
        self.assertIn("- **Points to:** Psoas major", out)

    def test_unknown_topic_suggests(self):
        status, out, err = run(["ref", "lookalike"])
        self.assertEqual(status, 2)
        self.assertEqual(out, "")
        self.assertIn("unknown topic 'lookalike'; did you mean 'lookalikes'?", err)


class ReportBodyMap(unittest.TestCase):
    def test_assess_shows_the_pain_beside_the_top_structure_zone(self):
        _, out, _ = run(["assess", vignette("self-care-01-desk-worker")], env=clean_env(LANG="C"))
        self.assertIn("Where it hurts: left side", out)  # the vignette answers side: left
        self.assertIn("# where you hurt (left side)   : where Psoas major refers pain   @ both",
                      out)
        self.assertIn("@@@@@", out)  # the low back: painful and in the zone


class Completion(unittest.TestCase):
    def complete(self, *words):
        script = (f"source {COMPLETION}; COMP_WORDS=({' '.join(words)}); "
                  f"COMP_CWORD={len(words) - 1}; _psoas_triage; printf '%s\\n' \"${{COMPREPLY[@]}}\"")
        env = clean_env(PATH=os.path.dirname(BIN) + ":/usr/bin:/bin")
        done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env)
        self.assertEqual(done.returncode, 0, done.stderr)
        return done.stdout.split()

    def test_commands_options_topics(self):
        self.assertEqual(self.complete("psoas-triage", "r"), ["ref", "rules"])
        self.assertEqual(self.complete("psoas-triage", "b"), ["batch"])
        self.assertEqual(self.complete("psoas-triage", "rules", "c"), ["check"])
        self.assertIn("--resume", self.complete("psoas-triage", "interview", "--"))
        self.assertEqual(self.complete("psoas-triage", "ref", "ili"),
                         ["iliacus", "iliopsoas_tendon_bursa"])
        self.assertEqual(self.complete("psoas-triage", "ref", "--format", ""),
                         ["text", "markdown", "json"])
        self.assertEqual(self.complete("psoas-triage", "ref", "trig"), ["trigger-points"])
        self.assertEqual(self.complete("psoas-triage", "ref", "--b"), ["--brief"])
        self.assertEqual(self.complete("psoas-triage", "ref", "--fu"), ["--full"])

    def test_format_values_match_each_commands_help(self):
        for command in (["interview"], ["assess"], ["batch"], ["eval"], ["ref"],
                        ["rules", "export"]):
            with self.subTest(command):
                _, out, _ = run(command + ["--help"])
                accepted = re.search(r"--format TEXT:\{([^}]*)\}", out).group(1).split(",")
                offered = self.complete("psoas-triage", *command, "--format", "")
                self.assertEqual(sorted(offered), sorted(accepted))
        self.assertIn("export", self.complete("psoas-triage", "rules", ""))
        self.assertEqual(self.complete("psoas-triage", "rules", "export", "--f"), ["--format"])

    def test_bash_completion_loads_with_the_system_helpers(self):
        helpers = "/usr/share/bash-completion/bash_completion"
        if not os.path.exists(helpers):
            self.skipTest("bash-completion is not installed")
        done = subprocess.run(["bash", "-c", f"source {helpers}; source {COMPLETION}; "
                               "complete -p psoas-triage"], capture_output=True, text=True)
        self.assertIn("complete -F _psoas_triage psoas-triage", done.stdout)
