#!/usr/bin/env python3
"""Check a folder of published dictionaries against the category and entry counts their
documentation gives.

The dictionaries themselves are not in the repository (their licences differ): fetch them as
their publishers distribute them into a folder, then run

    python3 Tests/Tools/check_dictionaries.py --polframe .build/debug/polframe \
        --table Tests/Tools/published_dictionaries.tsv FOLDER

The table is tab-separated: file name, category (as `lexicon show` prints it), expected
entries, and where the figure comes from. Each dictionary is loaded exactly as it is (format and
encoding detected by polframe), and every category's entry count is compared with the table; a
category the table does not list, or one it lists that is missing, is a failure too. Files of
the table that are not in the folder are reported as skipped. Exit status 1 on any failure.
"""
import argparse
import csv
import os
import re
import subprocess
import sys

CATEGORY = re.compile(r"^    (.*) — (\d+) entries")
ENCODING = re.compile(r"^  read as (.*)$")


def loaded_counts(polframe, path):
    """The categories and entry counts polframe loads, the encoding it read, and its messages."""
    run = subprocess.run([polframe, "lexicon", "show", path], capture_output=True, text=True)
    if run.returncode != 0:
        return None, None, run.stderr.strip()
    counts, encoding = {}, None
    for line in run.stdout.splitlines():
        m = CATEGORY.match(line)
        if m:
            counts[m.group(1)] = int(m.group(2))
        m = ENCODING.match(line)
        if m:
            encoding = m.group(1)
    return counts, encoding, run.stderr.strip()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder")
    ap.add_argument("--table", required=True)
    ap.add_argument("--polframe", default=".build/debug/polframe")
    args = ap.parse_args()

    expected = {}
    with open(args.table, encoding="utf-8") as f:
        for row in csv.reader((l for l in f if l.strip() and not l.startswith("#")), delimiter="\t"):
            name, category, entries = row[0], row[1], int(row[2])
            expected.setdefault(name, {})[category] = entries

    failures = checked = skipped = 0
    for name, categories in expected.items():
        path = os.path.join(args.folder, name)
        if not os.path.exists(path):
            print(f"skip {name}: not in {args.folder}")
            skipped += 1
            continue
        loaded, encoding, messages = loaded_counts(args.polframe, path)
        checked += 1
        if loaded is None:
            print(f"FAIL {name}: does not load\n  {messages}")
            failures += 1
            continue
        bad = []
        for category, n in categories.items():
            got = loaded.get(category)
            if got != n:
                bad.append(f"{category}: expected {n}, loaded {got if got is not None else 'no such category'}")
        for category in loaded:
            if category not in categories:
                bad.append(f"{category}: loaded ({loaded[category]} entries) but not in the table")
        total = sum(loaded.values())
        if bad:
            failures += 1
            print(f"FAIL {name} ({encoding}):\n  " + "\n  ".join(bad))
        else:
            print(f"ok   {name}: {len(loaded)} categories, {total} entries, read as {encoding}")
        if messages:
            print("  " + messages.replace("\n", "\n  "))
    print(f"{checked - failures} passed, {failures} failed, {skipped} skipped")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
