"""The clinician's quick reference through the real binary: the one-screen card, --full and
--brief, the trigger points with their body map, the full differential and its search terms, and
graded sources."""
import json
import os
import re
import shutil
import unittest

from harness import SRC, TempDirTest, clean_env, run

RULES = os.path.join(SRC, "rules")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
SEED_FILE = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")
LEVELS = ("emergency", "urgent", "see-professional")


def entries(*args):
    status, out, err = run(["ref", "--format", "json", *args])
    assert status == 0, err
    return json.loads(out)["entries"]


def fields(entry, label):
    return [f["text"] for f in entry["fields"] if f["label"] == label]


def card_flag_cells(card):
    """The red-flag cells of the card, per level heading: two columns split on a wide gap."""
    cells, level = {}, None
    for line in card.splitlines():
        heading = re.match(r" (EMERGENCY|URGENT|SEE-PROFESSIONAL) ", line)
        if heading:
            level = heading.group(1).lower()
            cells[level] = []
        elif level and re.match(r"  \S", line):
            cells[level] += [c for c in re.split(r"\s{2,}", line.strip()) if c]
        elif level and line.startswith("   "):
            continue  # the level's meaning, wrapped
        elif level:
            break
    return cells


class Card(unittest.TestCase):
    def test_fits_one_screen_at_100_columns(self):
        status, out, _ = run(["ref"], env=clean_env(COLUMNS="100"))
        self.assertEqual(status, 0)
        lines = out.splitlines()
        self.assertLessEqual(len(lines), 60)
        self.assertLessEqual(max(len(line) for line in lines), 100)
        for part in ("Red flags", "Where each part of the iliopsoas refers pain",
                     "Key examination signs", "Self-care"):
            self.assertIn(part, out)

    def test_fits_a_100_column_terminal_in_colour(self):
        import pexpect
        child = pexpect.spawn(os.environ["PSOAS_TRIAGE"], ["ref"], env=clean_env(),
                              encoding="utf-8", timeout=10, dimensions=(60, 100))
        out = child.read()
        child.close()
        self.assertEqual(child.exitstatus, 0)
        self.assertIn("\x1b[", out)
        lines = ANSI.sub("", out).splitlines()
        self.assertLessEqual(len(lines), 60)
        self.assertLessEqual(max(len(line) for line in lines), 100)

    def test_every_red_flag_in_one_cell_under_its_level(self):
        _, out, _ = run(["ref"], env=clean_env(COLUMNS="100"))
        cells = card_flag_cells(out)
        flags = entries("red-flags")
        for level in LEVELS:
            expected = [f for f in flags if fields(f, "Level") == [level]]
            self.assertEqual(len(cells[level]), len(expected), level)
            for cell in cells[level]:
                self.assertRegex(cell, r"^\S.* \(.+\)$")  # sign (likely cause)
        self.assertIn("Saddle numbness, bladder change (cauda equina)", cells["emergency"])
        self.assertIn("Worsening lower right belly pain (appendicitis)", cells["urgent"])
        self.assertIn("Catching, locking, stiff hip (hip OA, FAI)", cells["see-professional"])

    def test_structures_signs_and_self_care(self):
        _, out, _ = run(["ref"], env=clean_env(COLUMNS="100"))
        self.assertRegex(out, r"Psoas major +groin, front of thigh, low back, buttock, lower belly")
        self.assertRegex(out, r"Iliacus +groin, front of hip, front of thigh, knee, buttock")
        for sign in ("Thomas test", "Resisted hip flexion", "Psoas sign", "FABER", "FADIR",
                     "Femoral nerve stretch", "Trendelenburg"):
            self.assertIn(sign, out)
        self.assertRegex(out, r"Self-care: Rest from what aggravates it; Heat; ")

    def test_narrow_terminal_still_fits_its_width(self):
        _, out, _ = run(["ref"], env=clean_env(COLUMNS="80"))
        self.assertLessEqual(max(len(line) for line in out.splitlines()), 80)
        cells = card_flag_cells(out)
        self.assertEqual(sum(len(c) for c in cells.values()), len(entries("red-flags")))

    def test_full_prints_every_entry(self):
        status, out, _ = run(["ref", "--full"])
        self.assertEqual(status, 0)
        headings = re.findall(r"^\S.*  \[([a-z-]+) ([a-z0-9_-]+)\]$", out, re.M)
        self.assertEqual(len(headings), len(entries()))
        self.assertGreater(len(out.splitlines()), 1000)

    def test_brief_numbers_the_sources_once_at_the_end(self):
        _, full, _ = run(["ref", "red-flags"])
        status, brief, _ = run(["ref", "red-flags", "--brief"])
        self.assertEqual(status, 0)
        self.assertIn("Sources: ", full)
        self.assertNotIn("  Sources: ", brief)
        self.assertRegex(brief, r"^Possible cauda equina syndrome  \[red-flags cauda_equina\] "
                                r"(\[\d+\])+$".replace("^", "(?m)^"))
        listed = re.findall(r"(?m)^  \[(\d+)\] ", brief.split("\nSources\n")[1])
        self.assertEqual([int(n) for n in listed], list(range(1, len(listed) + 1)))
        # Each of the entries loses its sources line; the list at the end is shorter than that.
        self.assertLess(len(brief.splitlines()), len(full.splitlines()) - len(entries("red-flags")) // 2)
        _, md, _ = run(["ref", "lookalikes", "--brief", "--format", "markdown"])
        self.assertIn("\n## Sources\n\n1. ", md)
        self.assertNotIn("**Sources:**", md)


class TriggerPoints(TempDirTest):
    def test_each_point_with_location_referral_palpation_release_and_cautions(self):
        points = entries("trigger-points")
        self.assertEqual([p["id"] for p in points],
                         ["psoas_belly", "iliacus_fossa", "iliopsoas_distal"])
        for p in points:
            for label in ("Muscle", "Location", "Referral", "Found by"):
                self.assertEqual(len(fields(p, label)), 1, (p["id"], label))
            self.assertTrue(fields(p, "Release"))
            cautions = " ".join(fields(p, "Caution"))
            for caveat in ("For professionals within their scope of practice (001)",
                           "Consult a professional before any self-treatment (004)",
                           "blood thinners", "pregnancy", "50 or over", "belly pain"):
                self.assertIn(caveat, cautions, p["id"])
            self.assertTrue({"seed-001", "seed-004"} <= set(p["sources"]))
        self.assertIn("Never press near the navel", " ".join(fields(points[0], "Caution")))
        self.assertIn("Never press on the groin crease", " ".join(fields(points[2], "Caution")))
        self.assertIn("held 10 to 15 seconds", " ".join(fields(points[0], "Release")))

    def test_body_map_marks_the_sites_apart_from_the_referral_zones(self):
        status, out, _ = run(["ref", "trigger-points"], env=clean_env(LANG="C"))
        self.assertEqual(status, 0)
        maps = out.split("FRONT                  BACK")[1:]
        self.assertEqual(len(maps), 3)
        psoas = maps[0].split("trigger-point site")[0].splitlines()[1:-1]
        front = "".join(row[:27] for row in psoas)
        back = "".join(row[27:] for row in psoas)
        self.assertIn("X", front)        # beside the navel, on the front view
        self.assertNotIn(":", front)
        self.assertIn(":", back)         # the lumbar band and buttock, on the back view
        self.assertNotIn("X", back)
        self.assertIn("X trigger-point site   : where Psoas major, beside the navel refers pain",
                      out)

    def test_a_mistyped_topic_gets_did_you_mean(self):
        status, _, err = run(["ref", "trigger-point"])
        self.assertEqual(status, 2)
        self.assertIn("unknown topic 'trigger-point'; did you mean 'trigger-points'?", err)

    def rules_with(self, old, new, name="50-reference.yaml"):
        folder = os.path.join(self.tmp, "rules")
        shutil.copytree(RULES, folder)
        path = os.path.join(folder, name)
        with open(path) as f:
            text = f.read()
        self.assertIn(old, text)
        with open(path, "w") as f:
            f.write(text.replace(old, new, 1))
        return folder, path

    def test_loader_requires_the_cautions(self):
        folder, path = self.rules_with("    caveats:\n      - \"For professionals within their "
                                       "scope of practice (001)\"\n", "    cautions:\n      - x\n")
        status, _, err = run(["ref", "--rules", folder, "trigger-points"])
        self.assertEqual(status, 3)
        self.assertIn(f"{path}:31:5: unknown key 'cautions' in an item of 'trigger_points'; "
                      "expected one of: id, name, structure, location, referral, palpation, "
                      "release, caveats, site, zones, sources", err)
        self.assertIn(f"{path}:11:5: an item of 'trigger_points' lacks the required key 'caveats'",
                      err)


class Differential(unittest.TestCase):
    CONDITIONS = {
        "testicular_torsion", "pelvic_cause", "ectopic_pregnancy", "kidney_stone",
        "aortic_aneurysm", "inguinal_hernia", "slipped_epiphysis", "hip_fracture",
        "iliopsoas_bleed", "cauda_equina", "appendicitis", "hip_osteoarthritis",
        "femoroacetabular_impingement", "adductor_related", "iliopsoas_related",
        "inguinal_related", "pubic_related", "meralgia_paraesthetica", "trochanteric_pain",
        "lumbar_radiculopathy", "deep_infection", "deep_vein_thrombosis",
        "axial_spondyloarthritis", "bone_cancer", "major_trauma", "later_pregnancy_problem"}

    def test_every_condition_with_features_test_level_and_sources(self):
        found = {e["id"]: e for e in entries("lookalikes") if fields(e, "Test")}
        self.assertEqual(set(found), self.CONDITIONS)
        order = []
        for e in found.values():
            self.assertEqual(len(fields(e, "Tells it apart")), 1)
            self.assertIn(fields(e, "Level")[0], LEVELS + ("self-care",))
            self.assertTrue(e["sources"])
        for e in entries("lookalikes"):
            if fields(e, "Test"):
                order.append(["emergency", "urgent", "see-professional", "self-care"]
                             .index(fields(e, "Level")[0]))
        self.assertEqual(order, sorted(order))  # most urgent first
        tests = " ".join(fields(e, "Test")[0] for e in found.values())
        for test in ("Thomas test", "FABER", "Resisted hip flexion", "resisted adduction",
                     "straight-leg raise", "femoral nerve stretch test", "Trendelenburg"):
            self.assertIn(test, tests)

    def test_search_finds_the_conditions_by_name_and_synonym(self):
        for term, wanted in (("OA", "hip_osteoarthritis"), ("osteoarthritis", "hip_osteoarthritis"),
                             ("FAI", "femoroacetabular_impingement"),
                             ("labral tear", "femoroacetabular_impingement"),
                             ("adductor strain", "adductor_related"),
                             ("radiculopathy", "lumbar_radiculopathy"),
                             ("meralgia", "meralgia_paraesthetica"),
                             ("GTPS", "trochanteric_pain"),
                             ("trochanteric", "trochanteric_pain")):
            status, out, _ = run(["ref", "--search", term, "--format", "json"])
            self.assertEqual(status, 0)
            ids = [e["id"] for e in json.loads(out)["entries"]]
            self.assertIn(wanted, ids, term)

    def test_a_short_term_matches_whole_words_only(self):
        _, out, _ = run(["ref", "--search", "fai", "--format", "json"])
        for e in json.loads(out)["entries"]:
            text = " ".join([e["title"]] + [f["text"] for f in e["fields"]]).lower()
            self.assertRegex(text, r"\bfai\b", e["id"])


class GradedSources(TempDirTest):
    KINDS = ["guideline", "systematic review", "textbook", "peer-reviewed study",
             "professional reference", "web article"]

    def test_every_source_has_a_kind_title_and_the_strongest_come_first(self):
        sources = entries("sources")
        ranks = [self.KINDS.index(fields(s, "Kind")[0]) for s in sources]
        self.assertEqual(ranks, sorted(ranks))
        by_id = {s["id"]: s for s in sources}
        self.assertEqual(fields(by_id["nice-ng59"], "Link"), ["https://www.nice.org.uk/guidance/ng59"])
        self.assertEqual(fields(by_id["seed-003"], "Kind"), ["web article"])
        for e in entries():
            ranks = [self.KINDS.index(fields(by_id[s], "Kind")[0]) for s in e["sources"]]
            self.assertEqual(ranks, sorted(ranks), e["id"])

    def test_titles_not_file_names(self):
        for args in (["ref", "red-flags"], ["ref", "--full"], ["ref", "sources"]):
            _, out, _ = run(args)
            self.assertNotRegex(out, SEED_FILE, args)
        _, out, _ = run(["ref", "trigger-points"])
        out = " ".join(out.split())  # as read, whatever the wrapping
        self.assertIn("Iliopsoas Pain Exercises: Effective Relief and Prevention (web article)", out)
        self.assertIn("Sources: Low back pain and sciatica in over 16s: assessment and management "
                      "(NG59) (guideline); Iliopsoas trigger point referral pattern (Travell and "
                      "Simons) (textbook)", out)
        _, brief, _ = run(["ref", "trigger-points", "--brief"])
        self.assertIn("[1] Low back pain and sciatica in over 16s: assessment and management "
                      "(NG59) (guideline, https://www.nice.org.uk/guidance/ng59)",
                      " ".join(brief.split()))

    def test_reports_list_sources_by_title_and_kind_strongest_first(self):
        from harness import vignette
        _, out, _ = run(["assess", "-f", "json", vignette("self-care-01-desk-worker")])
        sources = json.loads(out)["sources"]
        kinds = [k.replace("-", " ").replace("peer reviewed", "peer-reviewed")
                 for k in (s["kind"] for s in sources)]
        ranks = [self.KINDS.index(k) for k in kinds]
        self.assertEqual(ranks, sorted(ranks))
        self.assertIn("web-article", [s["kind"] for s in sources])
        for fmt in ("text", "markdown", "html"):
            _, report, _ = run(["assess", "-f", fmt, vignette("self-care-01-desk-worker")])
            self.assertNotRegex(report, SEED_FILE, fmt)
            self.assertIn("Iliopsoas Pain Exercises: Effective Relief and Prevention", report)
        self.assertRegex(" ".join(report.split()), r"\(guideline\)</li>.*\(web article\)</li>")

    def rules_with(self, old, new):
        folder = os.path.join(self.tmp, "rules")
        shutil.copytree(RULES, folder)
        path = os.path.join(folder, "00-ruleset.yaml")
        with open(path) as f:
            text = f.read()
        with open(path, "w") as f:
            f.write(text.replace(old, new, 1))
        return folder, path

    def test_the_loader_requires_a_kind(self):
        folder, path = self.rules_with("  - id: nice-ng59\n    kind: guideline\n",
                                       "  - id: nice-ng59\n")
        status, _, err = run(["ref", "--rules", folder])
        self.assertEqual(status, 3)
        self.assertRegex(err, re.escape(path) + r":\d+:5: an item of 'sources' lacks the required "
                                                r"key 'kind'")

    def test_a_mistyped_kind_gets_did_you_mean(self):
        folder, path = self.rules_with("  - id: nice-ng59\n    kind: guideline\n",
                                       "  - id: nice-ng59\n    kind: guidline\n")
        status, _, err = run(["ref", "--rules", folder])
        self.assertEqual(status, 3)
        self.assertRegex(err, re.escape(path) + r":\d+:11: .*not 'guidline'; did you mean "
                                                r"'guideline'\?")


if __name__ == "__main__":
    unittest.main()
