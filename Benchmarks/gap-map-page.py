#!/usr/bin/env python3
"""Times the first render of a gap-map.html in headless Chromium (issue 17's scale measure).

    PY=$(Scripts/browser-setup.sh | tail -n 1)
    python3 Benchmarks/make-scale-review.py --count 20000 --ta-include 25 --charted 3000 --out /tmp/scoping-scale17
    (cd /tmp/scoping-scale17 && scoping run)
    $PY Benchmarks/gap-map-page.py /tmp/scoping-scale17/output/gap-map.html output/gap-map.html --runs 5

For each page: its size, and per run the time from navigation start to the end of the page's
first drawing (the script's `gap-map-drawn` mark: HTML and JSON parsed, every cell, the gap
list and the summary drawn), then the median. Each run is a fresh load of the file (file://).
"""

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "Tests" / "Browser"))
from test_pages import browser  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="+", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    driver = browser(1280, 800)
    try:
        for page in args.pages:
            times = []
            for _ in range(args.runs):
                driver.get("about:blank")
                driver.get(page.resolve().as_uri())
                drawn = driver.execute_script(
                    "var m = performance.getEntriesByName('gap-map-drawn'); return m.length ? m[0].startTime : null;")
                if drawn is None:
                    print(f"{page}: the page has no gap-map-drawn mark", file=sys.stderr)
                    return 1
                times.append(drawn)
            cells = driver.execute_script("return document.querySelectorAll('#map td').length")
            studies = driver.execute_script("return JSON.parse(document.getElementById('gap-map-data').textContent).studies.length")
            size = page.stat().st_size
            print(f"{page}: {size / 1e6:.2f} MB, {studies} studies, {cells} cells; first render "
                  + " / ".join(f"{t:.0f}" for t in times) + f" ms, median {statistics.median(times):.0f} ms")
    finally:
        driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
