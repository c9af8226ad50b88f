import Foundation
import Testing
@testable import PolframeMake
import PolframeScore

/// The bundled demo and the reference pipelines over ../shared/corpus. Without ../shared these
/// are skipped, except under CI=true, where they run and fail.
@Suite struct ReferencePipelineTests {
    @Test func demoPipelineRunsOnTheBundledCorpus() throws {
        let p = try Pipeline.load(path: Fixtures.repoRoot + "/pipelines/demo.yaml")
        var copy = p
        copy.outputDirectory = try Fixtures.temporaryDirectory()
        let report = try Engine(pipeline: copy).make(MakeOptions(jobs: 2, quiet: true))
        #expect(report.documents == report.scored, "\(report.skipped.map(\.status))")
        #expect(Set(report.documentsByCountry.keys) == ["US", "CN"])
    }

    @Test(.enabled(if: Fixtures.sharedCorpus != nil || Fixtures.sharedRequired, "needs ../shared/corpus beside the repository"),
          arguments: ["us-china-ai", "annual-addresses"])
    func referencePipeline(_ name: String) throws {
        let corpus = try #require(Fixtures.sharedCorpus, "CI=true but ../shared/corpus is missing")
        var p = try Pipeline.load(path: Fixtures.repoRoot + "/pipelines/\(name).yaml", corpusOverride: corpus)
        p.outputDirectory = try Fixtures.temporaryDirectory()
        let report = try Engine(pipeline: p).make(MakeOptions(jobs: 2, quiet: true))
        #expect(report.skipped.isEmpty, "\(report.skipped.map(\.message))")
        #expect((report.documentsByCountry["US"] ?? 0) > 0 && (report.documentsByCountry["CN"] ?? 0) > 0)
        let contrast = Fixtures.rows(try Fixtures.read(p.outputDirectory + "/contrast.csv"))
        #expect(contrast.count > 3)
        if name == "annual-addresses" {
            // One address and one report per year, 2016-2025, but no 2020 report in the source.
            let years = contrast.dropFirst().map { $0[0] + $0[1] }
            #expect(years.filter { $0.hasPrefix("US") }.count == 10)
            #expect(years.filter { $0.hasPrefix("CN") }.count == 9)
            #expect(!years.contains("CN2020"))
        }
    }

    /// Manifest rows that name documents inside a Federal Register issue by their position.
    @Test(.enabled(if: Fixtures.sharedCorpus != nil || Fixtures.sharedRequired, "needs ../shared/corpus beside the repository"))
    func federalRegisterDocumentsFromOneIssue() throws {
        let corpus = try #require(Fixtures.sharedCorpus, "CI=true but ../shared/corpus is missing")
        let dir = try Fixtures.temporaryDirectory()
        try Fixtures.write("""
            id\tpath\tcountry\tdate\tlanguage\trecord
            fr-1\tfr-xml/FR-2024-02-12.xml\tUS\t\ten\t1
            fr-5\tfr-xml/FR-2024-02-12.xml\tUS\t\ten\t5
            fr-late\tfr-xml/FR-2024-02-12.xml\tUS\t\ten\t9999

            """, dir + "/m.tsv")
        try Fixtures.write("""
            name: fr
            corpus: {root: \(corpus), manifest: m.tsv}
            lexicons: [\(Fixtures.lexicon)]
            contrast: {plus: values_based, minus: development_centric}
            output: out
            """, dir + "/p.yaml")
        let p = try Pipeline.load(path: dir + "/p.yaml")
        let report = try Engine(pipeline: p).make(MakeOptions(jobs: 2, quiet: true))
        // Titles hold commas: read the table with the CSV parser.
        let table = try #require(CSVTable.parse(try Fixtures.read(p.outputDirectory + "/documents.csv")))
        func value(_ id: String, _ column: String) -> String? {
            table.rows.first { $0.first == id }.flatMap { r in table.header.firstIndex(of: column).map { r[$0] } }
        }
        #expect(value("fr-1", "status") == "ok" && value("fr-5", "status") == "ok")
        #expect(value("fr-1", "date") == "2024-02-12")
        #expect(value("fr-1", "title") != value("fr-5", "title"))
        #expect(Int(value("fr-1", "tokens") ?? "") ?? 0 > 100)
        #expect(value("fr-late", "status")?.hasPrefix("skipped:") == true)
        #expect(report.skipped.count == 1)
    }
}
