#!/usr/bin/env python3
"""Browser tests of the self-contained pages in output/ (gap-map.html, report.html).

Opens each page from disk (file://) in headless Chromium through Selenium and checks what a
reader sees: no console errors, no request leaving the page, the gap map's cell counts equal
to gap-map.csv (with no filter and with one condition chosen, against matrix.csv), Tab and
Enter reach a cell and list exactly its studies, the title search finds a title. Screenshots
go to --screenshots (default /tmp/scoping-browser).

    python Tests/Browser/test_pages.py [--output output] [--screenshots DIR]

Run it with the Python that Scripts/browser-setup.sh prints (a venv with Selenium).
Exit 0: all passed; 1: a check failed (each failure is printed); 2: the browser would not start.
"""

import argparse
import csv
import io
import json
import os
import sys
import time
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

FAILURES = []


def check(condition, message):
    if condition:
        print("  ok   " + message)
    else:
        print("  FAIL " + message)
        FAILURES.append(message)


def read_csv(path):
    text = path.read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def browser(width, height):
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--window-size={width},{height}", "--force-device-scale-factor=1", "--lang=en"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(service=service, options=options)


def console_errors(driver):
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def requests_made(driver):
    """Every URL the page asked for (from the DevTools performance log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def check_loaded(driver, url, name):
    driver.get(url)
    time.sleep(0.3)
    check(console_errors(driver) == [], f"{name}: no console errors ({console_errors(driver)})")
    outside = [u for u in requests_made(driver) if u != url and not u.startswith("data:")]
    check(outside == [], f"{name}: no request leaves the page ({outside})")


def cell_counts(driver):
    return {
        (td.get_attribute("data-row"), td.get_attribute("data-column")):
            (int(td.get_attribute("data-studies")), int(td.get_attribute("data-ongoing")))
        for td in driver.find_elements(By.CSS_SELECTOR, "#map td")
    }


def test_gap_map(output, shots, name):
    page = output / name
    cells_csv = read_csv(output / name.replace(".html", ".csv"))
    matrix = read_csv(output / name.replace("gap-map", "matrix").replace(".html", ".csv"))
    url = page.resolve().as_uri()
    print(f"{name}")
    driver = browser(1280, 800)
    try:
        check_loaded(driver, url, name)
        driver.save_screenshot(str(shots / f"{page.stem}-1280.png"))

        # Every cell as gap-map.csv has it.
        expected = {(r["row"], r["column"]): (int(r["studies"]), int(r["ongoing"])) for r in cells_csv}
        check(cell_counts(driver) == expected, f"{name}: {len(expected)} cells equal gap-map.csv")
        gaps = sum(1 for r in cells_csv if r["gap"] == "yes")
        check(f" {gaps} " in " " + driver.find_element(By.ID, "summary").text + " ",
              f"{name}: the summary names {gaps} gaps")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#gap-list li")) ==
              len({r["row"] for r in cells_csv if r["gap"] == "yes"}), f"{name}: the gap list has a line per row with gaps")

        # Keyboard: Tab from the top to the first cell with studies, Enter lists exactly its studies.
        driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        active = None
        for _ in range(60):
            active = driver.switch_to.active_element
            if "cell" in (active.get_attribute("class") or "").split():
                break
            active.send_keys(Keys.TAB)
        check(active is not None and "cell" in (active.get_attribute("class") or "").split(), f"{name}: Tab reaches a cell")
        # An arrow key moves to the next cell with studies in its row.
        first_column = active.find_element(By.XPATH, "..").get_attribute("data-column")
        active.send_keys(Keys.ARROW_RIGHT)
        moved = driver.switch_to.active_element
        check("cell" in (moved.get_attribute("class") or "").split()
              and moved.find_element(By.XPATH, "..").get_attribute("data-column") != first_column,
              f"{name}: the right arrow moves to another cell")
        moved.send_keys(Keys.ARROW_LEFT)
        active = driver.switch_to.active_element
        check(active.find_element(By.XPATH, "..").get_attribute("data-column") == first_column, f"{name}: the left arrow moves back")
        td = active.find_element(By.XPATH, "..")
        key = (td.get_attribute("data-row"), td.get_attribute("data-column"))
        row = next(r for r in cells_csv if (r["row"], r["column"]) == key)
        active.send_keys(Keys.ENTER)
        time.sleep(0.2)
        dialog = driver.find_element(By.ID, "cell-dialog")
        check(dialog.get_attribute("open") is not None, f"{name}: Enter opens the cell's study list")
        listed = sorted(int(tr.get_attribute("data-study")) for tr in dialog.find_elements(By.CSS_SELECTOR, "tbody tr"))
        wanted = sorted(int(n) for n in (row["references"] + " " + row["ongoing_references"]).split())
        check(listed == wanted, f"{name}: cell {key[0]} × {key[1]} lists studies {wanted} (got {listed})")
        links = dialog.find_elements(By.CSS_SELECTOR, "a[href^='https://doi.org/'], a[href^='https://pubmed']")
        check(len(links) > 0, f"{name}: the study list links to the DOI or PubMed")
        driver.save_screenshot(str(shots / f"{page.stem}-cell.png"))
        driver.switch_to.active_element.send_keys(Keys.ESCAPE)
        time.sleep(0.2)
        check(dialog.get_attribute("open") is None, f"{name}: Escape closes the list")
        check(driver.switch_to.active_element == active or "cell" in (driver.switch_to.active_element.get_attribute("class") or ""),
              f"{name}: focus returns to the cell")

        # A filter: one condition; counts follow to the studies matrix.csv gives for it.
        select = Select(driver.find_element(By.ID, "f-conditions"))
        option = select.options[1]
        label = option.text
        select.select_by_index(1)
        time.sleep(0.2)
        subset = {r["reference"] for r in matrix if label in [c.strip() for c in r["conditions"].split(";")]}
        expected_subset = {}
        for r in cells_csv:
            studies = [n for n in r["references"].split() if n in subset]
            ongoing = [n for n in r["ongoing_references"].split() if n in subset]
            expected_subset[(r["row"], r["column"])] = (len(studies), len(ongoing))
        check(cell_counts(driver) == expected_subset,
              f"{name}: with condition '{label}' ({len(subset)} studies) every cell equals the CSV's subset")
        check(f"{len(subset)} " in driver.find_element(By.ID, "summary").text, f"{name}: the summary says {len(subset)} studies")
        driver.save_screenshot(str(shots / f"{page.stem}-filtered.png"))
        select.select_by_index(0)

        # Title search, typed.
        title = matrix[0]["title"]
        word = max(title.split(), key=len).strip(".,:;()[]")
        search = driver.find_element(By.ID, "q")
        search.click()
        search.send_keys(word)
        time.sleep(0.2)
        matches = driver.find_element(By.ID, "matches").text
        check(title in matches, f"{name}: searching '{word}' lists '{title}'")
        search.clear()
        search.send_keys(Keys.BACKSPACE)

        # The browser's print view: no controls, the map whole.
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        check(not driver.find_element(By.ID, "filters").is_displayed(), f"{name}: print leaves out the controls")
        driver.save_screenshot(str(shots / f"{page.stem}-print.png"))
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

        # A phone's width.
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
        driver.get(url)
        time.sleep(0.3)
        driver.save_screenshot(str(shots / f"{page.stem}-phone.png"))
        width = driver.execute_script("return document.documentElement.scrollWidth")
        check(width <= 400, f"{name}: no sideways scrolling of the page at 390 px (page is {width} px; the map scrolls inside)")
        check(console_errors(driver) == [], f"{name}: still no console errors")
    finally:
        driver.quit()


def test_report(output, shots, name, map_name):
    page = output / name
    url = page.resolve().as_uri()
    print(f"{name}")
    driver = browser(1280, 800)
    try:
        check_loaded(driver, url, name)
        driver.save_screenshot(str(shots / f"{page.stem}-1280.png"))
        check(len(driver.find_elements(By.CSS_SELECTOR, "figure svg")) == 2, f"{name}: the flow and the gap map are inline SVG")
        check(len(driver.find_elements(By.CSS_SELECTOR, "nav.toc a")) >= 8, f"{name}: a table of contents")
        broken = driver.execute_script(
            "return Array.from(document.querySelectorAll('nav.toc a')).filter(a => !document.getElementById(a.hash.slice(1))).length")
        check(broken == 0, f"{name}: every contents link has its heading")
        check(len(driver.find_elements(By.CSS_SELECTOR, f"a[href='{map_name}']")) == 1, f"{name}: links {map_name}")
        check(len(driver.find_elements(By.CSS_SELECTOR, "article table")) >= 4, f"{name}: tables are tables")
    finally:
        driver.quit()


def test_svg_text(output, name):
    """No two texts of an SVG figure overlap, as Chromium lays them out."""
    path = output / name
    driver = browser(1280, 800)
    try:
        driver.get(path.resolve().as_uri())
        boxes = driver.execute_script("""
            return Array.from(document.querySelectorAll('text')).map(function (t) {
              var r = t.getBoundingClientRect();
              return [t.textContent, r.left, r.top, r.right, r.bottom];
            });""")
    finally:
        driver.quit()
    overlaps = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            # Half a pixel of slack: glyph boxes of touching lines share an edge.
            if a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5 and a[2] < b[4] - 0.5 and b[2] < a[4] - 0.5:
                overlaps.append(f"'{a[0]}' and '{b[0]}'")
    check(overlaps == [], f"{name}: no two of its {len(boxes)} texts overlap ({', '.join(overlaps[:5])})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default="output", type=Path)
    parser.add_argument("--screenshots", default="/tmp/scoping-browser", type=Path)
    args = parser.parse_args()
    args.screenshots.mkdir(parents=True, exist_ok=True)
    try:
        browser(800, 600).quit()
    except WebDriverException as error:
        print(f"the browser would not start: {error.msg}", file=sys.stderr)
        return 2
    for lang in ["", ".en"]:
        gap_map = args.output / f"gap-map{lang}.html"
        if gap_map.exists():
            test_gap_map(args.output, args.screenshots, gap_map.name)
        report = args.output / f"report{lang}.html"
        if report.exists():
            test_report(args.output, args.screenshots, report.name, f"gap-map{lang}.html")
    for figure in sorted(args.output.glob("*.svg")):
        test_svg_text(args.output, figure.name)
    check((args.output / "gap-map.html").exists(), "output/gap-map.html exists")
    print(f"screenshots in {args.screenshots}")
    if FAILURES:
        print(f"{len(FAILURES)} browser check(s) failed", file=sys.stderr)
        return 1
    print("browser tests passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
