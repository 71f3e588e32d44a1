#!/usr/bin/env python3
"""Writes the demo review's human work: screening and charting logs of two FICTIONAL reviewers.

    python3 Scripts/make-demo-logs.py

Reads Scripts/demo-corpus-truth.json (written by make-demo-corpus.py) and the protocol, and
writes screening/anna.jsonl, screening/bram.jsonl, charting/anna.jsonl, charting/bram.jsonl and
dedup/decisions.tsv.
Python 3 standard library only, no clock, no randomness: the output is the same on every run.

Screening: both reviewers screen every study that passes the automatic criteria (E1-E3) on
title/abstract, then every study that passes on full text; they disagree a few times and anna
logs the reconciled decision (stage "reconcile"). One full text is not retrieved. The studies
that only the search update (2026-11-30), citation searching and the ClinicalTrials.gov search
(2026-11-25) found are screened in December; the studies found before keep their October
decisions.
Dedup: dedup links the registration of the DEMO-GC trial to its PubMed record, which names the
number in its DataBankList, and hands the pair to a person: anna decides they are one study.
Charting: anna charts every included study (values from the truth file, consistent with the
abstracts); bram verifies field by field and corrects two values anna got wrong.

Line formats: screening lines as Sources/Screening/Log/DecisionEntry.swift writes them; charting
lines as Sources/Charting/ChartingEntry.swift writes them (keys sorted).
"""
import csv
import hashlib
import io
import json
import os
import re
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TRUTH = json.load(open(os.path.join(ROOT, "Scripts", "demo-corpus-truth.json"), encoding="utf-8"))
PROTOCOL_HASH = hashlib.sha256(open(os.path.join(ROOT, "protocol", "protocol.yaml"), "rb").read()).hexdigest()

# --- Record keys, as RecordKey(for:) in Sources/Bibliography/RecordKey.swift computes them ---

GREEK = {0x3B1: "alpha", 0x3B2: "beta", 0x3B3: "gamma", 0x3B4: "delta", 0x3B5: "epsilon", 0x3B6: "zeta",
         0x3B7: "eta", 0x3B8: "theta", 0x3B9: "iota", 0x3BA: "kappa", 0x3BB: "lambda", 0x3BC: "mu",
         0xB5: "mu", 0x3BD: "nu", 0x3BE: "xi", 0x3BF: "omicron", 0x3C0: "pi", 0x3C1: "rho", 0x3C3: "sigma",
         0x3C2: "sigma", 0x3C4: "tau", 0x3C5: "upsilon", 0x3C6: "phi", 0x3C7: "chi", 0x3C8: "psi", 0x3C9: "omega"}
FOLD = {"ß": "s", "ø": "o", "æ": "a", "ł": "l", "đ": "d", "ı": "i"}


def fold_for_matching(s):
    """Port of Text.foldForMatching: lower case, no accents, punctuation as single spaces."""
    out, pending = "", False
    for ch in unicodedata.normalize("NFD", s.lower()):
        if ord(ch) in GREEK:
            if pending and out:
                out += " "
            pending = False
            out += GREEK[ord(ch)]
            continue
        if unicodedata.category(ch) == "Mn":
            continue
        if ch.isalpha() or unicodedata.numeric(ch, None) is not None:
            if pending and out:
                out += " "
            pending = False
            out += FOLD.get(ch, ch)
        else:
            pending = True
    return out


def fnv1a_hex(s):
    h = 0xcbf29ce484222325
    for byte in s.encode("utf-8"):
        h ^= byte
        h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % h


def family_name(raw):
    """The family name as Author(parsing:) reads 'Family, Given' and 'Family GI'."""
    raw = " ".join(raw.split())
    if "," in raw:
        return raw.split(",", 1)[0].strip()
    words = raw.split(" ")
    if len(words) > 1 and len(words[-1]) <= 3 and words[-1].isupper():
        return " ".join(words[:-1])
    return words[-1]


