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
        let summary = try Build(pipeline: copy).run(BuildOptions(jobs: 2, quiet: true)) { _ in }
        #expect(summary.documents == summary.scored, "\(summary.skipped.map(\.status))")
        #expect(Set(summary.documentsByCountry.keys) == ["US", "CN"])
    }

    @Test(.enabled(if: Fixtures.sharedCorpus != nil || Fixtures.sharedRequired, "needs ../shared/corpus beside the repository"),
          arguments: ["us-china-ai", "annual-addresses"])
    func referencePipeline(_ name: String) throws {
        let corpus = try #require(Fixtures.sharedCorpus, "CI=true but ../shared/corpus is missing")
        var p = try Pipeline.load(path: Fixtures.repoRoot + "/pipelines/\(name).yaml", corpusOverride: corpus)
        p.outputDirectory = try Fixtures.temporaryDirectory()
        let summary = try Build(pipeline: p).run(BuildOptions(jobs: 2, quiet: true)) { _ in }
        #expect(summary.skipped.isEmpty, "\(summary.skipped.map { $0.message ?? $0.status })")
        #expect((summary.documentsByCountry["US"] ?? 0) > 0 && (summary.documentsByCountry["CN"] ?? 0) > 0)
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
