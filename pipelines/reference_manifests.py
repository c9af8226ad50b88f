#!/usr/bin/env python3
"""Build polframe reference manifests over the shared real-document corpus.

The corpus (default: ../shared/corpus relative to the repository root) is
never copied: the manifests written here hold facts only (paths, dates,
titles, issuers, addresses, checksums).

Writes, relative to the repository root:

  pipelines/us-china-ai/manifest.tsv       every file of ai-policy/ and wh-ai/,
                                           and China's two AI-specific rules
                                           in cn-law/ (deep synthesis 2022,
                                           generative AI 2023)
  pipelines/cn-tech-law/manifest.tsv       every file of cn-law/ (China's
                                           technology-governance laws,
                                           regulations and rules 2016-2025)
  pipelines/annual-addresses/manifest.tsv  US State of the Union / joint
                                           addresses 2016-2025 (as delivered)
                                           and Chinese Government Work
                                           Reports 2016-2025 (JSONL records)

All use the 12-column polframe manifest header plus two document variables,
`administration` (US: the administration in office on the document's date;
CN: "Xi", the whole period) and `genre` (what kind of text it is, from the
White House's own section tag, the title or the issuing body), and are sorted
by date, then id. Every whole-file sha256 and every JSONL record's content sha256 is
recomputed; any mismatch stops the script with a non-zero exit status.

Usage:
  python3 pipelines/reference_manifests.py [CORPUS_DIR] [--repo-root DIR]

Standard library only.
"""

import argparse
import csv
import hashlib
import json
import os
import re
import sys
import unicodedata
import urllib.parse
from collections import defaultdict

HEADER = ["id", "path", "country", "date", "language", "title", "issuer",
          "url", "sha256", "translation_of", "record", "format",
          "administration", "genre"]

# US administrations by the first day in office (inauguration day, noon: a
# document dated that day is counted to the incoming administration).
US_ADMINISTRATIONS = [("2009-01-20", "Obama"), ("2017-01-20", "Trump I"),
                      ("2021-01-20", "Biden"), ("2025-01-20", "Trump II")]

# China's AI-specific rules in cn-law/ that join us-china-ai. cn-law/ also has
# its own rendering of the 2021 algorithmic recommendation provisions; the
# ai-policy/ one is already in the study, so that one is not added twice.
CN_AI_RULES = ("cn-law/cn-2022-11-25-deep-synthesis-provisions.zh.md",
               "cn-law/cn-2023-07-10-genai-interim-measures.zh.md")
CN_LAW = "cn-law"

AI_FOLDERS = ("ai-policy", "wh-ai")
YEARS = range(2016, 2026)  # 2016..2025 inclusive

# Known translations whose original is not in the corpus.
TRANSLATION_OF = {
    "ai-policy/cn-2017-aidp.en-newamerica.txt": "cn-2017-aidp.zh",
}

# "The White House (President X)" for State of the Union rows.
PRESIDENTS = {"obama": "Obama", "trump": "Trump", "biden": "Biden"}

GWR_JSONL = "gwr-zh/government_work_reports.jsonl"
GWR_INDEX = "gwr-zh/INDEX.tsv"
GWR_ISSUER = "国务院 (State Council)"


class CorpusError(Exception):
    """A fact in the corpus does not check out; the manifests would lie."""


def die(msg):
    print("ERROR: " + msg, file=sys.stderr)
    sys.exit(1)


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def clean_field(value):
    """One line, no tabs, no invisible characters at the edges."""
    value = "" if value is None else str(value)
    value = value.replace("\u00a0", " ")
    value = re.sub(r"[\u200b\u200c\u200d\u2060\ufeff]", "", value)
    value = re.sub(r"\s+", " ", value)
    return value.strip()


def first_url(value):
    """Keep only the first URL of a field such as 'URL (note; other URL)'."""
    for token in (value or "").split():
        if token.startswith(("http://", "https://")):
            return token.rstrip(").,;")
    return ""


def base_id(path):
    """File name without folder and without any extension(s)."""
    name = os.path.basename(path)
    return name.split(".", 1)[0]


def slugify_id(raw):
    """Percent-decode, drop invisible characters, keep [a-z0-9._-]."""
    s = urllib.parse.unquote(raw)
    s = "".join(c for c in s if unicodedata.category(c) not in ("Cf", "Zs") or c == " ")
    s = s.lower().replace(" ", "-")
    s = re.sub(r"[^a-z0-9._-]+", "-", s)
    s = re.sub(r"-{2,}", "-", s).strip("-")
    return s


