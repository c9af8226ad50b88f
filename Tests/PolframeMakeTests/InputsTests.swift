import Foundation
import Testing
@testable import PolframeMake

/// What a run reads before any document: problems in the pipeline's inputs come back together,
/// and each stage's fingerprint components depend on what they should.
@Suite struct InputsTests {
    static func project(lexicon: String = Fixtures.lexicon, extra: String = "") throws -> String {
        let dir = try Fixtures.temporaryDirectory()
        try Fixtures.write("Trust and democracy.\n", dir + "/docs/a.md")
        try Fixtures.write("id\tpath\tcountry\tdate\tlanguage\na\ta.md\tUS\t2021\ten\n", dir + "/manifest.tsv")
        try Fixtures.write("""
            name: inputs
            corpus: {root: docs, manifest: manifest.tsv}
            lexicons: [\(lexicon)]
            contrast: {plus: values_based, minus: development_centric}
            output: out
            \(extra)
            """, dir + "/p.yaml")
        return dir
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        let dir = try Self.project(lexicon: "missing-lexicon.yaml", extra: "series: {group_by: [country, nonesuch]}")
        try FileManager.default.removeItem(atPath: dir + "/docs")
        let pipeline = try Pipeline.load(path: dir + "/p.yaml")
        do {
            _ = try Inputs(pipeline: pipeline)
            Issue.record("inputs with three problems were accepted")
        } catch {
            guard case .invalidInputs(let problems) = error else { Issue.record("\(error)"); return }
            let text = problems.map(\.description).joined(separator: "\n")
            #expect(text.contains("missing-lexicon.yaml"))
            #expect(text.contains("series.group_by: 'nonesuch'"))
            #expect(text.contains("corpus folder"))
        }
    }

    @Test func stageComponentsFollowTheirInputs() throws {
        let dir = try Self.project()
        let a = try Inputs(pipeline: try Pipeline.load(path: dir + "/p.yaml"))
        #expect(a.manifest.map(\.id) == ["a"])
        #expect(a.frames.contains("values_based") && a.frames.contains("development_centric"))
        #expect(a.file(of: a.manifest[0]) == a.pipeline.corpusRoot + "/a.md")
        // A copy of the lexicon with one more form: scoring changes, ingest and normalize do not.
        let edited = dir + "/lexicon.yaml"
        var text = try Fixtures.read(Fixtures.lexicon)
        text += "\n"
        try Fixtures.write(text, edited)
        try Fixtures.write(try Fixtures.read(dir + "/p.yaml").replacingOccurrences(of: Fixtures.lexicon, with: edited), dir + "/q.yaml")
        let b = try Inputs(pipeline: try Pipeline.load(path: dir + "/q.yaml"))
        #expect(Fingerprint(a.ingestComponents) == Fingerprint(b.ingestComponents))
        #expect(Fingerprint(a.normalizeComponents) == Fingerprint(b.normalizeComponents))
        #expect(Fingerprint(a.scoreComponents) != Fingerprint(b.scoreComponents))
        #expect(Fingerprint(a.coverageComponents) != Fingerprint(b.coverageComponents))
        // Writing elsewhere (verify) changes only the output folder.
        let moved = a.writing(to: dir + "/elsewhere")
        #expect(moved.pipeline.outputDirectory == dir + "/elsewhere")
        #expect(Fingerprint(moved.scoreComponents) == Fingerprint(a.scoreComponents))
    }
}