def record_fields(file, position):
    """Title, year and first author of the record at `position` (1-based) of a corpus file."""
    path = os.path.join(ROOT, file)
    if file.endswith(".csv"):
        # ClinicalTrials.gov: the study title, the year first posted, no authors.
        row = list(csv.DictReader(io.StringIO(open(path, encoding="utf-8").read())))[position - 1]
        return " ".join(row["Study Title"].split()), int(row["First Posted"][:4]), ""
    if file.endswith(".ris"):
        text = open(path, encoding="utf-8-sig").read().replace("\r\n", "\n")
        records = [r for r in text.split("ER  -") if r.strip()]
        tags = {}
        for line in records[position - 1].split("\n"):
            m = re.match(r"^([A-Z][A-Z0-9])  - ?(.*)$", line)
            if m:
                tags.setdefault(m.group(1), []).append(m.group(2).strip())
        title = (tags.get("T1") or tags.get("TI") or [""])[0]
        year = int(re.search(r"\d{4}", (tags.get("Y1") or tags.get("PY"))[0]).group(0))
        author = (tags.get("A1") or tags.get("AU"))[0]
        return title, year, family_name(author)
    text = open(path, encoding="utf-8").read()
    record = re.findall(r"<record>.*?</record>", text, re.S)[position - 1]

    def styled(tag):
        m = re.search(r"<%s>(.*?)</%s>" % (tag, tag), record, re.S)
        return re.sub(r"<[^>]+>", "", m.group(1)) if m else ""

    author = re.sub(r"<[^>]+>", "", re.search(r"<author>(.*?)</author>", record, re.S).group(1))
    title = " ".join(styled("title").split())
    year = int(re.search(r"\d{4}", styled("year")).group(0))
    return title, year, family_name(author)


FIRST_FILES = ("corpus/pubmed-demo.xml", "corpus/embase-demo.ris", "corpus/cinahl-demo.xml")


def first_round(study):
    """True for the studies the first searches found (before the update and citation searching)."""
    return any(f in FIRST_FILES for f in study["files"])


def study_key(study):
    records = [r for r in TRUTH["records"] if r["study"] == study["study"]]
    for r in records:
        if r["file"].endswith("pubmed-demo.xml"):
            return "pmid:" + r["sourceId"]
    if not first_round(study):
        for r in records:
            if r["file"].endswith("pubmed-update-demo.xml"):
                return "pmid:" + r["sourceId"]
    texts = {r["file"]: open(os.path.join(ROOT, r["file"]), encoding="utf-8-sig").read().lower() for r in records}
    if study["doi"] and any(study["doi"].lower() in t for t in texts.values()):
        return "doi:" + study["doi"].lower()
    # No PMID and no DOI in any copy: the hash key of the first copy.
    title, year, family = record_fields(records[0]["file"], records[0]["position"])
    return "hash:" + fnv1a_hex(fold_for_matching(title) + "|" + str(year) + "|" + fold_for_matching(family))


# --- Screening ---

class Clock:
    """Deterministic timestamps: one per decision, `step` seconds apart from `start`."""

    def __init__(self, day, hour, step, month=10):
        self.seconds = hour * 3600
        self.day = day
        self.step = step
        self.month = month

    def tick(self):
        self.seconds += self.step
        d, s = divmod(self.seconds, 86400)
        h, rest = divmod(s, 3600)
        m, sec = divmod(rest, 60)
        return "2026-%02d-%02dT%02d:%02d:%02dZ" % (self.month, self.day + d, h, m, sec)


def decision_line(time, reviewer, stage, key, decision, reason=None, note=None, reconciles=None):
    # Keys in DecisionEntry's documented order.
    obj = {"time": time, "reviewer": reviewer, "stage": stage}
    if reconciles:
        obj["reconciles"] = reconciles
    obj["key"] = key
    obj["decision"] = decision
    if reason:
        obj["reason"] = reason
    if note:
        obj["note"] = note
    obj["protocol"] = PROTOCOL_HASH
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


