"""Safety through the real binary: advice is withheld from whom it could harm (and shown to the
same person without that factor, so each check can fail), every exercise says when to stop, the
interview asks only the questions that fit the person, the side that hurts reaches every report,
a look-alike that needs care now leads the report, and `rules check` proves advice-safe."""
import json
import os
import re
import tempfile
import unittest

import pexpect

from harness import list_answer, BIN, VIGNETTES, TempDirTest, clean_env, run

QUESTION = re.compile(r"Question \d+ of about \d+ \[([\w ]+)\]")

# A woman of 38 with a band of low back pain, who answers every question she is asked and
# "no" to every warning sign: self-care, with the whole self-care plan.
ALL_CLEAR = {
    "age": 38,
    "sex": "female",
    "pregnant": "no",
    "saddle_numbness": "no",
    "bladder_bowel": "no",
    "both_legs": "no",
    "leg_weakness": "no",
    "collapse": "no",
    "fever": "no",
    "infection_risk": ["none"],
    "injury": "none",
    "weight_bearing": "normal",
    "anticoagulant": "no",
    "leg_numbness": "no",
    "swollen_leg": "no",
    "groin_lump": "none",
    "nausea": "no",
    "red_warm_skin": "no",
    "right_lower_belly": "no",
    "cancer_history": "no",
    "weight_loss": "no",
    "night_pain": "no",
    "onset": "gradual",
    "pain_level": 5,
    "duration_weeks": 2,
    "improving": "same",
    "pain_where": ["low_back", "buttock"],
    "side": "right",
    "morning_stiffness": "yes",
    "stiffness_eases_moving": "no",
    "wakes_late_night": "no",
    "aggravators": ["standing_upright", "rising_from_seat", "sitting_long"],
    "eases_lying": "yes",
    "snapping": "no",
    "hip_catching": "no",
    "hip_stiff": "yes",
    "activities": ["none"],
    "training_increase": "no",
    "sitting_hours": 9,
    "other_factors": ["posture", "stress"],
}

# An answer for every question of the script, follow-ups included, so that an interview can be
# driven whatever it asks; which of them it does ask is what the adaptive tests look at.
EVERY_ANSWER = dict(
    ALL_CLEAR, dizzy_or_shoulder_tip="no", testicle_pain="no", injury_when="earlier",
    hip_held_bent="no", thigh_numb_knee_gives="no", breathless="no", bone_risk="no",
    pain_moved_from_navel="no", smoker_or_aneurysm="no", pain_waves="no", blood_in_urine="no",
    pregnancy_weeks="unknown",
    outer_thigh_burning="no", tender_front_hip="no", training_increase="no", weakness_worsening="no")


def variant(base, **changes):
    """`base` with some answers changed; None removes an answer."""
    answers = dict(base)
    for question, value in changes.items():
        if value is None:
            answers.pop(question, None)
        else:
            answers[question] = value
    return answers


# The same person as a man: no pregnancy question, a testicle question instead.
MAN = variant(ALL_CLEAR, sex="male", pregnant=None, testicle_pain="no")


def answer_file(answers, case_id):
    lines = [f"id: {case_id}", "answers:"]
    for question, value in answers.items():
        if isinstance(value, list):
            value = "[" + ", ".join(value) + "]"
        lines.append(f"  {question}: {value}")
    return "\n".join(lines) + "\n"


def typed(value):
    """An answer as a person types it at the interview prompt."""
    if isinstance(value, list):
        return ", ".join(value)
    if value == "unknown":
        return "don't know"
    return str(value)


def shown(doc):
    return [a["id"] for a in doc["advice"]]


def exercises(doc):
    return {a["id"] for a in doc["advice"] if a["kind"] == "exercise"}


class Answers(TempDirTest):
    """Writes answer files and runs `assess` on them."""

    def path(self, answers, case_id):
        return self.write(case_id + ".yaml", answer_file(answers, case_id))

    def assess(self, answers, case_id="case", fmt="json"):
        status, out, err = run(["assess", "--format", fmt, self.path(answers, case_id)])
        self.assertEqual(status, 0, f"{case_id}: {err}")
        return json.loads(out) if fmt == "json" else out

    def assert_complete(self, answers, case_id="case"):
        """Nothing is left that the interview would ask this person."""
        status, _, err = run(["interview", "--no-input", "--format", "json",
                              "--answers", self.path(answers, case_id)])
        self.assertEqual(status, 0, f"{case_id}: {err}")


