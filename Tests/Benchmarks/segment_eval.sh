#!/bin/sh
# Segmentation quality on SIGHAN 2005 PKU (read in place from ../shared/bench; its terms allow
# evaluation only: nothing of it is ever copied into the repository, nor used to build anything
# shipped): word precision, recall, F1 and OOV recall of polframe as shipped (built-in
# dictionary only), of polframe with the PKU training word list passed at run time as a user
# dictionary (for comparison only), and of jieba with its HMM on and off.
#
# Each figure is given on the whole test set and on its two halves by line: lines 1-973 ("tune",
# the half whose errors were looked at while building the segmenter) and lines 974-1945
# ("held", never looked at nor tuned on).
#
# Usage: Tests/Benchmarks/segment_eval.sh [--polframe BINARY]   (without it, a release build first)
set -eu
cd "$(dirname "$0")/../.."
BENCH=${BENCH:-../shared/bench}
PKU="$BENCH/segmentation/pku"
SCRATCH=${SCRATCH:-.build-text-release}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
POLFRAME=""
if [ "${1:-}" = "--polframe" ]; then POLFRAME=$2; fi
if [ -z "$POLFRAME" ]; then
    swift build -c release --scratch-path "$SCRATCH" --product polframe > "$TMP/build.log" 2>&1 || { tail -20 "$TMP/build.log"; exit 1; }
    POLFRAME="$SCRATCH/release/polframe"
fi
python3 -c 'import jieba' 2>/dev/null || pip install --quiet jieba==0.42.1

head -n 973 "$PKU/pku_test_gold.utf8" > "$TMP/gold_tune"
tail -n +974 "$PKU/pku_test_gold.utf8" > "$TMP/gold_held"

score() {  # NAME OUTPUT
    head -n 973 "$2" > "$TMP/out_tune"
    tail -n +974 "$2" > "$TMP/out_held"
    for part in whole tune held; do
        case $part in
            whole) gold="$PKU/pku_test_gold.utf8"; out="$2" ;;
            *) gold="$TMP/gold_$part"; out="$TMP/out_$part" ;;
        esac
        python3 "$BENCH/tools/span_f1.py" "$PKU/pku_training_words.utf8" "$gold" "$out" \
            | awk -F'\t' -v name="$1" -v part="$part" '
                $1 ~ /^(precision|recall|f1|oov_recall|misaligned_lines)$/ {v[$1] = $2}
                END {printf "%-34s %-6s P %s  R %s  F1 %s  OOV-R %s  misaligned %s\n", name, part, v["precision"], v["recall"], v["f1"], v["oov_recall"], v["misaligned_lines"]}'
    done
}

"$POLFRAME" segment < "$PKU/pku_test.utf8" > "$TMP/builtin.txt"
score "polframe (built-in, shipped)" "$TMP/builtin.txt"
"$POLFRAME" segment --dictionary "$PKU/pku_training_words.utf8" < "$PKU/pku_test.utf8" > "$TMP/pku.txt"
score "polframe + PKU training words" "$TMP/pku.txt"
python3 - "$PKU/pku_test.utf8" "$TMP/jieba.txt" "$TMP/jieba_nohmm.txt" <<'PY'
import sys, jieba
jieba.setLogLevel(60)
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
for out, hmm in ((sys.argv[2], True), (sys.argv[3], False)):
    with open(out, "w", encoding="utf-8") as f:
        for line in lines:
            f.write(" ".join(w for w in jieba.cut(line, HMM=hmm) if w.strip()) + "\n")
PY
score "jieba $(python3 -c 'import jieba; print(jieba.__version__)') HMM on (default)" "$TMP/jieba.txt"
score "jieba HMM off" "$TMP/jieba_nohmm.txt"
