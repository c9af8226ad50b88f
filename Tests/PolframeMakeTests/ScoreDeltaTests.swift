import Foundation
import Testing
@testable import PolframeMake
import PolframeText
import PolframeLexicon
import PolframeScore

/// A lexicon edit re-scores only the documents it can reach, and the outputs are byte for byte
/// those of a build from scratch.
@Suite struct ScoreDeltaTests {
    static let anchor = "          - {en: ethics, zh: 伦理}"

    static func edit(_ dir: String, _ change: (String) -> String) throws {
        let before = try Fixtures.read(dir + "/lexicon.yaml")
        let after = change(before)
        #expect(after != before, "the edit must change the lexicon")
        try Fixtures.write(after, dir + "/lexicon.yaml")
    }

    static func scored(_ r: MakeReport) -> [String] {
        IncrementalTests.stages(r).filter { $0.hasPrefix("score:") }.map { String($0.dropFirst(6)) }
    }

    /// Every output of an incremental run equals that of a clean build in another folder.
    static func expectSameAsClean(_ dir: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let drift = try Engine(pipeline: try Pipeline.load(path: dir + "/p.yaml")).verify(jobs: 2)
        #expect(drift.ok, "\(drift)", sourceLocation: sourceLocation)
    }

    /// A kept score stays where it is in the cache: the state names its record's key, the
    /// next run finds everything up to date, and a format-2 state (no keys) still reads.
    @Test func keptScoresStayInPlaceAndTheNextRunIsANoOp() throws {
        let dir = try IncrementalTests.project()
        _ = try IncrementalTests.make(dir)
        let before = try BuildState.read(path: dir + "/out/.polframe/state.tsv")
        try Self.edit(dir) { $0.replacingOccurrences(of: Self.anchor, with: Self.anchor + "\n          - {en: \"never used phrase\"}") }
        #expect(try IncrementalTests.make(dir).keptScores.count == 4)
        let after = try BuildState.read(path: dir + "/out/.polframe/state.tsv")
        for (id, d) in after.documents {
            #expect(d.scoreKey == before.documents[id]?.scoreFingerprint && d.scoreFingerprint != d.scoreKey, "\(id)")
        }
        #expect(try IncrementalTests.make(dir).runs.isEmpty)
        try Self.expectSameAsClean(dir)
        // The same state written as format 2 (keys dropped) still reads; the scores whose record
        // it no longer finds are made again.
        var text = try Fixtures.read(dir + "/out/.polframe/state.tsv")
        text = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.hasPrefix("polframe-state\t") { return "polframe-state\t2" }
            guard line.hasPrefix("doc\t") else { return String(line) }
            return line.split(separator: "\t", omittingEmptySubsequences: false).dropLast().joined(separator: "\t")
        }.joined(separator: "\n")
        try Fixtures.write(text, dir + "/out/.polframe/state.tsv")
        #expect(try BuildState.read(path: dir + "/out/.polframe/state.tsv").documents.values.allSatisfy { $0.scoreKey.isEmpty })
        _ = try IncrementalTests.make(dir)
        try Self.expectSameAsClean(dir)
    }

    /// With the shipped lexicon's exclusion phrases in place (unchanged), an added entry still
    /// re-scores only where it occurs; a changed exclusion phrase re-scores everything.
    @Test func unchangedExclusionsKeepTheEarlyCutoff() throws {
        let dir = try IncrementalTests.project()
        try Fixtures.write(try Fixtures.read(Fixtures.lexicon), dir + "/lexicon.yaml")
        #expect(try Fixtures.read(dir + "/lexicon.yaml").contains("exclude:"))
        _ = try IncrementalTests.make(dir)
        try Self.edit(dir) { $0.replacingOccurrences(of: Self.anchor, with: Self.anchor + "\n          - {en: partners}") }
        let r = try IncrementalTests.make(dir)
        #expect(Self.scored(r) == ["us2"])
        #expect(r.keptScores.count == 3)
        try Self.expectSameAsClean(dir)
        try Self.edit(dir) { $0.replacingOccurrences(of: "ai safety institute", with: "ai safety institutes") }
        #expect(Self.scored(try IncrementalTests.make(dir)).count == 4)
        try Self.expectSameAsClean(dir)
    }

    @Test func removingAnEntryRescoresOnlyWhereItMatched() throws {
        let dir = try IncrementalTests.project()
        _ = try IncrementalTests.make(dir)
        try Self.edit(dir) { $0.replacingOccurrences(of: Self.anchor, with: Self.anchor + "\n          - {en: protect}\n          - {en: partners}") }
        #expect(Self.scored(try IncrementalTests.make(dir)) == ["us1", "us2"])
        // (Removing both would bring back the first lexicon, whose scores the cache still holds.)
        try Self.edit(dir) { $0.replacingOccurrences(of: "\n          - {en: protect}", with: "") }
        let r = try IncrementalTests.make(dir)
        #expect(Self.scored(r) == ["us1"])
        #expect(r.keptScores.count == 3)
        #expect(r.runs.contains { $0.target == "aggregate" })
        #expect(!(try Fixtures.read(dir + "/out/matches.csv")).contains(",protect,"))
        try Self.expectSameAsClean(dir)
    }

    @Test func reweightingAnEntryRescoresOnlyWhereItMatches() throws {
        let dir = try IncrementalTests.project()
        _ = try IncrementalTests.make(dir)
        try Self.edit(dir) { $0.replacingOccurrences(of: Self.anchor, with: "          - {en: ethics, zh: 伦理, weight: 2}") }
        let r = try IncrementalTests.make(dir)
        // 伦理 occurs in cn1 only.
        #expect(Self.scored(r) == ["cn1"])
        try Self.expectSameAsClean(dir)
    }

    /// A category's weight enters every one of its patterns: the documents with a hit in it are
    /// re-scored, the others keep their scores, and the outputs are a clean build's.
    @Test func aCategoryWeightReachesTheDocumentsWithHitsInIt() throws {
        let dir = try IncrementalTests.project()
        let first = try IncrementalTests.make(dir)
        #expect(first.stageCounts["score"] == 4)
        let matches = try Fixtures.read(dir + "/out/matches.csv")
        let withHits = Set(Fixtures.rows(matches).dropFirst().filter { $0.count > 2 && $0[2] == "ethics_rights" }.map { $0[0] })
        #expect(!withHits.isEmpty && withHits.count < 4, "the fixture has documents with and without ethics_rights hits")
        try Self.edit(dir) { $0.replacingOccurrences(of: "        label: Ethics and rights\n", with: "        label: Ethics and rights\n        weight: 2\n") }
        let r = try IncrementalTests.make(dir)
        #expect(Set(Self.scored(r)) == withHits, "\(Self.scored(r)) vs \(withHits)")
        #expect(r.keptScores.count == 4 - withHits.count)
        try Self.expectSameAsClean(dir)
    }

    @Test func aGlobReachesTheDocumentsWithItsStem() throws {
        let dir = try IncrementalTests.project()
        _ = try IncrementalTests.make(dir)
        try Self.edit(dir) { $0.replacingOccurrences(of: Self.anchor, with: Self.anchor + "\n          - {en: \"stand*\"}") }
        let r = try IncrementalTests.make(dir)
        #expect(Self.scored(r) == ["us2"])
        try Self.expectSameAsClean(dir)
    }

    /// A new lexicon version changes no pattern, so every score is kept; the figures name the
    /// lexicon's version in their source note, so they are redrawn.
    @Test func aVersionBumpKeepsEveryScoreAndRedrawsTheFigures() throws {
        let dir = try IncrementalTests.project()
        _ = try IncrementalTests.make(dir)
        try Self.edit(dir) { text in
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("version:") }) else { return text }
            return text.replacingOccurrences(of: String(line), with: "version: 99.0.0")
        }
        let r = try IncrementalTests.make(dir)
        #expect(Self.scored(r).isEmpty && r.keptScores.count == 4)
        #expect(r.runs.contains { $0.target == "figures" })
        #expect(try Fixtures.read(dir + "/out/figures/contrast.svg").contains("99.0.0"))
        try Self.expectSameAsClean(dir)
    }

    @Test func aNewCategoryOrAReorderRescoresEverything() throws {
        let dir = try IncrementalTests.project()
        _ = try IncrementalTests.make(dir)
        // Swapping two entries can change which of two patterns over the same words wins a tie.
        let lex = try Fixtures.read(dir + "/lexicon.yaml")
        let lines = lex.components(separatedBy: "\n")
        guard let i = lines.firstIndex(of: Self.anchor), lines[i + 1].hasPrefix("          - {") else {
            Issue.record("the lexicon no longer has two entries after the anchor"); return
        }
        var swapped = lines
        swapped.swapAt(i, i + 1)
        try Fixtures.write(swapped.joined(separator: "\n"), dir + "/lexicon.yaml")
        #expect(Self.scored(try IncrementalTests.make(dir)).count == 4)
        try Self.expectSameAsClean(dir)
    }

    /// A lexicon edit takes the documents' ingest and normalize results from the state; when the
    /// cache lost them (deleted by hand), each document is built again the long way.
    @Test func aLexiconEditWithTheCacheGoneRebuildsTheLongWay() throws {
        let dir = try IncrementalTests.project()
        _ = try IncrementalTests.make(dir)
        try FileManager.default.removeItem(atPath: dir + "/out/.polframe/cache")
        try Self.edit(dir) { $0.replacingOccurrences(of: Self.anchor, with: Self.anchor + "\n          - {en: protect}") }
        let r = try IncrementalTests.make(dir)
        #expect(r.skipped.isEmpty)
        #expect(r.stageCounts["normalize"] == 4 && r.stageCounts["score"] == 4, "\(r.stageCounts)")
        try Self.expectSameAsClean(dir)
    }

    @Test func withoutTheLastLexiconEverythingIsRescored() throws {
        let dir = try IncrementalTests.project()
        _ = try IncrementalTests.make(dir)
        try FileManager.default.removeItem(atPath: dir + "/out/.polframe/lexicons")
        try Self.edit(dir) { $0.replacingOccurrences(of: Self.anchor, with: Self.anchor + "\n          - {en: protect}") }
        let r = try IncrementalTests.make(dir)
        #expect(Self.scored(r).count == 4 && r.keptScores.isEmpty)
        try Self.expectSameAsClean(dir)
    }

    /// Random edits (forms that occur in the corpus and forms that do not, added, removed and
    /// reweighted), each followed by an incremental make checked against a clean build.
    @Test func randomEditsMatchACleanBuild() throws {
        let dir = try IncrementalTests.project()
        _ = try IncrementalTests.make(dir)
        let pool = ["protect", "we build", "stand*", "partners", "never seen", "加快", "建设", "推进", "培养", "没有的词"]
        var rng = SplitMix(seed: 20261129)
        var present: [String: Int] = [:]
        let original = try Fixtures.read(dir + "/lexicon.yaml")
        for _ in 0..<6 {
            let form = pool[Int(rng.next() % UInt64(pool.count))]
            if present[form] != nil && rng.next() % 2 == 0 { present[form] = nil } else { present[form] = Int(rng.next() % 3) + 1 }
            let added = present.keys.sorted().map { f -> String in
                let key = f.unicodeScalars.contains { $0.value > 0x2E80 } ? "zh" : "en"
                return "\n          - {\(key): \"\(f)\", weight: \(present[f]!)}"
            }.joined()
            try Fixtures.write(original.replacingOccurrences(of: Self.anchor, with: Self.anchor + added), dir + "/lexicon.yaml")
            _ = try IncrementalTests.make(dir)
            try Self.expectSameAsClean(dir)
        }
    }

    @Test func storedUnitsTestIsExactOnTheUnitsAndSafeOnAnythingElse() throws {
        let analyzer = try TextAnalyzer()
        let a = try analyzer.analyze("We protect human rights. 加快数据中心建设。")
        let stored = a.serialized()
        func may(_ s: String) -> Bool { stored.withUnsafeBytes { AnalyzedText.storedUnits($0, mayContain: Array(s.utf16)) } }
        #expect(may("protect") && may("rights") && may("数据中心") && may("we"))
        #expect(!may("protection") && !may("privacy") && !may("算力"))
        // Not a stored analysis: it may hold anything.
        #expect([UInt8](repeating: 7, count: 40).withUnsafeBytes { AnalyzedText.storedUnits($0, mayContain: Array("x".utf16)) })
    }

    @Test func lockDocumentsReadBackWhatRenderWrote() {
        let text = "documents:\n  \"a\": 11\n  \"we\\\"ird\\\\id\": 22\n  \"skipped\": null\noutputs:\n  \"documents.csv\": 33\n"
        #expect(Lock.documents(Data(text.utf8)) == ["a": "11", "we\"ird\\id": "22", "skipped": ""])
    }
}