class AdviceFilter(Answers):
    def setUp(self):
        super().setUp()
        self.assert_complete(ALL_CLEAR, "all-clear")
        self.control = self.assess(ALL_CLEAR, "all-clear")
        self.assertEqual(self.control["verdict"]["level"], "self-care")
        # Without any of the factors below, the self-care plan is shown in full.
        self.plan = exercises(self.control)
        self.assertGreaterEqual(len(self.plan), 4, shown(self.control))
        for item in ("self_massage", "heat", "ice_compression"):
            self.assertIn(item, shown(self.control))

    def withheld(self, answers, case_id, items, plan=True):
        """Assesses `answers`; none of `items` is shown, nor (if `plan`) any plan exercise."""
        doc = self.assess(answers, case_id)
        for item in items:
            self.assertNotIn(item, shown(doc), f"{case_id} ({doc['verdict']['level']})")
        if plan:
            self.assertEqual(exercises(doc) & self.plan, set(),
                             f"{case_id} ({doc['verdict']['level']})")
        return doc

    def test_no_self_massage_or_exercise_plan_for_someone_who_could_be_pregnant(self):
        cases = {
            "pregnant": variant(ALL_CLEAR, pregnant="yes", dizzy_or_shoulder_tip="no",
                                pregnancy_weeks=20),
            "maybe-pregnant": variant(ALL_CLEAR, pregnant="unknown", dizzy_or_shoulder_tip="no",
                                      pregnancy_weeks="unknown"),
            "undisclosed-maybe-pregnant": variant(ALL_CLEAR, sex="prefer_not", pregnant="unknown",
                                                  dizzy_or_shoulder_tip="no",
                                                  pregnancy_weeks="unknown",
                                                  testicle_pain="no"),
        }
        for case_id, answers in cases.items():
            with self.subTest(case_id):
                self.assert_complete(answers, case_id)
                doc = self.withheld(answers, case_id, ["self_massage"])
                self.assertEqual(doc["verdict"]["level"], "see-professional")
                flagged = [f["id"] for f in doc["red_flags"]["fired"] +
                           doc["red_flags"]["not_excluded"]]
                self.assertIn("pregnancy", flagged)
                if answers["pregnant"] == "yes":
                    # The one exercise she may get is the one written for pregnancy.
                    self.assertLessEqual(exercises(doc), {"pregnancy_exercise"})
                else:
                    self.assertEqual(exercises(doc), set())  # "don't know" withholds it

    def test_pregnancy_exercise_is_withheld_with_a_groin_lump(self):
        pregnant = variant(ALL_CLEAR, pregnant="yes", dizzy_or_shoulder_tip="no")
        doc = self.assess(pregnant, "pregnant")
        self.assertIn("pregnancy_exercise", shown(doc))
        for lump in ("lump", "unknown"):
            with self.subTest(lump):
                doc = self.withheld(variant(pregnant, groin_lump=lump), "pregnant-lump-" + lump,
                                    ["pregnancy_exercise"])
                self.assertEqual(doc["verdict"]["level"], "see-professional")
                self.assertEqual(exercises(doc), set())

    def test_no_self_massage_or_exercise_plan_on_a_blood_thinner(self):
        for answer in ("yes", "unknown"):
            with self.subTest(answer):
                doc = self.withheld(variant(ALL_CLEAR, anticoagulant=answer, hip_held_bent="no"),
                                    "thinner-" + answer, ["self_massage"])
                self.assertEqual(doc["verdict"]["level"], "see-professional")
                self.assertEqual(exercises(doc), set())

    def test_the_blood_thinner_question_names_aspirin(self):
        # Start from every answer but the blood thinner: its prompt (on stderr) comes first.
        start = self.path(variant(ALL_CLEAR, anticoagulant=None), "no-thinner")
        save = os.path.join(self.tmp, "s.yaml")
        status, _, err = run(["interview", "--show-ids", "--save", save, "--answers", start], stdin="")
        self.assertEqual(status, 4, err)  # the input ends at the blood-thinner question
        prompt = err[err.index("[anticoagulant]"):]
        prompt = prompt[:prompt.index("\n>")]
        for medicine in ("warfarin", "apixaban", "aspirin", "clopidogrel"):
            self.assertIn(medicine, prompt)

    def test_no_self_massage_at_50_or_over(self):
        for age in (50, 67, "unknown"):
            with self.subTest(age):
                self.withheld(variant(ALL_CLEAR, age=age), f"age-{age}", ["self_massage"],
                              plan=False)
        doc = self.assess(variant(ALL_CLEAR, age=49), "age-49")
        self.assertEqual(doc["verdict"]["level"], "self-care")
        self.assertIn("self_massage", shown(doc))

    def test_no_self_massage_with_belly_pain_even_at_self_care(self):
        self.assert_complete(MAN, "man")
        man = self.assess(MAN, "man")
        self.assertEqual(man["verdict"]["level"], "self-care")
        self.assertIn("self_massage", shown(man))
        belly = variant(MAN, pain_where=["low_back", "lower_belly"])
        self.assert_complete(belly, "man-belly")
        doc = self.withheld(belly, "man-belly", ["self_massage"], plan=False)
        self.assertEqual(doc["verdict"]["level"], "self-care")
        for answer in ("yes", "unknown"):
            with self.subTest(right_lower_belly=answer):
                self.withheld(variant(MAN, right_lower_belly=answer, pain_moved_from_navel="no"),
                              "man-right-belly-" + answer, ["self_massage"], plan=False)

    def test_self_massage_keeps_off_the_belly_and_groin(self):
        [massage] = [a for a in self.control["advice"] if a["id"] == "self_massage"]
        self.assertIn("Do not press into the belly", massage["how"])
        self.assertIn("groin", massage["how"])

    def test_no_heat_or_ice_with_leg_numbness(self):
        numb = {"thigh_numb_knee_gives": "no", "outer_thigh_burning": "no"}
        for answer in ("yes", "unknown"):
            with self.subTest(answer):
                answers = variant(ALL_CLEAR, leg_numbness=answer, **numb)
                self.assert_complete(answers, "numb-" + answer)
                doc = self.withheld(answers, "numb-" + answer, ["heat", "ice_compression"],
                                    plan=False)
                self.assertEqual(doc["verdict"]["level"], "see-professional")
        # At the same level, heat is shown to the person whose leg is not numb.
        severe = variant(ALL_CLEAR, pain_level=7, pain_waves="no", blood_in_urine="no")
        self.assert_complete(severe, "severe")
        doc = self.assess(severe, "severe")
        self.assertEqual(doc["verdict"]["level"], "see-professional")
        self.assertIn("heat", shown(doc))
        doc = self.withheld(variant(severe, leg_numbness="yes", **numb), "severe-numb",
                            ["heat", "ice_compression"], plan=False)
        self.assertEqual(doc["verdict"]["level"], "see-professional")

    def test_no_exercise_plan_with_a_groin_lump(self):
        levels = {"lump": "see-professional", "pulsating": "urgent",
                  "painful_stuck": "emergency", "unknown": "see-professional"}
        for lump, level in levels.items():
            with self.subTest(lump):
                doc = self.withheld(variant(ALL_CLEAR, groin_lump=lump), "lump-" + lump, [])
                self.assertEqual(doc["verdict"]["level"], level)
                self.assertEqual(exercises(doc), set())
        doc = self.assess(variant(ALL_CLEAR, groin_lump="painful_stuck"), "stuck")
        self.assertIn("strangulated_hernia", doc["verdict"]["reasons"])
        doc = self.assess(variant(ALL_CLEAR, groin_lump="pulsating"), "pulsating")
        self.assertIn("pulsating_swelling", doc["verdict"]["reasons"])


