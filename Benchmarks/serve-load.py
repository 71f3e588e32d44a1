#!/usr/bin/env python3
"""`scoping serve` under load (issue 16): decision latency, and 10 reviewers at once in team mode.

    python3 Benchmarks/serve-load.py --scoping .build-release/release/scoping --review /tmp/scoping-serve \
        [--reviewers 10] [--seconds 120] [--decisions 300]

Python 3 standard library only (threads, urllib). The review folder is one made by
Benchmarks/make-scale-review.py; --prepare puts its generated logs aside and runs `scoping run`
once. The script sets the protocol's reviewers for each part (r01, r02 … ; two per record at
title/abstract, as generated) and removes their logs before each run. Each run has its own server:

1. Latency (loopback mode; reviewers r01 and r02, so r01 screens every record that reaches
   title/abstract), --rounds times each, alternating: the baseline (SCOPING_SERVE_RETRAIN=inline:
   the ranking retrained before the response, as before) and the server as it is (retrained in
   the background). Reviewer r01 makes --decisions decisions one after the other, as the
   page's script sends them (POST with `X-Requested-With: fetch`; the answer is the next
   record's HTML). The time from sending the POST to having read the whole answer is measured
   on the client: on loopback it bounds the server's time from the POST to the next record's
   page from above. Every fifth decision is an include, the others exclusions with the stage's
   first reason, so the ranking retrains from the second decision on. Prints the median, the
   99th percentile and the maximum, and the time of the first page (the queue built).
2. Team mode (after `scoping run` under the protocol with the new reviewers):
   `scoping serve --team`, one thread per reviewer (--reviewers), each with their
   own token, deciding as fast as the server answers for --seconds. Then the server is stopped
   (SIGTERM) and every log is read back: every line parses, no record is decided twice by the
   same reviewer, and each log holds exactly the decisions the server acknowledged (none lost,
   none duplicated). The server's resident memory (VmRSS from /proc) is sampled every 0.2 s;
   the peak of the samples is printed.

Exit 0 when every check holds (the figures are printed whatever they are); 1 otherwise.
"""

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

RECORD = re.compile(r'data-record="([^"]+)"')
CSRF = re.compile(r'<meta name="csrf-token" content="([0-9a-f]+)">')
FAILURES = []


def check(ok, what):
    print(("  ok   " if ok else "  FAIL ") + what)
    if not ok:
        FAILURES.append(what)


class Reviewer:
    """One browser: a cookie jar, the CSRF token, the record in front of the reviewer."""

    def __init__(self, base, name, url):
        self.base, self.name = base, name
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.opener.open(url).read()  # the token becomes the cookie
        self.page = "/screen/%s/title-abstract" % name
        started = time.perf_counter()
        html = self.opener.open(base + self.page).read().decode()
        self.first_page = time.perf_counter() - started
        self.csrf = CSRF.search(html).group(1)
        match = RECORD.search(html)
        self.key = match.group(1) if match else None
        self.acknowledged = []

    def decide(self, n):
        """Decision number n on the record shown; returns the seconds the answer took."""
        fields = {"csrf": self.csrf, "key": self.key}
        if n % 5 == 0:
            fields["action"] = "include"
        else:
            fields.update(action="exclude", reason="1")
        request = urllib.request.Request(
            self.base + self.page, data=urllib.parse.urlencode(fields).encode(),
            headers={"X-Requested-With": "fetch", "Content-Type": "application/x-www-form-urlencoded"})
        started = time.perf_counter()
        html = self.opener.open(request).read().decode()
        elapsed = time.perf_counter() - started
        if ("saved: %s" % fields["action"]) in html:
            self.acknowledged.append(self.key)
        match = RECORD.search(html)
        self.key = match.group(1) if match else None
        return elapsed


