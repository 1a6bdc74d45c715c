#!/usr/bin/env node
// A small host for the generated json-rules-engine rule set: reads the same JSON Lines as
// `psoas-triage batch` and writes one verdict line per case:
// {"line":N,"id":…,"level":…,"top_structure":…}. Per case it gives the engine one fact per
// question part (state, word, range, options), runs it, and reads the events back.
// Usage: node jre_host.js OUT_DIR < cases.jsonl (OUT_DIR holds rules.json and meta.json).
"use strict";
const fs = require("fs");
const path = require("path");
const readline = require("readline");
const { Engine } = require("json-rules-engine");

const dir = process.argv[2];
const meta = JSON.parse(fs.readFileSync(path.join(dir, "meta.json"), "utf8"));
const rules = JSON.parse(fs.readFileSync(path.join(dir, "rules.json"), "utf8"));
const LEVELS = ["self-care", "see-professional", "urgent", "emergency"];
const flagInfo = new Map(meta.flags.map((f) => [f.id, f]));

const engine = new Engine([], { allowUndefinedFacts: false });
for (const rule of rules) engine.addRule(rule);
// A question whose ask-condition is definitely false does not apply: later rules see it so.
engine.on("na", (params, almanac) => almanac.addRuntimeFact(`${params.q}:s`, "na"));

// The facts for one question's answer, or null when the value is not valid.
function answerFacts(q, value, facts) {
  let s = "given", v = "", l = 0, h = 0, o = [];
  if (value === undefined || value === null) s = "missing";
  else if (typeof value === "string") {
    const word = value.length <= 7 ? value.toLowerCase() : value;
    if (word === "unknown") s = "unknown";
    else if (q.type === "yes_no" && (word === "yes" || word === "no")) v = word;
    else if (q.type === "one_of" && q.options.includes(value)) v = value;
    else if (q.type === "number" && q.bands.some((b) => b.id === value)) {
      const band = q.bands.find((b) => b.id === value);
      l = band.min;
      h = band.max;
    } else return null;
  } else if (typeof value === "boolean" && q.type === "yes_no") v = value ? "yes" : "no";
  else if (typeof value === "number" && q.type === "number" && Number.isInteger(value)) l = h = value;
  else if (Array.isArray(value) && q.type === "many_of") o = value;
  else return null;
  facts[`${q.id}:s`] = s;
  facts[`${q.id}:v`] = v;
  facts[`${q.id}:l`] = l;
  facts[`${q.id}:h`] = h;
  facts[`${q.id}:o`] = o;
  return facts;
}

async function one(line, number) {
  let doc;
  try {
    doc = JSON.parse(line);
  } catch (e) {
    return `{"line":${number},"error":"bad line"}`;
  }
  const answers = doc.answers || {};
  const facts = {};
  for (const q of meta.questions) {
    if (!answerFacts(q, answers[q.id], facts)) return `{"line":${number},"error":"bad answer"}`;
  }
  const { events } = await engine.run(facts);
  const flagValues = new Map();
  const scores = new Array(meta.structures.length).fill(0);
  const strongest = new Array(meta.structures.length).fill(0);  // breaks ties in points
  for (const e of events) {
    if (e.type === "flag") flagValues.set(e.params.id, e.params.value === "true" ? 2 : 0);
    else if (e.type === "evidence") {
      for (const [s, w] of Object.entries(meta.evidence[e.params.id])) {
        const at = meta.structures.indexOf(s);
        scores[at] += w;
        strongest[at] = Math.max(strongest[at], w);
      }
    }
  }
  // The verdict rule, the look-alike and the top structure, as in clips_host.cpp.
  let level = 0, lookalike = false;
  for (const [id, info] of flagInfo) {
    const value = flagValues.has(id) ? flagValues.get(id) : 1;
    if (value === 2) {
      level = Math.max(level, info.level);
      if (info.level >= 2 && info.lookalike) lookalike = true;
    } else if (value === 1) level = Math.max(level, Math.min(info.level, 1));
  }
  let best = -1;
  scores.forEach((score, s) => {
    if (score > 0 && (best < 0 || score > scores[best] ||
                      (score === scores[best] && strongest[s] > strongest[best]))) best = s;
  });
  const top = best >= 0 && !lookalike ? meta.structures[best] : "none";
  return JSON.stringify({ line: number, id: doc.id ?? null, level: LEVELS[level], top_structure: top });
}

async function main() {
  const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let number = 0;
  const out = [];
  for await (const line of input) {
    out.push(await one(line, ++number));
    if (out.length >= 1024) process.stdout.write(out.splice(0).join("\n") + "\n");
  }
  if (out.length) process.stdout.write(out.join("\n") + "\n");
}

main();