class OuterHip(Answers):
    """Outer-hip pain worse lying on that side (greater trochanteric pain) is looked after at home
    first, with advice that takes the pressure off; outer-hip pain without that pattern, or at 50
    or over, still goes to a professional."""

    OUTER = variant(ALL_CLEAR, pain_where=["side_hip"], aggravators=["lying_on_side", "stairs"],
                    eases_lying=None, morning_stiffness="no",
                    stiffness_eases_moving=None, wakes_late_night=None, hip_stiff="no",
                    other_factors=["none"])

    def test_the_outer_hip_pattern_is_self_care_with_its_own_advice(self):
        self.assert_complete(self.OUTER, "outer")
        doc = self.assess(self.OUTER, "outer")
        self.assertEqual(doc["verdict"]["level"], "self-care")
        self.assertEqual(doc["structures"][0]["id"], "trochanteric_pain")
        self.assertIn("outer_hip_care", shown(doc))
        # The exercises aimed at the hip flexors do not fit pain on the outer hip alone.
        self.assertFalse({"hip_flexor_stretch", "flexor_strengthening"} & set(shown(doc)))
        control = shown(self.assess(ALL_CLEAR, "all-clear"))
        self.assertNotIn("outer_hip_care", control)
        self.assertIn("hip_flexor_stretch", control)

    def test_outer_hip_pain_without_the_pattern_or_at_50_sees_a_professional(self):
        for name, answers in (
                ("no-lying", variant(self.OUTER, aggravators=["stairs"])),
                ("lying-unknown", variant(self.OUTER, aggravators="unknown")),
                ("at-50", variant(self.OUTER, age=50))):
            with self.subTest(name):
                doc = self.assess(answers, name)
                self.assertEqual(doc["verdict"]["level"], "see-professional")
                self.assertNotIn("hip_flexor_stretch", shown(doc))


