"""Does tuning the ranking model transfer? A grid over `scoping simulate`'s model options,
scored leave-one-set-out (docs/benchmarks.md, "Screening").

    python3 Benchmarks/ranking-grid.py --scoping .build/release/scoping [--asreview-runs /tmp/asreview-compare/runs.csv]

For every setting (C x relevant weight ratio x title weight) and every labelled set in
../shared/datasets/screening, `scoping simulate --seed 1..SEEDS --json` gives WSS@95 per run.
Then, for each set in turn, the setting with the best mean WSS@95 on the *other* sets is
scored on it; the mean of those held-out scores is what tuning on these sets would really
deliver. Python standard library only; two simulations at a time; results cached in OUT.
"""

import argparse
import csv
import itertools
import json
import statistics
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


def main():
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scoping", required=True, help="the scoping binary (release build)")
    parser.add_argument("--data", default=str(here.parent.parent / "shared/datasets/screening"))
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--out", default="/tmp/ranking-grid.tsv", help="cache of finished runs (kept between calls)")
    parser.add_argument("--asreview-runs", help="runs.csv of asreview-compare.py, for ASReview's mean")
    args = parser.parse_args()

    sets = sorted(p for p in Path(args.data).iterdir() if p.name.endswith((".csv", ".csv.gz")))
    grid = list(itertools.product([0.05, 0.11, 0.2, 0.3, 0.5, 1.0], [1, 3, 5, 9.8, 20], [1, 2]))
    default = (0.11, 9.8, 1)
    out = Path(args.out)
    done = {}
    if out.exists():
        for line in out.read_text().splitlines():
            c, r, t, name, *w = line.split("\t")
            done[(float(c), float(r), float(t), name)] = [float(x) for x in w]

    def job(key):
        c, r, t, path = key
        cmd = [args.scoping, "simulate", "--labels", str(path), "--json", "-C", str(c), "--positive-ratio", str(r), "--title-weight", str(t)]
        for seed in range(1, args.seeds + 1):
            cmd += ["--seed", str(seed)]
        result = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
        return key, [run["wss95"] for run in result["runs"]]

    todo = [(c, r, t, p) for (c, r, t) in grid for p in sets if (c, r, t, p.name) not in done]
    with ThreadPoolExecutor(2) as pool, open(out, "a") as cache:
        for (c, r, t, p), w in pool.map(job, todo):
            done[(c, r, t, p.name)] = w
            cache.write("\t".join([str(c), str(r), str(t), p.name, *map(str, w)]) + "\n")
            cache.flush()

    names = [p.name for p in sets]

    def score(setting, among):
        return statistics.mean(x for n in among for x in done[(*map(float, setting), n)])

    ranked = sorted(grid, key=lambda s: -score(s, names))
    print(f"{len(grid)} settings x {len(names)} sets x seeds 1..{args.seeds}")
    print(f"ELAS u4 settings (C 0.11, ratio 9.8, title 1): mean WSS@95 {score(default, names):.4f}")
    for s in ranked[:5]:
        per_set = " ".join(f"{statistics.mean(done[(*map(float, s), n)]):.3f}" for n in names)
        print(f"best on all sets: C {s[0]}, ratio {s[1]}, title {s[2]}: {score(s, names):.4f} ({per_set})")
    held = []
    for n in names:
        others = [m for m in names if m != n]
        pick = max(grid, key=lambda s: score(s, others))
        held.append(score(pick, [n]))
        print(f"held out {n}: picked C {pick[0]}, ratio {pick[1]}, title {pick[2]} on the others; "
              f"on {n} {held[-1]:.4f} (ELAS u4 settings {score(default, [n]):.4f})")
    print(f"leave-one-set-out mean WSS@95 {statistics.mean(held):.4f}")
    if args.asreview_runs:
        with open(args.asreview_runs, newline="") as f:
            rows = [r for r in csv.DictReader(f) if r["tool"] == "asreview"]
        print(f"ASReview (from {args.asreview_runs}): {statistics.mean(float(r['wss95']) for r in rows):.4f}")


if __name__ == "__main__":
    main()
