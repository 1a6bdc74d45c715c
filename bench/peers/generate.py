#!/usr/bin/env python3
"""Generates the peer rule bases from a rule set in rules/ form: a CLIPS rule base (rules.clp), a
json-rules-engine rule set (rules.json) and the table both hosts read answers with (meta.json).
Usage: generate.py RULES_DIR OUT_DIR

The three-valued logic of psoas-triage is mirrored, not simplified: every condition C becomes two
two-valued conditions, T(C) (definitely true) and F(C) (definitely false); C is unknown when
neither holds. T(all) = all T, F(all) = any F, T(any) = any T, F(any) = all F, T(not c) = F(c),
F(not c) = T(c). A leaf on an unanswered or "don't know" question is neither true nor false, on a
question that does not apply it is false, and a number given as a band is the band's range. A
question whose ask-condition is definitely false is marked as not applying, in question order,
by rules that run before the others."""
import json
import os
import sys

import yaml

LEVELS = ["self-care", "see-professional", "urgent", "emergency"]


class StringLoader(yaml.SafeLoader):
    """YAML 1.1 reads yes/no/on/off as booleans; the rule set means the words."""


StringLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(rules_dir):
    merged = {}
    for name in sorted(os.listdir(rules_dir)):
        if name.endswith((".yaml", ".yml")):
            with open(os.path.join(rules_dir, name), encoding="utf-8") as f:
                merged.update(yaml.load(f, Loader=StringLoader) or {})
    return merged


class Rules:
    def __init__(self, doc):
        self.questions = doc["questions"]
        self.by_id = {q["id"]: q for q in self.questions}
        self.order = {q["id"]: i for i, q in enumerate(self.questions)}
        self.flags = doc["red_flags"]
        self.structures = [s["id"] for s in doc["structures"]]
        self.evidence = doc["evidence"]
        self.likelihood = doc.get("likelihood", {})


def leaf_parts(cond):
    """(question id, op, value) of a leaf."""
    ops = [k for k in cond if k != "q"]
    assert len(ops) == 1, cond
    return cond["q"], ops[0], cond[ops[0]]


def questions_read(cond, out):
    if "q" in cond:
        out.add(cond["q"])
    for key in ("all", "any"):
        for child in cond.get(key, []):
            questions_read(child, out)
    if "not" in cond:
        questions_read(cond["not"], out)


def answered_states(value, want):
    """The answer states in which `answered: VALUE` is definitely true (want) or definitely
    false: it is never unknown, and on a question that does not apply it is false."""
    given = value == "true"
    if want:
        return ["given"] if given else ["missing", "unknown"]
    return ["missing", "unknown", "na"] if given else ["given", "na"]


def dont_know_states(value, want):
    """The answer states in which `dont_know: VALUE` is definitely true (want) or definitely
    false: "don't know" said, not merely unanswered; never unknown, false where it does not
    apply."""
    said = value == "true"
    if want:
        return ["unknown"] if said else ["missing", "given"]
    return ["missing", "given", "na"] if said else ["unknown", "na"]


# ---- json-rules-engine: facts "Q:s" (state), "Q:v" (word), "Q:l" and "Q:h" (range), "Q:o" (list)

def jre_fact(q, part, op, value):
    return {"fact": f"{q}:{part}", "operator": op, "value": value}


def jre_range(q, op, v, want):
    """T or F of a number comparison on the range l..h (see engine/condition.cpp)."""
    l = lambda o, x: jre_fact(q, "l", o, x)
    h = lambda o, x: jre_fact(q, "h", o, x)
    table = {
        ("eq", True): {"all": [l("equal", v), h("equal", v)]},
        ("eq", False): {"any": [h("lessThan", v), l("greaterThan", v)]},
        ("ne", True): {"any": [h("lessThan", v), l("greaterThan", v)]},
        ("ne", False): {"all": [l("equal", v), h("equal", v)]},
        ("lt", True): h("lessThan", v), ("lt", False): l("greaterThanInclusive", v),
        ("le", True): h("lessThanInclusive", v), ("le", False): l("greaterThan", v),
        ("gt", True): l("greaterThan", v), ("gt", False): h("lessThanInclusive", v),
        ("ge", True): l("greaterThanInclusive", v), ("ge", False): h("lessThan", v),
    }
    return table[(op, want)]


