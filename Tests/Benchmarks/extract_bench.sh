#!/bin/sh
# Extraction speed: polframe against trafilatura on the same pages in the same run.
#
#   Tests/Benchmarks/extract_bench.sh [POLFRAME_BINARY]
#
# Decompresses the aeb pages (html/*.html.gz) and copies the zh-cwced pages to a temporary
# folder, builds polframe in release mode unless a binary is given, installs trafilatura from
# PyPI into a virtual environment (in $TRAF_VENV, default /tmp/polframe-trafilatura), then
# prints pages/s for both on one thread and the ratio, by the clock and per CPU second (on a
# shared machine the CPU figure is the steadier one). The gold data stays where it is.
set -eu
BENCH=${POLFRAME_BENCH:-$(cd "$(dirname "$0")/../../.." && pwd)/shared/bench}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
VENV=${TRAF_VENV:-/tmp/polframe-trafilatura}
[ -d "$BENCH/extraction" ] || { echo "extract_bench: no benchmark data at $BENCH" >&2; exit 2; }

if [ $# -ge 1 ]; then
    POLFRAME=$1
else
    (cd "$REPO" && swift build -c release --scratch-path .build-ingest-release >&2)
    POLFRAME="$REPO/.build-ingest-release/release/polframe"
fi
# The benchmark commands live in polframe-bench beside polframe (older builds: `polframe bench`).
PBENCH=${POLFRAME_BENCH_BIN:-$(dirname "$POLFRAME")/polframe-bench}
bench() { if [ -x "$PBENCH" ]; then "$PBENCH" "$@"; else "$POLFRAME" bench "$@"; fi; }
if ! "$VENV/bin/python" -c "import trafilatura, lxml_html_clean" 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q trafilatura lxml_html_clean
fi

PAGES=$(mktemp -d)
trap 'rm -rf "$PAGES"' EXIT
mkdir -p "$PAGES/aeb" "$PAGES/zh"
for f in "$BENCH"/extraction/aeb/html/*.html.gz; do
    gunzip -c "$f" > "$PAGES/aeb/$(basename "$f" .gz)"
done
cp "$BENCH"/extraction/zh-cwced/original/*.html "$PAGES/zh/"

echo "== polframe ($POLFRAME)"
P=$(bench extract --json "$PAGES/aeb" "$PAGES/zh")
echo "$P"
echo "== trafilatura ($("$VENV/bin/python" -c 'import trafilatura; print(trafilatura.__version__)'))"
T=$("$VENV/bin/python" - "$PAGES" <<'PY'
import json, os, resource, sys, time
import trafilatura
root = sys.argv[1]
pages = []
for sub in ("aeb", "zh"):
    d = os.path.join(root, sub)
    for name in sorted(os.listdir(d)):
        pages.append(open(os.path.join(d, name), "rb").read())
best = best_cpu = float("inf")
for _ in range(2):  # best of 2 passes, like polframe's best of 3
    t, c = time.perf_counter(), time.process_time()
    for html in pages:
        trafilatura.extract(html)
    best_cpu = min(best_cpu, time.process_time() - c)
    best = min(best, time.perf_counter() - t)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"tool": "trafilatura", "pages": len(pages), "seconds": round(best, 4),
                  "pages_per_s": round(len(pages) / best, 1), "cpu_seconds": round(best_cpu, 4),
                  "pages_per_cpu_s": round(len(pages) / best_cpu, 1), "peak_rss_mib": round(peak, 1)}))
PY
)
echo "$T"
python3 - "$P" "$T" <<'PY'
import json, sys
p, t = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"polframe {p['pages_per_s']} pages/s (peak {p['peak_rss_mib']} MiB) | "
      f"trafilatura {t['pages_per_s']} pages/s (peak {t['peak_rss_mib']} MiB) | "
      f"ratio {p['pages_per_s'] / t['pages_per_s']:.1f}x (goal >= 10x)")
# Per CPU second: what each tool costs when the machine is shared (wall time then includes
# waiting for a processor, which hits the two tools' passes unevenly).
print(f"per CPU second: polframe {p['pages_per_cpu_s']} pages | trafilatura {t['pages_per_cpu_s']} pages | "
      f"ratio {p['pages_per_cpu_s'] / t['pages_per_cpu_s']:.1f}x")
PY
