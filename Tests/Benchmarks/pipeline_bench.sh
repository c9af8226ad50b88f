#!/bin/sh
# End to end: `polframe make -B` (release build) against the Python stack a researcher would
# otherwise use (trafilatura, jieba, a dictionary counter, pandas: pipeline_python.py), on the
# same pipelines, corpus and lexicon, in the same run. Goal: polframe >= 20x faster.
#
#   Tests/Benchmarks/pipeline_bench.sh [PIPELINE.yaml...]
#
# Default pipelines: pipelines/us-china-ai.yaml and pipelines/annual-addresses.yaml, over
# $POLFRAME_CORPUS (default ../shared/corpus, read in place). Environment: RUNS (default 3,
# the median is reported), POLFRAME (a binary; else `swift build -c release` into
# $SCRATCH, default .build-bench-static, linked with --static-swift-stdlib as a command-line tool
# is shipped: the Swift runtime and Foundation inside the executable, so a run does not spend
# ~6 ms loading and relocating their shared libraries), PIPELINE_VENV (default /tmp/polframe-pipeline-venv,
# created with trafilatura, lxml_html_clean, jieba, pandas, pyyaml, markdown from PyPI).
#
# Honesty: both read the same manifest, documents and lexicon files and apply the pipeline's
# passage filter. polframe writes into a fresh temporary folder with -B each run (no cache, no
# state); Python starts a fresh interpreter each run (imports and jieba's dictionary load are
# timed; jieba's own prefix-dictionary cache in /tmp is left warm, which favours Python).
# The operating system's file cache is warm for both (runs alternate). polframe uses every
# core (-j default); its one-core time is printed too.
set -eu
REPO=$(cd "$(dirname "$0")/../.." && pwd)
cd "$REPO"
CORPUS=${POLFRAME_CORPUS:-$REPO/../shared/corpus}
RUNS=${RUNS:-3}
VENV=${PIPELINE_VENV:-/tmp/polframe-pipeline-venv}
SCRATCH=${SCRATCH:-.build-bench-static}
[ -d "$CORPUS" ] || { echo "pipeline_bench: no corpus at $CORPUS" >&2; exit 2; }
if [ $# -ge 1 ]; then PIPELINES="$*"; else PIPELINES="pipelines/us-china-ai.yaml pipelines/annual-addresses.yaml"; fi

if [ -z "${POLFRAME:-}" ]; then
    if ! swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product polframe >&2; then
        echo "pipeline_bench: a static build failed; measuring a dynamically linked one" >&2
        SCRATCH=$SCRATCH-dynamic
        swift build -c release --scratch-path "$SCRATCH" --product polframe >&2
    fi
    POLFRAME="$REPO/$SCRATCH/release/polframe"
fi
if ! "$VENV/bin/python" -c "import trafilatura, jieba, pandas, yaml, markdown" 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q trafilatura lxml_html_clean jieba pandas pyyaml markdown
fi
PY="$VENV/bin/python"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "polframe $("$POLFRAME" --version 2>/dev/null || echo '?'), $("$PY" -c 'import trafilatura, jieba, pandas, sys; print(f"Python {sys.version.split()[0]}, trafilatura {trafilatura.__version__}, jieba {jieba.__version__}, pandas {pandas.__version__}")')"
echo "corpus $CORPUS, $RUNS runs each, median; $(nproc) cores"

for PIPE in $PIPELINES; do
    NAME=$(basename "$PIPE" .yaml)
    # The same pipeline with absolute paths and its output in the temporary folder, so the
    # committed output/ and its cache are never touched.
    "$PY" - "$PIPE" "$TMP/$NAME.yaml" "$TMP/polframe-$NAME" <<'PYEOF'
import os, sys, yaml
src, dst, out = sys.argv[1:]
base = os.path.dirname(os.path.abspath(src))
p = yaml.safe_load(open(src, encoding="utf-8"))
p["corpus"]["manifest"] = os.path.join(base, p["corpus"]["manifest"])
p["lexicons"] = [os.path.join(base, l) for l in p["lexicons"]]
p["output"] = out
yaml.safe_dump(p, open(dst, "w", encoding="utf-8"), allow_unicode=True, sort_keys=False)
PYEOF
    : > "$TMP/p.times"; : > "$TMP/p1.times"; : > "$TMP/py.times"
    for _ in $(seq "$RUNS"); do
        rm -rf "$TMP/polframe-$NAME"
        t0=$(now); "$POLFRAME" make -B -q -f "$TMP/$NAME.yaml" --corpus "$CORPUS" >/dev/null; t1=$(now)
        echo "$t1 - $t0" | bc >> "$TMP/p.times"
        rm -rf "$TMP/python-$NAME"
        t0=$(now); "$PY" Tests/Benchmarks/pipeline_python.py "$PIPE" --corpus "$CORPUS" --out "$TMP/python-$NAME" >/dev/null; t1=$(now)
        echo "$t1 - $t0" | bc >> "$TMP/py.times"
        rm -rf "$TMP/polframe1-$NAME"; sed "s|$TMP/polframe-$NAME|$TMP/polframe1-$NAME|" "$TMP/$NAME.yaml" > "$TMP/$NAME-1.yaml"
        t0=$(now); "$POLFRAME" make -B -q -j 1 -f "$TMP/$NAME-1.yaml" --corpus "$CORPUS" >/dev/null; t1=$(now)
        echo "$t1 - $t0" | bc >> "$TMP/p1.times"
    done
    P=$(median < "$TMP/p.times"); P1=$(median < "$TMP/p1.times"); Q=$(median < "$TMP/py.times")
    DOCS=$(($(wc -l < "$TMP/polframe-$NAME/documents.csv") - 1))
    echo
    echo "== $NAME ($DOCS documents)"
    awk -v p="$P" -v p1="$P1" -v q="$Q" 'BEGIN {
        printf "polframe make -B   %8.3f s   (one core: %.3f s)\n", p, p1
        printf "python stack       %8.3f s\n", q
        printf "ratio              %8.1fx     (one core: %.1fx)   goal >= 20x\n", q / p, q / p1 }'
    "$PY" Tests/Benchmarks/pipeline_agreement.py "$TMP/polframe-$NAME" "$TMP/python-$NAME"
done
