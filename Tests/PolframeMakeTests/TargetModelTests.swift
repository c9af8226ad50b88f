import Foundation
import Testing
@testable import PolframeMake

/// The target model: typed ids, explanations for every kind, the graph drawn from the model,
/// and `make TARGET…` building a target and what it reads.
@Suite struct TargetModelTests {
    @Test func targetNamesRoundTripAndOthersAreRefused() {
        for name in ["ingest:a", "normalize:a", "score:a:b", "aggregate", "coverage", "figures", "report", "lock"] {
            #expect(Target(parsing: name)?.description == name)
        }
        #expect(Target(parsing: "series") == .aggregate)
        for name in ["", "score", "score:", "aggregate:x", "fetch", "verify", "Score:a"] { #expect(Target(parsing: name) == nil, "\(name)") }
        #expect(("score:x" as Target).inputs(documents: ["x", "y"]) == ["normalize:x"])
        #expect(Target.coverage.inputs(documents: ["x", "y"]) == ["score:x", "score:y"])
        #expect(Target.report.inputs(documents: ["x"]) == [.aggregate, .coverage, .figures])
    }

    /// `explain` looks every target up in the plan; a document that is not in the manifest has
    /// no targets, and `make` refuses it naming the kinds of target there are.
    @Test func everyTargetHasADecisionAndAnUnknownOneHasNone() throws {
        let dir = try IncrementalTests.project()
        _ = try IncrementalTests.make(dir)
        try Fixtures.write("<html><body><p>Democracy.</p></body></html>", dir + "/docs/us1.html")
        let engine = try StateFormatTests.engine(dir)
        let ids = Set(engine.inputs.manifest.map(\.id))
        var options = MakeOptions(dryRun: true, quiet: true)
        options.report = true
        let plan = try engine.make(options).plan
        for t in engine.targets + [.report] { #expect(plan.decision(for: t, documents: ids) != nil, "\(t)") }
        #expect(plan.decision(for: "ingest:us1", documents: ids) == .run(["document us1 changed (us1.html)"]))
        #expect(plan.decision(for: "score:us1", documents: ids) == .conditional)
        #expect(plan.decision(for: "score:us2", documents: ids) == .upToDate)
        #expect(plan.decision(for: .report, documents: ids) == .conditional)
        #expect(plan.decision(for: "score:nonexistent", documents: ids) == nil)
        options = MakeOptions(dryRun: true, quiet: true)
        options.targets = ["score:nonexistent"]
        do {
            _ = try engine.make(options)
            Issue.record("a target of a document not in the manifest must be refused")
        } catch {
            let text = "\(error)"
            #expect(text.contains("'score:nonexistent'") && text.contains("coverage") && text.contains("lock"), "\(text)")
        }
    }

    @Test func graphIsDrawnFromTheModel() throws {
        let dir = try IncrementalTests.project()
        let engine = try StateFormatTests.engine(dir)
        let dot = engine.graph()
        for t in engine.targets { #expect(dot.contains("\"\(t)\""), "\(t)") }
        for edge in ["\"ingest:us1\" -> \"normalize:us1\"", "\"normalize:us1\" -> \"score:us1\"", "\"score:us1\" -> \"aggregate\"",
                     "\"score:cn2\" -> \"coverage\"", "\"aggregate\" -> \"figures\"", "\"coverage\" -> \"lock\"", "\"ingest:cn1\" -> \"lock\""] {
            #expect(dot.contains(edge), "\(edge)")
        }
        #expect(!dot.contains("\"report\""), "this pipeline builds no report")
    }

    /// `make score:ID` builds that document alone; `make coverage` every score and coverage.csv,
    /// not the other tables or the lock; a plain make then finishes the job, and its outputs
    /// are a clean build's.
    @Test func makeOfATargetBuildsWhatItReads() throws {
        let dir = try IncrementalTests.project()
        var options = MakeOptions(jobs: 2, quiet: true)
        options.targets = ["score:us1"]
        let one = try IncrementalTests.make(dir, options)
        #expect(IncrementalTests.stages(one) == ["ingest:us1", "normalize:us1", "score:us1"])
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/documents.csv"))
        #expect(try IncrementalTests.make(dir, options).runs.isEmpty, "built once, then up to date")

        options.targets = ["coverage"]
        let coverage = try IncrementalTests.make(dir, options)
        #expect(IncrementalTests.stages(coverage).filter { !$0.contains(":") } == ["coverage"])
        #expect(coverage.stageCounts["score"] == 3, "the three documents not scored yet")
        #expect(FileManager.default.fileExists(atPath: dir + "/out/coverage.csv"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/documents.csv") && !FileManager.default.fileExists(atPath: dir + "/out/polframe.lock"))

        let rest = try IncrementalTests.make(dir)
        #expect(IncrementalTests.stages(rest) == ["aggregate", "figures", "lock"])
        #expect(try IncrementalTests.make(dir).runs.isEmpty)
        try ScoreDeltaTests.expectSameAsClean(dir)

        // One document rebuilt alone: the corpus targets that read it say so next time.
        try Fixtures.write("<html><body><p>Privacy and democracy, with allies.</p></body></html>", dir + "/docs/us1.html")
        options.targets = ["score:us1"]
        #expect(IncrementalTests.stages(try IncrementalTests.make(dir, options)) == ["ingest:us1", "normalize:us1", "score:us1"])
        let plan = try PlanTests.plan(dir)
        #expect(PlanTests.reasons(plan, "aggregate") == [Engine.changedByOtherTargets])
        #expect(PlanTests.reasons(plan, "coverage") == [Engine.changedByOtherTargets])
        #expect(PlanTests.reasons(plan, "lock") == ["not written by the last complete make", "targets it records ran"])
        _ = try IncrementalTests.make(dir)
        try ScoreDeltaTests.expectSameAsClean(dir)
    }
}