def jre_leaf(rules, cond, want):
    q, op, value = leaf_parts(cond)
    question = rules.by_id[q]
    state = lambda s: jre_fact(q, "s", "equal", s)
    if op == "answered":
        return {"any": [state(s) for s in answered_states(value, want)]}
    if op == "dont_know":
        return {"any": [state(s) for s in dont_know_states(value, want)]}
    if question["type"] == "number":
        test = jre_range(q, op, int(value), want)
    elif op in ("eq", "ne"):
        same = (op == "eq") == want
        test = jre_fact(q, "v", "equal" if same else "notEqual", str(value))
    elif op == "in":
        test = jre_fact(q, "v", "in" if want else "notIn", [str(v) for v in value])
    elif op == "contains":
        test = jre_fact(q, "o", "contains" if want else "doesNotContain", str(value))
    else:
        raise ValueError(f"unknown operator {op}")
    given = {"all": [state("given"), test]}
    return given if want else {"any": [state("na"), given]}


def jre(rules, cond, want):
    """T(cond) when `want`, F(cond) otherwise, as a json-rules-engine condition."""
    if "all" in cond or "any" in cond:
        key = "all" if "all" in cond else "any"
        # T(all) and F(any) need every child; T(any) and F(all) need one.
        joined = "all" if (key == "all") == want else "any"
        return {joined: [jre(rules, c, want) for c in cond[key]]}
    if "not" in cond:
        return jre(rules, cond["not"], not want)
    if "flag" in cond:
        raise ValueError("red flags and evidence do not read flags")
    return jre_leaf(rules, cond, want)


def top_level(condition):
    """json-rules-engine wants all or any at the top."""
    return condition if ("all" in condition or "any" in condition) else {"all": [condition]}


def jre_rules(rules):
    out = []
    n = len(rules.questions)
    for i, q in enumerate(rules.questions):
        if "replaced_by" in q:  # no longer asked: unanswered, it does not apply
            out.append({"name": f"na:{q['id']}", "priority": 10 + n - i,
                        "conditions": {"all": [jre_fact(q["id"], "s", "equal", "missing")]},
                        "event": {"type": "na", "params": {"q": q["id"]}}})
            continue
        if "ask_if" not in q:
            continue
        later = set()
        questions_read(q["ask_if"], later)
        assert all(rules.order[x] < i for x in later), f"{q['id']} reads a later question"
        out.append({"name": f"na:{q['id']}", "priority": 10 + n - i,
                    "conditions": {"all": [jre_fact(q["id"], "s", "equal", "missing"),
                                           jre(rules, q["ask_if"], False)]},
                    "event": {"type": "na", "params": {"q": q["id"]}}})
    for flag in rules.flags:
        for value, want in (("true", True), ("false", False)):
            out.append({"name": f"flag:{flag['id']}:{value}", "priority": 1,
                        "conditions": top_level(jre(rules, flag["when"], want)),
                        "event": {"type": "flag", "params": {"id": flag["id"], "value": value}}})
    for ev in rules.evidence:
        out.append({"name": f"evidence:{ev['id']}", "priority": 1,
                    "conditions": top_level(jre(rules, ev["when"], True)),
                    "event": {"type": "evidence", "params": {"id": ev["id"]}}})
    return out


# ---- CLIPS: (answer (q Q) (state S) (value WORD) (low N) (high N) (opts O ...))

