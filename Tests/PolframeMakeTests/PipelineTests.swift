import Foundation
import Testing
@testable import PolframeMake

@Suite struct PipelineTests {
    @Test func everyProblemIsReportedBeforeAnyWork() throws {
        let dir = try Fixtures.temporaryDirectory()
        try Fixtures.write("""
        name: broken
        corpus: {root: nowhere, manifest: m.tsv, extra: 1}
        lexicons: [missing.yaml]
        figures: [pie]
        series: {bootstrap: {level: 2}}
        """, dir + "/p.yaml")
        do {
            _ = try Pipeline.load(path: dir + "/p.yaml")
            Issue.record("a broken pipeline loaded")
        } catch {
            let text = error.description
            #expect(text.contains("unknown key 'extra'"))
            #expect(text.contains("unknown figure 'pie'"))
            #expect(text.contains("level must be between 0 and 1"))
            #expect(text.contains("p.yaml:"))
        }
    }

    @Test func missingInputsAreListedTogether() throws {
        let dir = try Fixtures.temporaryDirectory()
        try Fixtures.write("name: p\ncorpus: {root: nowhere, manifest: m.tsv}\nlexicons: [missing.yaml]\n", dir + "/p.yaml")
        let p = try Pipeline.load(path: dir + "/p.yaml")
        do {
            _ = try Engine(pipeline: p)
            Issue.record("a build started without its inputs")
        } catch {
            guard case .invalidInputs(let problems) = error else { Issue.record("\(error)"); return }
            #expect(problems.count >= 3)  // lexicon, manifest, corpus folder
        }
    }

    @Test func manifestProblemsNameTheLine() {
        let tsv = "id\tpath\tdate\tColour!\nx\ta.md\t2021-02-30\tred\nx\tb.md\t2021\tblue\n"
        do {
            _ = try Manifest.parse(tsv, path: "m.tsv")
            Issue.record("a bad manifest parsed")
        } catch {
            #expect(error.description.contains("m.tsv:1:4: column 'colour!'"))
        }
        let tsv2 = "id\tpath\tdate\nx\ta.md\t2021-02-30\nx\tb.md\t2021\n"
        do {
            _ = try Manifest.parse(tsv2, path: "m.tsv")
            Issue.record("a bad manifest parsed")
        } catch {
            #expect(error.description.contains("m.tsv:2:3: date '2021-02-30'"))
            #expect(error.description.contains("m.tsv:3:1: duplicate id 'x' (first on line 2)"))
        }
    }

    @Test func corpusOverrideWins() throws {
        let dir = try Fixtures.temporaryDirectory()
        try Fixtures.write("name: p\ncorpus: {root: a, manifest: m.tsv}\nlexicons: [l.yaml]\n", dir + "/p.yaml")
        let p = try Pipeline.load(path: dir + "/p.yaml", corpusOverride: "/tmp/elsewhere")
        #expect(p.corpusRoot == "/tmp/elsewhere")
        #expect(try Pipeline.load(path: dir + "/p.yaml").corpusRoot.hasSuffix("/a"))
    }
}

@Suite struct SeriesOptionsTests {
    @Test func groupByLanguageSplitAndFlags() throws {
        let dir = try IncrementalTests.project()
        var p = try Fixtures.read(dir + "/p.yaml")
        p = p.replacingOccurrences(of: "series: {bootstrap: {replicates: 50, seed: 3}}",
                                   with: "series: {bootstrap: {replicates: 50, seed: 3}, group_by: language, weighting: documents, min_documents: 2, by_language: true}")
        try Fixtures.write(p, dir + "/p.yaml")
        _ = try IncrementalTests.make(dir)
        let series = Fixtures.rows(try Fixtures.read(dir + "/out/series.csv"))
        #expect(series[0] == ["language", "year", "frame", "documents", "tokens", "hits", "weighted", "rate_per_10k", "ci_low", "ci_high", "flag", "translated"])
        #expect(Set(series.dropFirst().map { $0[0] }) == ["en", "zh"])
        #expect(series.dropFirst().allSatisfy { $0[10] == "few_documents" })  // one document per cell
        let byLanguage = Fixtures.rows(try Fixtures.read(dir + "/out/series_by_language.csv"))
        // Grouped by language already: the language column once, not twice.
        #expect(byLanguage[0] == series[0])
        #expect(FileManager.default.fileExists(atPath: dir + "/out/figures/contrast.svg"))
        #expect(throws: MakeError.self) {
            // Not a built-in group, and the manifest has no such column.
            try Fixtures.write(p.replacingOccurrences(of: "group_by: language", with: "group_by: colour"), dir + "/p.yaml")
            _ = try Engine(pipeline: try Pipeline.load(path: dir + "/p.yaml"))
        }
    }
}