class Memory(threading.Thread):
    """Samples a process's VmRSS (MB) until stopped."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.samples, self.stopped = pid, [], threading.Event()

    def field(self, name):
        try:
            with open("/proc/%d/status" % self.pid) as f:
                for line in f:
                    if line.startswith(name + ":"):
                        return int(line.split()[1]) / 1024
        except OSError:
            return None
        return None

    def run(self):
        while not self.stopped.is_set():
            rss = self.field("VmRSS")
            if rss is not None:
                self.samples.append(rss)
            time.sleep(0.2)


def serve(scoping, review, team, inline=False):
    args = [scoping, "serve", "--port", "0", "--review", review] + (["--team", "--new-tokens"] if team else [])
    env = dict(os.environ, SCOPING_SERVE_RETRAIN="inline" if inline else "background")
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def stop(server):
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def clear_logs(review, names):
    for name in names:
        path = os.path.join(review, "screening", name + ".jsonl")
        if os.path.exists(path):
            os.remove(path)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))]


def latency(scoping, review, decisions, inline):
    clear_logs(review, ["r01"])
    server = serve(scoping, review, team=False, inline=inline)
    try:
        url = server.stdout.readline().strip()
        base = url.split("/?")[0]
        reviewer = Reviewer(base, "r01", url)
        times = []
        for n in range(decisions):
            if reviewer.key is None:
                break
            times.append(reviewer.decide(n))
    finally:
        stop(server)
    ms = [t * 1000 for t in times]
    print("latency, %s, reviewer r01, %d decisions in a row (ms): first page %.0f; median %.1f, p90 %.1f, "
          "p99 %.1f, max %.1f"
          % ("retrain before the response (baseline)" if inline else "retrain in the background", len(ms),
             reviewer.first_page * 1000, statistics.median(ms), percentile(ms, 90), percentile(ms, 99),
             max(ms)))
    check(len(ms) == decisions, "%d decisions answered" % len(ms))
    check(len(reviewer.acknowledged) == len(ms), "every decision acknowledged")
    return ms


def team(scoping, review, count, seconds):
    names = ["r%02d" % (i + 1) for i in range(count)]
    clear_logs(review, names)
    server = serve(scoping, review, team=True)
    memory = Memory(server.pid)
    memory.start()
    built = 0
    try:
        urls = {}
        while len(urls) < len(names):
            line = server.stdout.readline()
            if not line:
                break
            name, url = line.split()
            urls[name] = url
        base = urls[names[0]].split("/?")[0]
        reviewers, errors = {}, []

        def start(name):
            try:
                reviewers[name] = Reviewer(base, name, urls[name])
            except Exception as error:  # noqa: BLE001 (reported below)
                errors.append("%s: %s" % (name, error))

        started = time.perf_counter()
        threads = [threading.Thread(target=start, args=(n,)) for n in names]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        setup = time.perf_counter() - started
        built = memory.field("VmRSS") or 0
        times = {n: [] for n in names}
        deadline = time.perf_counter() + seconds

        def work(name):
            reviewer, n = reviewers[name], 0
            try:
                while time.perf_counter() < deadline and reviewer.key is not None:
                    times[name].append(reviewer.decide(n))
                    n += 1
            except Exception as error:  # noqa: BLE001 (reported below)
                errors.append("%s: %s" % (name, error))

        threads = [threading.Thread(target=work, args=(n,)) for n in names if n in reviewers]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        stop(server)
        memory.stopped.set()
        memory.join()
    check(errors == [], "no request failed (%s)" % errors[:3])
    every = [t * 1000 for n in names for t in times[n]]
    print("team mode, %d reviewers for %d s: pages built in %.1f s (all at once); %d decisions, %.1f/s; "
          "median %.1f ms, p99 %.1f ms, max %.1f ms"
          % (len(names), seconds, setup, len(every), len(every) / seconds, statistics.median(every),
             percentile(every, 99), max(every)))
    peak = max(memory.samples) if memory.samples else 0
    print("server memory: %.0f MB once every page was built; peak VmRSS sampled %.0f MB" % (built, peak))
    for name in names:
        path = os.path.join(review, "screening", name + ".jsonl")
        lines = open(path, encoding="utf-8").read().splitlines() if os.path.exists(path) else []
        entries = []
        for line in lines:
            try:
                entries.append(json.loads(line))
            except ValueError:
                check(False, "%s: a line that does not parse: %r" % (name, line[:80]))
        keys = [e["key"] for e in entries]
        acknowledged = reviewers[name].acknowledged if name in reviewers else []
        check(all(e["reviewer"] == name for e in entries) and len(set(keys)) == len(keys)
              and keys == acknowledged,
              "%s: %d lines, %d acknowledged, none twice, none lost" % (name, len(keys), len(acknowledged)))
        read = subprocess.run([scoping, "decisions", "export", "--csv", "--review", review, "--reviewer", name],
                              capture_output=True, text=True)
        rows = read.stdout.strip().count("\n")  # the header, then one row per line of the log
        check(read.returncode == 0 and rows == len(lines),
              "%s: scoping decisions export reads the log (%d rows; %s)" % (name, rows, read.stderr.strip()[:200]))
    return peak


def set_reviewers(review, names):
    """The protocol's reviewers become `names` (two per record at title/abstract, as generated)."""
    path = os.path.join(review, "protocol", "protocol.yaml")
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"reviewers: \[[^\]]*\]", "reviewers: [%s]" % ", ".join(names), text, count=1)
    open(path, "w", encoding="utf-8").write(text)


