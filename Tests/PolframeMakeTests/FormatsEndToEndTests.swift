import Foundation
import Testing
@testable import PolframeMake

/// A pipeline over PDF, DOCX and ODT files: make reads them, and kwic finds phrases from inside.
@Suite struct FormatsEndToEndTests {
    static let fixtures = Fixtures.repoRoot + "/Tests/PolframeIngestTests/Fixtures/"

    static func project() throws -> String {
        let dir = try Fixtures.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/docs", withIntermediateDirectories: true)
        for (from, to) in [("english.pdf", "strategy.pdf"), ("chinese.pdf", "plan.pdf"), ("sample.docx", "coop.docx"),
                           ("sample.odt", "science.odt"), ("pixel.png", "scan.png"), ("uncompressed.pdf", "raw.txt")] {
            try FileManager.default.copyItem(atPath: fixtures + from, toPath: dir + "/docs/" + to)
        }
        try Fixtures.write("""
        id\tpath\tcountry\tdate\tlanguage\tformat
        pdf1\tstrategy.pdf\tUS\t2021-05-01\ten\t
        pdf2\tplan.pdf\tCN\t2021-07-20\tzh\t
        docx1\tcoop.docx\tUS\t2022-03-01\ten\t
        odt1\tscience.odt\tUS\t2022-04-01\ten\tODT
        png1\tscan.png\tUS\t2022\ten\t
        raw1\traw.txt\tUS\t2022\ten\t

        """, dir + "/manifest.tsv")
        try Fixtures.write(try Fixtures.read(Fixtures.lexicon), dir + "/lexicon.yaml")
        try Fixtures.write("""
        name: formats
        corpus: {root: docs, manifest: manifest.tsv}
        lexicons: [lexicon.yaml]
        series: {bootstrap: {replicates: 20, seed: 1}}
        output: out
        """, dir + "/p.yaml")
        return dir
    }

    @Test func makeReadsPackagesAndKwicFindsTheirPhrases() throws {
        let dir = try Self.project()
        let report = try Engine(pipeline: try Pipeline.load(path: dir + "/p.yaml")).make(MakeOptions(jobs: 2, quiet: true))
        #expect(report.documents == 6)
        #expect(report.skipped.count == 1)
        let docs = Fixtures.rows(try Fixtures.read(dir + "/out/documents.csv"))
        let status = docs[0].firstIndex(of: "status")!
        let byID = Dictionary(uniqueKeysWithValues: docs.dropFirst().map { ($0[0], $0[status]) })
        #expect(byID["pdf1"] == "ok" && byID["pdf2"] == "ok" && byID["docx1"] == "ok" && byID["odt1"] == "ok" && byID["raw1"] == "ok")
        #expect(byID["png1"] == "skipped: unsupported format (PNG image): convert it to PDF/DOCX/ODT/HTML/text first")

        let engine = try Engine(pipeline: try Pipeline.load(path: dir + "/p.yaml"))
        #expect(try engine.kwic("trustworthy artificial intelligence").map(\.docID) == ["pdf1"])
        #expect(try engine.kwic("resilient supply chains").map(\.docID) == ["docx1"])
        #expect(try engine.kwic("data management plans").map(\.docID) == ["odt1"])
        #expect(Set(try engine.kwic("人工智能").map(\.docID)) == ["pdf2", "docx1"])
        // The uncompressed PDF named .txt was read as a PDF: no PDF syntax among its words.
        #expect(try engine.kwic("endobj").isEmpty)
        #expect(try engine.kwic("uncompressed").map(\.docID) == ["raw1"])
    }
}