class StopRules(Answers):
    def test_every_exercise_shown_says_when_to_stop(self):
        seen = set()
        paths = sorted(os.path.join(VIGNETTES, name) for name in os.listdir(VIGNETTES)
                       if name.endswith(".yaml"))
        docs = []
        for path in paths:
            status, out, err = run(["assess", "--format", "json", path])
            self.assertEqual(status, 0, err)
            docs.append((os.path.basename(path), json.loads(out)))
        pregnant = variant(ALL_CLEAR, pregnant="yes", dizzy_or_shoulder_tip="no")
        docs += [("all-clear", self.assess(ALL_CLEAR, "all-clear")),
                 ("pregnant", self.assess(pregnant, "pregnant"))]
        for name, doc in docs:
            for item in doc["advice"]:
                if item["kind"] == "exercise":
                    seen.add(item["id"])
                    self.assertIsInstance(item["stop"], str, f"{name}: {item['id']}")
                    self.assertTrue(item["stop"].strip(), f"{name}: {item['id']}")
        self.assertGreaterEqual(len(seen), 5, seen)
        self.assertIn("pregnancy_exercise", seen)

    def test_the_text_report_shows_each_exercise_with_its_stop_rule(self):
        doc = self.assess(ALL_CLEAR, "all-clear")
        text = self.assess(ALL_CLEAR, "all-clear", fmt="text")
        stops = [a for a in doc["advice"] if a["kind"] == "exercise"]
        self.assertTrue(stops)
        self.assertEqual(len(re.findall(r"^\s+Stop: ", text, re.M)), len(stops))
        for item in stops:
            start = text.index(item["title"])
            end = text.find("\n  - ", start)  # the next item of the plan
            block = text[start:end]
            self.assertIn("Stop: " + item["stop"].split()[0], block, item["id"])


