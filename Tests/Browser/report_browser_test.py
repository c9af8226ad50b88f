#!/usr/bin/env python3
"""Opens a polframe evidence report in headless Chromium from file:// and checks it as a reader
would use it.

Usage: Tests/Browser/report_browser_test.py OUTPUT_DIR [--screenshots DIR]

OUTPUT_DIR is a pipeline's output folder after `polframe make report` (it holds report/ and
matches.csv). The test fails on any console error, any broken link, or any request leaving the
machine (only file:, data:, blob: and about: URLs are allowed); it walks overview -> cell ->
document, checks that the highlighted passages of the document equal its matches.csv rows,
labels two passages on the coding page from the keyboard and checks the exported CSV (when the
output folder holds the validation sample's sheet, validation_sheet.csv, the exported rows must be
its rows, in order, with the same passages, weights and contexts). Documents share files, each
under its own anchor: every link's anchor must exist in the file it points to. It writes
a screenshot of each page it visits and prints their paths. Needs Debian's chromium and
chromium-driver and `pip install selenium`.
"""
import argparse
import csv
import io
import json
import os
import sys
import tempfile
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

ALLOWED = ("file:", "data:", "blob:", "about:", "chrome:", "devtools:")
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def driver_for():
    opts = webdriver.ChromeOptions()
    opts.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1600",
              "--allow-file-access-from-files", "--no-first-run", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--disable-default-apps"):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(service=service, options=opts)


def check_logs(d, page):
    for e in d.get_log("browser"):
        if e.get("level") == "SEVERE":
            fail("console error on %s: %s" % (page, e.get("message")))
    for e in d.get_log("performance"):
        msg = json.loads(e["message"])["message"]
        if msg.get("method") == "Network.requestWillBeSent":
            url = msg["params"]["request"]["url"]
            if not url.startswith(ALLOWED):
                fail("request leaving the machine on %s: %s" % (page, url))


ids_of = {}


def check_links(d, page):
    """Every relative link of the page points to a file that exists, and to an anchor in it."""
    for a in d.find_elements(By.CSS_SELECTOR, "a[href]"):
        href = a.get_attribute("href")
        if not href.startswith("file:"):
            continue
        url = urllib.parse.urlparse(href)
        path = urllib.parse.unquote(url.path)
        if not os.path.exists(path):
            fail("broken link on %s: %s" % (page, href))
        elif url.fragment:
            if path not in ids_of:
                with open(path, encoding="utf-8") as f:
                    ids_of[path] = f.read()
            if 'id="%s"' % urllib.parse.unquote(url.fragment) not in ids_of[path]:
                fail("link to a missing anchor on %s: %s" % (page, href))


