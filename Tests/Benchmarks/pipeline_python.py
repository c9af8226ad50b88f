#!/usr/bin/env python3
"""The Python stack a researcher would otherwise use, end to end, on a polframe pipeline.

    pipeline_python.py PIPELINE.yaml --corpus DIR --out DIR

Reads the pipeline's manifest and lexicon (the same files polframe reads), extracts text
(trafilatura for HTML; Markdown rendered to HTML by Python-Markdown and read back as text, so
link targets and markup are not counted; plain text read as is; YAML front matter and transcript
cues such as "(Applause.)" stripped; the
manifest's `record` line of a JSON Lines file), segments Chinese with jieba, counts the
lexicon's forms with a longest-match dictionary counter, applies the pipeline's passage
filter if it has one, and aggregates with pandas to country x year x frame. Writes
doc_hits.csv (doc_id, frame, hits), doc_forms.csv (doc_id, frame, form, hits) and series.csv to --out and prints the elapsed time.
"""
import argparse
import csv
import json
import os
import re
import sys
import time

START = time.perf_counter()

import jieba  # noqa: E402  (imports are part of what a run costs)
import lxml.html  # noqa: E402
import markdown  # noqa: E402
import pandas as pd  # noqa: E402
import trafilatura  # noqa: E402
import yaml  # noqa: E402

jieba.setLogLevel(60)

# Words as Unicode word breaks (UAX #29) make them from ASCII text: split at hyphens and slashes;
# letters stay joined across an apostrophe or a full stop between letters (ai.gov, u.s, don't;
# not g7's, where a digit comes first),
# digits across a full stop or comma between digits (3.5, 10,000).
EN_TOKEN = re.compile(r"[a-z0-9]+(?:(?:(?<=[a-z])[.'’](?=[a-z])|(?<=[0-9])[.,](?=[0-9]))[a-z0-9]+)*")
FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.S)
# Sentence ends: Latin ., ! or ? before a space; Chinese 。！？ (and line breaks between paragraphs).
SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’')\]]))\s+|(?<=[。！？；])|\n\s*\n")
HAN = re.compile(r"[\u4e00-\u9fff]")
# Audience reactions in speech transcripts, "(Applause.)", "[Laughter]": stage directions, not
# the speaker's words, so an analyst of speeches drops them.
TRANSCRIPT_CUES = re.compile(r"(?i)[\(\[](?:applause|laughter|cheers|booing|boos|crosstalk|inaudible)[^\)\]]{0,20}[\)\]]")
# How jieba is set up for the lexicon (see Counter): "fine" (default) or "coarse".
JIEBA_MODE = os.environ.get("JIEBA_MODE", "fine")


def read_pipeline(path, corpus):
    base = os.path.dirname(os.path.abspath(path))
    with open(path, encoding="utf-8") as f:
        p = yaml.safe_load(f)
    root = corpus or os.path.join(base, p["corpus"]["root"])
    manifest = os.path.join(base, p["corpus"]["manifest"])
    lexicons = [os.path.join(base, l) for l in p["lexicons"]]
    return p, root, manifest, lexicons


