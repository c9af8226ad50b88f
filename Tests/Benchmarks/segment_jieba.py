#!/usr/bin/env python3
"""jieba's segmentation speed over a UTF-8 file, line by line (the peer of `polframe-bench segment`).

Usage: segment_jieba.py FILE [--no-hmm]
Prints chars (code points) and chars/s; the dictionary is loaded before timing starts."""
import sys
import time

import jieba

path = sys.argv[1]
hmm = "--no-hmm" not in sys.argv
jieba.setLogLevel(60)
jieba.initialize()
with open(path, encoding="utf-8") as f:
    lines = f.read().splitlines()
chars = sum(len(line) for line in lines)
start, start_cpu = time.perf_counter(), time.process_time()
words = 0
for line in lines:
    for _ in jieba.cut(line, HMM=hmm):
        words += 1
seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
print(f"chars\t{chars}\nwords\t{words}\nseconds\t{seconds:.3f}\nchars_per_s\t{int(chars / seconds)}\n"
      f"cpu_seconds\t{cpu:.3f}\nchars_per_cpu_s\t{int(chars / cpu)}")