STUDIES = TRUTH["studies"]
KEYS = {s["study"]: study_key(s) for s in STUDIES if s["expected"] not in ("E1", "E2", "E3")}
BY_ID = {s["study"]: s for s in STUDIES}
# Every study that passes the automatic criteria: first those the first searches found (screened
# in October), then those the update and citation searching found (screened in December).
SCREENED = sorted((sid for sid in KEYS if first_round(BY_ID[sid])), key=lambda sid: KEYS[sid])
LATER = sorted((sid for sid in KEYS if not first_round(BY_ID[sid])), key=lambda sid: KEYS[sid])
TA_REASONS = ("E4", "E5", "E6")

# Title/abstract disagreements (study, reviewer who errs, the erring decision, reason), all
# reconciled by anna to the expected decision.
TA_DISAGREE = {}
candidates = {e: [sid for sid in SCREENED if BY_ID[sid]["expected"] == e] for e in (None, "E4", "E5", "E6", "E7")}
TA_DISAGREE[candidates["E5"][0]] = ("bram", "include", None)   # a drug trial bram let through
TA_DISAGREE[candidates["E6"][1]] = ("anna", "include", None)   # acute care anna let through
TA_DISAGREE[candidates[None][3]] = ("bram", "exclude", "E4")   # bram doubted the setting
TA_DISAGREE[candidates["E4"][2]] = ("bram", "exclude", "E6")   # right decision, other reason: no conflict on include/exclude
# Full text: one E7 report is not retrieved; one disagreement on an eligible study.
NOT_RETRIEVED = candidates["E7"][0]
FT_DISAGREE = {candidates[None][7]: ("anna", "exclude", "E7")}


def expected_ta(sid):
    e = BY_ID[sid]["expected"]
    return ("exclude", e) if e in TA_REASONS else ("include", None)


def expected_ft(sid):
    if sid == NOT_RETRIEVED:
        return ("not-retrieved", None)
    e = BY_ID[sid]["expected"]
    return ("exclude", "E7") if e == "E7" else ("include", None)


def screening_logs():
    logs = {"anna": [], "bram": []}
    clocks = {"anna": Clock(1, 9, 41), "bram": Clock(2, 13, 37)}
    for reviewer in ("anna", "bram"):
        for sid in SCREENED:
            decision, reason = expected_ta(sid)
            if sid in TA_DISAGREE and TA_DISAGREE[sid][0] == reviewer:
                decision, reason = TA_DISAGREE[sid][1], TA_DISAGREE[sid][2]
            logs[reviewer].append(decision_line(clocks[reviewer].tick(), reviewer, "title-abstract", KEYS[sid], decision, reason))
    # anna reconciles the conflicts (include vs exclude) after both have screened.
    clock = Clock(5, 10, 60)
    for sid in SCREENED:
        if sid in TA_DISAGREE and TA_DISAGREE[sid][1] != expected_ta(sid)[0]:
            decision, reason = expected_ta(sid)
            logs["anna"].append(decision_line(clock.tick(), "anna", "reconcile", KEYS[sid], decision, reason,
                                              note="discussed with bram", reconciles="title-abstract"))
    full_text = [sid for sid in SCREENED if expected_ta(sid)[0] == "include"]
    clocks = {"anna": Clock(12, 9, 300), "bram": Clock(13, 9, 280)}
    for reviewer in ("anna", "bram"):
        for sid in full_text:
            decision, reason = expected_ft(sid)
            if sid in FT_DISAGREE and FT_DISAGREE[sid][0] == reviewer:
                decision, reason = FT_DISAGREE[sid][1], FT_DISAGREE[sid][2]
            note = "full text not available from the library or the authors" if decision == "not-retrieved" else None
            logs[reviewer].append(decision_line(clocks[reviewer].tick(), reviewer, "full-text", KEYS[sid], decision, reason, note))
    clock = Clock(16, 10, 60)
    for sid in full_text:
        if sid in FT_DISAGREE:
            decision, reason = expected_ft(sid)
            logs["anna"].append(decision_line(clock.tick(), "anna", "reconcile", KEYS[sid], decision, reason,
                                              note="discussed with bram", reconciles="full-text"))
    included = [sid for sid in full_text if expected_ft(sid)[0] == "include"]
    # December: the studies the update and citation searching brought, screened by both without
    # disagreement (the studies found before keep their October decisions).
    later_ft = [sid for sid in LATER if expected_ta(sid)[0] == "include"]
    for reviewer, (ta_day, ft_day) in (("anna", (2, 8)), ("bram", (3, 9))):
        clock = Clock(ta_day, 9, 43, month=12)
        for sid in LATER:
            decision, reason = expected_ta(sid)
            logs[reviewer].append(decision_line(clock.tick(), reviewer, "title-abstract", KEYS[sid], decision, reason))
        clock = Clock(ft_day, 9, 290, month=12)
        for sid in later_ft:
            decision, reason = expected_ft(sid)
            logs[reviewer].append(decision_line(clock.tick(), reviewer, "full-text", KEYS[sid], decision, reason))
    later = [sid for sid in later_ft if expected_ft(sid)[0] == "include"]
    return logs, included, later