class AdaptiveQuestions(TempDirTest):
    def interview(self, **changes):
        """Drives an interview answering from EVERY_ANSWER (with `changes`); returns the ids asked."""
        answers = variant(EVERY_ANSWER, **changes)
        save = tempfile.mktemp(suffix=".yaml", dir=self.tmp)  # --save starts a new file
        child = pexpect.spawn(BIN, ["interview", "--show-ids", "--save", save],
                              env=clean_env(XDG_STATE_HOME=self.tmp, HOME=self.tmp),
                              encoding="utf-8", timeout=15, dimensions=(50, 200))
        self.addCleanup(child.close, force=True)
        asked = []
        while child.expect([QUESTION, pexpect.EOF]) == 0:
            question = child.match.group(1)
            before = child.before
            child.expect("> ")
            if " " in question:  # a list of warning signs, answered at once
                ids = question.split()
                typed_list = list_answer({q: typed(answers.get(q, "no")) for q in ids}, ids)
                child.sendline(typed_list)
                if typed_list != "not sure":  # else they come one by one
                    asked.extend(ids)
                continue
            if asked and question == asked[-1] and answers[question] == "unknown":
                # "Don't know" on a warning sign gets one more try, with how to check.
                self.assertIn("Not sure?", before)
                child.sendline(typed(answers[question]))
                continue
            self.assertNotIn(question, asked, f"asked again: {question}")
            self.assertIn(question, answers, f"unexpected question {question}")
            child.sendline(typed(answers[question]))
            asked.append(question)
        child.close()
        self.assertEqual(child.exitstatus, 0, child.before)
        return asked

    def test_a_man_is_never_asked_about_pregnancy(self):
        for pregnant_if_asked in ("yes", "unknown"):
            with self.subTest(pregnant_if_asked):
                asked = self.interview(sex="male", pregnant=pregnant_if_asked)
                self.assertEqual(asked[:2], ["age", "sex"])
                self.assertIn("testicle_pain", asked)
                self.assertNotIn("pregnant", asked)
                self.assertNotIn("dizzy_or_shoulder_tip", asked)

    def test_a_woman_is_never_asked_about_testicles(self):
        asked = self.interview(sex="female")
        self.assertIn("pregnant", asked)
        self.assertNotIn("testicle_pain", asked)
        self.assertNotIn("dizzy_or_shoulder_tip", asked)  # she is not pregnant
        for pregnant in ("yes", "unknown"):
            with self.subTest(pregnant):
                asked = self.interview(sex="female", pregnant=pregnant)
                # The follow-up on a possible pregnancy comes straight after the list it is in.
                self.assertEqual(asked[asked.index("infection_risk") + 1], "dizzy_or_shoulder_tip")
                self.assertNotIn("testicle_pain", asked)

    def test_prefer_not_to_say_is_asked_both(self):
        asked = self.interview(sex="prefer_not")
        self.assertIn("pregnant", asked)
        self.assertIn("testicle_pain", asked)

    def test_piped_interview_asks_by_sex(self):
        # Through a pipe every question is asked alone, in script order: the nerve signs first,
        # then the body signs, which open with the testicle question for all but women.
        nerves = ["saddle_numbness", "bladder_bowel", "both_legs", "leg_weakness", "collapse",
                  "leg_numbness"]
        expected = {"male": ["testicle_pain", "fever"], "female": ["fever"],
                    "prefer_not": ["testicle_pain", "fever"]}
        for sex, body in expected.items():
            with self.subTest(sex):
                questions = ["age", "sex"] + nerves + body
                lines = "30\n" + sex + "\n" + "no\n" * (len(questions) - 3)
                status, _, err = run(["interview", "--show-ids", "--save", os.path.join(self.tmp, sex + ".yaml")],
                                     stdin=lines)
                self.assertEqual(status, 4, err)  # the input ends before the interview does
                self.assertEqual(QUESTION.findall(err), questions)


class LegWeakness(Answers):
    """A leg newly weak is asked of everyone (urgent); whether it is getting worse only after a
    yes (an emergency); the question it replaced is never asked, and a file's answer to it counts."""

    interview = AdaptiveQuestions.interview

    def test_everyone_is_asked_and_the_follow_up_comes_after_a_yes(self):
        asked = self.interview(sex="male")  # no numbness and no blood thinner
        self.assertIn("leg_weakness", asked)
        self.assertNotIn("weakness_worsening", asked)
        self.assertNotIn("new_weakness", asked)
        for worse in ("no", "yes", "unknown"):
            with self.subTest(worse):
                asked = self.interview(sex="male", leg_weakness="yes", weakness_worsening=worse,
                                       leg_numbness="yes", anticoagulant="yes")
                self.assertIn("weakness_worsening", asked)
                self.assertNotIn("new_weakness", asked)

    def test_new_weakness_is_urgent_and_getting_worse_an_emergency(self):
        levels = {}
        for worse in ("no", "yes", "unknown"):
            answers = variant(ALL_CLEAR, leg_weakness="yes", weakness_worsening=worse)
            self.assert_complete(answers, "weak-" + worse)
            doc = self.assess(answers, "weak-" + worse)
            levels[worse] = doc["verdict"]["level"]
            if worse == "unknown":
                not_excluded = [f["id"] for f in doc["red_flags"]["not_excluded"]]
                self.assertIn("cauda_equina", not_excluded)
        self.assertEqual(levels, {"no": "urgent", "yes": "emergency", "unknown": "urgent"})

    def test_an_answer_to_the_replaced_question_counts_with_a_note(self):
        answers = variant(ALL_CLEAR, new_weakness="yes")
        path = self.path(answers, "old-file")
        status, out, err = run(["assess", "--format", "json", path])
        self.assertEqual(status, 0, err)
        self.assertEqual(json.loads(out)["verdict"]["level"], "urgent")
        self.assertIn("'new_weakness' is no longer asked: 'leg_weakness' asks it now", err)
        self.assertIn(path, err)
        # Without it, no note, and nothing is left unanswered for it.
        status, out, err = run(["assess", "--format", "json", self.path(ALL_CLEAR, "new-file")])
        self.assertNotIn("no longer asked", err)
        self.assertNotIn("new_weakness", json.loads(out)["unanswered"])