class Clips:
    def __init__(self, rules):
        self.rules = rules
        self.n = 0

    def var(self, name):
        self.n += 1
        return f"?{name}{self.n}"

    def leaf(self, cond, want):
        q, op, value = leaf_parts(cond)
        question = self.rules.by_id[q]
        if op == "answered":
            return f"(answer (q {q}) (state {'|'.join(answered_states(value, want))}))"
        if op == "dont_know":
            return f"(answer (q {q}) (state {'|'.join(dont_know_states(value, want))}))"
        s = self.var("s")
        if question["type"] == "number":
            v = int(value)
            lo, hi = self.var("l"), self.var("h")
            tests = {
                ("eq", True): f"(and (= {lo} {v}) (= {hi} {v}))",
                ("eq", False): f"(or (< {hi} {v}) (> {lo} {v}))",
                ("ne", True): f"(or (< {hi} {v}) (> {lo} {v}))",
                ("ne", False): f"(and (= {lo} {v}) (= {hi} {v}))",
                ("lt", True): f"(< {hi} {v})", ("lt", False): f"(>= {lo} {v})",
                ("le", True): f"(<= {hi} {v})", ("le", False): f"(> {lo} {v})",
                ("gt", True): f"(> {lo} {v})", ("gt", False): f"(<= {hi} {v})",
                ("ge", True): f"(>= {lo} {v})", ("ge", False): f"(< {hi} {v})",
            }
            test = tests[(op, want)]
            slots = f"(low {lo}) (high {hi}&:"
        elif op in ("eq", "ne"):
            x = self.var("v")
            same = (op == "eq") == want
            test = f"({'eq' if same else 'neq'} {x} {value})"
            slots = f"(value {x}&:"
        elif op == "in":
            x = self.var("v")
            test = f"(member$ {x} (create$ {' '.join(str(v) for v in value)}))"
            test = test if want else f"(not {test})"
            slots = f"(value {x}&:"
        elif op == "contains":
            x = self.var("o")
            test = f"(member$ {value} {x})" if want else f"(not (member$ {value} {x}))"
            slots = f"(opts ${x}&:"
        else:
            raise ValueError(op)
        if want:
            return f"(answer (q {q}) (state given) {slots}{test}))"
        return (f"(answer (q {q}) (state {s}) {slots}"
                f"(or (eq {s} na) (and (eq {s} given) {test}))))")

    def cond(self, cond, want):
        if "all" in cond or "any" in cond:
            key = "all" if "all" in cond else "any"
            joined = "and" if (key == "all") == want else "or"
            return f"({joined} " + " ".join(self.cond(c, want) for c in cond[key]) + ")"
        if "not" in cond:
            return self.cond(cond["not"], not want)
        return self.leaf(cond, want)


def clips_rules(rules):
    c = Clips(rules)
    out = [";; Generated by bench/peers/generate.py from the rule set: do not edit.",
           "(deftemplate answer (slot q) (slot state) (slot value) (slot low (default 0))",
           "  (slot high (default 0)) (multislot opts))",
           "(deftemplate flag (slot id) (slot value))",
           "(deftemplate support (slot evidence) (slot structure) (slot points))"]
    n = len(rules.questions)
    for i, q in enumerate(rules.questions):
        if "replaced_by" in q:  # no longer asked: unanswered, it does not apply
            out.append(f"(defrule na-{q['id']} (declare (salience {10 + n - i}))\n"
                       f"  ?a <- (answer (q {q['id']}) (state missing))\n  =>\n"
                       f"  (modify ?a (state na)))")
            continue
        if "ask_if" not in q:
            continue
        out.append(f"(defrule na-{q['id']} (declare (salience {10 + n - i}))\n"
                   f"  ?a <- (answer (q {q['id']}) (state missing))\n"
                   f"  {c.cond(q['ask_if'], False)}\n  =>\n  (modify ?a (state na)))")
    for flag in rules.flags:
        for value, want in (("true", True), ("false", False)):
            out.append(f"(defrule flag-{flag['id']}-{value}\n  {c.cond(flag['when'], want)}\n"
                       f"  =>\n  (assert (flag (id {flag['id']}) (value {value}))))")
    for ev in rules.evidence:
        asserts = " ".join(f"(support (evidence {ev['id']}) (structure {s}) (points {w}))"
                           for s, w in ev["supports"].items())
        out.append(f"(defrule evidence-{ev['id']}\n  {c.cond(ev['when'], True)}\n"
                   f"  =>\n  (assert {asserts}))")
    return "\n".join(out) + "\n"


def meta(rules):
    return {
        "questions": [{"id": q["id"], "type": q["type"],
                       "options": [o["id"] for o in q.get("options", [])],
                       "exclusive": [o["id"] for o in q.get("options", [])
                                     if o.get("exclusive") == "true"],
                       "min": int(q.get("min", 0)), "max": int(q.get("max", 0)),
                       "bands": [{"id": b["id"], "min": int(b["min"]), "max": int(b["max"])}
                                 for b in q.get("bands", [])]}
                      for q in rules.questions],
        "flags": [{"id": f["id"], "level": LEVELS.index(f["level"]),
                   "lookalike": bool(f.get("lookalike"))} for f in rules.flags],
        "structures": rules.structures,
        "evidence": {e["id"]: {s: int(w) for s, w in e["supports"].items()} for e in rules.evidence},
    }


def main():
    rules_dir, out_dir = sys.argv[1], sys.argv[2]
    rules = Rules(load(rules_dir))
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "rules.json"), "w") as f:
        json.dump(jre_rules(rules), f, indent=1)
    with open(os.path.join(out_dir, "rules.clp"), "w") as f:
        f.write(clips_rules(rules))
    with open(os.path.join(out_dir, "meta.json"), "w") as f:
        json.dump(meta(rules), f, indent=1)


if __name__ == "__main__":
    main()