def unique_ids(rows, notes):
    seen = defaultdict(int)
    for row in rows:
        rid = row["id"]
        seen[rid] += 1
        if seen[rid] > 1:
            new = "%s-%d" % (rid, seen[rid])
            while new in seen:
                seen[rid] += 1
                new = "%s-%d" % (rid, seen[rid])
            seen[new] += 1
            notes.append("id collision: %s -> %s (%s)" % (rid, new, row["path"]))
            row["id"] = new


WH_TITLE_PREFIX = re.compile(r"^\[[^\]]*ai-mentions=\d+\]\s*", re.IGNORECASE)


def clean_title(title):
    # wh-ai titles in MANIFEST.tsv carry a "[tags; AI-mentions=N] " prefix
    # added by the collector; it is not part of the document title.
    return clean_field(WH_TITLE_PREFIX.sub("", title or ""))


def normalized_body(path):
    """Text without YAML front matter, whitespace collapsed (for dup checks)."""
    with open(path, "rb") as f:
        text = f.read().decode("utf-8", errors="replace")
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            text = text[end + 4:]
    text = text.replace("\u00a0", " ")
    text = re.sub(r"[\u200b\u200c\u200d\u2060\ufeff]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def verify_file(corpus, rel, expected_sha):
    full = os.path.join(corpus, rel)
    if not os.path.isfile(full):
        raise CorpusError("missing file: %s" % rel)
    actual = sha256_file(full)
    if actual != expected_sha:
        raise CorpusError("sha256 mismatch for %s: MANIFEST says %s, file is %s"
                          % (rel, expected_sha, actual))


def administration(country, date):
    if country == "CN":
        return "Xi"
    name = ""
    for start, who in US_ADMINISTRATIONS:
        if date >= start:
            name = who
    return name


def front_matter_tag(path):
    """The `tags:` value of a Markdown file's front matter (the White House's
    own section: presidential-actions, fact-sheets, statements-releases...)."""
    with open(path, encoding="utf-8", errors="replace") as f:
        head = f.read(4096)
    if not head.startswith("---"):
        return ""
    m = re.search(r"^tags:\s*(\S+)", head.split("\n---", 1)[0], re.MULTILINE)
    return m.group(1) if m else ""


def genre(corpus, r):
    """What kind of text a document is: the threat to validity that regulations,
    plans, speeches and fact sheets use different words. Decided from the
    source's own section tag, then the title, then the issuing body."""
    title = r["title"].lower()
    issuer = r["issuer"]
    if r["country"] == "CN":
        if "plan" in title or "规划" in title:
            return "plan"
        if issuer.startswith("全国人民代表大会"):
            return "law"
        if issuer == "国务院":
            return "administrative regulation"
        return "departmental rule"
    if "u.s.c." in title or "act of" in title:
        return "statute"
    if "fact sheet" in title:
        return "fact sheet"
    tag = front_matter_tag(os.path.join(corpus, r["file"])) if r["file"].endswith(".md") else ""
    if tag == "presidential-actions" or re.search(r"executive order \d|^executive order|memorandum", title):
        return "presidential action"
    if tag == "fact-sheets":
        return "fact sheet"
    if r["file"].startswith("sotu/"):
        return "address"
    return "statement or release"


# --------------------------------------------------------------------------
# 1. us-china-ai
# --------------------------------------------------------------------------

def build_us_china_ai(corpus, manifest_rows, notes):
    selected = [r for r in manifest_rows
                if r["file"].split("/", 1)[0] in AI_FOLDERS or r["file"] in CN_AI_RULES]
    missing = set(CN_AI_RULES) - {r["file"] for r in selected}
    if missing:
        raise CorpusError("MANIFEST.tsv lacks %s" % ", ".join(sorted(missing)))
    if not selected:
        raise CorpusError("no ai-policy/ or wh-ai/ rows in MANIFEST.tsv")

    for r in selected:
        verify_file(corpus, r["file"], r["sha256"])

    # Identical bytes: keep the ai-policy row only.
    by_sha = defaultdict(list)
    for r in selected:
        by_sha[r["sha256"]].append(r)
    drop = set()
    print("== us-china-ai: duplicates ==")
    n_exact = 0
    for sha, group in sorted(by_sha.items(), key=lambda kv: kv[1][0]["file"]):
        if len(group) < 2:
            continue
        n_exact += 1
        group.sort(key=lambda r: (r["file"].split("/", 1)[0] != "ai-policy", r["file"]))
        keep = group[0]
        for other in group[1:]:
            drop.add(other["file"])
        print("identical sha256 %s…: keep %s; drop %s"
              % (sha[:12], keep["file"], ", ".join(o["file"] for o in group[1:])))
    kept = [r for r in selected if r["file"] not in drop]

    # Same text, different bytes (e.g. front matter differs): keep, report.
    by_body = defaultdict(list)
    for r in kept:
        body = normalized_body(os.path.join(corpus, r["file"]))
        by_body[hashlib.sha256(body.encode("utf-8")).hexdigest()].append(r)
    n_near = 0
    for group in sorted(by_body.values(), key=lambda g: g[0]["file"]):
        if len(group) > 1:
            n_near += 1
            print("same text after front matter, different bytes (both kept): "
                  + " | ".join("%s (%s)" % (g["file"], g["date"]) for g in group))
    by_title = defaultdict(list)
    for r in kept:
        by_title[clean_title(r["title"]).lower()].append(r)
    for t, group in sorted(by_title.items()):
        bodies = {hashlib.sha256(normalized_body(os.path.join(corpus, g["file"])).encode()).hexdigest()
                  for g in group}
        if len(group) > 1 and len(bodies) > 1:
            print("same title, different text (distinct documents, both kept): "
                  + " | ".join(g["file"] for g in group))
    print("exact duplicate groups: %d; same-text groups kept: %d" % (n_exact, n_near))

    rows = []
    for r in kept:
        raw_id = base_id(r["file"])
        rid = slugify_id(raw_id)
        if rid != raw_id:
            notes.append("id sanitized: %s -> %s" % (raw_id, rid))
        url = first_url(r["original_url"])
        if clean_field(r["original_url"]) != url:
            notes.append("url trimmed to first URL for %s" % r["file"])
        rows.append({
            "id": rid,
            "path": r["file"],
            "country": r["country"],
            "date": r["date"],
            "language": r["language"],
            "title": clean_title(r["title"]),
            "issuer": r["issuer"],
            "url": url,
            "sha256": r["sha256"],
            "translation_of": TRANSLATION_OF.get(r["file"], ""),
            "record": "",
            "format": "",
            "administration": administration(r["country"], r["date"]),
            "genre": genre(corpus, r),
        })
    unique_ids(rows, notes)
    return rows


# --------------------------------------------------------------------------
# 1b. cn-tech-law: every text of cn-law/
# --------------------------------------------------------------------------

def build_cn_tech_law(corpus, manifest_rows, notes):
    selected = [r for r in manifest_rows if r["file"].split("/", 1)[0] == CN_LAW]
    if not selected:
        raise CorpusError("no cn-law/ rows in MANIFEST.tsv")
    rows = []
    for r in selected:
        verify_file(corpus, r["file"], r["sha256"])
        rows.append({
            "id": slugify_id(base_id(r["file"])),
            "path": r["file"],
            "country": r["country"],
            "date": r["date"],
            "language": r["language"],
            "title": clean_title(r["title"]),
            "issuer": clean_field(r["issuer"]),
            "url": first_url(r["original_url"]),
            "sha256": r["sha256"],
            "translation_of": "",
            "record": "",
            "format": "",
            "administration": administration(r["country"], r["date"]),
            "genre": genre(corpus, r),
        })
    unique_ids(rows, notes)
    return rows


# --------------------------------------------------------------------------
# 2. annual addresses: SOTU + Government Work Reports
# --------------------------------------------------------------------------

def build_sotu(corpus, manifest_rows, notes):
    sotu = [r for r in manifest_rows if r["file"].startswith("sotu/")]
    by_year = defaultdict(list)
    for r in sotu:
        year = int(r["date"][:4])
        if year in YEARS:
            by_year[year].append(r)

    rows = []
    for year in YEARS:
        group = by_year.get(year, [])
        if not group:
            notes.append("SOTU %d: no address in the corpus" % year)
            continue
        transcripts = [r for r in group if ".wh-transcript." in r["file"]]
        prepared = [r for r in group if ".wh-prepared." in r["file"]]
        others = [r for r in group if r not in transcripts and r not in prepared]
        if transcripts:
            candidates = transcripts
            if prepared:
                notes.append("SOTU %d: using as-delivered %s, skipping as-prepared %s"
                             % (year, transcripts[0]["file"], prepared[0]["file"]))
        elif others:
            candidates = others
        else:
            candidates = prepared
            notes.append("SOTU %d: only an as-prepared text is available" % year)
        if len(candidates) != 1:
            raise CorpusError("SOTU %d: expected one address, found %s"
                              % (year, [c["file"] for c in candidates]))
        r = candidates[0]
        verify_file(corpus, r["file"], r["sha256"])
        m = re.match(r"us-sotu-\d{4}-\d{2}-\d{2}-([a-z]+)", os.path.basename(r["file"]))
        president = PRESIDENTS.get(m.group(1)) if m else None
        issuer = ("The White House (President %s)" % president) if president else r["issuer"]
        rows.append({
            "id": slugify_id(base_id(r["file"])),
            "path": r["file"],
            "country": r["country"],
            "date": r["date"],
            "language": r["language"],
            "title": clean_title(r["title"]),
            "issuer": issuer,
            "url": first_url(r["original_url"]),
            "sha256": r["sha256"],
            "translation_of": "",
            "record": "",
            "format": "",
            "administration": administration(r["country"], r["date"]),
            "genre": "address",
        })
    return rows


def build_gwr(corpus, manifest_rows, notes):
    jsonl_path = os.path.join(corpus, GWR_JSONL)
    index_path = os.path.join(corpus, GWR_INDEX)
    if not os.path.isfile(jsonl_path) or not os.path.isfile(index_path):
        raise CorpusError("missing %s or %s" % (GWR_JSONL, GWR_INDEX))

    # The JSONL file itself must match MANIFEST.tsv.
    for r in manifest_rows:
        if r["file"] in (GWR_JSONL, GWR_INDEX):
            verify_file(corpus, r["file"], r["sha256"])

    with open(jsonl_path, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    # Line numbers must equal record numbers (no blank lines in between).
    with open(jsonl_path, encoding="utf-8") as f:
        if sum(1 for _ in f) != len(records):
            raise CorpusError("%s has blank lines; line numbers would be ambiguous" % GWR_JSONL)

    index = read_tsv(index_path)
    wanted = {}
    for ir in index:
        if ir["kind"] != "gwr" or not ir["year"]:
            continue
        year = int(ir["year"])
        if year not in YEARS:
            continue
        fname, _, line = ir["line"].partition(":")
        if fname != os.path.basename(GWR_JSONL):
            raise CorpusError("INDEX.tsv gwr row points into %s" % fname)
        if year in wanted:
            raise CorpusError("two Government Work Reports for %d in INDEX.tsv" % year)
        wanted[year] = (int(line), ir)

    rows = []
    for year in YEARS:
        if year not in wanted:
            res = [ir for ir in index if ir["kind"] == "npc-resolution-on-gwr"]
            notes.append("GWR %d: no report record in %s (not invented)%s"
                         % (year, GWR_JSONL,
                            "; INDEX.tsv has NPC resolutions on work reports but not the report"
                            if res else ""))
            continue
        line, ir = wanted[year]
        if not 1 <= line <= len(records):
            raise CorpusError("INDEX.tsv line %d out of range for %d" % (line, year))
        rec = records[line - 1]
        actual = hashlib.sha256(rec["content"].encode("utf-8")).hexdigest()
        if actual != ir["content_sha256"]:
            raise CorpusError("GWR %d (line %d): content sha256 %s != INDEX.tsv %s"
                              % (year, line, actual, ir["content_sha256"]))
        if str(rec.get("year") or "") != ir["year"]:
            raise CorpusError("GWR line %d: JSONL year %r != INDEX.tsv year %s"
                              % (line, rec.get("year"), ir["year"]))
        if rec.get("title") != ir["title"]:
            raise CorpusError("GWR line %d: JSONL title differs from INDEX.tsv" % line)
        if ir.get("content_chars") and int(ir["content_chars"]) != len(rec["content"]):
            raise CorpusError("GWR line %d: content length %d != INDEX.tsv %s"
                              % (line, len(rec["content"]), ir["content_chars"]))
        rows.append({
            "id": "cn-gwr-%d" % year,
            "path": GWR_JSONL,
            "country": "CN",
            "date": str(year),  # only the year is known from the source
            "language": "zh",
            "title": clean_field(ir["title"]),
            "issuer": GWR_ISSUER,
            "url": clean_field(ir["url_decoded"]),
            "sha256": ir["content_sha256"],
            "translation_of": "",
            "record": str(line),
            "format": "jsonl",
            "administration": "Xi",
            "genre": "work report",
        })
    return rows


# --------------------------------------------------------------------------
# output and re-verification
# --------------------------------------------------------------------------

def write_manifest(path, rows):
    rows = sorted(rows, key=lambda r: (r["date"], r["id"]))
    ids = [r["id"] for r in rows]
    if len(ids) != len(set(ids)):
        raise CorpusError("duplicate ids in %s" % path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\t".join(HEADER) + "\n")
        for r in rows:
            fields = [clean_field(r[k]) for k in HEADER]
            f.write("\t".join(fields) + "\n")
    return rows


def reverify(corpus, manifest_path):
    """Read a written manifest back and check every path and checksum."""
    with open(manifest_path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines[0] != "\t".join(HEADER):
        raise CorpusError("%s: bad header" % manifest_path)
    jsonl_cache = {}
    n = 0
    for ln in lines[1:]:
        if not ln:
            continue
        cols = ln.split("\t")
        if len(cols) != len(HEADER):
            raise CorpusError("%s: row with %d columns" % (manifest_path, len(cols)))
        r = dict(zip(HEADER, cols))
        full = os.path.join(corpus, r["path"])
        if not os.path.isfile(full):
            raise CorpusError("%s: path does not exist: %s" % (manifest_path, r["path"]))
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", r["date"]):
            raise CorpusError("%s: bad date %r for %s" % (manifest_path, r["date"], r["id"]))
        if r["record"]:
            if r["path"] not in jsonl_cache:
                with open(full, encoding="utf-8") as f:
                    jsonl_cache[r["path"]] = f.read().split("\n")
            rec = json.loads(jsonl_cache[r["path"]][int(r["record"]) - 1])
            got = hashlib.sha256(rec["content"].encode("utf-8")).hexdigest()
        else:
            got = sha256_file(full)
        if got != r["sha256"]:
            raise CorpusError("%s: sha256 mismatch for %s" % (manifest_path, r["id"]))
        n += 1
    return n


def main(argv=None):
    repo_default = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default=None,
                    help="corpus directory (default: <repo>/../shared/corpus)")
    ap.add_argument("--repo-root", default=repo_default,
                    help="repository root (default: %(default)s)")
    args = ap.parse_args(argv)

    repo = os.path.abspath(args.repo_root)
    corpus = os.path.abspath(args.corpus or os.path.join(repo, "..", "shared", "corpus"))
    manifest_file = os.path.join(corpus, "MANIFEST.tsv")
    if not os.path.isfile(manifest_file):
        die("no MANIFEST.tsv in %s" % corpus)

    notes = []
    try:
        manifest_rows = read_tsv(manifest_file)
        required = {"file", "country", "date", "title", "issuer", "language",
                    "original_url", "sha256"}
        missing = required - set(manifest_rows[0].keys() if manifest_rows else ())
        if missing:
            raise CorpusError("MANIFEST.tsv lacks columns %s" % sorted(missing))

        ai_rows = build_us_china_ai(corpus, manifest_rows, notes)
        sotu_rows = build_sotu(corpus, manifest_rows, notes)
        gwr_rows = build_gwr(corpus, manifest_rows, notes)
        law_rows = build_cn_tech_law(corpus, manifest_rows, notes)

        out_ai = os.path.join(repo, "pipelines", "us-china-ai", "manifest.tsv")
        out_aa = os.path.join(repo, "pipelines", "annual-addresses", "manifest.tsv")
        write_manifest(out_ai, ai_rows)
        out_law = os.path.join(repo, "pipelines", "cn-tech-law", "manifest.tsv")
        write_manifest(out_aa, sotu_rows + gwr_rows)
        write_manifest(out_law, law_rows)
        n_ai = reverify(corpus, out_ai)
        n_aa = reverify(corpus, out_aa)
        n_law = reverify(corpus, out_law)
    except CorpusError as e:
        die(str(e))

    print("== notes ==")
    for n in notes:
        print(n)
    print("== counts ==")
    by_folder = defaultdict(int)
    for r in ai_rows:
        by_folder[r["path"].split("/", 1)[0]] += 1
    print("%s: %d rows (%s)" % (os.path.relpath(out_ai, repo), n_ai,
                                ", ".join("%s %d" % kv for kv in sorted(by_folder.items()))))
    print("%s: %d rows (SOTU %d, GWR %d)" % (os.path.relpath(out_aa, repo), n_aa,
                                             len(sotu_rows), len(gwr_rows)))
    print("%s: %d rows" % (os.path.relpath(out_law, repo), n_law))
    print("all paths exist; all sha256 values re-verified")
    return 0


if __name__ == "__main__":
    sys.exit(main())
