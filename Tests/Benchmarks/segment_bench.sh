#!/bin/sh
# Segmentation speed: polframe (release build) beside jieba on the same text, in the same run,
# and polframe's peak memory on a 50 MB document.
#
# Usage: Tests/Benchmarks/segment_bench.sh [--polframe BINARY] [TEXT_FILE]
# Without TEXT_FILE the SIGHAN 2005 PKU test text (../shared/bench, read in place, never copied
# into the repository) is repeated to about 10 MB in a temporary folder. Last, the analyzer's
# speed on English: the White House AI documents of ../shared/corpus/wh-ai, repeated to about
# 20 MB (no peer: jieba is for Chinese). Without --polframe a release build is made first.
# Speeds are given by the clock and per CPU second (user + system time): on a shared machine the
# clock also counts the time spent waiting for a processor, the CPU figure only the work.
set -eu
cd "$(dirname "$0")/../.."
BENCH=${BENCH:-../shared/bench}
SCRATCH=${SCRATCH:-.build-text-release}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

POLFRAME=""
if [ "${1:-}" = "--polframe" ]; then POLFRAME=$2; shift 2; fi
python3 -c 'import jieba' 2>/dev/null || pip install --quiet jieba
if [ -z "$POLFRAME" ]; then
    swift build -c release --scratch-path "$SCRATCH" --product polframe > "$TMP/build.log" 2>&1 || { tail -20 "$TMP/build.log"; exit 1; }
    swift build -c release --scratch-path "$SCRATCH" --product polframe-bench >> "$TMP/build.log" 2>&1 || { tail -20 "$TMP/build.log"; exit 1; }
    POLFRAME="$SCRATCH/release/polframe"
fi
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
echo "== polframe segment (the command, same text, whole process: start, dictionary and output included; best of 3)"
c=$(awk -F'\t' '$1=="chars"{print $2}' "$TMP/polframe.txt")
python3 - "$POLFRAME" "$TEXT" "$TMP/segmented.txt" "$c" <<'PY' | tee "$TMP/command.txt"
import resource, subprocess, sys, time
polframe, text, out, chars = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
best = best_cpu = float("inf")
for _ in range(3):
    r0, t0 = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    with open(text, "rb") as i, open(out, "wb") as o:
        subprocess.run([polframe, "segment"], stdin=i, stdout=o, check=True)
    t1, r1 = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    best = min(best, t1 - t0)
    best_cpu = min(best_cpu, r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
print(f"seconds\t{best:.3f}\nchars_per_s\t{int(chars / best)}\ncpu_seconds\t{best_cpu:.3f}\nchars_per_cpu_s\t{int(chars / best_cpu)}")
PY
s=$(awk -F'\t' '$1=="chars_per_s"{print $2}' "$TMP/command.txt")
sc=$(awk -F'\t' '$1=="chars_per_cpu_s"{print $2}' "$TMP/command.txt")
pc=$(awk -F'\t' '$1=="chars_per_cpu_s"{print $2}' "$TMP/polframe.txt")
echo "== jieba $(python3 -c 'import jieba; print(jieba.__version__)') (default, HMM on)"
python3 Tests/Benchmarks/segment_jieba.py "$TEXT" | tee "$TMP/jieba.txt"
echo "== jieba (HMM off)"
python3 Tests/Benchmarks/segment_jieba.py "$TEXT" --no-hmm | tee "$TMP/jieba_nohmm.txt"

p=$(awk -F'\t' '$1=="chars_per_s"{print $2}' "$TMP/polframe.txt")
j=$(awk -F'\t' '$1=="chars_per_s"{print $2}' "$TMP/jieba.txt")
k=$(awk -F'\t' '$1=="chars_per_s"{print $2}' "$TMP/jieba_nohmm.txt")
jc=$(awk -F'\t' '$1=="chars_per_cpu_s"{print $2}' "$TMP/jieba.txt")
kc=$(awk -F'\t' '$1=="chars_per_cpu_s"{print $2}' "$TMP/jieba_nohmm.txt")
echo "== ratio"
awk -v p="$pc" -v j="$jc" -v k="$kc" 'BEGIN{printf "per CPU second: polframe %d chars, jieba %d (HMM off %d): %.1fx (%.1fx)\n", p, j, k, p/j, p/k}'

awk -v p="$p" -v j="$j" -v k="$k" 'BEGIN{printf "polframe %d chars/s, jieba %d chars/s (HMM off %d): %.1fx (%.1fx), goal >= 10x\n", p, j, k, p/j, p/k}'
awk -v p="$p" -v s="$s" 'BEGIN{printf "polframe segment %d chars/s = %.0f%% of the engine (polframe-bench segment), goal >= 80%%\n", s, 100*s/p}'
awk -v p="$pc" -v s="$sc" 'BEGIN{printf "per CPU second: polframe segment %d chars = %.0f%% of the engine'"'"'s %d\n", s, 100*s/p, p}'

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
