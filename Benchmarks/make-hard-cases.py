#!/usr/bin/env python3
"""Writes a labelled dedup set of hard cases, in the bib-dedupe benchmark layout.

Every case comes from a bibliographic fact, not from an example in a labelled set:

hard negatives (different publications, each record its own study)
  - a heading printed in every issue of a volume (Editorial, In this issue, Kort nieuws …),
    same author, journal, year and volume; only the issue differs
  - a column that is on no list but recurs in one journal over three issues or years
  - Part 1 / Part 2, I / II of a series
  - two editions of a book
  - two articles numbered e0xxxxx in one volume and issue with the same title (a mix-up)
  - the yearly conference abstract of one trial, two meetings a year apart
  - a guideline and its update a year later
  - an article and its erratum; an article and a reply
  - a conference paper and its later journal version (related, never merged)
hard positives (one study, several records)
  - a title with a section tag (`- [careers]`, `[News]`) or a language tag (`[Dutch]`)
  - a translated title in the same journal, volume, issue and pages (Dutch / English)
  - an English title with the original in brackets against the original alone
  - the same DOI under a translated title
  - ISO journal abbreviations and `173-80` page ranges

Usage:  Benchmarks/make-hard-cases.py --out /tmp/dedup-hard/hard_cases --seed 1 [--studies 400]
Then:   scoping bench dedup /tmp/dedup-hard
Deterministic for a seed; nothing is downloaded.
"""
import argparse
import csv
import os
import random

WORDS = ("chronic care general practice diabetes nurse led group consultations heart failure older adults "
         "frailty screening atrial fibrillation self management telemonitoring primary integrated outcomes "
         "costs quality life randomised trial cohort study qualitative evaluation patients workload "
         "deprescribing polypharmacy dementia home visits out of hours triage telephone continuity").split()
DUTCH = ("chronische zorg huisartsenpraktijk diabetes praktijkondersteuner groepsconsulten hartfalen ouderen "
         "kwetsbaarheid screening boezemfibrilleren zelfmanagement telemonitoring eerstelijn uitkomsten kosten "
         "kwaliteit leven gerandomiseerd onderzoek cohort kwalitatieve evaluatie patienten werkdruk").split()
FAMILIES = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "de Boer", "Bos", "Vos",
            "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf"]
GIVEN = ["A.", "B. C.", "K.", "L.", "P. J.", "M.", "J. H.", "E."]
JOURNALS = [("British Journal of General Practice", "Br J Gen Pract"), ("Family Practice", "Fam Pract"),
            ("Nederlands Tijdschrift voor Geneeskunde", "Ned Tijdschr Geneeskd"), ("BMC Family Practice", "BMC Fam Pract"),
            ("Scandinavian Journal of Primary Health Care", "Scand J Prim Health Care"),
            ("Huisarts en Wetenschap", "Huisarts Wet"), ("MIS Quarterly", "MIS Q")]
HEADINGS = ["Editorial", "In this issue", "Editor's comments", "Kort nieuws", "Commentaar", "Van de redactie",
            "Letter from the editor", "Correction", "Reply"]
ROMAN = ["I", "II", "III", "IV"]
ORDINAL = {2: "2nd", 3: "3rd", 4: "4th", 5: "5th", 6: "6th"}
FIELDS = ["ID", "ENTRYTYPE", "title", "author", "year", "journal", "volume", "number", "pages", "doi"]


class Writer:
    def __init__(self, rng):
        self.rng = rng
        self.rows = []
        self.groups = []

    def add(self, **fields):
        rid = "id_%07d" % len(self.rows)
        row = {k: "" for k in FIELDS}
        row.update({k: ("" if v is None else str(v)) for k, v in fields.items()})
        row["ID"] = rid
        row.setdefault("ENTRYTYPE", "article")
        if not row["ENTRYTYPE"]:
            row["ENTRYTYPE"] = "article"
        self.rows.append(row)
        return rid

    def same(self, ids):
        if len(ids) > 1:
            self.groups.append(ids)


def title(rng, words=WORDS, n=None):
    t = " ".join(rng.choice(words) for _ in range(n or rng.randint(7, 13)))
    return t[0].upper() + t[1:]


def authors(rng, n=None):
    return " and ".join(f"{rng.choice(FAMILIES)}, {rng.choice(GIVEN)}" for _ in range(n or rng.randint(1, 5)))


def place(rng):
    journal = rng.choice(JOURNALS)
    year = rng.randint(1998, 2025)
    start = rng.randint(1, 1400)
    return dict(journal=journal, year=year, volume=year - 1950 + rng.randint(0, 3), number=rng.randint(1, 12),
                start=start, end=start + rng.randint(3, 14))