def read_manifest(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def text_of(root, row):
    path = os.path.join(root, row["path"])
    ext = os.path.splitext(path)[1].lower()
    if row.get("record"):
        with open(path, encoding="utf-8") as f:
            for i, line in enumerate(f, 1):
                if i == int(row["record"]):
                    rec = json.loads(line)
                    return rec.get("content") or rec.get("text") or ""
        return ""
    if ext in (".html", ".htm", ".xml"):
        with open(path, "rb") as f:
            return trafilatura.extract(f.read(), include_comments=False, favor_recall=True) or ""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = FRONT_MATTER.sub("", f.read(), count=1)
    text = TRANSCRIPT_CUES.sub("", text)
    if ext in (".md", ".markdown"):
        html = markdown.markdown(text)
        return lxml.html.fromstring(f"<div>{html}</div>").text_content() if html.strip() else ""
    return text


class Counter:
    """Longest match at each position, each span counted once; `*` at the end of a word is a
    glob. Frames with `role: topic` are counted in a pass of their own (as the lexicon says), so
    a form in both a topic frame and a framing category counts for both."""

    def __init__(self, lexicon_paths):
        raw = []  # (pass, lang, form, frame)
        for lp in lexicon_paths:
            with open(lp, encoding="utf-8") as f:
                lex = yaml.safe_load(f)
            for frame, fdef in lex["frames"].items():
                pass_ = frame if fdef.get("role") == "topic" else ""
                for cat in fdef["categories"].values():
                    for entry in cat["entries"]:
                        for lang in ("en", "zh"):
                            forms = entry.get(lang) or []
                            for form in [forms] if isinstance(forms, str) else forms:
                                raw.append((pass_, lang, str(form), frame))
        zh_forms = sorted({form for _, lang, form, _ in raw if lang == "zh"})
        if zh_forms and JIEBA_MODE == "coarse":
            # The most common jieba practice: the lexicon's Chinese forms join its dictionary,
            # so they are kept whole. jieba's own compounds still hide lexicon words inside
            # one token (国有企业 hides 企业, 科技成果 hides 科技).
            for form in zh_forms:
                jieba.add_word(form)
        elif zh_forms:
            # Fine (default): take out of jieba's dictionary every word that holds a lexicon
            # form inside it (国有企业, 科技成果, and 科技创新中心 holding 创新中心), so each
            # lexicon word can be found wherever it stands; the forms themselves are cut by
            # the same tokenizer as the text and matched as token sequences.
            jieba.initialize()
            inside = re.compile("|".join(map(re.escape, sorted(zh_forms, key=len, reverse=True))))
            for word in [w for w, f in jieba.dt.FREQ.items()
                         if f and any(m.span() != (0, len(w)) for m in inside.finditer(w))]:
                jieba.del_word(word)
        self.forms = {}  # (pass, lang) -> [(tokens, (frame, form))]
        for pass_, lang, form, frame in raw:
            toks = self.tokens(form.lower(), lang, keep_star=True)
            if toks:
                self.forms.setdefault((pass_, lang), []).append((tuple(toks), (frame, form)))
        # Forms by first token; glob first tokens by their first three letters (a dict lookup
        # per token rather than a scan of every glob at every position).
        self.index = {}
        for key, forms in self.forms.items():
            exact, globbed, short = {}, {}, []
            for toks, frame in sorted(forms, key=lambda t: -len(t[0])):
                head = toks[0]
                if head.endswith("*") and len(head) > 3:
                    globbed.setdefault(head[:3], []).append((toks, frame))
                elif head.endswith("*"):
                    short.append((toks, frame))
                else:
                    exact.setdefault(head, []).append((toks, frame))
            self.index[key] = (exact, globbed, short)

    @staticmethod
    def tokens(text, lang, keep_star=False):
        if lang == "zh":
            return [t for t in jieba.lcut(text) if t.strip()]
        if keep_star:
            return re.findall(r"[a-z0-9*]+(?:['’][a-z0-9*]+)*", text)
        return EN_TOKEN.findall(text)

    @staticmethod
    def same(token, form):
        return token.startswith(form[:-1]) if form.endswith("*") else token == form

    def count(self, toks):
        """[(position, length, (frame, form))] of the matches in toks, pass by pass. Forms of
        both languages are tried on every document: English forms find the Latin words of a
        Chinese text (5G, AI), as they would in a bilingual reading."""
        out = []
        for _, index in sorted(self.index.items()):
            out += self.count_pass(toks, index)
        return out

    @classmethod
    def count_pass(cls, toks, index):
        exact, globbed, short = index
        out, i = [], 0
        while i < len(toks):
            best = None
            for forms in (exact.get(toks[i], ()), globbed.get(toks[i][:3], ()), short):
                for f, frame in forms:
                    n = len(f)
                    if (best is None or n > best[0]) and i + n <= len(toks) and all(cls.same(toks[i + k], f[k]) for k in range(n)):
                        best = (n, frame)
            if best:
                out.append((i, best[0], best[1]))
                i += best[0]
            else:
                i += 1
        return out


def score(text, lang, counter, passage):
    sentences = [s for s in SENTENCE_END.split(text) if s and s.strip()]
    per = []
    for s in sentences:
        toks = Counter.tokens(s.lower(), lang)
        per.append((len(toks), [m[2] for m in counter.count(toks)]))
    keep = [True] * len(per)
    if passage:
        frame, window = passage
        hit = [any(f == frame for f, _ in found) for _, found in per]
        keep = [any(hit[max(0, i - window): i + window + 1]) for i in range(len(per))]
    tokens = sum(n for (n, _), k in zip(per, keep) if k)
    counts, forms = {}, {}
    for (_, found), k in zip(per, keep):
        if k:
            for f, form in found:
                counts[f] = counts.get(f, 0) + 1
                forms[(f, form)] = forms.get((f, form), 0) + 1
    return sum(n for n, _ in per), tokens, counts, forms


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pipeline")
    ap.add_argument("--corpus")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    p, root, manifest, lexicons = read_pipeline(a.pipeline, a.corpus)
    pf = p.get("passage_filter")
    passage = (pf["frame"], int(pf.get("window", 1))) if pf else None
    counter = Counter(lexicons)
    frames = sorted({fr for forms in counter.forms.values() for _, (fr, _) in forms})
    rows, form_rows = [], []
    for r in read_manifest(manifest):
        text = text_of(root, r)
        lang = r.get("language") or ("zh" if len(HAN.findall(text)) * 3 >= len(text) else "en")
        lang = "zh" if lang.startswith("zh") else "en"
        total, scored, counts, forms = score(text, lang, counter, passage)
        form_rows += [{"doc_id": r["id"], "frame": f, "form": form, "hits": n} for (f, form), n in sorted(forms.items())]
        year = int(r["date"][:4]) if r.get("date") else None
        for f in frames:
            rows.append({"doc_id": r["id"], "country": r["country"], "year": year, "frame": f,
                         "tokens": total, "scored_tokens": scored, "hits": counts.get(f, 0)})
    df = pd.DataFrame(rows)
    os.makedirs(a.out, exist_ok=True)
    df[["doc_id", "frame", "hits"]].to_csv(os.path.join(a.out, "doc_hits.csv"), index=False)
    pd.DataFrame(form_rows, columns=["doc_id", "frame", "form", "hits"]).to_csv(os.path.join(a.out, "doc_forms.csv"), index=False)
    series = (df.groupby(["country", "year", "frame"], as_index=False)
                .agg(documents=("doc_id", "nunique"), tokens=("scored_tokens", "sum"), hits=("hits", "sum")))
    series["rate_per_10k"] = series["hits"] / series["tokens"] * 10000
    series.to_csv(os.path.join(a.out, "series.csv"), index=False, float_format="%.4f")
    print(f"python_seconds\t{time.perf_counter() - START:.3f}\tdocuments\t{df['doc_id'].nunique()}")


if __name__ == "__main__":
    main()
