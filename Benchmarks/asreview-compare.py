"""Screening ranking benchmark (issue 6): `scoping simulate` against `asreview simulate`.

Run with the Python of a venv that has ASReview installed (see asreview-compare.sh):

    /tmp/asreview-venv/bin/python Benchmarks/asreview-compare.py --scoping .build/release/scoping

For every labelled set (ASReview's layout) and every seed, in one run:

1. `scoping simulate --labels FILE --seed S --json --curve CURVE` gives our prior records (one
   relevant, one irrelevant, drawn with S), our recall curve and our time per retrain
   (retrain + rescore every record + pick the best; median over the run).
2. `asreview simulate FILE --prior-idx P1 P2 --seed S` with its default model (ELAS u4) runs
   in this process through ASReview's own command-line entry point, with the same two prior
   records. ActiveLearningCycle.fit and .rank are wrapped with a timer: ASReview's time per
   retrain is fit (TF-IDF rows of the labelled records, balancer, LinearSVC) + rank (decision
   function on the pool, sort), median over the run. The simulation's own pandas bookkeeping
   between iterations is not counted, so the figure flatters ASReview, not us.
   Also `scoping simulate ... --tolerance 0.001` (the same model solved more tightly: not the
   default, it is slower) to show how close the two implementations are run for run.
3. Both screening orders are scored the same way: WSS@95 = (N - records screened to find
   ceil(0.95 R))/N - 0.05 and WSS@100 = (N - records screened to find all R)/N, the two prior
   records counted as screened.

Prints a markdown table (mean over seeds per set, then the mean over sets) and writes every
run to OUT/runs.csv. Reads the sets from ../shared at run time; copies nothing into the
repository (gzip files are decompressed into OUT, as ASReview reads only plain CSV).
"""

import argparse
import contextlib
import csv
import gzip
import io
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def wss_from_found(found_per_screened, relevant, total):
    """WSS@95 and WSS@100 from the number found after each screened record (priors first)."""
    need95 = math.ceil(0.95 * relevant)
    n95 = n100 = total
    for i, found in enumerate(found_per_screened, start=1):
        if found >= need95 and n95 == total:
            n95 = i
        if found >= relevant:
            n100 = i
            break
    return (total - n95) / total - 0.05, (total - n100) / total, n95, n100


def run_scoping(binary, path, seed, work, extra=(), tag=""):
    curve = work / f"scoping{tag}-curve-{path.stem}-{seed}.csv"
    out = subprocess.run(
        [binary, "simulate", "--labels", str(path), "--seed", str(seed), "--json", "--curve", str(curve), *extra],
        check=True, capture_output=True, text=True,
    )
    result = json.loads(out.stdout)
    run = result["runs"][0]
    with open(curve, newline="") as f:
        found = [int(row["found"]) for row in csv.DictReader(f)]
    return run, found


class Timer:
    """Wraps ActiveLearningCycle.fit and .rank; one sample per retrain = fit + following rank."""

    def __init__(self):
        self.samples = []
        self._pending = None

    def install(self, cls):
        original_fit, original_rank = cls.fit, cls.rank
        timer = self

        def fit(self, X, y):
            t0 = time.perf_counter()
            r = original_fit(self, X, y)
            timer._pending = time.perf_counter() - t0
            return r

        def rank(self, X):
            t0 = time.perf_counter()
            r = original_rank(self, X)
            elapsed = time.perf_counter() - t0
            if timer._pending is not None:
                timer.samples.append((timer._pending + elapsed) * 1000)
                timer._pending = None
            return r

        cls.fit, cls.rank = fit, rank


def run_asreview(path, priors, seed, timer):
    from asreview.simulation import cli as sim_cli

    captured = {}
    original = sim_cli.Simulate

    class Capturing(original):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            captured["sim"] = self

    sim_cli.Simulate = Capturing
    timer.samples = []
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            sim_cli._cli_simulate([str(path), "--prior-idx", *map(str, priors), "--seed", str(seed)])
    finally:
        sim_cli.Simulate = original
    results = captured["sim"]._results
    ids = [int(x) for x in results["record_id"].tolist()]
    labels = [int(x) for x in results["label"].tolist()]
    assert ids[:2] == list(priors), f"ASReview's first records {ids[:2]} are not the priors {priors}"
    found, f = [], 0
    for label in labels:
        f += label
        found.append(f)
    return found, list(timer.samples)


