#!/usr/bin/env python3
"""How hard the rule set's words are to read: the Flesch-Kincaid grade of every text a person
is shown (questions, why they are asked, how to check, list items, the levels' actions, and the
advice), read from the built binary's own exports so that nothing is missed.

    tests/readability.py build/psoas-triage rules/            # median and the ten hardest
    tests/readability.py build/psoas-triage rules/ --all      # every text, hardest first

Grade = 0.39 * words per sentence + 11.8 * syllables per word - 15.59 (Kincaid et al., 1975).
A reading age of about 11, the NHS aim for health information, is a grade of about 6. Syllables
are counted by vowel groups, the usual approximation; texts under six words are left out, as the
formula means little there, and a single short text is a rough measure.
"""
import json
import re
import statistics
import subprocess
import sys


def syllables(word):
    word = word.lower()
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


def grade(text):
    sentences = max(1, len(re.findall(r"[.!?]+(?:\s|$)", text.strip() + " ")))
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", text)
    if not words:
        return 0.0
    per_sentence = len(words) / sentences
    per_word = sum(syllables(w) for w in words) / len(words)
    return 0.39 * per_sentence + 11.8 * per_word - 15.59


def yaml_texts(path, key):
    """(question id, text) for each `key:` of the question script, folded or on one line."""
    out = []
    question = None
    lines = open(path, encoding="utf-8").read().split("\n")
    for i, line in enumerate(lines):
        found = re.match(r"  - id: (\w+)$", line)
        if found:
            question = found.group(1)
        if line.startswith(f"    {key}:"):
            value = line.split(":", 1)[1].strip()
            if value == ">-":
                folded = []
                for following in lines[i + 1:]:
                    if not following.startswith("      "):
                        break
                    folded.append(following.strip())
                value = " ".join(folded)
            out.append((f"{key} of {question}", value))
    return out


def texts(binary, rules):
    """(where, text) for every text a person reads."""
    out = yaml_texts(f"{rules}/10-questions.yaml", "how_to_check")
    out += yaml_texts(f"{rules}/10-questions.yaml", "item")
    questionnaire = json.loads(subprocess.run(
        [binary, "rules", "export", "--format", "fhir"], capture_output=True, text=True,
        check=True).stdout)
    for item in questionnaire["item"]:
        out.append((f"question {item['linkId']}", item["text"]))
        for child in item.get("item", []):
            if child["linkId"].endswith(".help"):
                why = child["text"].split(" Sources: ")[0]
                out.append((f"why {item['linkId']}", why))
        for option in item.get("answerOption", []):
            out.append((f"option of {item['linkId']}", option["valueCoding"]["display"]))
    for topic in ("self-care", "professional", "red-flags", "levels"):
        doc = json.loads(subprocess.run(
            [binary, "ref", topic, "--format", "json"], capture_output=True, text=True,
            check=True).stdout)
        for entry in doc["entries"]:
            for field in entry["fields"]:
                if field["label"] in ("How", "Why", "Stop", "Caution", "What to do", "Meaning"):
                    out.append((f"{topic} {entry['id']} {field['label'].lower()}",
                                field["text"]))
    return out


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    # The formula means little under six words ("Female" scores as hard as a legal text).
    scored = sorted(((grade(text), where, text)
                     for where, text in texts(sys.argv[1], sys.argv[2])
                     if len(text.split()) >= 6), reverse=True)
    grades = [g for g, _, _ in scored]
    shown = scored if "--all" in sys.argv else scored[:10]
    for g, where, text in shown:
        print(f"{g:5.1f}  {where}: {text[:90]}")
    print(f"median grade {statistics.median(grades):.1f}, hardest {grades[0]:.1f}, "
          f"over {len(grades)} texts")


if __name__ == "__main__":
    main()
