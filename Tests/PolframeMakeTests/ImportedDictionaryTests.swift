import Foundation
import PolframeScore
import Testing
@testable import PolframeMake

/// A dictionary as distributed (Lexicoder .lc3, CRLF, colour suffixes) runs unmodified in a
/// pipeline; the contrast is optional and may name categories.
@Suite struct ImportedDictionaryTests {
    static func project(contrast: String) throws -> String {
        let dir = try Fixtures.temporaryDirectory()
        try Fixtures.write("We welcome good news and a great benefit. It was a bad year.\n", dir + "/docs/a.md")
        try Fixtures.write("Bad, terrible, bad outcomes; nothing good.\n", dir + "/docs/b.md")
        try Fixtures.write("id\tpath\tcountry\tdate\tlanguage\na\ta.md\tUS\t2021\ten\nb\tb.md\tUS\t2022\ten\n", dir + "/manifest.tsv")
        try Data("+positive#00FF00\r\ngood\r\ngreat\r\nbenefit*\r\n+negative#FF0000\r\nbad\r\nterrible\r\n".utf8)
            .write(to: URL(fileURLWithPath: dir + "/LSD.lc3"))
        try Fixtures.write("""
        name: imported
        corpus: {root: docs, manifest: manifest.tsv}
        lexicons: [LSD.lc3]
        \(contrast)
        series: {bootstrap: {replicates: 20, seed: 1}}
        output: out
        """, dir + "/p.yaml")
        return dir
    }

    @Test func anLc3RunsUnmodifiedWithAContrastOfTwoCategories() throws {
        let dir = try Self.project(contrast: "contrast: {plus: LSD/positive, minus: LSD/negative}\nfigures: [contrast, frame_rates]")
        let report = try Engine(pipeline: try Pipeline.load(path: dir + "/p.yaml")).make(MakeOptions(jobs: 1, quiet: true))
        #expect(report.scored == 2)
        let scores = Fixtures.rows(try Fixtures.read(dir + "/out/scores.csv"))
        let header = scores[0]
        let (f, c, h, d) = (header.firstIndex(of: "frame")!, header.firstIndex(of: "category")!, header.firstIndex(of: "hits")!, header.firstIndex(of: "doc_id")!)
        func hits(_ doc: String, _ cat: String) -> String? { scores.first { $0[d] == doc && $0[f] == "LSD" && $0[c] == cat }?[h] }
        #expect(hits("a", "positive") == "3" && hits("a", "negative") == "1")
        #expect(hits("b", "positive") == "1" && hits("b", "negative") == "3")
        let contrast = Fixtures.rows(try Fixtures.read(dir + "/out/contrast.csv"))
        #expect(contrast.count == 3)
        // 2021: (3 - 1) / (3 + 1).
        #expect(contrast[1][5] == "0.5000")
        #expect(FileManager.default.fileExists(atPath: dir + "/out/figures/contrast.svg"))
    }

    @Test func noContrastMeansNoContrastTableNorFigureNorError() throws {
        let dir = try Self.project(contrast: "figures: [frame_rates]")
        let report = try Engine(pipeline: try Pipeline.load(path: dir + "/p.yaml")).make(MakeOptions(jobs: 1, quiet: true))
        #expect(report.scored == 2)
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/contrast.csv"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/figures/contrast.svg"))
        #expect(FileManager.default.fileExists(atPath: dir + "/out/series.csv"))
    }

    @Test func exclusionsVetoAndAreCountedInCoverage() throws {
        let dir = try Self.project(contrast: "")
        try Fixtures.write("""
        name: ex
        version: "1"
        exclude: {en: ["bad year"]}
        frames:
          tone:
            categories:
              negative:
                entries:
                  - {en: [bad, terrible]}
        """, dir + "/ex.yaml")
        try Fixtures.write(try Fixtures.read(dir + "/p.yaml").replacingOccurrences(of: "lexicons: [LSD.lc3]", with: "lexicons: [ex.yaml]"), dir + "/p.yaml")
        _ = try Engine(pipeline: try Pipeline.load(path: dir + "/p.yaml")).make(MakeOptions(jobs: 1, quiet: true))
        let coverage = Fixtures.rows(try Fixtures.read(dir + "/out/coverage.csv"))
        // "bad" in "a bad year" is vetoed; the two in document b count.
        #expect(coverage.contains(["ex", "tone", "negative", "bad", "en", "1.000", "2", "1"]), "\(coverage)")
        #expect(coverage.contains(["ex", "", "", "bad year", "en", "exclude", "1", "1"]), "\(coverage)")
    }

    @Test func aContrastOfOneSideAgainstItselfOrAnUnknownSideIsRefused() throws {
        let same = try Self.project(contrast: "contrast: {plus: LSD/positive, minus: LSD/positive}")
        #expect(throws: MakeError.self) { try Pipeline.load(path: same + "/p.yaml") }
        let unknown = try Self.project(contrast: "contrast: {plus: LSD/positive, minus: values_based}")
        do {
            _ = try Engine(pipeline: try Pipeline.load(path: unknown + "/p.yaml"))
            Issue.record("an unknown contrast side was accepted")
        } catch {
            #expect("\(error)".contains("values_based"))
        }
    }
}
