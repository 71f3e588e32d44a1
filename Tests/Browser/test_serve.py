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
import re
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


def stop(server):
    """Ctrl-C for the server (SIGTERM), then SIGKILL if it has not ended within 10 s."""
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()


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
        pairs = re.search(r"(\d+) duplicate pairs? awaiting review", page)
        check(pairs is None or (pairs.group(0).endswith("pair awaiting review") == (pairs.group(1) == "1")),
              f"the dashboard counts the pairs awaiting review in good English ({pairs and pairs.group(0)})")
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
        before = len(log_lines(folder, "carla"))
        press(driver, "e")
        press(driver, "9")
        check("no reason 9; exclusion cancelled" in driver.find_element(By.ID, "message").text,
              "e 9: no such reason, the exclusion is cancelled")
        press(driver, "s")
        check(wait_for(lambda: shown(driver) != first), "s: later, another record is shown")
        check(len(log_lines(folder, "carla")) == before, "e 9 and s write nothing")

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
        # The keys of scoping reconcile: n, a note, Enter keeps it; e then 1 (the stage's first reason, E4).
        press(driver, "n")
        check(driver.switch_to.active_element.get_attribute("name") == "note", "n: the note field has the focus")
        driver.switch_to.active_element.send_keys("setting is a hospital" + Keys.ENTER)
        check("note kept" in driver.find_element(By.ID, "message").text, "Enter keeps the note")
        check(log_lines(folder, "carla")[-1]["stage"] != "reconcile", "a note alone writes nothing")
        press(driver, "?")
        check(driver.find_element(By.ID, "help").is_displayed(), "?: the conflicts page's keys are shown")
        press(driver, "?")
        press(driver, "e")
        check("awaiting-reason" in driver.find_element(By.TAG_NAME, "main").get_attribute("class"),
              "e: waits for the reason's number")
        driver.save_screenshot(str(shots / "serve-reconcile.png"))
        press(driver, "1")
        check(wait_for(lambda: "No unresolved conflicts." in driver.find_element(By.TAG_NAME, "main").text),
              "e 1: the conflict is reconciled")
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
        focused = driver.switch_to.active_element
        first_field = driver.find_element(By.CSS_SELECTOR, "form.field input[name='value']")
        check(focused == first_field, "the first open field has the focus")
        focused.send_keys(Keys.ESCAPE)
        press(driver, "?")
        check(driver.find_element(By.ID, "help").is_displayed(), "?: the charting page's keys are shown")
        press(driver, "?")
        field = driver.find_element(By.CSS_SELECTOR, "form[data-field='duration_months'] input[name='value']")
        field.clear()
        field.send_keys("12")
        driver.save_screenshot(str(shots / "serve-chart.png"))
        field.send_keys(Keys.ENTER)
        check(wait_for(lambda: f"saved: duration_months = 12 for {second}" in driver.find_element(By.ID, "message").text),
              "the field is confirmed")
        charting = folder / "charting" / "carla.jsonl"
        entries = [json.loads(l) for l in charting.read_text(encoding="utf-8").splitlines()] if charting.exists() else []
        check([(e["study"], e["field"], e["value"]) for e in entries] == [(second, "duration_months", 12)],
              f"the charting log holds the field ({entries})")
        errors = console_errors(driver)
        check(errors == [], f"no console errors ({errors})")

        # Full text: the PDF beside the record. Both reviewers include the record carla has in front
        # of her at title/abstract (lines as their terminals write them): it goes on to full text.
        driver.get(url.split("/?")[0] + "/screen/carla/title-abstract")
        key = shown(driver)
        for reviewer in ("carla", "dora"):
            with open(folder / "screening" / f"{reviewer}.jsonl", "a", encoding="utf-8") as f:
                f.write(json.dumps({"time": "2026-12-01T12:00:00Z", "reviewer": reviewer, "stage": "title-abstract",
                                    "key": key, "decision": "include", "protocol": protocol_hash}) + "\n")
        driver.get(url.split("/?")[0] + "/screen/carla/full-text")
        check(shown(driver) == key, "the record included by both is at full text")
        (folder / "fulltext").mkdir(exist_ok=True)
        (folder / "fulltext" / (key.replace(":", "_").replace("/", "_") + ".pdf")).write_bytes(tiny_pdf(key))
        driver.get(url.split("/?")[0] + "/screen/carla/full-text")
        frames = driver.find_elements(By.CSS_SELECTOR, "figure.pdf iframe")
        check(len(frames) == 1, "the full text is framed beside the record")
        record_box = driver.find_element(By.ID, "record").rect
        frame_box = frames[0].rect if frames else {"x": 0}
        check(frame_box["x"] > record_box["x"] + record_box["width"] - 1, f"beside it, on the right ({frame_box})")
        time.sleep(1)
        driver.save_screenshot(str(shots / "serve-fulltext.png"))
        errors = [e for e in console_errors(driver) if "fulltext" not in e]
        check(errors == [], f"no console errors at full text ({errors})")
    finally:
        driver.quit()
        stop(server)
        shutil.rmtree(folder, ignore_errors=True)