# --- Charting ---

INTERVENTION = {
    "case management for frail older people": ["case_management"],
    "combined lifestyle intervention": ["lifestyle_intervention"],
    "differentiation of care by need": ["differentiation"],
    "e-health and video consultation": ["digital_care"],
    "group consultations": ["group_consultation"],
    "integration of disease programmes": ["programme_integration"],
    "more time for the patient": ["more_time"],
    "person-centred care and individual care plans": ["individual_care_plan", "shared_decision_making"],
    "positive health": ["person_centred_care"],
    "self-management support": ["self_management"],
    "social prescribing": ["social_prescribing"],
    "task shifting to practice nurses": ["task_shifting"],
    "telemonitoring and home measurements": ["telemonitoring"],
}
CONDITION = {
    "COPD": ["copd"], "asthma": ["asthma"], "atrial fibrillation": ["atrial_fibrillation"],
    "chronic kidney disease": ["ckd"], "frailty": ["frailty"], "heart failure": ["heart_failure"],
    "high cardiovascular risk": ["cvrm"], "multimorbidity": ["multimorbidity"],
    "one or more chronic conditions": ["dm2", "cvrm", "copd", "asthma"], "osteoporosis": ["osteoporosis"],
    "type 2 diabetes": ["dm2"],
}
DESIGN = {
    "RCT": "rct", "before-after": "before_after", "cluster RCT": "cluster_rct", "cohort": "cohort",
    "economic evaluation": "economic_evaluation", "mixed methods": "mixed_methods",
    "process evaluation": "process_evaluation", "protocol": "protocol", "qualitative": "qualitative",
    "survey": "other_design",
}
DOMAIN = {
    "effectiveness": "effectiveness", "quality of care": "quality_of_care", "cost-effectiveness": "cost_effectiveness",
    "efficiency": "efficiency", "workload": "workload", "patient experience": "patient_experience",
    "use of capacity": "capacity", "sustainability": "sustainability", "job satisfaction": "job_satisfaction",
}
DIRECTION = {"favourable": "favourable", "no difference": "no_difference", "unfavourable": "unfavourable",
             "mixed": "mixed", "planned": None}


