"""What a person types at a list prompt (a prompt naming several question ids): the lines that
their answers pick. Shared by the black-box tests and bench/interview_length.py."""
import re

UNKNOWN = ("dk", "unknown", "don't know", "not sure")


def otherwise_options(questions_file):
    """{question id: the option "none of these" means} for the choice questions in lists."""
    with open(questions_file, encoding="utf-8") as f:
        text = f.read()
    return dict(re.findall(r"\{q: (\w+), otherwise: (\w+)\}", text))


def list_answer(answers, ids, otherwise=None):
    """The lines picked at a list: a yes/no question by its id when yes; a choice question by
    `<question>_<option>` for each option but the one "none of these" means; "none" when nothing
    is picked, or "not sure" when any answer is not known. A question the answers leave out is
    answered as by a person without that sign."""
    otherwise = otherwise or {}
    chosen = []
    for qid in ids:
        value = str(answers.get(qid, "no")).strip("[] ").lower()
        if value in UNKNOWN:
            return "not sure"
        if value in ("yes", "y", "true"):
            chosen.append(qid)
        elif value not in ("no", "n", "false"):
            for option in re.split(r"[,\s]+", value):
                if option and option not in ("none", otherwise.get(qid)):
                    chosen.append(f"{qid}_{option}")
    return ", ".join(chosen) if chosen else "none"
