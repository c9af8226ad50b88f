import Foundation
import Testing
@testable import PolframeMake

/// The planning pass: for each kind of change, the targets it makes out of date and the words
/// recorded for them; and `make -n` says what `make` then does.
@Suite struct PlanTests {
    static func plan(_ dir: String) throws -> MakeReport {
        try IncrementalTests.make(dir, MakeOptions(dryRun: true, quiet: true))
    }

    static func reasons(_ r: MakeReport, _ target: Target) -> [String]? {
        r.runs.first { $0.target == target }?.reasons
    }

    /// Every target the dry run decided certain runs in the real run, for the same reasons
    /// (a corpus target may have more: the documents' new results, known once they ran); every
    /// target the real run ran was certain or conditional in the plan.
    static func expectPlanFollowed(_ plan: MakeReport, _ real: MakeReport, sourceLocation: SourceLocation = #_sourceLocation) {
        for r in plan.runs where r.target.kind != .lock {
            let now = Self.reasons(real, r.target) ?? []
            if r.target.document != nil { #expect(now == r.reasons, "\(r.target)", sourceLocation: sourceLocation) }
            else { #expect(Set(r.reasons).isSubset(of: now), "\(r.target): \(now)", sourceLocation: sourceLocation) }
        }
        for r in real.runs {
            #expect(plan.runs.contains { $0.target == r.target } || plan.conditional.contains(r.target), "\(r.target) ran unplanned",
                    sourceLocation: sourceLocation)
        }
    }

    @Test func nothingChangedPlansNothing() throws {
        let dir = try IncrementalTests.project()
        _ = try IncrementalTests.make(dir)
        let plan = try Self.plan(dir)
        #expect(plan.upToDate)
        let engine = try StateFormatTests.engine(dir)
        let ids = Set(engine.inputs.manifest.map(\.id))
        for t in engine.targets { #expect(plan.plan.decision(for: t, documents: ids) == .upToDate, "\(t)") }
        #expect(try IncrementalTests.make(dir).runs.isEmpty)
    }

    @Test func documentEditedIsPlannedAndBuiltWithTheSameWords() throws {
        let dir = try IncrementalTests.project()
        _ = try IncrementalTests.make(dir)
        try Fixtures.write("<html><body><p>We protect human rights, privacy and democracy.</p></body></html>", dir + "/docs/us1.html")
        let plan = try Self.plan(dir)
        #expect(Self.reasons(plan, "ingest:us1") == ["document us1 changed (us1.html)"])
        // Its later stages depend on what ingest extracts: not known before it runs.
        #expect(plan.conditional.contains("normalize:us1") && plan.conditional.contains("score:us1"))
        #expect(plan.conditional.contains("aggregate"))
        let real = try IncrementalTests.make(dir)
        Self.expectPlanFollowed(plan, real)
        #expect(Self.reasons(real, "normalize:us1") == ["the extracted text changed"])
        #expect(Self.reasons(real, "aggregate") == ["document us1: ingest or score result changed"])
        #expect(Self.reasons(real, "lock")?.contains("targets it records ran") == true)
    }

    @Test func lexiconEditedSaysWhatChanged() throws {
        let dir = try IncrementalTests.project()
        _ = try IncrementalTests.make(dir)
        let lex = try Fixtures.read(dir + "/lexicon.yaml")
        try Fixtures.write(lex.replacingOccurrences(of: "          - {en: ethics, zh: 伦理}", with: "          - {en: ethics, zh: 伦理}\n          - {en: protect}"),
                           dir + "/lexicon.yaml")
        let plan = try Self.plan(dir)
        let score = try #require(Self.reasons(plan, "score:us1"))
        #expect(score.contains { $0.contains("1 entry added to values_based/ethics_rights") }, "\(score)")
        #expect(!plan.runs.contains { [.ingest, .normalize].contains($0.target.kind) }, "a lexicon edit re-reads and re-segments nothing")
        let coverage = try #require(Self.reasons(plan, "coverage"), "coverage lists every entry: certain")
        #expect(coverage.contains { $0.hasPrefix("lexicon ") && $0.hasSuffix(" changed") }, "\(coverage)")
        let real = try IncrementalTests.make(dir)
        Self.expectPlanFollowed(plan, real)
    }

    @Test func normalizationChangedReSegmentsWithItsReason() throws {
        let dir = try IncrementalTests.project()
        _ = try IncrementalTests.make(dir)
        try Fixtures.write(try Fixtures.read(dir + "/p.yaml") + "\nnormalize: {width_fold: false}\n", dir + "/p.yaml")
        let plan = try Self.plan(dir)
        let reasons = try #require(Self.reasons(plan, "normalize:cn1"))
        #expect(reasons.contains { $0.hasPrefix("normalization ") }, "\(reasons)")
        #expect(!plan.runs.contains { $0.target.kind == .ingest })
        Self.expectPlanFollowed(plan, try IncrementalTests.make(dir))
    }

    @Test func deletedOutputsAreCertain() throws {
        let dir = try IncrementalTests.project()
        _ = try IncrementalTests.make(dir)
        try FileManager.default.removeItem(atPath: dir + "/out/coverage.csv")
        try FileManager.default.removeItem(atPath: dir + "/out/figures/contrast.svg")
        try FileManager.default.removeItem(atPath: dir + "/out/polframe.lock")
        let plan = try Self.plan(dir)
        #expect(Self.reasons(plan, "coverage") == ["output coverage.csv is missing or was modified"])
        #expect(Self.reasons(plan, "figures") == ["figures/contrast.svg is missing or was modified"])
        #expect(Self.reasons(plan, "lock")?.first == "polframe.lock is missing")
        #expect(!plan.runs.contains { $0.target.document != nil || $0.target == .aggregate })
        Self.expectPlanFollowed(plan, try IncrementalTests.make(dir))
        #expect(FileManager.default.fileExists(atPath: dir + "/out/figures/contrast.svg"))
    }

    /// A new polframe (another stage version, another ICU) says which component changed. Here
    /// the state is made to say the last run had ingest stage 1, and the cache is gone, as
    /// after a version change every fingerprint is new.
    @Test func anotherPolframeVersionIsNamed() throws {
        let dir = try IncrementalTests.project()
        _ = try IncrementalTests.make(dir)
        let path = dir + "/out/.polframe/state.tsv"
        var state = try BuildState.read(path: path)
        state.components["ingest"]?["ingest stage"] = "1"
        state.targets["bases"] = "another polframe"
        try state.write(path: path)
        try FileManager.default.removeItem(atPath: dir + "/out/.polframe/cache")
        let plan = try Self.plan(dir)
        #expect(Self.reasons(plan, "ingest:us2") == ["ingest stage 1 → \(StageVersion.ingest)"])
        Self.expectPlanFollowed(plan, try IncrementalTests.make(dir))
    }

    @Test func keepGoingFailsAfterWritingEverything() throws {
        let dir = try IncrementalTests.project()
        try Fixtures.write(try Fixtures.read(dir + "/manifest.tsv") + "gone\tgone.html\tUS\t2022\ten\n", dir + "/manifest.tsv")
        #expect(try IncrementalTests.make(dir).skipped.map(\.id) == ["gone"], "without -k a skipped document is a row, not a failure")
        var options = MakeOptions(jobs: 2, quiet: true)
        options.keepGoing = true
        do {
            _ = try IncrementalTests.make(dir, options)
            Issue.record("--keep-going with a skipped document must fail")
        } catch let error as MakeError {
            guard case .documentsFailed(let result) = error else { Issue.record("\(error)"); return }
            #expect(result.report.skipped.map(\.id) == ["gone"])
            #expect(error.description == "1 document skipped")
        }
        #expect(FileManager.default.fileExists(atPath: dir + "/out/polframe.lock"))
    }
}
