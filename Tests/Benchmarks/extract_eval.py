#!/usr/bin/env python3
"""Main-text extraction and date accuracy of `polframe ingest --json` on the gold sets.

Usage: Tests/Benchmarks/extract_eval.py [--polframe PATH] [--bench DIR] [--keep DIR] [--peer]

For each gold set (aeb: English news, zh: zh-cwced Chinese portals) it copies the pages to a
temporary folder (aeb pages are gzipped; polframe reads them as .html), runs one
`polframe ingest --json` over them, writes {"output": {id: {"articleBody": text}}} and runs the
benchmark's own scorer (bench/tools/extract_score.py). It then prints the F1 to quote (shingle4
on aeb, shingle4_cjk on zh) and, for zh, exact-date accuracy against eval/date_ground.json.
With --peer it also scores trafilatura (pip install trafilatura) on the same pages.
The gold data is read in place; nothing is copied into the repository.
"""
import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def stage(bench, name, tmp):
    """Writes the set's pages as ID.html into tmp/name and returns the ids."""
    out = os.path.join(tmp, name)
    os.makedirs(out, exist_ok=True)
    ids = []
    if name == "aeb":
        d = os.path.join(bench, "extraction", "aeb")
        for k in sorted(json.load(open(os.path.join(d, "ground-truth.json"), encoding="utf-8"))):
            with gzip.open(os.path.join(d, "html", k + ".html.gz"), "rb") as f:
                open(os.path.join(out, k + ".html"), "wb").write(f.read())
            ids.append(k)
    else:
        d = os.path.join(bench, "extraction", "zh-cwced")
        for k in sorted(json.load(open(os.path.join(d, "eval", "cleaned_ground.json"), encoding="utf-8"))):
            shutil.copyfile(os.path.join(d, "original", k + ".html"), os.path.join(out, k + ".html"))
            ids.append(k)
    return out, ids


def run_polframe(polframe, folder, ids):
    files = [os.path.join(folder, k + ".html") for k in ids]
    p = subprocess.run([polframe, "ingest", "--json"] + files, capture_output=True, text=True)
    rows = {}
    for line in p.stdout.splitlines():
        if line.strip():
            o = json.loads(line)
            rows[os.path.basename(o["path"])[:-len(".html")]] = o
    return rows


def run_trafilatura(folder, ids):
    import trafilatura
    out = {}
    for k in ids:
        html = open(os.path.join(folder, k + ".html"), "rb").read()
        out[k] = trafilatura.extract(html) or ""
    return out


def score(bench, dataset, texts, tmp, label):
    pred = os.path.join(tmp, f"{label}-{dataset}.json")
    json.dump({"version": label, "output": {k: {"articleBody": v} for k, v in texts.items()}}, open(pred, "w", encoding="utf-8"),
              ensure_ascii=False)
    res = os.path.join(tmp, f"{label}-{dataset}-score.json")
    p = subprocess.run([sys.executable, os.path.join(bench, "tools", "extract_score.py"), dataset, pred,
                        "--json", res, "--n-bootstrap", "100"], capture_output=True, text=True)
    if p.returncode != 0:
        print(p.stdout, p.stderr, file=sys.stderr)
        return None
    return p.stdout, json.load(open(res))[f"{label}-{dataset}"]


def date_accuracy(bench, rows):
    gold = json.load(open(os.path.join(bench, "extraction", "zh-cwced", "eval", "date_ground.json"), encoding="utf-8"))
    known = exact = unknown_right = unknown = 0
    misses = []
    for k, v in sorted(gold.items()):
        g = v["articleBody"].strip()
        got = (rows.get(k) or {}).get("date")
        if g.upper() in ("UNKNOWN", "UNKNWON") or not re.match(r"\d{4}", g):
            # UNKNOWN (and two malformed gold values: an empty string and an author's name).
            unknown += 1
            unknown_right += got is None
            continue
        known += 1
        m = re.match(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", g)
        want = "-".join(f"{int(x):02d}" for x in m.groups() if x)
        got = got or (rows.get(k) or {}).get("date_value")
        if got == want:
            exact += 1
        else:
            misses.append((k, want, got, (rows.get(k) or {}).get("date_source")))
    return known, exact, unknown, unknown_right, misses


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--polframe", default=os.path.join(REPO, ".build-ingest-release", "release", "polframe"))
    ap.add_argument("--bench", default=os.environ.get("POLFRAME_BENCH", os.path.normpath(os.path.join(REPO, "..", "shared", "bench"))))
    ap.add_argument("--keep", help="keep predictions and scores in this folder")
    ap.add_argument("--peer", action="store_true", help="also score trafilatura")
    ap.add_argument("--sets", default="aeb,zh")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    if not os.path.isdir(a.bench):
        sys.exit(f"extract_eval: no benchmark folder at {a.bench}")
    tmp = a.keep or tempfile.mkdtemp(prefix="polframe-eval-")
    os.makedirs(tmp, exist_ok=True)
    metric = {"aeb": "shingle4_w", "zh": "shingle4_cjk"}
    for name in a.sets.split(","):
        folder, ids = stage(a.bench, name, tmp)
        rows = run_polframe(a.polframe, folder, ids)
        texts = {k: (rows.get(k) or {}).get("text") or "" for k in ids}
        failed = [k for k in ids if (rows.get(k) or {}).get("status") != "ok"]
        out, res = score(a.bench, name, texts, tmp, "polframe")
        if a.verbose:
            print(out)
        print(f"{name}: polframe {summary(res, name)}; {len(failed)} pages not ok {failed[:5]}")
        if name == "zh":
            known, exact, unknown, unknown_right, misses = date_accuracy(a.bench, rows)
            print(f"zh dates: {exact}/{known} exact = {exact / known:.3f} on pages with a gold date; "
                  f"{unknown_right}/{unknown} UNKNOWN pages left without a date; "
                  f"all pages {(exact + unknown_right) / (known + unknown):.3f}")
            if a.verbose:
                for m in misses:
                    print("  date miss", *m)
        if a.peer:
            traf = run_trafilatura(folder, ids)
            out, res = score(a.bench, name, traf, tmp, "trafilatura")
            print(f"{name}: trafilatura {summary(res, name)}")
    if not a.keep:
        shutil.rmtree(tmp, ignore_errors=True)


def summary(res, name):
    """The figure to quote: shingle4 of \\w+ tokens on aeb, with Han characters as tokens on zh."""
    metric = "shingle4_cjk" if name == "zh" else "shingle4_w"
    m = res[metric]
    return f"{metric} F1 {m['f1']:.3f} (P {m['precision']:.3f} R {m['recall']:.3f})"


if __name__ == "__main__":
    main()
