#!/usr/bin/env python3
"""Sharded runs at scale (issue 20): a synthetic corpus of 100,000 documents (and 10,000),
built in N shards (`make --shard I/N`, each on one core) and merged (`polframe merge`), against
a single-machine make of the same corpus; prints a table of per-shard throughput (documents
per core-second) and of the merge's cost (wall time, peak memory, bytes of records read) as
the number of documents and of shards grows, and checks that every merge is byte-identical to
the single-machine make.

    python3 Tests/Benchmarks/shard_bench.py [--polframe .build-release/release/polframe]
        [--documents 10000,100000] [--shards 2,8,32] [--workdir /tmp]

The corpus is generated under --workdir (never in the repository) by make_bench.py's
generator, and removed at the end. Shards run one after another with -j 1, so a shard's CPU time
is what one core of a cluster would spend on it; the merge runs with the default -j. Times are
CPU seconds (user + system) from rusage, steadier than wall time on a shared machine; peak
memory is the largest resident set of the polframe process.
"""
import argparse, filecmp, os, shutil, subprocess, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_bench import generate  # noqa: E402  (the same corpus as the make benchmark)


def run(cmd):
    """Wall seconds, CPU seconds (user + system) and peak RSS (MiB) of one fresh child. On a
    shared machine the CPU time is the steadier measure of what a cluster core would spend."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    err = p.stderr.read().decode("utf-8", "replace")
    p.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), err))
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0


def outputs(folder):
    """Relative paths of the outputs (not polframe's state, not the shards)."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if d not in (".polframe", "shards")]
        found += [os.path.relpath(os.path.join(dirpath, f), folder) for f in filenames]
    return sorted(found)


def identical(a, b):
    names = outputs(a)
    return names == outputs(b) and all(filecmp.cmp(os.path.join(a, n), os.path.join(b, n), shallow=False) for n in names)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser()
    ap.add_argument("--polframe", default=repo + "/.build-release/release/polframe")
    ap.add_argument("--documents", default="10000,100000")
    ap.add_argument("--shards", default="2,8,32")
    ap.add_argument("--workdir", default="/tmp")
    a = ap.parse_args()
    if not os.path.exists(a.polframe):
        sys.exit("%s: build it first: swift build -c release --build-path .build-release" % a.polframe)
    rows = []
    for n in [int(x) for x in a.documents.split(",")]:
        root = os.path.join(a.workdir, "polframe-shard-bench-%d" % n)
        generate(root, n, repo + "/lexicons/ai-governance-framing.yaml")
        pipeline = root + "/p.yaml"
        single_wall, single_cpu, single_peak = run([a.polframe, "make", "-f", pipeline, "--quiet"])
        os.rename(root + "/out", root + "/single")
        print("%7d documents: single-machine make %.1f s wall, %.1f CPU-s (%.0f documents per CPU-second), peak %.0f MiB"
              % (n, single_wall, single_cpu, n / single_cpu, single_peak), flush=True)
        for k in [int(x) for x in a.shards.split(",")]:
            shard_dir = root + "/shards-%d" % k
            cpus, peaks = [], []
            for i in range(1, k + 1):
                _, cpu, peak = run([a.polframe, "make", "-f", pipeline, "--shard", "%d/%d" % (i, k), "--shard-dir", shard_dir, "-j", "1", "--quiet"])
                cpus.append(cpu)
                peaks.append(peak)
            records = sum(os.path.getsize(os.path.join(shard_dir, str(i), "records")) for i in range(1, k + 1))
            merge_wall, merge_cpu, merge_peak = run([a.polframe, "merge", "-f", pipeline, "--shard-dir", shard_dir, "--quiet"])
            same = identical(root + "/single", root + "/out")
            rows.append((n, k, sum(cpus), max(cpus), n / sum(cpus), max(peaks), records, merge_wall, merge_cpu, merge_peak, same))
            print("%7d documents, %2d shards: shards %.1f CPU-s in all (largest %.2f, %.0f documents per CPU-second, peak %.0f MiB); "
                  "records %.1f MB; merge %.2f s wall, %.2f CPU-s, peak %.0f MiB; %s" % (
                      n, k, sum(cpus), max(cpus), n / sum(cpus), max(peaks), records / 1e6, merge_wall, merge_cpu, merge_peak,
                      "byte-identical to the single make" if same else "DIFFERS from the single make"), flush=True)
            shutil.rmtree(root + "/out")
            shutil.rmtree(shard_dir)
        shutil.rmtree(root)
    print()
    print("| documents | shards | shard CPU-s (sum) | largest shard CPU-s | docs / CPU-s | shard peak MiB | records MB | merge wall s | merge CPU-s | merge peak MiB | identical |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in rows:
        print("| %d | %d | %.1f | %.2f | %.0f | %.0f | %.1f | %.2f | %.2f | %.0f | %s |" % (r[0], r[1], r[2], r[3], r[4], r[5], r[6] / 1e6, r[7], r[8], r[9], "yes" if r[10] else "NO"))
    if not all(r[10] for r in rows):
        sys.exit("a merge differs from the single-machine make")


if __name__ == "__main__":
    main()
