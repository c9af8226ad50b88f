import Foundation
import Testing
@testable import PolframeMake

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
}
