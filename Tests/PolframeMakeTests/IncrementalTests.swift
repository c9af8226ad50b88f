import Foundation
import Testing
@testable import PolframeMake

/// The make engine rebuilds exactly what a change affects, and says why.
@Suite struct IncrementalTests {
    /// A small corpus without sha256 in the manifest (so documents can be edited) and a private
    /// copy of the lexicon (so it can be edited).
    /// A native lexicon's text without its `exclude:` keys (one line, or a block indented deeper).
    static func withoutExclusions(_ text: String) -> String {
        var out: [Substring] = []
        var skipDeeperThan: Int? = nil
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let indent = line.prefix(while: { $0 == " " }).count
            if let d = skipDeeperThan {
                if indent > d && !line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                skipDeeperThan = nil
            }
            if line.dropFirst(indent).hasPrefix("exclude:") { skipDeeperThan = indent; continue }
            out.append(line)
        }
        return out.joined(separator: "\n")
    }

    static func project() throws -> String {
        let dir = try Fixtures.temporaryDirectory()
        try Fixtures.write("<html><body><p>We protect human rights and privacy. We build infrastructure.</p></body></html>", dir + "/docs/us1.html")
        try Fixtures.write("---\ntitle: Plan\n---\n\nDemocracy and trust, with allies and partners. Talent and standards.\n", dir + "/docs/us2.md")
        try Fixtures.write("<?xml version=\"1.0\"?><doc><title>规划</title><p>加快数据中心和算力基础设施建设，推动数字经济发展，完善伦理规范。</p></doc>", dir + "/docs/cn1.xml")
        try Fixtures.write("---\ntitle: 方案\n---\n\n推进智慧城市建设和人才培养，保护个人的隐私。\n", dir + "/docs/cn2.md")
        try Fixtures.write("id\tpath\tcountry\tdate\tlanguage\nus1\tus1.html\tUS\t2021-05-01\ten\nus2\tus2.md\tUS\t2022\ten\ncn1\tcn1.xml\tCN\t2021-03-05\tzh\ncn2\tcn2.md\tCN\t2022\tzh\n", dir + "/manifest.tsv")
        // The shipped lexicon without its exclusion phrases: a lexicon with exclusions re-scores
        // every document on any edit (ScoreDelta), and these tests are about the early cutoff.
        try Fixtures.write(withoutExclusions(try Fixtures.read(Fixtures.lexicon)), dir + "/lexicon.yaml")
        try Fixtures.write("""
        name: inc
        corpus: {root: docs, manifest: manifest.tsv}
        lexicons: [lexicon.yaml]
        contrast: {plus: values_based, minus: development_centric}
        series: {bootstrap: {replicates: 50, seed: 3}}
        output: out
        """, dir + "/p.yaml")
        return dir
    }

    static func make(_ dir: String, _ options: MakeOptions = MakeOptions(jobs: 2, quiet: true)) throws -> MakeReport {
        try Engine(pipeline: try Pipeline.load(path: dir + "/p.yaml")).make(options)
    }

    static func stages(_ r: MakeReport) -> [String] { r.runs.map(\.target.description).sorted() }

    @Test func noOpAndTouchRebuildNothing() throws {
        let dir = try Self.project()
        let first = try Self.make(dir)
        #expect(first.stageCounts == ["ingest": 4, "normalize": 4, "score": 4])
        #expect(try Self.make(dir).runs.isEmpty)
        // Touch without changing: the hash says it is the same document.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: dir + "/docs/us1.html")
        #expect(try Self.make(dir).runs.isEmpty)
    }

    @Test func changingOneDocumentRebuildsOnlyIt() throws {
        let dir = try Self.project()
        _ = try Self.make(dir)
        try Fixtures.write("<html><body><p>We protect human rights, privacy and democracy.</p></body></html>", dir + "/docs/us1.html")
        let plan = try Self.make(dir, MakeOptions(dryRun: true, quiet: true))
        #expect(plan.runs.first { $0.target == "ingest:us1" }?.reasons == ["document us1 changed (us1.html)"])
        let r = try Self.make(dir)
        #expect(Self.stages(r) == ["aggregate", "coverage", "figures", "ingest:us1", "lock", "normalize:us1", "score:us1"])
    }

    @Test func boilerplateOnlyChangeStopsAtIngest() throws {
        let dir = try Self.project()
        _ = try Self.make(dir)
        // Only the navigation changes: the extracted text is the same, so neither normalization nor
        // scoring runs; the corpus outputs are refreshed because the lock records the new bytes.
        try Fixtures.write("<html><body><nav>Home | About</nav><p>We protect human rights and privacy. We build infrastructure.</p></body></html>", dir + "/docs/us1.html")
        let r = try Self.make(dir)
        #expect(Self.stages(r) == ["aggregate", "ingest:us1", "lock"])
    }

    @Test func lexiconChangeRescoresWithoutResegmenting() throws {
        let dir = try Self.project()
        _ = try Self.make(dir)
        var lex = try Fixtures.read(dir + "/lexicon.yaml")
        lex = lex.replacingOccurrences(of: "          - {en: ethics, zh: 伦理}", with: "          - {en: ethics, zh: 伦理}\n          - {en: protect}\n          - {en: \"we build\"}\n          - {zh: 加快}")
        try Fixtures.write(lex, dir + "/lexicon.yaml")
        let plan = try Self.make(dir, MakeOptions(dryRun: true, quiet: true))
        let reasons = plan.runs.first { $0.target == "score:us1" }?.reasons ?? []
        #expect(reasons.contains { $0.contains("3 entries added to values_based/ethics_rights") }, "\(reasons)")
        #expect(reasons.contains { $0.hasPrefix("a pattern the lexicon edit changed occurs in it (3 patterns added)") }, "\(reasons)")
        // The plan already knows which documents the edit cannot reach.
        #expect(plan.keptScores.sorted() == ["cn2", "us2"] && !plan.runs.contains { $0.target == "score:us2" })
        #expect(plan.lexiconDelta == "3 patterns added")
        let r = try Self.make(dir)
        #expect(r.stageCounts["ingest"] == nil && r.stageCounts["normalize"] == nil)
        // Only the documents where a new form occurs are scored again (us1: protect, we build;
        // cn1: 加快); the other two keep their scores.
        #expect(Self.stages(r).filter { $0.hasPrefix("score:") } == ["score:cn1", "score:us1"])
        #expect(r.keptScores.count == 2)
        #expect(r.runs.contains { $0.target == "aggregate" })
        #expect(try Fixtures.read(dir + "/out/matches.csv").contains("values_based,ethics_rights,protect,en"))
    }

    @Test func figureOptionRedrawsFiguresOnly() throws {
        let dir = try Self.project()
        _ = try Self.make(dir)
        let p = try Fixtures.read(dir + "/p.yaml") + "\nfigures: {contrast: {title: \"A new title\"}}\n"
        try Fixtures.write(p, dir + "/p.yaml")
        let r = try Self.make(dir)
        #expect(Self.stages(r) == ["figures", "lock"])
        #expect(r.runs[0].reasons == ["contrast title is new (A new title)"])
        #expect(try Fixtures.read(dir + "/out/figures/contrast.svg").contains("A new title"))
    }

    @Test func deletedOrEditedOutputIsRewritten() throws {
        let dir = try Self.project()
        _ = try Self.make(dir)
        let original = try Fixtures.read(dir + "/out/series.csv")
        try Fixtures.write("tampered\n", dir + "/out/series.csv")
        try FileManager.default.removeItem(atPath: dir + "/out/contrast.csv")
        let r = try Self.make(dir)
        let reasons = r.runs.first { $0.target == "aggregate" }?.reasons ?? []
        #expect(reasons.contains("output series.csv is missing or was modified"))
        #expect(reasons.contains("output contrast.csv is missing or was modified"))
        #expect(try Fixtures.read(dir + "/out/series.csv") == original)
    }

    @Test func rebuildAllRunsEverything() throws {
        let dir = try Self.project()
        _ = try Self.make(dir)
        let r = try Self.make(dir, MakeOptions(jobs: 2, rebuildAll: true, quiet: true))
        #expect(r.stageCounts == ["ingest": 4, "normalize": 4, "score": 4])
    }

    @Test func stateFromANewerPolframeIsRefusedAndDamagedStateRebuilt() throws {
        let dir = try Self.project()
        _ = try Self.make(dir)
        let state = dir + "/out/.polframe/state.tsv"
        try Fixtures.write("polframe-state\t99\n", state)
        #expect(throws: MakeError.self) { _ = try Self.make(dir) }
        try Fixtures.write("polframe-state\t1\ngarbage line\n", state)
        let r = try Self.make(dir)
        // The cache still holds every result: nothing is recomputed, only the corpus targets.
        #expect(r.stageCounts.isEmpty)
        #expect(r.runs.contains { $0.target == "aggregate" })
    }

    @Test func verifyNamesWhatDrifted() throws {
        let dir = try Self.project()
        _ = try Self.make(dir)
        let engine = try Engine(pipeline: try Pipeline.load(path: dir + "/p.yaml"))
        let ok = try engine.verify(jobs: 2)
        #expect(ok.ok, "\(ok.drifted)")
        #expect(ok.compared.contains("contrast.csv") && ok.compared.contains("polframe.lock"))
        // A lexicon edit after the outputs were published: verify names the files and the cause.
        var lex = try Fixtures.read(dir + "/lexicon.yaml")
        lex = lex.replacingOccurrences(of: "          - {en: ethics, zh: 伦理}", with: "          - {en: ethics, zh: 伦理}\n          - {en: protect}")
        try Fixtures.write(lex, dir + "/lexicon.yaml")
        let drift = try Engine(pipeline: try Pipeline.load(path: dir + "/p.yaml")).verify(jobs: 2)
        #expect(!drift.ok)
        #expect(drift.drifted.contains("matches.csv"))
        #expect(drift.causes.contains { $0.hasPrefix("lexicons ") }, "\(drift.causes)")
    }

    @Test func lockDifferencesInWords() {
        let a = "format: 1\nicu: \"72.1\"\nlexicons:\n  - {name: \"x\", version: \"1\", sha256: aa}\ndocuments:\n  \"d1\": 11\n"
        let b = "format: 1\nicu: \"74.2\"\nlexicons:\n  - {name: \"x\", version: \"1\", sha256: bb}\ndocuments:\n  \"d1\": 12\n"
        let causes = Engine.lockDifferences(a, b)
        #expect(causes.contains("icu \"72.1\" → \"74.2\""))
        #expect(causes.contains("document \"d1\" changed"))
        #expect(causes.contains { $0.hasPrefix("lexicons \"x\"") })
    }
}

@Suite struct LexiconEditVerifyTests {
    /// An entry that matches nothing changes no score, but coverage.csv lists it: the corpus
    /// outputs are rewritten, and a rebuild from scratch agrees byte for byte.
    @Test func unmatchedEntryStillRefreshesCoverage() throws {
        let dir = try IncrementalTests.project()
        _ = try IncrementalTests.make(dir)
        var lex = try Fixtures.read(dir + "/lexicon.yaml")
        lex = lex.replacingOccurrences(of: "          - {en: ethics, zh: 伦理}", with: "          - {en: ethics, zh: 伦理}\n          - {en: \"never used phrase\"}")
        try Fixtures.write(lex, dir + "/lexicon.yaml")
        let r = try IncrementalTests.make(dir)
        #expect(IncrementalTests.stages(r) == ["coverage", "lock"])
        #expect(r.keptScores.count == 4)
        #expect(try Fixtures.read(dir + "/out/coverage.csv").contains("never used phrase"))
        #expect(try Engine(pipeline: try Pipeline.load(path: dir + "/p.yaml")).verify(jobs: 2).ok)
    }
}
