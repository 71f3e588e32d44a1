#!/usr/bin/env python3
"""Writes a generated review folder for the scale benchmark (Benchmarks/scale.sh).

    python3 Benchmarks/make-scale-review.py [--count 20000] [--charted 300] [--out /tmp/scoping-scale]

Python 3 standard library only, no clock, no randomness beyond fixed seeds: the same folder on
every run. Writes OUT/ with
  protocol/protocol.yaml   the demo protocol, its `sources` replaced by one PubMed source
  corpus/pubmed-scale.xml  COUNT records from ../shared/bench/make_pubmed.py (real records,
                           unique PMIDs, perturbed titles, years shifted)
  screening/anna.jsonl, screening/bram.jsonl   title/abstract decisions by both reviewers on every
                           record that passes the automatic criteria E1-E3 (applied here as the
                           protocol's rules read), a few conflicts reconciled by anna, full-text
                           decisions on every title/abstract include (one not retrieved, a few
                           conflicts reconciled)
  charting/anna.jsonl, charting/bram.jsonl     the required codebook fields of CHARTED included
                           studies, charted by anna and verified by bram (a few corrected)
Keys are `pmid:<PMID>`; the `protocol` field of every line is the SHA-256 of the protocol written.
Line formats as Scripts/make-demo-logs.py writes them.
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAKE_PUBMED = os.path.join(ROOT, "..", "shared", "bench", "make_pubmed.py")
if not os.path.exists(MAKE_PUBMED):
    MAKE_PUBMED = "/work/shared/bench/make_pubmed.py"

E3_IN = {"Editorial", "Letter", "Comment", "News", "Newspaper Article", "Note"}
E3_NOT = ["Journal Article", "Article", "Research Support*", "Randomized Controlled Trial", "Clinical Trial*",
          "Controlled Clinical Trial", "Pragmatic Clinical Trial", "Observational Study", "Comparative Study",
          "Evaluation Study", "Multicenter Study", "Clinical Study", "Validation Study", "Systematic Review",
          "Meta-Analysis", "Review"]
LANG = {"eng": "en", "dut": "nl"}


def h(text, salt=""):
    return int(hashlib.sha256((salt + text).encode()).hexdigest()[:12], 16)


def auto_verdict(article):
    """E1, E2 or E3 as the demo protocol's rules read, or None when the record passes."""
    pub = article.find("Journal/JournalIssue/PubDate")
    year = None
    if pub is not None:
        text = pub.findtext("MedlineDate") or pub.findtext("Year") or ""
        m = re.search(r"\d{4}", text)
        year = int(m.group(0)) if m else None
    if year is not None and year < 2015:
        return "E1"
    langs = [l.text.strip() for l in article.findall("Language") if l.text]
    if langs and not any(LANG.get(l) in ("en", "nl") for l in langs):
        return "E2"
    types = [p.text.strip() for p in article.findall("PublicationTypeList/PublicationType") if p.text]
    def matches(pattern):
        if pattern.endswith("*"):
            return any(t.lower().startswith(pattern[:-1].lower()) for t in types)
        return any(t.lower() == pattern.lower() for t in types)
    if any(t in E3_IN for t in types) and not any(matches(p) for p in E3_NOT):
        return "E3"
    return None