/// A small deterministic generator for the random edits.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Compiled lexicons kept in the per-user cache come back as they went in, and match as the
/// freshly compiled ones do.
@Suite struct CompiledLexiconCacheTests {
    @Test func patternsRoundTripAndMatchAlike() throws {
        let analyzer = try TextAnalyzer()
        let lexicon = try Lexicon.load(path: Fixtures.lexicon)
        let text = try analyzer.analyze("We protect human rights and privacy, build infrastructure and standards. 加快数据中心和算力基础设施建设，完善伦理规范。")
        for role in Frame.Role.allCases where lexicon.frames.contains(where: { $0.role == role }) {
            let fresh = try CompiledLexicon(lexicon, analyzer: analyzer, role: role)
            let bytes = CompiledLexiconCache.encode(fresh.patterns, fresh.negationCues)
            let back = try #require(bytes.withUnsafeBytes { CompiledLexiconCache.decode($0) })
            #expect(back.patterns == fresh.patterns && back.cues == fresh.negationCues)
            let rebuilt = CompiledLexicon(lexicon, role: role, patterns: back.patterns, negationCues: back.cues)
            #expect(Matcher(rebuilt).match(text) == Matcher(fresh).match(text))
            #expect(!Matcher(fresh).match(text).isEmpty || role == .topic)
            // A truncated file is not read.
            #expect(Array(bytes.dropLast()).withUnsafeBytes { CompiledLexiconCache.decode($0) } == nil)
        }
    }
}
