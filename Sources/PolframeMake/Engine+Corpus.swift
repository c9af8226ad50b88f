import Foundation
import PolframeScore

/// The corpus targets of a real run, in graph order: each one decided (see Engine+Decide),
/// its reasons recorded in the plan, then built.
extension Engine {
    func buildCorpus(_ run: inout MakeRun) throws(MakeError) {
        let goals = run.goals
        run.state = newState(run)
        // The documents this run scored, before loadMissing fills in everyone's scores.
        run.fresh = Set(run.outcomes.lazy.filter(\.freshScore).map(\.entry.id))
        Self.phase("  new state", &run.mark)
        if goals.corpus.contains(.aggregate) { try buildAggregate(&run) }
        // The state's document records (nearly all of state.tsv) are prepared on another core
        // while coverage, figures and the lock are made (after the aggregate tables, whose
        // temporaries set a large corpus's peak memory); the file itself is still written last.
        if run.state.documents != run.old.documents { run.stateFile = PendingStateFile(path: statePath, documents: run.state.documents) }
        if goals.corpus.contains(.coverage) { try buildCoverage(&run) }
        else if documentChanges(run, scoresOnly: true).isEmpty { run.state.coverage = run.old.coverage }
        if goals.corpus.contains(.figures) { try buildFigures(&run) }
        if let pending = run.pendingWrites {
            for (k, v) in try pending.wait() { run.state.outputs[k] = v }
            Self.phase("scores.csv and matches.csv", &run.mark)
        }
        if goals.corpus.contains(.report) {
            if case .run(let reasons) = decideReport(run, state: run.state, before: run.report.plan) {
                run.report.plan.record(.report, reasons)
                _ = try writeReport(run.state)
                Self.phase("report", &run.mark)
            }
            run.state.targets["report"] = reportFingerprint(run.state)
        }
        if goals.corpus.contains(.lock) {
            if case .run(let reasons) = decideLock(run, before: run.report.plan) {
                run.report.plan.record(.lock, reasons)
                run.state.targets["lock"] = try writeLock(&run.outcomes, order: run.order, old: run.old, outputs: run.state.outputs, jobs: run.options.jobs)
                Self.phase("lock", &run.mark)
            }
        } else if !run.report.plan.runs.isEmpty {
            // The lock no longer describes the outputs: the next complete make rewrites it.
            run.state.targets["lock"] = nil
        }
    }

    /// The state before the corpus targets: the documents' records, and the global parts of
    /// the stages' fingerprints when every document was built with them (a run of a few
    /// documents keeps the last ones, so the next run still compares against what the other
    /// documents were built with). Corpus targets keep their last fingerprints until built.
    func newState(_ run: MakeRun) -> BuildState {
        var state = BuildState()
        state.documents = documentStates(run)
        state.outputs = run.old.outputs
        state.targets = run.old.targets
        if run.goals.documents == nil {
            state.components = ["ingest": Fingerprint(inputs.ingestComponents).dictionary,
                                "normalize": Fingerprint(inputs.normalizeComponents).dictionary,
                                "score": Fingerprint(inputs.scoreComponents).dictionary,
                                "aggregate": Fingerprint(inputs.aggregateComponents).dictionary,
                                "figures": Fingerprint(inputs.figureComponents).dictionary,
                                "coverage": Fingerprint(inputs.coverageComponents).dictionary]
            state.lexiconForms = inputs.lexiconForms
            state.targets["bases"] = DocumentBuilder.bases(inputs)
        } else {
            state.components = run.old.components
            state.lexiconForms = run.old.lexiconForms
        }
        // A corpus target this run does not build, whose documents' results it changed: the
        // next run must say so (the state no longer holds the results it was built from).
        for kind in [Target.Kind.aggregate, .coverage] where !run.goals.corpus.contains(kind) && state.targets[kind.rawValue] != nil {
            if !documentChanges(run, scoresOnly: kind == .coverage).isEmpty { state.targets[kind.rawValue] = Self.outdatedByOtherTargets }
        }
        return state
    }