def tiny_pdf(text):
    """A one-page PDF that says `text`."""
    stream = f"BT /F1 18 Tf 60 740 Td (Full text of {text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_team(scoping, shots):
    """`scoping serve --team`: a URL per reviewer, each acting only as themselves, the no-TLS notice."""
    folder = demo_copy(scoping)
    refused = subprocess.run([scoping, "serve", "--host", "0.0.0.0", "--review", str(folder)],
                             capture_output=True, text=True)
    check(refused.returncode == 64 and "--team" in refused.stderr, "--host 0.0.0.0 without --team is refused")
    server = subprocess.Popen([scoping, "serve", "--port", "0", "--team", "--review", str(folder)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    urls = dict(server.stdout.readline().split() for _ in range(2))
    check(sorted(urls) == ["carla", "dora"], f"a URL per reviewer ({sorted(urls)})")
    stored = (folder / ".scoping" / "serve-tokens.json").read_text(encoding="utf-8")
    check(all(url.split("token=")[1] not in stored for url in urls.values()), "the tokens are not stored in clear")
    driver = browser(1280, 900)
    try:
        driver.get(urls["carla"])
        base = urls["carla"].split("/?")[0]
        notice = driver.find_element(By.ID, "team-notice").text
        check("you are carla" in notice and "no TLS" in notice, f"the dashboard says who and that there is no TLS")
        check(not driver.find_elements(By.CSS_SELECTOR, "a[href^='/screen/dora/']"), "no link to dora's pages")
        driver.save_screenshot(str(shots / "serve-team.png"))
        driver.get(base + "/screen/dora/title-abstract")
        check("Not your page" in driver.find_element(By.TAG_NAME, "body").text, "dora's page is refused to carla")
        driver.save_screenshot(str(shots / "serve-team-refused.png"))
        driver.find_element(By.PARTIAL_LINK_TEXT, "Back to the dashboard").click()
        check(wait_for(lambda: "you are carla" in driver.find_element(By.TAG_NAME, "body").text),
              "the refusal page leads back to carla's dashboard")
        driver.get(base + "/screen/carla/title-abstract")
        first = shown(driver)
        press(driver, "i")
        check(wait_for(lambda: f"saved: include {first}" in driver.find_element(By.ID, "message").text),
              "carla screens as herself")
        check(log_lines(folder, "carla")[-1]["key"] == first, "in her own log")
    finally:
        driver.quit()
        stop(server)
        quiet = server.stderr.read()
        check("Server started" not in quiet, f"the framework's own log lines stay quiet ({quiet!r})")
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
    test_team(os.path.abspath(args.scoping), args.screenshots)
    print(f"screenshots in {args.screenshots}")
    if FAILURES:
        print(f"{len(FAILURES)} browser check(s) failed", file=sys.stderr)
        return 1
    print("serve browser tests passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
