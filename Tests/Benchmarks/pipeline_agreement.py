#!/usr/bin/env python3
"""Document-level agreement between polframe's counts and the Python stack's (pipeline_python.py).

    pipeline_agreement.py POLFRAME_OUTPUT_DIR PYTHON_OUTPUT_DIR

Reads polframe's scores.csv, documents.csv and matches.csv and the Python stack's doc_hits.csv and
doc_forms.csv; prints the share of document x frame counts within 5% of each other, the share of
documents whose every frame agrees, and the lexicon forms whose totals differ most.
"""
import sys
import pandas as pd
pf_dir, py_dir = sys.argv[1:]
scores = pd.read_csv(f"{pf_dir}/scores.csv", dtype={"doc_id": str})
docs = pd.read_csv(f"{pf_dir}/documents.csv", dtype={"doc_id": str})
ok = set(docs.loc[docs["status"] == "ok", "doc_id"])
pf = scores.groupby(["doc_id", "frame"])["hits"].sum().rename("polframe")
py = pd.read_csv(f"{py_dir}/doc_hits.csv", dtype={"doc_id": str}).set_index(["doc_id", "frame"])["hits"].rename("python")
both = pd.concat([pf, py], axis=1).fillna(0)
both = both[both.index.get_level_values(0).isin(ok)]
diff = (both["polframe"] - both["python"]).abs()
within = diff <= 0.05 * both[["polframe", "python"]].max(axis=1)
print(f"agreement: {within.mean():.1%} of {len(both)} document x frame counts within ±5% "
      f"(polframe {int(both['polframe'].sum())} hits, python {int(both['python'].sum())})")
for frame, g in both.assign(within=within).groupby(level=1):
    print(f"  {frame:22s} {g['within'].mean():6.1%} within ±5%   hits polframe {int(g['polframe'].sum()):6d}  python {int(g['python'].sum()):6d}")
docs_all = both.assign(within=within).groupby(level=0)["within"].all()
print(f"  documents with every frame within ±5%: {docs_all.mean():.1%} of {len(docs_all)}")
# Where the counts part: lexicon forms whose corpus totals differ most (polframe's matches.csv
# names the entry form; pipeline_python.py writes the form it matched).
m = pd.read_csv(f"{pf_dir}/matches.csv", dtype={"doc_id": str, "entry": str}, usecols=["doc_id", "frame", "entry", "language"])
m = m[m["doc_id"].isin(ok)]
pfe = m.groupby(["frame", "entry", "language"]).size().rename("polframe").reset_index()
pye = pd.read_csv(f"{py_dir}/doc_forms.csv", dtype={"form": str}).groupby(["frame", "form"])["hits"].sum().rename("python").reset_index()
e = pfe.merge(pye, left_on=["frame", "entry"], right_on=["frame", "form"], how="outer")
e["entry"] = e["entry"].fillna(e["form"])
e = e.fillna({"polframe": 0, "python": 0})
e["delta"] = e["polframe"] - e["python"]
e = e.reindex(e["delta"].abs().sort_values(ascending=False).index)
print("  largest differences by lexicon form (polframe - python):")
for _, r in e.head(8).iterrows():
    print(f"    {r['frame']:20s} {str(r['entry']):28s} polframe {int(r['polframe']):5d}  python {int(r['python']):5d}  ({int(r['delta']):+d})")
