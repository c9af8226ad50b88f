#!/usr/bin/env python3
"""Make-engine benchmark on a synthetic corpus (issue 6): full build, no-op make, a one-entry
lexicon change, and peak memory at 1,000 and 10,000 documents.

    python3 Tests/Benchmarks/make_bench.py [--polframe .build/release/polframe] [--documents 10000]
        [--baseline OTHER_POLFRAME]

With --baseline, the two executables are measured in pairs on two copies of the same corpus,
each run of one followed by the same run of the other, so that a busy machine slows both alike;
the ratios (new / baseline) are printed per measure.

Generates the corpus under /tmp (never in the repository), runs each command several times
and prints medians. Peak memory is the largest resident set of the polframe process, from
the rusage wait4 returns for each fresh child.
"""
import argparse, os, random, shutil, statistics, subprocess, sys, time

# Lexicon terms appear at about the rate they do in the real corpus (2-5% of tokens in
# ../shared/corpus; us-china-ai: 5,541 framing hits in 308,607 tokens); the rest is ordinary
# prose vocabulary. A corpus of lexicon terms only would measure the matcher, not the engine.
TERMS_EN = ["human rights", "privacy", "democracy", "trustworthy", "accountability", "allies", "infrastructure",
            "standards", "talent", "industry", "economic growth", "smart city", "data", "technology"]
FILL_EN = ("the of and to in a that for is on with as by this will be are it from at our their which have has "
           "more its new also these other all first over such year years time people work state states federal "
           "program programs support public plan plans report agency agencies including about across through "
           "between under within while where when each both many most some any".split())
TERMS_ZH = ["人权", "隐私", "伦理", "民主", "基础设施", "标准", "人才", "数字经济", "智慧城市", "产业", "创新",
            "技术", "数据", "算力", "社会治理", "互利共赢"]
FILL_ZH = ("我们 要 的 了 在 和 是 把 对 从 为 等 各 有关 方面 工作 问题 情况 措施 任务 目标 政策 进一步 全面 持续 "
           "切实 积极 稳步 坚持 完善 落实 推动 提高 保障 做好 深化 扩大 促进 支持 引导 加快 统筹 协调 部门 地方 "
           "群众 生活 服务 水平 能力 体系 机制 制度 项目 重点 领域 年度 今年 去年 继续").split()


def word(rnd, terms, fill, rate=0.04):
    return rnd.choice(terms) if rnd.random() < rate else rnd.choice(fill)