def negatives(w, rng):
    p = place(rng)
    kind = rng.randrange(10)
    a = authors(rng)
    j = p["journal"][0]
    if kind == 0:  # a heading in every issue of a volume
        h = rng.choice(HEADINGS)
        for n in range(1, rng.randint(3, 6)):
            w.add(title=h, author=a, year=p["year"], journal=j, volume=p["volume"], number=n,
                  pages=rng.choice(["", "iii-viii", str(rng.randint(1, 9))]))
    elif kind == 1:  # a column on no list, recurring over three years
        t = title(rng, n=4)
        for k in range(3):
            w.add(title=t, author=a, year=p["year"] + k, journal=j, volume=p["volume"] + k, number="", pages="")
    elif kind == 2:  # parts of a series
        t = title(rng)
        roman = rng.random() < 0.5
        for k in range(2):
            suffix = f" {ROMAN[k]}" if roman else f". Part {k + 1}"
            w.add(title=t + suffix, author=a, year=p["year"], journal=j, volume=p["volume"], number=p["number"] + k, pages="")
    elif kind == 3:  # editions of a book
        t = title(rng, n=5)
        e = rng.randint(2, 5)
        for k in range(2):
            w.add(ENTRYTYPE="book", title=f"{t}, {ORDINAL[e + k]} edition", author=a, year=p["year"] + k, journal="", volume="", number="", pages="")
    elif kind == 4:  # article numbers in one volume and issue
        t = title(rng)
        n = rng.randint(100000, 990000)
        for k in range(2):
            w.add(title=t, author=a, year=p["year"], journal="PLoS ONE", volume=p["volume"], number=p["number"], pages=f"e0{n + 17 * k}")
    elif kind == 5:  # yearly conference abstracts of one trial
        t = title(rng) + f": the {rng.choice(['GROUP', 'CARE', 'FRAIL', 'STEP', 'HOME'])} trial"
        for k in range(2):
            w.add(ENTRYTYPE="inproceedings", title=t, author=a, year=p["year"] + k, journal=j, volume=p["volume"] + k,
                  number="Suppl 1", pages=f"S{rng.randint(10, 400)}")
    elif kind == 6:  # a guideline and its update
        t = title(rng, n=5) + ": practice guideline"
        for k in range(2):
            w.add(title=t, author=a, year=p["year"] + k, journal=j, volume=p["volume"] + k, number="", pages="")
    elif kind == 7:  # an article and its erratum
        t = title(rng)
        w.add(title=t, author=a, year=p["year"], journal=j, volume=p["volume"], number=p["number"], pages=f"{p['start']}-{p['end']}")
        w.add(title="Erratum: " + t, author=a, year=p["year"], journal=j, volume=p["volume"], number=p["number"] + 2, pages=str(p["end"] + 200))
    elif kind == 8:  # an article and a reply to its letters
        t = title(rng)
        w.add(title=t, author=a, year=p["year"], journal=j, volume=p["volume"], number=p["number"], pages=f"{p['start']}-{p['end']}")
        w.add(title=t + ". Authors' reply", author=a, year=p["year"], journal=j, volume=p["volume"], number=p["number"] + 3, pages="")
    else:  # a conference paper and its later journal version: related, not the same record
        t = title(rng)
        w.add(ENTRYTYPE="inproceedings", title=t, author=a, year=p["year"], journal="", booktitle="", volume="", number="", pages="1-12")
        w.add(title=t, author=a, year=p["year"] + 2, journal=j, volume=p["volume"] + 2, number=p["number"], pages=f"{p['start']}-{p['end']}",
              doi=f"10.1000/j.{rng.randint(10000, 99999)}")


def positives(w, rng):
    p = place(rng)
    a = authors(rng)
    full, abbrev = p["journal"]
    pages = f"{p['start']}-{p['end']}"
    short = f"{p['start']}-{str(p['end'])[-2:]}" if p["end"] >= 100 else pages
    kind = rng.randrange(5)
    t = title(rng)
    base = dict(author=a, year=p["year"], volume=p["volume"], number=p["number"])
    ids = [w.add(title=t, journal=full, pages=pages, **base)]
    if kind == 0:
        ids.append(w.add(title=t + rng.choice([" - [careers]", " [News]", " - [research]", ". [Dutch]"]), journal=abbrev, pages=short, **base))
    elif kind == 1:  # a translated title, same journal, volume, issue and pages
        ids.append(w.add(title=title(rng, DUTCH), journal=abbrev, pages=pages, **base))
    elif kind == 2:  # the original in brackets, and the original alone
        original = title(rng, DUTCH)
        ids.append(w.add(title=f"{t} [{original}]", journal=abbrev, pages=pages, **base))
        ids.append(w.add(title=original, journal=full, pages=short, **base))
    elif kind == 3:  # the same DOI under a translated title
        doi = f"10.1000/hw.{rng.randint(10000, 99999)}"
        w.rows[-1]["doi"] = doi
        ids.append(w.add(title=title(rng, DUTCH), journal=abbrev, pages="", doi=doi, **base))
    else:
        ids.append(w.add(title=t.upper() + ".", journal=abbrev, pages=short, **base))
    w.same(ids)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="folder to write (created)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--studies", type=int, default=400, help="cases to generate (each one or more records)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    w = Writer(rng)
    for _ in range(args.studies):
        (negatives if rng.random() < 0.6 else positives)(w, rng)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "records_pre_merged.csv"), "w", newline="", encoding="utf-8") as f:
        out = csv.DictWriter(f, fieldnames=FIELDS + ["booktitle"], extrasaction="ignore")
        out.writeheader()
        for row in w.rows:
            out.writerow(row)
    with open(os.path.join(args.out, "merged_record_ids.csv"), "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["merged_ids"])
        for g in w.groups:
            out.writerow([";".join(g)])
    print(f"{args.out}: {len(w.rows)} records, {len(w.groups)} groups of duplicates")


if __name__ == "__main__":
    main()
