"""Pain and duration in words: the same bands at the prompt, in YAML and JSON answer files, in
JSON Lines and in FHIR, tested as ranges, and printed as bands rather than invented numbers."""
import json
import os
import unittest

from harness import SRC, TempDirTest, run

EXAMPLE_ANSWERS = os.path.join(SRC, "examples", "answers.yaml")

CLEAR = """id: words
answers:
  age: 30
  sex: male
  testicle_pain: no
  saddle_numbness: no
  bladder_bowel: no
  both_legs: no
  leg_weakness: no
  collapse: no
  fever: no
  infection_risk: [none]
  injury: none
  weight_bearing: normal
  anticoagulant: no
  leg_numbness: no
  swollen_leg: no
  groin_lump: none
  nausea: no
  red_warm_skin: no
  right_lower_belly: no
  cancer_history: no
  weight_loss: no
  night_pain: no
  onset: gradual
  pain_level: {pain}
  duration_weeks: {weeks}
  improving: {improving}
  pain_where: [low_back]
  side: left
  morning_stiffness: no
  snapping: no
"""


class Words(TempDirTest):
    def write(self, name, text):
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def assess(self, pain, weeks, improving="better"):
        path = self.write("a.yaml", CLEAR.format(pain=pain, weeks=weeks, improving=improving))
        status, out, err = run(["assess", "--format", "json", path])
        self.assertEqual(status, 0, err)
        return json.loads(out)

    def test_mild_pain_for_a_few_days_is_decided_not_unknown(self):
        doc = self.assess("mild", "days")
        self.assertEqual(doc["verdict"]["level"], "self-care")
        self.assertEqual(doc["answers"]["pain_level"], "mild")
        self.assertEqual(doc["answers"]["duration_weeks"], "days")
        self.assertNotIn("pain_level", doc["unanswered"])
        # The same person with "don't know" is not excluded from severe pain: the words help.
        unknown = self.assess("unknown", "unknown")
        self.assertEqual(unknown["verdict"]["level"], "see-professional")

    def test_a_band_on_the_right_side_of_a_threshold_decides_it(self):
        self.assertIn("severe_pain", [f["id"] for f in self.assess("severe", "days")
                                      ["red_flags"]["fired"]])
        moderate = self.assess("moderate", "days")
        self.assertNotIn("severe_pain", [f["id"] for f in moderate["red_flags"]["fired"]])
        self.assertNotIn("severe_pain", [f["id"] for f in moderate["red_flags"]["not_excluded"]])

    def test_a_band_that_straddles_a_threshold_leaves_the_flag_not_excluded(self):
        # "A few weeks" is 2 to 11: it may or may not be past the four-week mark.
        doc = self.assess("mild", "weeks", improving="same")
        self.assertIn("not_improving", [f["id"] for f in doc["red_flags"]["not_excluded"]])
        self.assertEqual(doc["verdict"]["level"], "see-professional")
        months = self.assess("mild", "months", improving="same")
        self.assertIn("not_improving", [f["id"] for f in months["red_flags"]["fired"]])

    def test_reports_print_the_band_not_a_number(self):
        path = self.write("a.yaml", CLEAR.format(pain="mild", weeks="days", improving="better"))
        _, html, _ = run(["assess", "--format", "html", path])
        self.assertIn("mild (1 to 3)", html)
        _, markdown, _ = run(["assess", "--format", "markdown", path])
        self.assertIn("| mild (1 to 3) | `pain_level` |", markdown)

    def test_json_answer_files_and_json_lines_take_the_same_words(self):
        doc = {"id": "j", "answers": {"pain_level": "severe", "duration_weeks": "week"}}
        path = self.write("a.json", json.dumps(doc))
        status, out, err = run(["assess", "--format", "json", path])
        self.assertEqual(status, 0, err)
        self.assertEqual(json.loads(out)["answers"]["pain_level"], "severe")
        status, out, err = run(["batch"], stdin=json.dumps(doc) + "\n")
        self.assertEqual(status, 0, err)
        self.assertIn("severe_pain", json.loads(out.splitlines()[0])["red_flags"])

    def test_fhir_carries_the_band_and_reads_it_back(self):
        path = self.write("a.yaml", CLEAR.format(pain="moderate", weeks="months",
                                                 improving="better"))
        status, response, err = run(["assess", "--format", "fhir", path])
        self.assertEqual(status, 0, err)
        item = next(i for i in json.loads(response)["item"] if i["linkId"] == "pain_level")
        self.assertNotIn("answer", item)  # a band is not a number
        self.assertEqual(item["extension"][0]["valueCode"], "moderate")
        back = self.write("r.json", response)
        status, out, err = run(["assess", "--format", "json", back])
        self.assertEqual(status, 0, err)
        self.assertEqual(json.loads(out)["answers"]["pain_level"], "moderate")
        self.assertEqual(json.loads(out)["answers"]["duration_weeks"], "months")

    def test_a_word_that_is_not_a_band_names_the_words_that_are(self):
        path = self.write("a.yaml", "answers:\n  pain_level: awful\n")
        status, _, err = run(["assess", path])
        self.assertEqual(status, 3)
        self.assertIn("a.yaml:2:15:", err)
        self.assertIn("mild, moderate, severe, worst", err)

    def test_the_interview_takes_a_word_and_saves_it(self):
        save = os.path.join(self.tmp, "s.yaml")
        with open(EXAMPLE_ANSWERS, encoding="utf-8") as f:
            example = f.read().replace("pain_level: 5", "pain_level: mild")
        start = self.write("start.yaml", example.replace("  duration_weeks: 2\n", ""))
        status, out, err = run(["interview", "--save", save, "--answers", start,
                                "--format", "json"], stdin="few\nweeks\n")
        self.assertEqual(status, 0, err)
        self.assertIn("or a word: days (0), week (1), weeks (2 to 11), months (12 to 520)", err)
        self.assertIn("Please type a whole number from 0 to 520", err)
        self.assertEqual(json.loads(out)["answers"]["duration_weeks"], "weeks")
        with open(save, encoding="utf-8") as f:
            saved = f.read()
        self.assertIn("duration_weeks: weeks", saved)
        self.assertIn("pain_level: mild", saved)


if __name__ == "__main__":
    unittest.main()
