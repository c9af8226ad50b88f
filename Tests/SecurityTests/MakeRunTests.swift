import Testing
import Foundation
@testable import PolframeMake
@testable import PolframeScore

/// Whole runs: a hostile document is one skipped row and the rest is scored; formula cells
/// reach every CSV only as text when the pipeline asks for it.
@Suite struct MakeRunTests {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// A corpus of a formula-titled document, an alias-bomb front matter and a plain one.
    static func corpus(excelSafe: Bool) throws -> String {
        let dir = NSTemporaryDirectory() + "polframe-security-" + UUID().uuidString
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/docs", withIntermediateDirectories: true)
        func write(_ text: String, _ path: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/" + path)) }
        try write("---\ntitle: \"=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\"\nissuer: \"@office\"\n---\n\n-AI ethics and human rights, with privacy.\n", "docs/formula.md")
        try write("---\ntitle: Bomb\n" + YAMLBombTests.bomb() + "---\n\nEthics and human rights.\n", "docs/bomb.md")
        try write("<html><body><p>We protect human rights and privacy. We build infrastructure.</p></body></html>", "docs/plain.html")
        try write("""
        id\tpath\tcountry\tdate\tlanguage\ttitle\tissuer\turl\tsha256
        formula\tformula.md\tUS\t2021\ten\t\t\t\t
        bomb\tbomb.md\tUS\t2021\ten\t\t\t\t
        plain\tplain.html\tUS\t2022\ten\t\t\t\t

        """, "manifest.tsv")
        try write("""
        name: security
        corpus: {root: docs, manifest: manifest.tsv}
        lexicons: [\(repoRoot)/lexicons/ai-governance-framing.yaml]
        series: {bootstrap: {replicates: 20, seed: 7}}
        csv: {excel_safe: \(excelSafe)}
        output: out

        """, "p.yaml")
        return dir
    }

    @Test func aliasBombDocumentIsSkippedAndFormulasAreProtectedWhenAsked() throws {
        for excelSafe in [false, true] {
            let dir = try Self.corpus(excelSafe: excelSafe)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let report = try Engine(pipeline: try Pipeline.load(path: dir + "/p.yaml")).make(MakeOptions(jobs: 2, quiet: true))
            #expect(report.documents == 3)
            #expect(report.scored == 2)
            let docs = try #require(CSVTable.parse(try String(contentsOfFile: dir + "/out/documents.csv", encoding: .utf8)))
            let status = try #require(docs.column("status")), titles = try #require(docs.column("title")), ids = try #require(docs.column("doc_id"))
            let byID = Dictionary(uniqueKeysWithValues: zip(ids, zip(status, titles)))
            #expect(byID["bomb"]?.0.contains("alias bomb") == true)
            #expect(byID["plain"]?.0 == "ok")
            #expect(byID["formula"]?.1 == (excelSafe ? "'" : "") + "=HYPERLINK(\"http://x\",\"y\")")
            let matches = try #require(CSVTable.parse(try String(contentsOfFile: dir + "/out/matches.csv", encoding: .utf8)))
            let texts = try #require(matches.column("text"))
            #expect(texts.contains("human rights"))
            // Numeric columns never change.
            let scores = try #require(CSVTable.parse(try String(contentsOfFile: dir + "/out/scores.csv", encoding: .utf8)))
            #expect(try #require(scores.column("weighted")).allSatisfy { $0.isEmpty || Double($0) != nil })
        }
    }
}
