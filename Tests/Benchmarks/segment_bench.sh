#!/bin/sh
# Segmentation speed: polframe (release build) beside jieba on the same text, in the same run,
# and polframe's peak memory on a 50 MB document.
#
# Usage: Tests/Benchmarks/segment_bench.sh [TEXT_FILE]
# Without TEXT_FILE the SIGHAN 2005 PKU test text (../shared/bench, read in place, never copied
# into the repository) is repeated to about 10 MB in a temporary folder. Last, the analyzer's
# speed on English: the White House AI documents of ../shared/corpus/wh-ai, repeated to about
# 20 MB (no peer: jieba is for Chinese).
set -eu
cd "$(dirname "$0")/../.."
BENCH=${BENCH:-../shared/bench}
SCRATCH=${SCRATCH:-.build-text-release}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

python3 -c 'import jieba' 2>/dev/null || pip install --quiet jieba
swift build -c release --scratch-path "$SCRATCH" --product polframe > "$TMP/build.log" 2>&1 || { tail -20 "$TMP/build.log"; exit 1; }
swift build -c release --scratch-path "$SCRATCH" --product polframe-bench >> "$TMP/build.log" 2>&1 || { tail -20 "$TMP/build.log"; exit 1; }
POLFRAME="$SCRATCH/release/polframe"
# The benchmark commands live in polframe-bench beside polframe (older builds: `polframe bench`).
PBENCH=${POLFRAME_BENCH_BIN:-$(dirname "$POLFRAME")/polframe-bench}
bench() { if [ -x "$PBENCH" ]; then "$PBENCH" "$@"; else "$POLFRAME" bench "$@"; fi; }

TEXT=${1:-}
if [ -z "$TEXT" ]; then
    TEXT="$TMP/text.txt"
    for _ in $(seq 20); do cat "$BENCH/segmentation/pku/pku_test.utf8"; done > "$TEXT"
fi

echo "== polframe (built-in dictionary)"
bench segment "$TEXT" --repeats 3 | tee "$TMP/polframe.txt"
echo "== polframe segment (the command, same text, best of 3)"
best=""
for _ in 1 2 3; do
    t0=$(date +%s.%N); "$POLFRAME" segment < "$TEXT" > "$TMP/segmented.txt"; t1=$(date +%s.%N)
    best=$(awk -v a="$t0" -v b="$t1" -v best="$best" 'BEGIN{d=b-a; if (best=="" || d<best) print d; else print best}')
done
c=$(awk -F'\t' '$1=="chars"{print $2}' "$TMP/polframe.txt")
s=$(awk -v c="$c" -v t="$best" 'BEGIN{printf "%d", c/t}')
printf "seconds\t%.3f\nchars_per_s\t%s\n" "$best" "$s" | tee "$TMP/command.txt"
echo "== jieba $(python3 -c 'import jieba; print(jieba.__version__)') (default, HMM on)"
python3 Tests/Benchmarks/segment_jieba.py "$TEXT" | tee "$TMP/jieba.txt"
echo "== jieba (HMM off)"
python3 Tests/Benchmarks/segment_jieba.py "$TEXT" --no-hmm | tee "$TMP/jieba_nohmm.txt"

p=$(awk -F'\t' '$1=="chars_per_s"{print $2}' "$TMP/polframe.txt")
j=$(awk -F'\t' '$1=="chars_per_s"{print $2}' "$TMP/jieba.txt")
k=$(awk -F'\t' '$1=="chars_per_s"{print $2}' "$TMP/jieba_nohmm.txt")
echo "== ratio"
awk -v p="$p" -v j="$j" -v k="$k" 'BEGIN{printf "polframe %d chars/s, jieba %d chars/s (HMM off %d): %.1fx (%.1fx), goal >= 10x\n", p, j, k, p/j, p/k}'
awk -v p="$p" -v s="$s" 'BEGIN{printf "polframe segment %d chars/s = %.0f%% of the engine (polframe-bench segment), goal >= 80%%\n", s, 100*s/p}'

echo "== peak memory on a 50 MB document (streamed in 64 KiB chunks)"
BIG="$TMP/big.txt"; : > "$BIG"
while [ "$(wc -c < "$BIG" 2>/dev/null || echo 0)" -lt 52428800 ]; do cat "$TEXT" >> "$BIG"; done
ls -l "$BIG" | awk '{print "bytes\t" $5}'
bench segment "$BIG" | grep -E 'chars_per_s|peak_rss'

CORPUS=${CORPUS:-../shared/corpus}
if ls "$CORPUS"/wh-ai/*.md > /dev/null 2>&1; then
    echo "== English (wh-ai documents repeated): normalize, words, sentences"
    EN="$TMP/english.txt"
    for _ in $(seq 10); do cat "$CORPUS"/wh-ai/*.md; done > "$EN"
    bench segment "$EN" --repeats 3 | grep -E 'chars|tokens|chars_per_s|peak_rss'
fi