class SideOnTheBodyMap(Answers):
    def body_svg(self, html):
        return re.search(r'<svg class="body".*?</svg>', html, re.S).group(0)

    def test_the_side_that_hurts_is_drawn_and_named(self):
        for side in ("right", "left"):
            with self.subTest(side):
                answers = variant(ALL_CLEAR, side=side)
                svg = self.body_svg(self.assess(answers, side, fmt="html"))
                self.assertIn(f'<clipPath id="side-{side}">', svg)
                regions = re.findall(r'<g class="region[^"]*"[^>]*>', svg)
                self.assertTrue(regions)
                for region in regions:
                    self.assertIn(f'clip-path="url(#side-{side})"', region)
                html = self.assess(answers, side, fmt="html")
                legend = re.search(r'<ul class="legend">.*?</ul>', html, re.S).group(0)
                self.assertRegex(legend, rf'<li id="side">[^<]*{side} side[^<]*</li>')
                text = self.assess(answers, side, fmt="text")
                self.assertIn(f"Where it hurts: {side} side\n", text)
                markdown = self.assess(answers, side, fmt="markdown")
                self.assertIn(f"Where it hurts: {side} side.", markdown)
                self.assertEqual(self.assess(answers, side)["side"], side)

    def test_without_a_side_nothing_is_clipped(self):
        answers = variant(ALL_CLEAR, side=None)
        html = self.assess(answers, "no-side", fmt="html")
        self.assertNotIn("clip-path", self.body_svg(html))
        self.assertNotIn('id="side"', html)
        self.assertIsNone(self.assess(answers, "no-side")["side"])
        text = self.assess(answers, "no-side", fmt="text")
        self.assertIn("Where it hurts\n", text)
        self.assertNotIn("Where it hurts:", text)

    def test_both_sides_are_drawn_whole(self):
        answers = variant(ALL_CLEAR, side="both")
        self.assertNotIn("clip-path", self.body_svg(self.assess(answers, "both", fmt="html")))
        self.assertEqual(self.assess(answers, "both")["side"], "both")
        self.assertIn("Where it hurts: both sides\n", self.assess(answers, "both", fmt="text"))


class LookalikeLeads(Answers):
    # A boy of 14 with sudden, severe pain in a testicle and the groin; every other warning
    # sign answered no.
    TORSION = variant(MAN, age=14, testicle_pain="yes", onset="sudden", pain_level=9,
                      smoker_or_aneurysm="no", pain_waves="no", blood_in_urine="no",
                      duration_weeks=0, improving="worse", pain_where=["groin"], side="left",
                      morning_stiffness="no", stiffness_eases_moving=None,
                      wakes_late_night=None, aggravators=["none"], eases_lying="no",
                      tender_front_hip="no", hip_stiff="no", activities=["kicking_sports"],
                      training_increase="no", sitting_hours=6, other_factors=["none"])

    def test_testicular_torsion_leads_every_report(self):
        self.assert_complete(self.TORSION, "torsion")
        doc = self.assess(self.TORSION, "torsion")
        self.assertEqual(doc["verdict"]["level"], "emergency")
        self.assertIn("testicular_torsion", doc["verdict"]["reasons"])
        cause = doc["cause"]
        self.assertEqual(cause["kind"], "lookalike")
        self.assertIs(cause["muscular"], False)
        self.assertEqual(cause["structure"], "none")
        self.assertEqual(cause["red_flag"], "testicular_torsion")
        self.assertEqual(cause["name"], "Testicular torsion")
        self.assertIn("nhs-testicle-pain", cause["sources"])
        self.assertEqual(exercises(doc), set())
        self.assertNotIn("self_massage", shown(doc))

        text = self.assess(self.TORSION, "torsion", fmt="text")
        self.assertTrue(text.startswith(" EMERGENCY "), text[:80])
        lead = re.search(r"^Most likely cause: Testicular torsion$", text, re.M)
        self.assertTrue(lead, text[:600])
        why = re.search(r"^Why$", text, re.M)
        self.assertLess(lead.start(), why.start())
        self.assertIn("Pattern evidence, for the record", text)
        self.assertNotIn("Likely involvement", text)

        markdown = self.assess(self.TORSION, "torsion", fmt="markdown")
        self.assertLess(markdown.index("**Most likely cause: Testicular torsion.**"),
                        markdown.index("## Why"))
        html = self.assess(self.TORSION, "torsion", fmt="html")
        section = re.search(r'<section id="cause"[^>]*>.*?</section>', html, re.S)
        self.assertTrue(section, "no cause section")
        self.assertIn("Most likely cause: Testicular torsion", section.group(0))
        self.assertLess(section.start(), html.index('<section id="why"'))

    def test_without_the_testicle_pain_the_iliopsoas_is_not_ruled_out(self):
        doc = self.assess(variant(self.TORSION, testicle_pain="no"), "no-torsion")
        self.assertNotIn("testicular_torsion", [f["id"] for f in doc["red_flags"]["fired"]])
        self.assertNotEqual(doc["cause"]["red_flag"], "testicular_torsion")
        text = self.assess(variant(self.TORSION, testicle_pain="no"), "no-torsion", fmt="text")
        self.assertNotIn("Most likely cause: Testicular torsion", text)