def visit(d, url, shots, name):
    d.get(url)
    d.implicitly_wait(2)
    # How long the page took to load from disk (printed, never asserted: speed is for benchmarks).
    ms = d.execute_script("var t = performance.getEntriesByType('navigation')[0]; return t ? Math.round(t.loadEventEnd) : -1;")
    print("loaded %s in %s ms" % (name, ms))
    path = os.path.join(shots, name + ".png")
    d.save_screenshot(path)
    print("screenshot: " + path)
    check_logs(d, url)
    check_links(d, url)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("output")
    ap.add_argument("--screenshots", default=None)
    ap.add_argument("--polframe", default=None, help="a polframe binary: the exported sheet must be read by `validate score`")
    ap.add_argument("--pipeline", default=None, help="the pipeline file, for --polframe")
    ap.add_argument("--corpus", default=None, help="the corpus folder, for --polframe")
    args = ap.parse_args()
    out = os.path.abspath(args.output)
    report = os.path.join(out, "report")
    if not os.path.isfile(os.path.join(report, "index.html")):
        print("FAIL: no report at %s (run `polframe make report`)" % report)
        return 1
    shots = args.screenshots or tempfile.mkdtemp(prefix="polframe-report-shots-")
    os.makedirs(shots, exist_ok=True)
    matches = {}
    with open(os.path.join(out, "matches.csv"), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r.get("excluded", "false") != "true":
                matches.setdefault(r["doc_id"], set()).add((int(r["start"]), int(r["end"]), r["text"]))

    d = driver_for()
    try:
        # Overview -> the cell with the most hits -> its first document.
        visit(d, "file://" + report + "/index.html", shots, "1-overview")
        cells = d.find_elements(By.CSS_SELECTOR, "section[aria-labelledby='series'] a[href*='cells/']")
        if not cells:
            fail("the overview links to no cell page")
            return 1
        rows = d.find_elements(By.CSS_SELECTOR, "section[aria-labelledby='series'] tbody tr")
        best = max(rows, key=lambda tr: int(tr.find_elements(By.TAG_NAME, "td")[4].text or 0))
        cell_url = best.find_element(By.CSS_SELECTOR, "a").get_attribute("href")
        visit(d, cell_url, shots, "2-cell")
        passages = d.find_elements(By.CSS_SELECTOR, "ol.passages mark")
        if not passages:
            fail("the cell page shows no highlighted passage: " + cell_url)
        doc_links = d.find_elements(By.CSS_SELECTOR, "table a[href*='docs/']")
        if not doc_links:
            fail("the cell page links to no document")
            return 1
        doc_url = doc_links[0].get_attribute("href")
        visit(d, doc_url, shots, "3-document")
        # Documents share files: the link's anchor names the document's section.
        anchor = urllib.parse.urlparse(doc_url).fragment
        if not anchor:
            fail("a link to a document names no anchor: " + doc_url)
            return 1
        section = d.find_element(By.ID, anchor)
        doc_id = section.find_element(By.XPATH, ".//td[text()='doc_id']/following-sibling::td").text
        marks = set()
        for m in section.find_elements(By.CSS_SELECTOR, ".doctext mark"):
            marks.add((int(m.get_attribute("data-start")), int(m.get_attribute("data-end")), m.text))
        pages = section.find_elements(By.CSS_SELECTOR, "nav.pager a")
        if pages:
            print("note: %s has %d more pages of text; checking marks on the first page only" % (doc_id, len(pages)))
            expected = {m for m in matches.get(doc_id, set()) if m in marks or m[1] <= max([x[1] for x in marks] or [0])}
        else:
            expected = matches.get(doc_id, set())
        if marks != expected:
            fail("highlighted passages of %s differ from matches.csv: %d marks, %d rows; only marked: %s; only in CSV: %s"
                 % (doc_id, len(marks), len(expected), sorted(marks - expected)[:3], sorted(expected - marks)[:3]))
        else:
            print("ok: %s highlights exactly its %d matches.csv spans" % (doc_id, len(marks)))

        # The coding page: label two passages from the keyboard, export, read the CSV back.
        visit(d, "file://" + report + "/coding.html", shots, "4-coding")
        d.execute_script("localStorage.clear()")
        d.refresh()
        coder = d.find_element(By.ID, "coder")
        coder.send_keys("tester")
        coder.send_keys(Keys.TAB)
        items = d.find_elements(By.CSS_SELECTOR, "#coding li")
        if len(items) < 2:
            fail("the coding page has fewer than two passages")
            return 1
        items[0].click()
        body = d.find_element(By.TAG_NAME, "body")
        body.send_keys("1")
        body.send_keys("0")
        d.find_element(By.ID, "export").click()
        text = d.find_element(By.ID, "sheet").get_attribute("value")
        sheet = list(csv.DictReader(io.StringIO(text)))
        coded = [r for r in sheet if r["correct"] != ""]
        first = [(items[k].get_attribute("data-doc-id"), items[k].get_attribute("data-start")) for k in (0, 1)]
        got = [((r["doc_id"], r["start"]), r["correct"], r["coder"]) for r in coded]
        if got != [(first[0], "1", "tester"), (first[1], "0", "tester")] or any(r["kind"] not in ("match", "unmatched") for r in sheet):
            fail("exported sheet does not hold the two labels: %s" % got)
        else:
            print("ok: coding page exported %d rows, 2 coded (the first correct, the second not)" % len(sheet))
        drawn = os.path.join(out, "validation_sheet.csv")
        if os.path.isfile(drawn):
            # The page codes the validation sample: the same passages, ids, weights and contexts.
            with open(drawn, encoding="utf-8", newline="") as f:
                want = list(csv.DictReader(f))
            fixed = [c for c in want[0].keys() if c not in ("correct", "coder", "missed", "note")] if want else []
            if [[r[c] for c in fixed] for r in sheet] != [[r[c] for c in fixed] for r in want]:
                fail("the exported rows are not the rows of %s (%d exported, %d in the sheet)" % (drawn, len(sheet), len(want)))
            else:
                print("ok: the exported rows are the %d rows of the validation sample's sheet, in order" % len(want))
        else:
            print("note: no validation_sheet.csv: the coding page used a sample of its own")
        if args.polframe:
            import subprocess
            tmp = tempfile.mkdtemp(prefix="polframe-coded-")
            with open(os.path.join(tmp, "coded.csv"), "w", encoding="utf-8") as f:
                f.write(text)
            cmd = [args.polframe, "validate", "score", os.path.join(tmp, "coded.csv"), "-o", tmp]
            if args.pipeline:
                cmd += ["-f", args.pipeline]
            if args.corpus:
                cmd += ["--corpus", args.corpus]
            p = subprocess.run(cmd, capture_output=True, text=True)
            if p.returncode != 0 or not os.path.isfile(os.path.join(tmp, "validation.csv")):
                fail("polframe validate score does not read the exported sheet: %s %s" % (p.stdout[-500:], p.stderr[-500:]))
            else:
                print("ok: polframe validate score reads the exported sheet (%s)" % os.path.join(tmp, "validation.csv"))
        d.refresh()
        kept = d.find_elements(By.CSS_SELECTOR, "#coding li[data-label='1']")
        if len(kept) != 1:
            fail("labels were not kept in the browser after a reload")
        d.save_screenshot(os.path.join(shots, "5-coding-labelled.png"))
        print("screenshot: " + os.path.join(shots, "5-coding-labelled.png"))
        check_logs(d, "coding.html")
        visit(d, "file://" + report + "/lexicon.html", shots, "6-lexicon")
    finally:
        d.quit()
    print("report browser test: " + ("ok" if not failures else "%d problems" % len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
