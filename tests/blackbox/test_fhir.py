"""FHIR R4 through the real binary: `rules export --format fhir` (a Questionnaire), `assess --format
fhir` (a QuestionnaireResponse), and a QuestionnaireResponse read back as an answer file. The
resources are checked against the R4 rules that matter to an importing system, and the
Questionnaire's enableWhen is evaluated as R4 defines it and compared with what psoas-triage asks."""
import glob
import json
import os
import random
import re
import shutil
import unittest

from harness import SRC, TempDirTest, run, vignette

VIGNETTES = sorted(glob.glob(os.path.join(SRC, "tests", "vignettes", "*.yaml")))
EXAMPLE = os.path.join(SRC, "examples", "answers.yaml")
ITEM_TYPES = {"group", "display", "boolean", "decimal", "integer", "date", "dateTime", "time",
              "string", "text", "url", "choice", "open-choice", "attachment", "reference",
              "quantity"}
OPERATORS = {"exists", "=", "!=", ">", "<", ">=", "<="}
ANSWER_KEY = {"boolean": "answerBoolean", "integer": "answerInteger", "choice": "answerCoding"}
VALUE_KEY = {"boolean": "valueBoolean", "integer": "valueInteger", "choice": "valueCoding"}
ID = re.compile(r"^[A-Za-z0-9\-.]{1,64}$")
NAME = re.compile(r"^[A-Z][A-Za-z0-9_]{0,254}$")
DATA_ABSENT = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"


def export(*args):
    status, out, err = run(["rules", "export", "--format", "fhir", *args])
    assert status == 0, err
    return json.loads(out), err


def response(path, *args):
    status, out, err = run(["assess", "--format", "fhir", *args, path])
    assert status == 0, err
    return json.loads(out)


