#!/usr/bin/env python3
"""Browser test of `scoping serve`: the dashboard and the screening page in headless Chromium.

Copies the demo review (protocol, corpus) to a temporary folder with its reviewers renamed to
carla and dora, runs `scoping run` there, starts `scoping serve --port 0`, opens the URL it
prints and checks what a reviewer sees and what lands on disk: the dashboard, three records
screened with the keyboard (i, e 1, u) and the three log lines they wrote, no console error,
no request leaving 127.0.0.1; then a decision acknowledged and the server killed with SIGKILL
at once: the decision is in the log and a new server shows the next record; one conflict
reconciled on the conflicts page, one charting field confirmed. Also the Host and
token checks over real HTTP. Screenshots go to --screenshots (default /tmp/scoping-browser).

    python Tests/Browser/test_serve.py [--scoping .build/debug/scoping] [--screenshots DIR]

Run it with the Python that Scripts/browser-setup.sh prints (a venv with Selenium).
Exit 0: all passed; 1: a check failed (each failure is printed); 2: the browser would not start.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_pages import FAILURES, browser, check, console_errors, requests_made  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def demo_copy(scoping):
    """A copy of the demo review with reviewers carla and dora, run once (index and outputs)."""
    folder = Path(tempfile.mkdtemp(prefix="scoping-serve-"))
    for name in ("protocol", "corpus"):
        shutil.copytree(ROOT / name, folder / name)
    protocol = folder / "protocol" / "protocol.yaml"
    text = protocol.read_text(encoding="utf-8")
    assert "reviewers: [anna, bram]" in text
    protocol.write_text(text.replace("reviewers: [anna, bram]", "reviewers: [carla, dora]"), encoding="utf-8")
    subprocess.run([scoping, "run"], cwd=folder, check=True, capture_output=True)
    return folder


def start(scoping, folder):
    """`scoping serve --port 0`: the process and the URL it printed."""
    server = subprocess.Popen([scoping, "serve", "--port", "0", "--review", str(folder)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = server.stdout.readline().strip()
    check(url.startswith("http://127.0.0.1:") and "/?token=" in url, f"serve prints the URL with a token ({url})")
    return server, url


def log_lines(folder, reviewer):
    path = folder / "screening" / f"{reviewer}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def shown(driver):
    return driver.find_element(By.ID, "record").get_attribute("data-record")


def wait_for(condition, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if condition():
                return True
        except WebDriverException:
            pass
        time.sleep(0.05)
    return False


def press(driver, keys):
    driver.find_element(By.TAG_NAME, "body").send_keys(keys)


def http_status(url, headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_serve(scoping, shots):
    folder = demo_copy(scoping)
    server, url = start(scoping, folder)
    base = url.split("/?")[0]
    port = base.rsplit(":", 1)[1]
    driver = browser(1280, 900)
    try:
        # Real HTTP: no token, a foreign Host.
        check(http_status(base + "/", {}) == 403, "without the token: 403")
        check(http_status(url, {"Host": "evil.example:" + port}) == 421, "a foreign Host header: 421")

        driver.get(url)
        check(driver.current_url == base + "/", f"the token leaves the address bar ({driver.current_url})")
        page = driver.find_element(By.TAG_NAME, "body").text
        check("carla" in page and "dora" in page, "the dashboard lists the reviewers")
        check("PRISMA" in page, "the dashboard shows the PRISMA flow")
        prisma = driver.find_element(By.CSS_SELECTOR, "img.prisma")
        check(driver.execute_script("return arguments[0].naturalWidth", prisma) > 0, "the PRISMA flow image loads")
        driver.save_screenshot(str(shots / "serve-dashboard.png"))

        driver.find_element(By.CSS_SELECTOR, "a[href='/screen/carla/title-abstract']").click()
        check(wait_for(lambda: driver.find_element(By.ID, "record")), "the screening page shows a record")
        first = shown(driver)
        driver.save_screenshot(str(shots / "serve-screen-1.png"))

        press(driver, "i")
        check(wait_for(lambda: shown(driver) != first), "i: the next record appears")
        second = shown(driver)
        check(f"saved: include {first}" in driver.find_element(By.ID, "message").text, "i: saved: include")
        press(driver, "e")
        check("awaiting-reason" in driver.find_element(By.ID, "desk").get_attribute("class"), "e: waits for a reason")
        driver.save_screenshot(str(shots / "serve-screen-reason.png"))
        press(driver, "1")
        check(wait_for(lambda: shown(driver) != second), "e 1: the next record appears")
        press(driver, "u")
        check(wait_for(lambda: shown(driver) == second), "u: the withdrawn record is shown again")
        text = driver.find_element(By.ID, "desk").text
        check(f"undone: exclude {second}" in text, "u: the page says what was undone")
        check("screened 1 / to screen" in text, f"the status line counts one decision ({text.splitlines()[1:2]})")
        driver.save_screenshot(str(shots / "serve-screen-undone.png"))

        lines = log_lines(folder, "carla")
        check([(l["key"], l["decision"]) for l in lines] == [(first, "include"), (second, "exclude"), (second, "retract")],
              f"the log holds include, exclude, retract ({[(l['key'], l['decision']) for l in lines]})")
        check(lines[1].get("reason") == "E4", f"the exclusion's reason is the stage's first criterion ({lines[1].get('reason')})")
        check(all(l["stage"] == "title-abstract" for l in lines), f"every line is at title/abstract ({[l['stage'] for l in lines]})")

        press(driver, "?")
        check(driver.find_element(By.ID, "help").is_displayed(), "?: the keys are shown")
        driver.save_screenshot(str(shots / "serve-screen-help.png"))
        errors = console_errors(driver)
        check(errors == [], f"no console errors ({errors})")
        outside = [u for u in requests_made(driver) if not u.startswith(base) and not u.startswith("data:")]
        check(outside == [], f"no request leaves 127.0.0.1 ({outside})")

        # Kill: acknowledged means on disk.
        press(driver, "i")
        check(wait_for(lambda: f"saved: include {second}" in driver.find_element(By.ID, "message").text),
              "i: acknowledged")
        server.send_signal(signal.SIGKILL)
        server.wait()
        lines = log_lines(folder, "carla")
        check(len(lines) == 4 and lines[-1]["key"] == second and lines[-1]["decision"] == "include",
              "after SIGKILL the acknowledged decision is in the log")
        server, url = start(scoping, folder)
        driver.get(url)
        driver.get(url.split("/?")[0] + "/screen/carla/title-abstract")
        check(shown(driver) not in (first, second), "a new server shows the next record")
        check("screened 2 / to screen" in driver.find_element(By.ID, "status-line").text, "and counts two decisions")
        driver.save_screenshot(str(shots / "serve-restarted.png"))
        press(driver, "/")
        check(driver.switch_to.active_element.get_attribute("id") == "find", "/: the find field has the focus")
        driver.switch_to.active_element.send_keys(first + Keys.ENTER)
        check(wait_for(lambda: shown(driver) == first), "/ key Enter: that record is shown")

        # Reconcile: dora excluded the record carla included (her line written as her terminal would).
        protocol_hash = log_lines(folder, "carla")[0]["protocol"]
        dora = {"time": "2026-12-01T10:00:00Z", "reviewer": "dora", "stage": "title-abstract", "key": first,
                "decision": "exclude", "reason": "E4", "note": "a <b>hospital</b>", "protocol": protocol_hash}
        (folder / "screening" / "dora.jsonl").write_text(json.dumps(dora) + "\n", encoding="utf-8")
        driver.get(url.split("/?")[0] + "/")
        driver.find_element(By.CSS_SELECTOR, "a[href='/reconcile/carla']").click()
        page = driver.find_element(By.TAG_NAME, "main").text
        check(f"conflict 1 of 1 · title/abstract · {first}" in page, "the conflicts page shows the conflict")
        check("a <b>hospital</b>" in page, "dora's note, as text")
        Select(driver.find_element(By.NAME, "decision")).select_by_value("exclude:E4")
        driver.find_element(By.NAME, "note").send_keys("setting is a hospital")
        driver.save_screenshot(str(shots / "serve-reconcile.png"))
        driver.find_element(By.CSS_SELECTOR, "form.final button").click()
        check(wait_for(lambda: "No unresolved conflicts." in driver.find_element(By.TAG_NAME, "main").text),
              "the conflict is reconciled")
        last = log_lines(folder, "carla")[-1]
        check((last["stage"], last.get("reconciles"), last["decision"], last.get("reason"), last["key"])
              == ("reconcile", "title-abstract", "exclude", "E4", first),
              f"the final decision is in carla's log ({last})")

        # Chart: both reviewers include `second` at both stages (lines as their terminals write them).
        def line(reviewer, stage):
            return json.dumps({"time": "2026-12-01T11:00:00Z", "reviewer": reviewer, "stage": stage, "key": second,
                               "decision": "include", "protocol": protocol_hash}) + "\n"
        with open(folder / "screening" / "dora.jsonl", "a", encoding="utf-8") as f:
            f.write(line("dora", "title-abstract") + line("dora", "full-text"))
        with open(folder / "screening" / "carla.jsonl", "a", encoding="utf-8") as f:
            f.write(line("carla", "full-text"))
        driver.get(url.split("/?")[0] + "/")
        driver.find_element(By.CSS_SELECTOR, "a[href='/chart/carla']").click()
        check(f"study 1 of 1 · {second}" in driver.find_element(By.TAG_NAME, "main").text, "the charting page shows the study")
        field = driver.find_element(By.CSS_SELECTOR, "form[data-field='duration_months'] input[name='value']")
        field.clear()
        field.send_keys("12")
        driver.save_screenshot(str(shots / "serve-chart.png"))
        driver.find_element(By.CSS_SELECTOR, "form[data-field='duration_months'] button").click()
        check(wait_for(lambda: f"saved: duration_months = 12 for {second}" in driver.find_element(By.ID, "message").text),
              "the field is confirmed")
        charting = folder / "charting" / "carla.jsonl"
        entries = [json.loads(l) for l in charting.read_text(encoding="utf-8").splitlines()] if charting.exists() else []
        check([(e["study"], e["field"], e["value"]) for e in entries] == [(second, "duration_months", 12)],
              f"the charting log holds the field ({entries})")
        errors = console_errors(driver)
        check(errors == [], f"no console errors ({errors})")
    finally:
        driver.quit()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(folder, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scoping", default=str(ROOT / ".build" / "debug" / "scoping"))
    parser.add_argument("--screenshots", default="/tmp/scoping-browser", type=Path)
    args = parser.parse_args()
    args.screenshots.mkdir(parents=True, exist_ok=True)
    try:
        browser(800, 600).quit()
    except WebDriverException as error:
        print(f"the browser would not start: {error.msg}", file=sys.stderr)
        return 2
    test_serve(os.path.abspath(args.scoping), args.screenshots)
    print(f"screenshots in {args.screenshots}")
    if FAILURES:
        print(f"{len(FAILURES)} browser check(s) failed", file=sys.stderr)
        return 1
    print("serve browser tests passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
