import Foundation
import Testing
@testable import PolframeMake

/// `why`, `kwic` and the tables figures read agree with what was scored.
@Suite struct EvidenceAgreementTests {
    /// Three documents: one dated only by its own front matter, one a translation, and one whose
    /// only technology sentence is the one a passage filter keeps.
    static func project(passageFilter: Bool) throws -> String {
        let dir = try Fixtures.temporaryDirectory()
        try Fixtures.write("""
        Artificial intelligence must respect human rights. We protect privacy and human rights in every school. \
        Democracy and human rights are shared values of allies and partners.

        """, dir + "/docs/us1.txt")
        try Fixtures.write("---\ntitle: Plan\ndate: 2022-03-01\n---\n\nArtificial intelligence and human rights, with allies.\n", dir + "/docs/us2.md")
        try Fixtures.write("Artificial intelligence infrastructure and talent, with human rights.\n", dir + "/docs/cn1.txt")
        try Fixtures.write("""
        id\tpath\tcountry\tdate\tlanguage\ttranslation_of
        us1\tus1.txt\tUS\t2021-05-01\ten\t
        us2\tus2.md\tUS\t\ten\t
        cn1\tcn1.txt\tCN\t2021-03-05\ten\tcn-original

        """, dir + "/manifest.tsv")
        try Fixtures.write(try Fixtures.read(Fixtures.lexicon), dir + "/lexicon.yaml")
        try Fixtures.write("""
        name: agree
        corpus: {root: docs, manifest: manifest.tsv}
        lexicons: [lexicon.yaml]
        \(passageFilter ? "passage_filter: {frame: topic_technology, window: 0}" : "")
        series: {bootstrap: {replicates: 50, seed: 3}, min_hits: 5}
        contrast: {plus: values_based, minus: development_centric}
        figures: [contrast, category_heatmap]
        output: out
        """, dir + "/p.yaml")
        return dir
    }

    static func engine(_ dir: String) throws -> Engine {
        let engine = try Engine(pipeline: try Pipeline.load(path: dir + "/p.yaml"))
        _ = try engine.make(MakeOptions(jobs: 2, quiet: true))
        return engine
    }

    @Test func whyReportsScoredTokensUnderAPassageFilter() throws {
        let dir = try Self.project(passageFilter: true)
        let engine = try Self.engine(dir)
        #expect(engine.inputs.pipeline.minHits == 5)
        let documents = Fixtures.rows(try Fixtures.read(dir + "/out/documents.csv"))
        let h = documents[0]
        let us1 = try #require(documents.first { $0[0] == "us1" })
        let scored = try #require(Int(us1[h.firstIndex(of: "scored_tokens")!])), whole = try #require(Int(us1[h.firstIndex(of: "tokens")!]))
        #expect(scored < whole, "the filter keeps only the first sentence")
        let why = try engine.why(country: "US", year: 2021, frame: "values_based")
        #expect(why.documents.first { $0.docID == "us1" }?.tokens == scored)
        #expect(why.summary.contains("scored tokens"))
        // One document: no interval, said in words.
        #expect(why.summary.hasSuffix("no interval (1 document)"))
        #expect(!why.summary.contains("[, ]"))
    }

    @Test func kwicYearsAreThoseOfDocumentsCSV() throws {
        let dir = try Self.project(passageFilter: false)
        let engine = try Self.engine(dir)
        let lines = try engine.kwic("human rights")
        // us2 has no date in the manifest: its year comes from its own front matter, as in documents.csv.
        #expect(lines.first { $0.docID == "us2" }?.year == "2022")
        #expect(lines.first { $0.docID == "us1" }?.year == "2021")
        #expect(lines.allSatisfy { !$0.excluded })
    }

    @Test func tablesCarryTranslationsHitsAndLabels() throws {
        let dir = try Self.project(passageFilter: false)
        _ = try Self.engine(dir)
        let documents = Fixtures.rows(try Fixtures.read(dir + "/out/documents.csv"))
        let column = try #require(documents[0].firstIndex(of: "translation_of"))
        #expect(documents.first { $0[0] == "cn1" }?[column] == "cn-original")
        let contrast = Fixtures.rows(try Fixtures.read(dir + "/out/contrast.csv"))
        #expect(Array(contrast[0].suffix(2)) == ["hits", "translated"])
        let cn = try #require(contrast.first { $0[0] == "CN" })
        #expect(cn.last == "1")
        #expect((Int(cn[cn.count - 2]) ?? 0) > 0)
        #expect(contrast.first { $0[0] == "US" && $0[1] == "2021" }?.last == "0")
        let series = Fixtures.rows(try Fixtures.read(dir + "/out/series.csv"))
        #expect(series.filter { $0[0] == "CN" }.allSatisfy { $0.last == "1" })
        let categories = Fixtures.rows(try Fixtures.read(dir + "/out/categories.csv"))
        #expect(Array(categories[0].suffix(4)) == ["hits", "translated", "frame_label", "category_label"])
        let raw = try Fixtures.read(dir + "/out/categories.csv")
        #expect(raw.contains(",talent_rd_catchup,") && raw.contains(",Development-centric framing,\"Talent, R&D and catch-up\"\n"))
        let heatmap = try Fixtures.read(dir + "/out/figures/category_heatmap_CN.svg")
        #expect(heatmap.contains("Talent, R&amp;D and catch-up") && heatmap.contains("†"))
    }

    @Test func minHitsIsRangeChecked() throws {
        let dir = try Self.project(passageFilter: false)
        let p = try Fixtures.read(dir + "/p.yaml")
        try Fixtures.write(p.replacingOccurrences(of: "min_hits: 5", with: "min_hits: -1"), dir + "/p.yaml")
        #expect(throws: MakeError.self) { _ = try Pipeline.load(path: dir + "/p.yaml") }
    }
}