def no_empty_values(test, value, where="$"):
    """FHIR JSON has no null, no empty string, no empty array and no empty object."""
    test.assertNotIn(value, (None, "", [], {}), where)
    if isinstance(value, dict):
        for k, v in value.items():
            no_empty_values(test, v, f"{where}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            no_empty_values(test, v, f"{where}[{i}]")


def answer_of(answer):
    """The comparable value of one QuestionnaireResponse answer or enableWhen answer."""
    for key, value in answer.items():
        if key.startswith(("value", "answer")):
            return value["code"] if isinstance(value, dict) else value
    raise AssertionError(f"no value in {answer}")


def fhir_enabled(questionnaire, qr):
    """Which items an R4 form enables for these answers (R4 Questionnaire.item.enableWhen and the
    questionnaire-enable-operator code system; a disabled item counts as unanswered)."""
    answers = {item["linkId"]: [answer_of(a) for a in item.get("answer", [])]
               for item in qr.get("item", [])}
    enabled = {}
    for item in questionnaire["item"]:
        if any(e["url"].endswith("/questionnaire-hidden") and e.get("valueBoolean")
               for e in item.get("extension", [])):
            enabled[item["linkId"]] = False  # no longer asked: a form does not show it
            continue
        conditions = item.get("enableWhen")
        if not conditions:
            enabled[item["linkId"]] = True
            continue
        results = []
        for c in conditions:
            values = answers.get(c["question"], []) if enabled[c["question"]] else []
            want = answer_of({k: v for k, v in c.items() if k.startswith("answer")})
            op = c["operator"]
            if op == "exists":
                results.append(bool(values) == want)
            elif op == "=":
                results.append(any(v == want for v in values))
            elif op == "!=":
                results.append(not any(v == want for v in values))
            else:
                compare = {">": lambda v: v > want, "<": lambda v: v < want,
                           ">=": lambda v: v >= want, "<=": lambda v: v <= want}[op]
                results.append(any(compare(v) for v in values))
        behavior = item.get("enableBehavior", "all")
        enabled[item["linkId"]] = any(results) if behavior == "any" else all(results)
    return enabled


class QuestionnaireRules(unittest.TestCase):
    """The exported Questionnaire against the R4 rules an importing system enforces."""

    @classmethod
    def setUpClass(cls):
        cls.q, cls.warnings = export()

    def test_resource_has_what_r4_requires(self):
        q = self.q
        self.assertEqual(q["resourceType"], "Questionnaire")
        self.assertIn(q["status"], {"draft", "active", "retired", "unknown"})
        self.assertRegex(q["id"], ID)
        self.assertRegex(q["name"], NAME)
        self.assertRegex(q["url"], r"^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-"
                                   r"[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
        self.assertTrue(q["version"])
        self.assertIn("not a diagnosis", q["description"])
        self.assertRegex(q["description"], r"sha256:[0-9a-f]{64}")
        no_empty_values(self, q)

    def test_every_question_is_an_item_with_a_unique_link_id(self):
        def all_ids(items):
            for item in items:
                yield item["linkId"]
                yield from all_ids(item.get("item", []))
        everywhere = list(all_ids(self.q["item"]))
        self.assertEqual(len(everywhere), len(set(everywhere)))  # unique across all levels
        ids = [item["linkId"] for item in self.q["item"]]
        with open(os.path.join(SRC, "rules", "10-questions.yaml"), encoding="utf-8") as f:
            script = f.read().split("\ngroups:")[0]  # the questions, not the lists of them
            questions = re.findall(r"^  - id: (\w+)$", script, re.M)
        self.assertEqual(ids, questions)  # every question, in script order

    def test_items_are_well_formed(self):
        for item in self.q["item"]:
            with self.subTest(item["linkId"]):
                self.assertIn(item["type"], ITEM_TYPES)
                self.assertTrue(item["text"])
                # que-5: only choice items have answer options; ours always do.
                self.assertEqual("answerOption" in item, item["type"] == "choice")
                for option in item.get("answerOption", []):
                    self.assertEqual(list(option), ["valueCoding"])
                    self.assertTrue(option["valueCoding"]["code"])
                    self.assertTrue(option["valueCoding"]["display"])
                    self.assertNotIn("system", option["valueCoding"])
                codes = [o["valueCoding"]["code"] for o in item.get("answerOption", [])]
                self.assertEqual(len(codes), len(set(codes)))
                if item["type"] == "integer":
                    urls = [e["url"] for e in item["extension"]]
                    self.assertIn("http://hl7.org/fhir/StructureDefinition/minValue", urls)
                    self.assertIn("http://hl7.org/fhir/StructureDefinition/maxValue", urls)

    def test_each_question_carries_why_it_is_asked_with_its_sources(self):
        sources = self.q["description"].split("Sources:", 1)[1]
        for item in self.q["item"]:
            with self.subTest(item["linkId"]):
                [help_item] = item["item"]
                self.assertEqual(help_item["linkId"], item["linkId"] + ".help")
                self.assertEqual(help_item["type"], "display")
                for key in ("answerOption", "required", "repeats", "item", "enableWhen"):
                    self.assertNotIn(key, help_item)  # que-6, que-9: display items hold nothing
                control = help_item["extension"][0]
                self.assertEqual(control["url"], "http://hl7.org/fhir/StructureDefinition/"
                                                 "questionnaire-itemControl")
                self.assertEqual(control["valueCodeableConcept"]["coding"][0]["code"], "help")
                cited = re.search(r"Sources: ([\w\-, ]+)\.$", help_item["text"]).group(1)
                for source in cited.split(", "):
                    self.assertIn(f"- [{source}] ", sources)  # every source is listed in full

    def test_enable_when_targets_exist_come_earlier_and_fit_their_type(self):
        seen = {}
        conditional = 0
        for item in self.q["item"]:
            conditions = item.get("enableWhen", [])
            conditional += bool(conditions)
            for c in conditions:
                with self.subTest(item=item["linkId"], question=c["question"]):
                    self.assertIn(c["question"], seen, "target must exist, earlier in the script")
                    target = seen[c["question"]]
                    self.assertIn(c["operator"], OPERATORS)
                    answers = [k for k in c if k.startswith("answer")]
                    self.assertEqual(len(answers), 1)  # exactly one answer[x]
                    if c["operator"] == "exists":  # que-7
                        self.assertEqual(answers, ["answerBoolean"])
                    else:
                        self.assertEqual(answers, [ANSWER_KEY[target["type"]]])
                    if answers == ["answerCoding"]:
                        codes = [o["valueCoding"]["code"] for o in target["answerOption"]]
                        self.assertIn(c["answerCoding"]["code"], codes)
                    if target["type"] in ("boolean", "choice"):
                        self.assertIn(c["operator"], {"exists", "=", "!="})
            # que-12: enableBehavior exactly when there is more than one enableWhen.
            self.assertEqual("enableBehavior" in item, len(conditions) > 1, item["linkId"])
            seen[item["linkId"]] = item
        self.assertGreater(conditional, 0)

    def test_built_in_rules_export_without_warnings(self):
        self.assertEqual(self.warnings, "")

    def test_the_url_is_stable_across_runs(self):
        again, _ = export()
        self.assertEqual(again, self.q)


class ResponseRules(unittest.TestCase):
    def test_every_vignette_gives_a_valid_response_to_the_questionnaire(self):
        q, _ = export()
        items = {item["linkId"]: item for item in q["item"]}
        for path in VIGNETTES:
            with self.subTest(os.path.basename(path)):
                qr = response(path)
                self.assertEqual(qr["resourceType"], "QuestionnaireResponse")
                self.assertEqual(qr["questionnaire"], f"{q['url']}|{q['version']}")
                self.assertIn(qr["status"], {"in-progress", "completed"})
                self.assertRegex(qr["id"], ID)
                no_empty_values(self, qr)
                self.assertIn("This is not a diagnosis.", qr["text"]["div"])
                ids = [i["linkId"] for i in qr["item"]]
                self.assertEqual(len(ids), len(set(ids)))
                order = [i for i in items if i in ids]
                self.assertEqual(ids, order)  # in the Questionnaire's order
                for item in qr["item"]:
                    target = items[item["linkId"]]
                    if "answer" not in item:  # "don't know"
                        self.assertEqual(item["extension"][0]["url"], DATA_ABSENT)
                        continue
                    if not target.get("repeats"):
                        self.assertEqual(len(item["answer"]), 1)  # que-... one answer
                    for a in item["answer"]:
                        self.assertEqual(list(a), [VALUE_KEY[target["type"]]])
                        if target["type"] == "choice":
                            codes = [o["valueCoding"]["code"] for o in target["answerOption"]]
                            self.assertIn(a["valueCoding"]["code"], codes)

    def test_the_narrative_carries_the_verdict_and_the_provenance_stamp(self):
        path = vignette("urgent-01-fever")
        qr = response(path)
        _, text, _ = run(["assess", path])
        self.assertIn("Triage verdict: urgent", qr["text"]["div"])
        _, out, _ = run(["assess", "--format", "json", path])
        cited = ", ".join(json.loads(out)["verdict"]["sources"])
        self.assertIn(f"[{cited}]</p>", qr["text"]["div"])
        self.assertIn(text.rstrip("\n").rsplit("\n", 1)[1], qr["text"]["div"])
        self.assertEqual(qr["text"]["status"], "generated")

    def test_complete_answers_give_a_completed_response(self):
        self.assertEqual(response(EXAMPLE)["status"], "completed")
        self.assertEqual(response(vignette("urgent-01-fever"))["status"], "in-progress")


class RoundTrip(TempDirTest):
    def test_a_response_read_back_gives_the_same_result_for_every_vignette(self):
        for path in VIGNETTES:
            with self.subTest(os.path.basename(path)):
                qr = self.write("qr.json", json.dumps(response(path)))
                _, direct, _ = run(["assess", "--format", "json", path])
                status, back, err = run(["assess", "--format", "json", qr])
                self.assertEqual(status, 0, err)
                direct, back = json.loads(direct), json.loads(back)
                for key in ("answers_hash", "verdict", "red_flags", "structures", "answers"):
                    self.assertEqual(back[key], direct[key], key)

    def test_a_question_no_longer_asked_is_hidden_and_its_answer_still_reads(self):
        q, _ = export()
        hidden = [i["linkId"] for i in q["item"]
                  if any(e["url"] == "http://hl7.org/fhir/StructureDefinition/questionnaire-hidden"
                         and e["valueBoolean"] is True for e in i.get("extension", []))]
        self.assertEqual(hidden, ["new_weakness"])
        # A response from a form that still asked it: the answer counts (a leg newly weak).
        answers = self.write("old.yaml", "answers:\n  age: 40\n  new_weakness: yes\n")
        path = self.write("qr.json", json.dumps(response(answers)))
        status, out, err = run(["assess", "--format", "json", path])
        self.assertEqual(status, 0, err)
        result = json.loads(out)
        self.assertEqual(result["answers"]["new_weakness"], "yes")
        self.assertIn("femoral_nerve", [f["id"] for f in result["red_flags"]["fired"]])
        self.assertIn("'leg_weakness' asks it now", err)

    def test_dont_know_survives_and_keeps_the_red_flag_open(self):
        answers = self.write("a.yaml", "answers:\n  fever: unknown\n  age: 40\n")
        qr = response(answers)
        fever = [i for i in qr["item"] if i["linkId"] == "fever"][0]
        self.assertEqual(fever["extension"],
                         [{"url": DATA_ABSENT, "valueCode": "asked-unknown"}])
        path = self.write("qr.json", json.dumps(qr))
        _, out, _ = run(["assess", "--format", "json", path])
        result = json.loads(out)
        self.assertEqual(result["answers"]["fever"], "unknown")
        self.assertIn("fever", [f["id"] for f in result["red_flags"]["not_excluded"]])

    def test_items_nested_under_an_answer_are_read(self):
        q, _ = export()
        resource = {"resourceType": "QuestionnaireResponse", "status": "in-progress",
                    "questionnaire": q["url"],
                    "item": [{"linkId": "fever", "answer": [{
                        "valueBoolean": True,
                        "item": [{"linkId": "hip_held_bent",
                                  "answer": [{"valueBoolean": False}]}]}]}]}
        path = self.write("qr.json", json.dumps(resource))
        status, out, err = run(["assess", "--format", "json", path])
        self.assertEqual(status, 0, err)
        answers = json.loads(out)["answers"]
        self.assertEqual((answers["fever"], answers["hip_held_bent"]), ("yes", "no"))

    def test_interview_resumes_from_a_response(self):
        qr = self.write("qr.json", json.dumps(response(EXAMPLE)))
        status, out, err = run(["interview", "--no-input", "--answers", qr, "--format", "json"])
        self.assertEqual(status, 0, err)
        self.assertEqual(json.loads(out)["verdict"]["level"], "self-care")


# Two ask-conditions of the shipped script, quoted with enough context to be unique:
# `ask_if: {q: injury, ne: none}` alone is also injury_when's.
HIP_HELD_BENT_ASK_IF = """    ask_if:
      any:
        - {q: fever, ne: no}
        - {q: anticoagulant, ne: no}
    text: Do you keep the hip bent"""
BONE_RISK_ASK_IF = """  - id: bone_risk
    type: yes_no
    ask_if: {q: injury, ne: none}"""


def rules_with(test, *replacements):
    """A copy of the rule set with ask-conditions replaced; returns its folder and questions file."""
    rules = os.path.join(test.tmp, "rules")
    shutil.copytree(os.path.join(SRC, "rules"), rules)
    path = os.path.join(rules, "10-questions.yaml")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for old, new in replacements:
        test.assertEqual(text.count(old), 1, old)
        text = text.replace(old, new)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return rules, path


class EnableWhenMeansWhatTheScriptAsks(TempDirTest):
    """For partial answers, the items an R4 form enables and leaves empty are exactly the questions
    psoas-triage would still ask (it names them under --no-input)."""

    def asked(self, answers, rules_args=()):
        path = self.write("partial.json", json.dumps({"answers": answers}))
        status, out, err = run(["interview", "--no-input", *rules_args, "--answers", path,
                                "--format", "json"])
        if status == 0:
            return set()
        match = re.search(r"--no-input: \d+ questions have no answer: (.*)$", err.strip())
        self.assertTrue(match, err)
        return set(match.group(1).split(", "))

    @classmethod
    def setUpClass(cls):
        cls.full = []  # each vignette's answers, as assess reads them
        for path in VIGNETTES:
            _, out, _ = run(["assess", "--format", "json", path])
            answers = json.loads(out)["answers"]
            cls.full.append((path, {k: v for k, v in answers.items() if v is not None}))

    def compare(self, q, variants, rules_args=()):
        """Drops about 40% of each vignette's answers and turns about 15% of the rest into
        "don't know", `variants` times per vignette, and compares form and script."""
        rng = random.Random(8)
        cases = 0
        for path, full in self.full:
            for _ in range(variants):
                keep = {k: v for k, v in full.items() if rng.random() < 0.6}
                for k in keep:
                    if rng.random() < 0.15:
                        keep[k] = "unknown"
                qr = response(self.write("p.json", json.dumps({"answers": keep})), *rules_args)
                enabled = fhir_enabled(q, qr)
                answered = {i["linkId"] for i in qr.get("item", [])}
                form = {k for k, on in enabled.items() if on and k not in answered}
                self.assertEqual(form, self.asked(keep, rules_args), os.path.basename(path))
                cases += 1
        return cases

    def test_built_in_rules(self):
        q, _ = export()
        self.assertEqual(self.compare(q, 2), 2 * len(VIGNETTES))

    def test_conditions_needing_any_and_all(self):
        rules, _ = rules_with(
            self,
            (HIP_HELD_BENT_ASK_IF,
             "    ask_if: {any: [{q: fever, eq: yes}, {q: age, ge: 60}]}\n"
             "    text: Do you keep the hip bent"),
            ("ask_if: {q: swollen_leg, ne: no}",
             "ask_if: {all: [{q: swollen_leg, ne: no}, {not: {q: fever, eq: yes}}]}"),
            (BONE_RISK_ASK_IF, BONE_RISK_ASK_IF.replace("ask_if: {q: injury, ne: none}",
                                                        "ask_if: {q: injury, in: [minor, major]}")))
        q, warnings = export(rules)
        self.assertEqual(warnings, "")
        items = {item["linkId"]: item for item in q["item"]}
        self.assertEqual(items["hip_held_bent"]["enableBehavior"], "any")
        self.assertEqual(items["breathless"]["enableBehavior"], "all")
        self.assertEqual(len(items["bone_risk"]["enableWhen"]), 3)  # unanswered, minor, major
        self.assertEqual(self.compare(q, 1, ("--rules", rules)), len(VIGNETTES))


class Inexpressible(TempDirTest):
    def test_a_condition_r4_cannot_express_warns_and_leaves_the_item_enabled(self):
        old = BONE_RISK_ASK_IF
        with open(os.path.join(SRC, "rules", "10-questions.yaml"), encoding="utf-8") as f:
            text = f.read()
        line = text[:text.index(old)].count("\n") + 3  # the ask_if line of bone_risk
        rules, path = rules_with(
            self, (old, old.replace("ask_if: {q: injury, ne: none}",
                                    "ask_if: {all: [{q: injury, eq: minor}, {q: age, ge: 50}]}")))
        q, warnings = export(rules)
        self.assertRegex(warnings, rf"^{re.escape(path)}:{line}:\d+: warning: the condition for "
                                   r"asking 'bone_risk' cannot be written as FHIR R4 enableWhen; "
                                   r"the item is always enabled\n$")
        bone = [i for i in q["item"] if i["linkId"] == "bone_risk"][0]
        self.assertNotIn("enableWhen", bone)


class BadResponses(TempDirTest):
    def assess(self, resource):
        path = self.write("qr.json", json.dumps(resource, indent=1))
        status, out, err = run(["assess", path])
        self.assertEqual(status, 3, err)
        self.assertEqual(out, "")
        return path, err

    def qr(self, *items, **top):
        q, _ = export()
        resource = {"resourceType": "QuestionnaireResponse",
                    "questionnaire": q["url"] + "|" + q["version"], "status": "completed",
                    "item": list(items)}
        resource.update(top)
        return resource

    def test_each_mistake_is_named_with_its_place_and_the_fix(self):
        cases = [
            ({"linkId": "fevr", "answer": [{"valueBoolean": True}]},
             r"unknown linkId 'fevr': no question has this id; did you mean 'fever'\?"),
            ({"linkId": "age", "answer": [{"valueInteger": "35"}]},
             r"'valueInteger' of 'age' must be a JSON whole number, not \"35\""),
            ({"linkId": "age", "answer": [{"valueInteger": 300}]},
             r"'age' takes a whole number from 0 to 120 years"),
            ({"linkId": "injury", "answer": [{"valueBoolean": True}]},
             r"'injury' is a choice item; its answer is 'valueCoding', not 'valueBoolean'"),
            ({"linkId": "pain_where", "answer": [{"valueCoding": {"code": "grin"}}]},
             r"'pain_where' has no option 'grin'; did you mean 'groin'\?"),
            ({"linkId": "onset", "answer": [{"valueCoding": {"system": "http://x", "code": "a"}}]},
             r"the options of 'onset' are codes without a system; leave out 'system'"),
            ({"linkId": "fever", "answer": [{"valueBoolean": True}, {"valueBoolean": False}]},
             r"'fever' takes one answer, not 2"),
            ({"linkId": "fever", "answer": [{"valueBoolean": True}],
              "extension": [{"url": DATA_ABSENT, "valueCode": "asked-unknown"}]},
             r"item 'fever' has both an answer and a data-absent-reason"),
            ({"linkId": "fever", "modifierExtension": [{"url": "http://x", "valueBoolean": True}]},
             r"'modifierExtension' may change what the answers mean"),
        ]
        for item, message in cases:
            with self.subTest(message):
                path, err = self.assess(self.qr(item))
                self.assertRegex(err, rf"^psoas-triage: error: {re.escape(path)}:\d+:\d+: "
                                      + message)

    def test_the_resource_itself_is_checked(self):
        cases = [
            ({"resourceType": "Patient"}, r"a FHIR Patient is not an answer file"),
            (self.qr(questionnaire="urn:uuid:other|1"),
             r"this response answers the questionnaire 'urn:uuid:other', not this rule set's"),
            (self.qr(status="entered-in-error"), r"this response was entered in error"),
            (self.qr(status="done"), r"unknown status 'done'; expected one of: in-progress, "),
            ({"resourceType": "QuestionnaireResponse", "item": []},
             r"the QuestionnaireResponse lacks the required key 'status'"),
        ]
        for resource, message in cases:
            with self.subTest(message):
                _, err = self.assess(resource)
                self.assertRegex(err, message)

    def test_help_items_are_accepted_empty_and_refused_with_an_answer(self):
        q, _ = export()
        fine = self.write("fine.json", json.dumps(self.qr({"linkId": "fever.help"},
                                                         {"linkId": "fever", "answer": [
                                                             {"valueBoolean": False}]})))
        status, out, err = run(["assess", "--format", "json", fine])
        self.assertEqual(status, 0, err)
        self.assertEqual(json.loads(out)["answers"]["fever"], "no")
        _, err = self.assess(self.qr({"linkId": "fever.help",
                                      "answer": [{"valueBoolean": True}]}))
        self.assertIn("'fever.help' is a display item (why a question is asked); it takes no "
                      "answer", err)

    def test_a_linkid_answered_twice_is_refused(self):
        item = {"linkId": "fever", "answer": [{"valueBoolean": False}]}
        _, err = self.assess(self.qr(item, item))
        self.assertIn("linkId 'fever' is answered twice", err)


if __name__ == "__main__":
    unittest.main()
