#!/usr/bin/env python3
"""Evidence-report benchmark on the synthetic corpus of make_bench.py: the time of
`polframe make report` after a full make (the report alone), beside the full make, and the
report's size: pages, total bytes, the largest page.

    python3 Tests/Benchmarks/report_bench.py [--polframe .build/release/polframe] [--documents 10000] [--runs 3]

Generates the corpus under /tmp (never in the repository) and prints medians.
"""
import argparse, os, statistics, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_bench import generate, run  # noqa: E402


def main():
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap = argparse.ArgumentParser()
    ap.add_argument("--polframe", default=repo + "/.build/release/polframe")
    ap.add_argument("--documents", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--workdir", default="/tmp")
    a = ap.parse_args()
    root = os.path.join(a.workdir, "polframe-report-bench-%d" % a.documents)
    generate(root, a.documents, repo + "/lexicons/ai-governance-framing.yaml")
    pipeline = root + "/p.yaml"
    full, rep = [], []
    for _ in range(a.runs):
        full.append(run([a.polframe, "make", "-B", "-q", "-f", pipeline])[0])
        rep.append(run([a.polframe, "make", "report", "-B", "-q", "-f", pipeline])[0])
    # `make report -B` rebuilds everything and the report: the report's own share is the
    # difference from a plain `make -B` of the same corpus.
    report_dir = root + "/out/report"
    sizes = []
    for d, _, files in os.walk(report_dir):
        for f in files:
            sizes.append((os.path.getsize(os.path.join(d, f)), os.path.relpath(os.path.join(d, f), report_dir)))
    f, r = statistics.median(full), statistics.median(rep)
    big = max(sizes)
    print("documents: %d" % a.documents)
    print("full make -B: %.2f s (median of %d)" % (f, a.runs))
    print("make report -B: %.2f s; the report alone: %.2f s (%.1f%% of the full make)" % (r, r - f, 100 * (r - f) / f))
    print("report: %d files, %.1f MiB; largest page %s, %.2f MiB; overview %.1f KiB"
          % (len(sizes), sum(s for s, _ in sizes) / 2**20, big[1], big[0] / 2**20, os.path.getsize(report_dir + "/index.html") / 1024))


if __name__ == "__main__":
    main()