    /// A corpus target's record when a make of other targets changed results it reads.
    static let outdatedByOtherTargets = "outdated"

    func buildAggregate(_ run: inout MakeRun) throws(MakeError) {
        run.aggregateFingerprint = aggregateFingerprint(run.outcomes, order: run.order)
        Self.phase("  aggregate fingerprint", &run.mark)
        run.aggregate = decideAggregate(run, pending: 0)
        if case .run(let reasons) = run.aggregate {
            run.report.plan.record(.aggregate, reasons)
            loadMissing(&run.outcomes, jobs: run.options.jobs)
            Self.phase("load cached results", &run.mark)
            let (written, rest) = try writeAggregate(run.outcomes, order: run.order)
            for (k, v) in written { run.state.outputs[k] = v }
            run.pendingWrites = rest
            Self.phase("aggregate", &run.mark)
        }
        run.state.targets["aggregate"] = run.aggregateFingerprint
    }

    /// The coverage target's fingerprint: its components and each document's score result.
    func coverageFingerprint(_ run: MakeRun) -> String {
        Fingerprint(inputs.coverageComponents + run.order.map { (run.outcomes[$0].entry.id, run.outcomes[$0].state.scoreOutput) }).digest
    }

    func buildCoverage(_ run: inout MakeRun) throws(MakeError) {
        let fingerprint = coverageFingerprint(run)
        run.state.targets["coverage"] = fingerprint
        guard case .run(let reasons) = decideCoverage(run, fingerprint: fingerprint, pending: 0) else {
            run.state.coverage = run.old.coverage
            return
        }
        run.report.plan.record(.coverage, reasons)
        Self.phase("  coverage fingerprint", &run.mark)
        // Counts come from the last totals and the changed documents' records; only when a
        // record is gone (deleted by hand) are the documents' results loaded, and rebuilt.
        let rebuildAll = run.options.rebuildAll
        var totals = coverageTotals(run.outcomes, old: run.old, fresh: run.fresh, freshTotals: run.coverage.values, rebuildAll: rebuildAll)
        Self.phase("  coverage totals", &run.mark)
        if totals == nil {
            loadMissing(&run.outcomes, jobs: run.options.jobs)
            totals = coverageTotals(run.outcomes, old: run.old, fresh: run.fresh, freshTotals: run.coverage.values, rebuildAll: rebuildAll,
                                    allowMissing: true)
        }
        let path = outputDirectory + "/coverage.csv"
        guard let totals else { throw .cannotWrite(path: path, detail: "no totals") }
        run.state.coverage = totals
        let text = OutputTables(pipeline: inputs.pipeline, frames: inputs.frames).coverage(totals, lexicons: inputs.lexicons)
        do { try AtomicFile.write(inputs.pipeline.csvText(text), to: path) } catch {
            throw .cannotWrite(path: path, detail: WriteFailure.reason(error, writing: path))
        }
        run.state.outputs["coverage.csv"] = outputRecord("coverage.csv")
        Self.phase("coverage", &run.mark)
    }

    func buildFigures(_ run: inout MakeRun) throws(MakeError) {
        if case .run(let reasons) = decideFigures(run, afterAggregate: run.aggregate) {
            run.report.plan.record(.figures, reasons)
            let previous = Set(OutputFolder.ownOutputs(outputDirectory, recorded: run.state.outputs.keys)
                .filter { $0.hasPrefix("figures/") }.map { String($0.dropFirst(8)) })
            for k in run.state.outputs.keys where k.hasPrefix("figures/") { run.state.outputs[k] = nil }
            for (k, v) in try writeFigures(previous: previous) { run.state.outputs[k] = v }
            Self.phase("figures", &run.mark)
        }
        run.state.targets["figures"] = figuresFingerprint()
    }
}