def charting_line(time, reviewer, role, status, key, field, value):
    obj = {"at": time, "field": field, "protocol": PROTOCOL_HASH, "reviewer": reviewer, "role": role,
           "status": status, "study": key, "v": 1, "value": value}
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def chart_values(study):
    outcomes = [{"outcome": DOMAIN[o["domain"]], "direction": DIRECTION[o["direction"]]} for o in study["outcomes"]]
    if study["design"] == "protocol":
        findings = "Ongoing study (%s); planned outcomes: %s." % (
            study["registration"] or "registration not stated", ", ".join(o["domain"] for o in study["outcomes"]))
    else:
        findings = "; ".join("%s: %s" % (o["domain"], o["direction"]) for o in study["outcomes"]).capitalize() + "."
    return [
        ("intervention_type", INTERVENTION[study["intervention"]]),
        ("conditions", CONDITION[study["condition"]]),
        ("design", [DESIGN[study["design"]]]),
        ("setting_region", "Dutch general practice"),
        ("intervention", study["intervention"].capitalize()),
        ("key_findings", findings),
        ("outcomes", outcomes),
    ]


def charting_logs(included, later):
    anna, bram = [], []
    ca, cb = Clock(20, 9, 45), Clock(24, 9, 30)
    # anna's two slips that bram corrects.
    slips = {included[2]: "design", included[9]: "conditions"}
    for sid in sorted(included, key=lambda s: KEYS[s]):
        study = BY_ID[sid]
        for field, value in chart_values(study):
            charted = value
            if slips.get(sid) == field:
                charted = ["cohort"] if field == "design" and value != ["cohort"] else (["before_after"] if field == "design" else ["other_condition"])
            anna.append(charting_line(ca.tick(), "anna", "chart", "confirmed", KEYS[sid], field, charted))
            if charted != value:
                bram.append(charting_line(cb.tick(), "bram", "verify", "corrected", KEYS[sid], field, value))
            else:
                bram.append(charting_line(cb.tick(), "bram", "verify", "confirmed", KEYS[sid], field, value))
    ca, cb = Clock(10, 9, 45, month=12), Clock(11, 9, 30, month=12)
    for sid in sorted(later, key=lambda s: KEYS[s]):
        for field, value in chart_values(BY_ID[sid]):
            anna.append(charting_line(ca.tick(), "anna", "chart", "confirmed", KEYS[sid], field, value))
            bram.append(charting_line(cb.tick(), "bram", "verify", "confirmed", KEYS[sid], field, value))
    return anna, bram


def dedup_log():
    """anna's answer to the pair dedup hands to a person: a registration and the paper that names
    its number (PubMed's DataBankList) are one study."""
    lines = ["time\treviewer\tkeyA\tkeyB\tdecision"]
    for r in TRUTH["records"]:
        if not r["file"].endswith(".csv"):
            continue
        study = BY_ID[r["study"]]
        if not first_round(study):
            continue
        paper = next(x for x in TRUTH["records"] if x["study"] == r["study"] and x["file"].endswith("pubmed-demo.xml"))
        title, year, family = record_fields(r["file"], r["position"])
        registration = "hash:" + fnv1a_hex(fold_for_matching(title) + "|" + str(year) + "|" + fold_for_matching(family))
        lines.append("\t".join(["2026-12-01T09:05:00Z", "anna", "pmid:" + paper["sourceId"], registration, "same"]))
    return lines


def write(path, lines):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for line in lines:
            f.write(line + "\n")


def main():
    logs, included, later = screening_logs()
    write(os.path.join(ROOT, "screening", "anna.jsonl"), logs["anna"])
    write(os.path.join(ROOT, "screening", "bram.jsonl"), logs["bram"])
    anna, bram = charting_logs(included, later)
    write(os.path.join(ROOT, "charting", "anna.jsonl"), anna)
    write(os.path.join(ROOT, "charting", "bram.jsonl"), bram)
    write(os.path.join(ROOT, "dedup", "decisions.tsv"), dedup_log())
    hashed = sorted(k for k in KEYS.values() if k.startswith("hash:"))
    print("screened %d + %d studies, included %d + %d; %d screening and %d charting lines; hash keys: %s" % (
        len(SCREENED), len(LATER), len(included), len(later), len(logs["anna"]) + len(logs["bram"]), len(anna) + len(bram), ", ".join(hashed)))


if __name__ == "__main__":
    main()