def generate(root, n, lexicon_src, seed=7):
    rnd = random.Random(seed)
    if os.path.exists(root):
        shutil.rmtree(root)
    os.makedirs(root + "/docs")
    rows = ["id\tpath\tcountry\tdate\tlanguage"]
    for i in range(n):
        us = i % 2 == 0
        if us:
            sents = [" ".join(word(rnd, TERMS_EN, FILL_EN) for _ in range(rnd.randint(8, 20))).capitalize() + "." for _ in range(rnd.randint(8, 25))]
            body = "<html><head><title>Doc %d</title></head><body><nav>Home About</nav><article>%s</article></body></html>" % (
                i, "".join("<p>%s</p>" % s for s in sents))
            name = "d%05d.html" % i
        else:
            sents = ["".join(word(rnd, TERMS_ZH, FILL_ZH) for _ in range(rnd.randint(6, 16))) + "。" for _ in range(rnd.randint(8, 25))]
            body = "---\ntitle: 文件%d\n---\n\n%s\n" % (i, "\n\n".join(sents))
            name = "d%05d.md" % i
        with open(root + "/docs/" + name, "w", encoding="utf-8") as f:
            f.write(body)
        rows.append("d%05d\t%s\t%s\t%d\t%s" % (i, name, "US" if us else "CN", 2016 + i % 10, "en" if us else "zh"))
    with open(root + "/manifest.tsv", "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    shutil.copy(lexicon_src, root + "/lexicon.yaml")
    with open(root + "/p.yaml", "w") as f:
        f.write("name: synth\ncorpus: {root: docs, manifest: manifest.tsv}\nlexicons: [lexicon.yaml]\n"
                "series: {bootstrap: {replicates: 200}}\noutput: out\n")


def run(cmd):
    """Wall seconds and peak RSS (MiB) of one fresh child (its own rusage, from wait4)."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    err = p.stderr.read().decode("utf-8", "replace")
    p.stderr.close()
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), err))
    return wall, usage.ru_maxrss / 1024.0


def measure(polframes, roots, runs):
    """The measures of each executable on its own copy of the corpus, run in turns."""
    makes = [[b, "make", "-f", r + "/p.yaml", "--quiet"] for b, r in zip(polframes, roots)]
    full, noop, change = ([[] for _ in makes] for _ in range(3))
    for _ in range(runs):
        for i, make in enumerate(makes):
            shutil.rmtree(roots[i] + "/out", ignore_errors=True)
            full[i].append(run(make))
    for _ in range(runs):
        for i, make in enumerate(makes):
            noop[i].append(run(make))
    lexes = [open(r + "/lexicon.yaml", encoding="utf-8").read() for r in roots]
    for k in range(runs):
        for i, make in enumerate(makes):
            # One new entry each time (a different one, so every run is a real change).
            edited = lexes[i].replace("          - {en: ethics, zh: 伦理}", "          - {en: ethics, zh: 伦理}\n          - {en: \"benchword%d\"}" % k, 1)
            assert edited != lexes[i]
            open(roots[i] + "/lexicon.yaml", "w", encoding="utf-8").write(edited)
            change[i].append(run(make))
    for i, r in enumerate(roots):
        open(r + "/lexicon.yaml", "w", encoding="utf-8").write(lexes[i])
    med = lambda xs: statistics.median(x[0] for x in xs)
    return [{"full": med(full[i]), "noop": med(noop[i]), "lexicon": med(change[i]), "peak_full": max(x[1] for x in full[i])}
            for i in range(len(makes))]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser()
    ap.add_argument("--polframe", default=repo + "/.build/release/polframe")
    ap.add_argument("--documents", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--workdir", default="/tmp", help="where the synthetic corpora are generated (one per binary compared)")
    ap.add_argument("--baseline", help="another polframe executable, measured in turns with --polframe")
    a = ap.parse_args()
    binaries = [a.polframe] + ([a.baseline] if a.baseline else [])
    for b in binaries:
        if not os.path.exists(b):
            sys.exit("%s: build it first: swift build -c release" % b)
    names = ["polframe"] + (["baseline"] if a.baseline else [])
    results = {}
    for n in sorted({1000, a.documents}):
        roots = [os.path.join(a.workdir, "polframe-synth-%d%s" % (n, "" if i == 0 else "-" + names[i])) for i in range(len(binaries))]
        for r in roots:
            generate(r, n, repo + "/lexicons/ai-governance-framing.yaml")
        results[n] = measure(binaries, roots, a.runs)
        for name, r in zip(names, results[n]):
            print("%-8s %6d documents: full build %.2f s, no-op %.3f s (%.1f%% of full), one-entry lexicon change %.2f s (%.1f%% of full), peak RSS %.0f MiB"
                  % (name, n, r["full"], r["noop"], 100 * r["noop"] / r["full"], r["lexicon"], 100 * r["lexicon"] / r["full"], r["peak_full"]))
        if a.baseline:
            new, base = results[n]
            print("%-8s %6d documents: full %.2fx, no-op %.2fx, lexicon change %.2fx, peak RSS %.2fx (polframe / baseline)"
                  % ("ratio", n, new["full"] / base["full"], new["noop"] / base["noop"], new["lexicon"] / base["lexicon"],
                     new["peak_full"] / base["peak_full"]))
    if 1000 in results and a.documents in results and a.documents != 1000:
        for i, name in enumerate(names):
            print("%-8s peak memory %d / 1000 documents: %.2fx" % (name, a.documents, results[a.documents][i]["peak_full"] / results[1000][i]["peak_full"]))
    print("medians of %d runs each; goals: no-op <= 2%%, lexicon change <= 15%%, memory ratio < 2" % a.runs)


if __name__ == "__main__":
    main()
