#!/usr/bin/env python3
"""Evidence-report benchmark on the synthetic corpus of make_bench.py: the time of the report
beside the full make, and the report's size: pages, total bytes, the largest page.

    python3 Tests/Benchmarks/report_bench.py [--polframe .build/release/polframe] [--documents 10000] [--runs 3]

Per run: `make -B` (everything but the report); `make report` after removing report/ (the report
alone, written from nothing: only the report target is out of date); `make report` again (a no-op:
what any make costs to check 10,000 documents, which the report's own time leaves out); `make report -B` over the
report that is there (everything again, and the report, whose unchanged pages are not rewritten).
Wall and CPU seconds (user + system, from the child's rusage) are printed: on a loaded machine the
CPU figures are the steadier ones. Generates the corpus under /tmp (never in the repository) and
prints medians.
"""
import argparse, os, shutil, statistics, subprocess, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_bench import generate  # noqa: E402


def run(cmd):
    """Wall and CPU seconds of one fresh child."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    err = p.stderr.read().decode("utf-8", "replace")
    p.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), err))
    return wall, usage.ru_utime + usage.ru_stime


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
    report_dir = root + "/out/report"
    full, alone, noop, both = [], [], [], []
    for _ in range(a.runs):
        full.append(run([a.polframe, "make", "-B", "-q", "-f", pipeline]))
        shutil.rmtree(report_dir, ignore_errors=True)
        alone.append(run([a.polframe, "make", "report", "-q", "-f", pipeline]))
        noop.append(run([a.polframe, "make", "report", "-q", "-f", pipeline]))
        both.append(run([a.polframe, "make", "report", "-B", "-q", "-f", pipeline]))
    sizes = []
    for d, _, files in os.walk(report_dir):
        for f in files:
            sizes.append((os.path.getsize(os.path.join(d, f)), os.path.relpath(os.path.join(d, f), report_dir)))

    def med(xs, k):
        return statistics.median(x[k] for x in xs)
    big = max(sizes)
    print("documents: %d (medians of %d runs; wall s / CPU s)" % (a.documents, a.runs))
    print("full make -B: %.2f / %.2f" % (med(full, 0), med(full, 1)))
    print("the report alone, from nothing (make report without report/): %.2f / %.2f (%.1f%% / %.1f%% of the full make)"
          % (med(alone, 0), med(alone, 1), 100 * med(alone, 0) / med(full, 0), 100 * med(alone, 1) / med(full, 1)))
    own = (med(alone, 0) - med(noop, 0), med(alone, 1) - med(noop, 1))
    print("a no-op make report (every target up to date): %.2f / %.2f; the report target's own time (from nothing, less the no-op): "
          "%.2f / %.2f (%.1f%% / %.1f%% of the full make)" % (med(noop, 0), med(noop, 1), own[0], own[1],
                                                             100 * own[0] / med(full, 0), 100 * own[1] / med(full, 1)))
    extra = (med(both, 0) - med(full, 0), med(both, 1) - med(full, 1))
    print("make report -B over the last report: %.2f / %.2f; the report's share: %.2f / %.2f (%.1f%% / %.1f%% of the full make)"
          % (med(both, 0), med(both, 1), extra[0], extra[1], 100 * extra[0] / med(full, 0), 100 * extra[1] / med(full, 1)))
    print("report: %d files, %.1f MiB; largest page %s, %.2f MiB; overview %.1f KiB"
          % (len(sizes), sum(s for s, _ in sizes) / 2**20, big[1], big[0] / 2**20, os.path.getsize(report_dir + "/index.html") / 1024))


if __name__ == "__main__":
    main()