def prepare(scoping, review):
    """The generated logs put aside (every record is there to screen), and `scoping run` once."""
    for folder in ("screening", "charting"):
        source = os.path.join(review, folder)
        if os.path.isdir(source):
            shutil.rmtree(source + ".generated", ignore_errors=True)
            os.rename(source, source + ".generated")
    set_reviewers(review, ["r01", "r02"])
    subprocess.run([scoping, "run", "--review", review], capture_output=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scoping", required=True)
    parser.add_argument("--review", required=True)
    parser.add_argument("--reviewers", type=int, default=10)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--decisions", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2, help="latency rounds (baseline, then background)")
    parser.add_argument("--skip-latency", action="store_true")
    parser.add_argument("--skip-team", action="store_true")
    parser.add_argument("--prepare", action="store_true",
                        help="first put the generated logs aside and run `scoping run`")
    args = parser.parse_args()
    scoping = os.path.abspath(args.scoping)
    if args.prepare:
        prepare(scoping, args.review)
    print("machine: %d cores; load average %.1f" % (os.cpu_count(), os.getloadavg()[0]))
    if not args.skip_latency:
        # Two reviewers, two per record: r01 screens every record that reaches title/abstract.
        set_reviewers(args.review, ["r01", "r02"])
        # The baseline and the server as it is, twice each, alternating (the machine's load drifts).
        runs = {True: [], False: []}
        for _ in range(args.rounds):
            for inline in (True, False):
                runs[inline].extend(latency(scoping, args.review, args.decisions, inline))
        for name, p in (("median", 50), ("p99", 99)):
            before, after = percentile(runs[True], p), percentile(runs[False], p)
            print("latency %s over every round: baseline %.1f ms, background retrain %.1f ms: %.2f×"
                  % (name, before, after, before / after))
    if not args.skip_team:
        # Ten reviewers, two per record: each screens a fifth of the records.
        set_reviewers(args.review, ["r%02d" % (i + 1) for i in range(args.reviewers)])
        # As a team does after editing the protocol: `scoping run` applies the criteria under it
        # again (until then every queue reads and judges every record).
        subprocess.run([scoping, "run", "--review", args.review], capture_output=True)
        team(scoping, args.review, args.reviewers, args.seconds)
    if FAILURES:
        print("%d check(s) failed" % len(FAILURES), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