class Clock:
    def __init__(self, day, hour, step):
        self.seconds, self.day, self.step = hour * 3600, day, step

    def tick(self):
        self.seconds += self.step
        d, s = divmod(self.seconds, 86400)
        hh, rest = divmod(s, 3600)
        mm, ss = divmod(rest, 60)
        month, day = divmod(self.day + d - 1, 28)
        return "2026-%02d-%02dT%02d:%02d:%02dZ" % (month + 1, day + 1, hh, mm, ss)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=20000)
    ap.add_argument("--charted", type=int, default=300)
    ap.add_argument("--ta-include", type=int, default=12,
                    help="percent of the records past the criteria included at title/abstract (default 12)")
    ap.add_argument("--out", default="/tmp/scoping-scale")
    args = ap.parse_args()
    out = args.out
    if os.path.exists(out):
        shutil.rmtree(out)
    for d in ("protocol", "corpus", "screening", "charting"):
        os.makedirs(os.path.join(out, d))

    # The protocol: the demo's, with one PubMed source naming the generated export.
    demo = open(os.path.join(ROOT, "protocol", "protocol.yaml"), encoding="utf-8").read()
    start, end = demo.index("\nsources:\n"), demo.index("\nscreening:\n")
    sources = ("\nsources:\n"
               "  - id: pubmed\n"
               "    name: PubMed\n"
               "    interface: PubMed\n"
               "    files: [corpus/pubmed-scale.xml]\n"
               "    searched: 2026-09-15\n"
               "    query: >-\n"
               "      generated for the scale benchmark (Benchmarks/make-scale-review.py)\n")
    protocol = demo[:start] + sources + demo[end:]
    protocol_path = os.path.join(out, "protocol", "protocol.yaml")
    with open(protocol_path, "w", encoding="utf-8", newline="\n") as f:
        f.write(protocol)
    phash = hashlib.sha256(open(protocol_path, "rb").read()).hexdigest()

    xml_path = os.path.join(out, "corpus", "pubmed-scale.xml")
    subprocess.run([sys.executable, MAKE_PUBMED, "--count", str(args.count), "--out", xml_path, "--seed", "42"],
                   check=True, stdout=sys.stderr)

    passing, auto = [], {"E1": 0, "E2": 0, "E3": 0}
    for _, el in ET.iterparse(xml_path):
        if el.tag == "PubmedArticle":
            pmid = el.findtext("MedlineCitation/PMID")
            verdict = auto_verdict(el.find("MedlineCitation/Article"))
            if verdict:
                auto[verdict] += 1
            else:
                passing.append("pmid:" + pmid.strip())
            el.clear()
    passing.sort()

    def line(time, reviewer, stage, key, decision, reason=None, note=None, reconciles=None):
        obj = {"time": time, "reviewer": reviewer, "stage": stage}
        if reconciles:
            obj["reconciles"] = reconciles
        obj["key"] = key
        obj["decision"] = decision
        if reason:
            obj["reason"] = reason
        if note:
            obj["note"] = note
        obj["protocol"] = phash
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))

    # Title/abstract: about 12 % included (--ta-include); E4/E5/E6 for the rest.
    def ta(key):
        v = h(key, "ta") % 100
        return ("include", None) if v < args.ta_include else ("exclude", ("E4", "E5", "E6")[v % 3])
    ta_conflicts = [k for k in passing if h(k, "tac") % 1000 == 0]   # about 0.1 %: bram errs
    logs = {"anna": [], "bram": []}
    clocks = {"anna": Clock(1, 8, 7), "bram": Clock(1, 9, 6)}
    for reviewer in ("anna", "bram"):
        for k in passing:
            d, r = ta(k)
            if reviewer == "bram" and k in ta_conflicts:
                d, r = ("exclude", "E5") if d == "include" else ("include", None)
            logs[reviewer].append(line(clocks[reviewer].tick(), reviewer, "title-abstract", k, d, r))
    clock = Clock(60, 10, 60)
    for k in ta_conflicts:
        d, r = ta(k)
        logs["anna"].append(line(clock.tick(), "anna", "reconcile", k, d, r, note="discussed with bram",
                                 reconciles="title-abstract"))
    full_text = [k for k in passing if ta(k)[0] == "include"]
    not_retrieved = full_text[0]

    def ft(key):
        if key == not_retrieved:
            return ("not-retrieved", None)
        return ("include", None) if h(key, "ft") % 100 < 75 else ("exclude", "E7")
    ft_conflicts = [k for k in full_text[1:] if h(k, "ftc") % 200 == 0]
    clocks = {"anna": Clock(70, 9, 120), "bram": Clock(70, 9, 110)}
    for reviewer in ("anna", "bram"):
        for k in full_text:
            d, r = ft(k)
            if reviewer == "anna" and k in ft_conflicts:
                d, r = ("exclude", "E7") if d == "include" else ("include", None)
            note = "full text not available from the library or the authors" if d == "not-retrieved" else None
            logs[reviewer].append(line(clocks[reviewer].tick(), reviewer, "full-text", k, d, r, note))
    clock = Clock(100, 10, 60)
    for k in ft_conflicts:
        d, r = ft(k)
        logs["anna"].append(line(clock.tick(), "anna", "reconcile", k, d, r, note="discussed with bram",
                                 reconciles="full-text"))
    included = [k for k in full_text if ft(k)[0] == "include"]

    # Charting: the required fields of the first CHARTED included studies (by key).
    interventions = ["person_centred_care", "shared_decision_making", "individual_care_plan", "self_management",
                     "telemonitoring", "group_consultation", "digital_care", "differentiation",
                     "programme_integration", "task_shifting", "more_time", "social_prescribing",
                     "lifestyle_intervention", "case_management", "other_intervention"]
    conditions = ["dm2", "cvrm", "copd", "asthma", "ckd", "heart_failure", "atrial_fibrillation", "osteoporosis",
                  "frailty", "multimorbidity", "intellectual_disability", "mental_illness", "palliative"]
    designs = ["rct", "cluster_rct", "cohort", "before_after", "qualitative", "mixed_methods",
               "economic_evaluation", "process_evaluation", "other_design"]
    domains = ["effectiveness", "quality_of_care", "cost_effectiveness", "efficiency", "workload",
               "patient_experience", "capacity", "sustainability", "job_satisfaction"]
    directions = ["favourable", "no_difference", "unfavourable", "mixed"]

    def cline(time, reviewer, role, status, key, field, value):
        obj = {"at": time, "field": field, "protocol": phash, "reviewer": reviewer, "role": role,
               "status": status, "study": key, "v": 1, "value": value}
        return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    charted = included[:args.charted]
    anna, bram = [], []
    ca, cb = Clock(120, 9, 45), Clock(150, 9, 30)
    for i, k in enumerate(charted):
        v = h(k, "chart")
        iv = [interventions[v % 15]] + ([interventions[(v >> 8) % 14]] if v % 5 == 0 and (v >> 8) % 14 != v % 15 else [])
        cond = [conditions[(v >> 4) % 13]]
        outcomes = [{"outcome": domains[(v >> (12 + 4 * j)) % 9], "direction": directions[(v >> (20 + 2 * j)) % 4]}
                    for j in range(1 + v % 3)]
        seen, uniq = set(), []
        for o in outcomes:
            if o["outcome"] not in seen:
                seen.add(o["outcome"])
                uniq.append(o)
        values = [
            ("intervention_type", iv),
            ("conditions", cond),
            ("design", [designs[(v >> 16) % 9]]),
            ("setting_region", "Dutch general practice"),
            ("intervention", "Generated intervention %d" % (i + 1)),
            ("key_findings", "; ".join("%s: %s" % (o["outcome"], o["direction"]) for o in uniq) + "."),
            ("outcomes", uniq),
        ]
        for field, value in values:
            slip = field == "design" and i % 50 == 7
            first = ["other_design"] if slip and value != ["other_design"] else value
            anna.append(cline(ca.tick(), "anna", "chart", "confirmed", k, field, first))
            bram.append(cline(cb.tick(), "bram", "verify", "corrected" if first != value else "confirmed", k, field, value))

    def write(path, lines):
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            for l in lines:
                f.write(l + "\n")
    write(os.path.join(out, "screening", "anna.jsonl"), logs["anna"])
    write(os.path.join(out, "screening", "bram.jsonl"), logs["bram"])
    write(os.path.join(out, "charting", "anna.jsonl"), anna)
    write(os.path.join(out, "charting", "bram.jsonl"), bram)
    summary = {"records": args.count, "auto_excluded": auto, "screened_title_abstract": len(passing),
               "title_abstract_conflicts": len(ta_conflicts), "full_text": len(full_text),
               "full_text_conflicts": len(ft_conflicts), "not_retrieved": 1, "included": len(included),
               "charted": len(charted), "protocol_sha256": phash}
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(summary, f, indent=2, sort_keys=True)
        f.write("\n")
    print(json.dumps(summary, sort_keys=True))


if __name__ == "__main__":
    main()