def main():
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scoping", required=True, help="the scoping binary (release build)")
    parser.add_argument("--data", default=str(here.parent.parent / "shared/datasets/screening"))
    parser.add_argument("--seeds", type=int, default=5, help="seeds 1..N (default 5)")
    parser.add_argument("--out", default="/tmp/asreview-compare")
    parser.add_argument("--only", default="", help="only sets whose file name contains this")
    args = parser.parse_args()

    work = Path(args.out).resolve()
    work.mkdir(parents=True, exist_ok=True)
    data = Path(args.data).resolve()
    scoping_binary = str(Path(args.scoping).resolve())
    os.chdir(work)  # importing ASReview leaves a synergy_cache.sqlite in the working folder

    import asreview
    from asreview.learner import ActiveLearningCycle
    from asreview.models.models import get_ai_config

    timer = Timer()
    timer.install(ActiveLearningCycle)
    if not data.is_dir():
        sys.exit(f"{data}: no such folder (the shared datasets live beside the repository)")
    files = sorted(p for p in data.iterdir() if p.name.endswith((".csv", ".csv.gz")) and args.only in p.name)
    print(f"ASReview {asreview.__version__}, model {get_ai_config()['name']}: {get_ai_config()['value']}", file=sys.stderr)
    print(f"scoping: {args.scoping}; seeds 1..{args.seeds}; {os.cpu_count()} cores; load {os.getloadavg()}", file=sys.stderr)

    rows = []
    with open(work / "runs.csv", "w", newline="") as runs_file:
        runs = csv.writer(runs_file)
        runs.writerow(["set", "seed", "tool", "records", "relevant", "prior_relevant", "prior_irrelevant",
                       "wss95", "wss100", "records_for_95", "records_for_100", "retrain_median_ms", "retrains"])
        # retrains: both tools retrain after every record until the last relevant one is found.
        for path in files:
            plain = path
            if path.suffix == ".gz":
                plain = work / path.name[:-3]
                with gzip.open(path, "rb") as src, open(plain, "wb") as dst:
                    shutil.copyfileobj(src, dst)
            name = plain.name.removesuffix(".csv")
            per_set = {"ours": [], "asreview": [], "exact": []}
            for seed in range(1, args.seeds + 1):
                ours, our_found = run_scoping(scoping_binary, plain, seed, work)
                total, relevant, priors = ours["records"], ours["relevant"], ours["priors"]
                w95, w100, n95, n100 = wss_from_found(our_found, relevant, total)
                if abs(w95 - ours["wss95"]) > 1e-6:
                    sys.exit(f"{name} seed {seed}: WSS@95 from the curve {w95} differs from scoping's {ours['wss95']}")
                per_set["ours"].append((w95, w100, n95, n100, ours["medianRetrainMs"]))
                runs.writerow([name, seed, "scoping", total, relevant, *priors, f"{w95:.4f}", f"{w100:.4f}", n95, n100,
                               f"{ours['medianRetrainMs']:.3f}", n100 - 2])
                exact, exact_found = run_scoping(scoping_binary, plain, seed, work, ("--tolerance", "0.001"), "-exact")
                if exact["priors"] != priors:
                    sys.exit(f"{name} seed {seed}: the tight run drew other priors")
                e95, e100, k95, k100 = wss_from_found(exact_found, relevant, total)
                per_set["exact"].append((e95, e100, k95, k100, exact["medianRetrainMs"]))
                runs.writerow([name, seed, "scoping-exact", total, relevant, *priors, f"{e95:.4f}", f"{e100:.4f}", k95, k100,
                               f"{exact['medianRetrainMs']:.3f}", k100 - 2])
                as_found, samples = run_asreview(plain, priors, seed, timer)
                a95, a100, m95, m100 = wss_from_found(as_found, relevant, total)
                median = statistics.median(samples) if samples else float("nan")
                per_set["asreview"].append((a95, a100, m95, m100, median))
                runs.writerow([name, seed, "asreview", total, relevant, *priors, f"{a95:.4f}", f"{a100:.4f}", m95, m100,
                               f"{median:.3f}", len(samples)])
                runs_file.flush()
                print(f"{name} seed {seed} priors {priors}: WSS@95 ours {w95:.3f} ASReview {a95:.3f}; "
                      f"retrain ours {ours['medianRetrainMs']:.3f} ms, ASReview {median:.2f} ms", file=sys.stderr)
            rows.append((name, total, relevant, per_set))

    def mean(xs):
        return sum(xs) / len(xs)

    print(f"| set | N | R | WSS@95 ours | WSS@95 ASReview | WSS@100 ours | WSS@100 ASReview | "
          f"records for 95% ours / ASReview | retrain median ours | ASReview | ratio |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    o95, a95s, ratios = [], [], []
    for name, total, relevant, s in rows:
        o, a = s["ours"], s["asreview"]
        om = [mean([r[i] for r in o]) for i in range(5)]
        am = [mean([r[i] for r in a]) for i in range(5)]
        ot = statistics.median([r[4] for r in o])
        at = statistics.median([r[4] for r in a])
        o95.append(om[0])
        a95s.append(am[0])
        ratios.append(at / ot)
        print(f"| {name} | {total:,} | {relevant} | {om[0]:.3f} | {am[0]:.3f} | {om[1]:.3f} | {am[1]:.3f} | "
              f"{om[2]:.0f} / {am[2]:.0f} | {ot:.3f} ms | {at:.2f} ms | {at / ot:.0f}x |")
    print(f"| **mean** | | | **{mean(o95):.3f}** | **{mean(a95s):.3f}** | | | | | | "
          f"min {min(ratios):.0f}x |")

    # Run for run: the paired difference of WSS@95 and how many runs need the same number of
    # records for 95% recall, for the default and for the tightly solved model.
    print()
    for key, label in (("ours", "default (tolerance 0.1)"), ("exact", "tolerance 0.001")):
        pairs = [(o[0] - a[0], o[2] == a[2]) for _, _, _, s in rows for o, a in zip(s[key], s["asreview"])]
        diffs = [d for d, _ in pairs]
        se = statistics.stdev(diffs) / math.sqrt(len(diffs)) if len(diffs) > 1 else float("nan")
        equal = sum(1 for _, same in pairs if same)
        sets = [mean([r[0] for r in s[key]]) for _, _, _, s in rows]
        print(f"- scoping {label}: mean WSS@95 {mean(sets):.4f} (ASReview {mean(a95s):.4f}); paired difference "
              f"{mean(diffs):+.4f} (SE {se:.4f}) over {len(diffs)} runs; same records for 95% in {equal} of {len(diffs)}")


if __name__ == "__main__":
    main()
