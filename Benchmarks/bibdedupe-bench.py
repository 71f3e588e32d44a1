"""Runs bib-dedupe on each labelled set of the given folders; scores per record like its own benchmark.

    python3 -m venv /tmp/bibdedupe-venv && /tmp/bibdedupe-venv/bin/pip install bib-dedupe==0.11.0
    /tmp/bibdedupe-venv/bin/python Benchmarks/bibdedupe-bench.py ../shared/datasets/dedup /tmp/dedup-hard

One JSON line per set (the folders of each argument that hold merged_record_ids.csv and
records_pre_merged.csv[.gz]); a set bib-dedupe fails on is reported with its error.
"""
import json, sys, time, traceback
from pathlib import Path
import pandas as pd
from bib_dedupe.bib_dedupe import prep, block, match, cluster, merge


def sets(root):
    root = Path(root)
    candidates = [root] + sorted(p for p in root.iterdir() if p.is_dir())
    for d in candidates:
        if not (d / "merged_record_ids.csv").exists():
            continue
        f = d / "records_pre_merged.csv"
        f = f if f.exists() else d / "records_pre_merged.csv.gz"
        if f.exists():
            yield d, f


for root in sys.argv[1:]:
    for d, f in sets(root):
        try:
            records = pd.read_csv(f)
            if "doi" not in records.columns:
                records["doi"] = ""
            groups = [s.split(";") for s in pd.read_csv(d / "merged_record_ids.csv")["merged_ids"]]
            t0 = time.perf_counter()
            prepared = prep(records, verbosity_level=0)
            matched = match(block(prepared, verbosity_level=0), verbosity_level=0)
            merged = merge(records, duplicate_id_sets=cluster(matched, verbosity_level=0), verbosity_level=0)
            seconds = time.perf_counter() - t0
        except Exception as e:  # noqa: BLE001 - report and go on with the next set
            print(json.dumps(dict(set=d.name, error=f"{type(e).__name__}: {e}")), flush=True)
            traceback.print_exc(file=sys.stderr)
            continue
        kept, grouped = set(merged["ID"]), {i for g in groups for i in g}
        tp = fp = fn = tn = 0
        for i in records["ID"]:
            if i not in grouped:
                tn, fp = (tn + 1, fp) if i in kept else (tn, fp + 1)
        for g in groups:
            n = sum(i in kept for i in g)
            if n == 0:
                fp += 1
                tp += len(g) - 1
            else:
                tn += 1
                fn += n - 1
                tp += len(g) - n
        print(json.dumps(dict(set=d.name, records=len(records), TP=tp, FP=fp, FN=fn, TN=tn,
                              sensitivity=round(tp / max(tp + fn, 1), 4), seconds=round(seconds, 2))), flush=True)