class SafetyNetForDontKnow(Answers):
    """"Don't know" on an emergency sign: one more try at the prompt, then a safety net first."""

    def test_the_report_leads_with_what_was_not_ruled_out_and_what_to_do(self):
        unsure = variant(ALL_CLEAR, saddle_numbness="unknown")
        doc = self.assess(unsure, "unsure")
        self.assertEqual(doc["verdict"]["level"], "see-professional")
        nets = {n["red_flag"]: n for n in doc["safety_net"]}
        self.assertEqual(list(nets), ["cauda_equina"])
        net = nets["cauda_equina"]
        self.assertEqual(net["condition"], "Cauda equina syndrome")
        self.assertEqual(net["checks"][0]["question"], "saddle_numbness")
        self.assertIn("Touch the skin", net["checks"][0]["how_to_check"])
        self.assertIn("emergency number", net["if_it_appears"])
        text = self.assess(unsure, "unsure", fmt="text")
        self.assertLess(text.index("Not ruled out: Cauda equina syndrome"), text.index("Why"))
        self.assertIn("If it appears: Call your local emergency number", text)
        markdown = self.assess(unsure, "unsure", fmt="markdown")
        self.assertIn("> **Not ruled out: Cauda equina syndrome** (emergency)", markdown)
        html = self.assess(unsure, "unsure", fmt="html")
        self.assertIn('class="safety-net emergency" data-red-flag="cauda_equina"', html)
        self.assertLess(html.index("safety-net"), html.index('id="why"'))
        # With every sign answered there is nothing to hold open.
        self.assertEqual(self.assess(ALL_CLEAR, "clear")["safety_net"], [])

    def test_dont_know_at_the_prompt_gets_one_more_try_with_how_to_check(self):
        save = os.path.join(self.tmp, "s.yaml")
        status, _, err = run(["interview", "--show-ids", "--save", save], stdin="40\nmale\ndk\ndk\n")
        self.assertEqual(status, 4, err)  # the input ends before the interview does
        self.assertEqual(QUESTION.findall(err),
                         ["age", "sex", "saddle_numbness", "saddle_numbness", "bladder_bowel"])
        self.assertIn("Not sure? Touch the skin between your legs", err)
        with open(save, encoding="utf-8") as f:
            self.assertIn("saddle_numbness: unknown", f.read())
        # A yes on the second try counts as yes.
        status, out, err = run(["interview", "--save", os.path.join(self.tmp, "yes.yaml"),
                                "--format", "json"], stdin="40\nmale\nno\ndk\nyes\n")
        self.assertEqual(status, 0, err)
        self.assertEqual(json.loads(out)["verdict"]["level"], "emergency")


class ShippedRulesAreProvedSafe(unittest.TestCase):
    def test_rules_check_proves_advice_safe(self):
        status, out, _ = run(["rules", "check"])
        self.assertEqual(status, 0, out)
        self.assertRegex(out, r"(?m)^\s*proved\s+advice-safe\s.*\((\d+) cases\)$")
        cases = int(re.search(r"proved\s+advice-safe\s.*\((\d+) cases\)", out).group(1))
        self.assertGreater(cases, 0)
        self.assertNotIn("VIOLATED", out)
        self.assertTrue(out.endswith("All properties proved.\n"))


if __name__ == "__main__":
    unittest.main()
