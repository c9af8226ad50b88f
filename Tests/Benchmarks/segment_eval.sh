#!/bin/sh
# Segmentation quality on SIGHAN 2005 PKU (read in place from ../shared/bench; its terms allow
# evaluation only: nothing of it is ever copied into the repository): word F1 and OOV recall of
# polframe as shipped (built-in dictionary only), and with the PKU training word list passed at
# run time as a user dictionary.
#
# Usage: Tests/Benchmarks/segment_eval.sh
set -eu
cd "$(dirname "$0")/../.."
BENCH=${BENCH:-../shared/bench}
PKU="$BENCH/segmentation/pku"
SCRATCH=${SCRATCH:-.build-text-release}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
swift build -c release --scratch-path "$SCRATCH" --product polframe > "$TMP/build.log" 2>&1 || { tail -20 "$TMP/build.log"; exit 1; }
POLFRAME="$SCRATCH/release/polframe"

score() {
    python3 "$BENCH/tools/span_f1.py" "$PKU/pku_training_words.utf8" "$PKU/pku_test_gold.utf8" "$1" \
        | awk -F'\t' '$1 ~ /^(precision|recall|f1|oov_recall|iv_recall|misaligned_lines)$/ {printf "  %s %s", $1, $2} END {print ""}'
}

echo "polframe, built-in dictionary (shipped):"
"$POLFRAME" segment < "$PKU/pku_test.utf8" > "$TMP/builtin.txt"
score "$TMP/builtin.txt"
echo "polframe, --dictionary pku_training_words.utf8:"
"$POLFRAME" segment --dictionary "$PKU/pku_training_words.utf8" < "$PKU/pku_test.utf8" > "$TMP/pku.txt"
score "$TMP/pku.txt"
if python3 -c 'import jieba' 2>/dev/null; then
    python3 - "$PKU/pku_test.utf8" "$TMP/jieba.txt" "$TMP/jieba_nohmm.txt" <<'PY'
import sys, jieba
jieba.setLogLevel(60)
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
for out, hmm in ((sys.argv[2], True), (sys.argv[3], False)):
    with open(out, "w", encoding="utf-8") as f:
        for line in lines:
            f.write(" ".join(w for w in jieba.cut(line, HMM=hmm) if w.strip()) + "\n")
PY
    echo "jieba (peer), HMM on:"
    score "$TMP/jieba.txt"
    echo "jieba (peer), HMM off:"
    score "$TMP/jieba_nohmm.txt"
fi
echo "peers measured elsewhere: ICU 72 word break 0.794, jieba 0.818 / 0.836 (HMM off)"
