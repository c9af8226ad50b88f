#!/bin/sh
# Long fuzz run of the readers: seeded mutations of real pages through `polframe-bench extract
# --fuzz`, in batches of child processes so that a crash is counted (and its input kept) rather
# than ending the run.
#
#   Tests/Benchmarks/extract_fuzz.sh [EXECUTIONS] [BATCH] [POLFRAME_BINARY]
#
# Seeds: the zh-cwced pages (GBK, undeclared charsets) and a sample of aeb pages, plus the
# Markdown/text documents of the shared corpus. Crashing inputs are kept in $FUZZ_OUT
# (default /tmp/polframe-fuzz). Prints executions, documents, reading errors and crashes.
set -eu
N=${1:-20000}
BATCH=${2:-2000}
BENCH=${POLFRAME_BENCH:-$(cd "$(dirname "$0")/../../.." && pwd)/shared/bench}
CORPUS=${POLFRAME_CORPUS:-$(cd "$(dirname "$0")/../../.." && pwd)/shared/corpus}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${FUZZ_OUT:-/tmp/polframe-fuzz}
if [ $# -ge 3 ]; then
    POLFRAME=$3
else
    (cd "$REPO" && swift build -c release --scratch-path .build-ingest-release >&2)
    POLFRAME="$REPO/.build-ingest-release/release/polframe"
fi
# The benchmark commands live in polframe-bench beside polframe (older builds: `polframe bench`).
PBENCH=${POLFRAME_BENCH_BIN:-$(dirname "$POLFRAME")/polframe-bench}
bench() { if [ -x "$PBENCH" ]; then "$PBENCH" "$@"; else "$POLFRAME" bench "$@"; fi; }
SEEDS=$(mktemp -d)
trap 'rm -rf "$SEEDS"' EXIT
mkdir -p "$OUT"
cp "$BENCH"/extraction/zh-cwced/original/*.html "$SEEDS/" 2>/dev/null || true
for f in $(ls "$BENCH"/extraction/aeb/html/*.html.gz 2>/dev/null | head -30); do
    gunzip -c "$f" > "$SEEDS/$(basename "$f" .gz)"
done
find "$CORPUS" -name '*.md' -size -200k 2>/dev/null | head -20 | while read -r f; do cp "$f" "$SEEDS/"; done
find "$CORPUS" -name '*.txt' -size -200k 2>/dev/null | head -10 | while read -r f; do cp "$f" "$SEEDS/"; done

runs=0; crashes=0; docs=0; errs=0; seed=1
while [ "$runs" -lt "$N" ]; do
    if R=$(bench extract --json --fuzz "$BATCH" --seed "$seed" --last-input "$OUT/current" "$SEEDS" 2>/dev/null); then
        d=$(echo "$R" | python3 -c 'import json,sys; o=json.load(sys.stdin); print(o["documents"], o["errors"])')
        docs=$((docs + ${d% *})); errs=$((errs + ${d#* }))
    else
        crashes=$((crashes + 1))
        cp "$OUT/current" "$OUT/crash-seed$seed.bin"
        echo "extract_fuzz: crash in batch with seed $seed; last input kept in $OUT/crash-seed$seed.bin" >&2
    fi
    runs=$((runs + BATCH)); seed=$((seed + 1))
done
echo "polframe fuzz: $runs executions ($((seed - 1)) batches of $BATCH), $docs documents, $errs reading errors, $crashes crashing batches"
