import Foundation

/// Whether each corpus target is out of date, and why, in words: one function per target,
/// called once per run, whose answer both a real run (which then builds the target) and a dry
/// run (which records it and stops) take. In a dry run, documents that would be rebuilt have
/// outputs not known yet: a target whose only possible reason is such a document is
/// `.conditional`.
extension Engine {
    /// The aggregate tables: its fingerprint is the aggregate components plus each document's
    /// manifest facts, ingest result and score result.
    func decideAggregate(_ run: MakeRun, pending: Int) -> Plan.Decision {
        let old = run.old
        var reasons: [String] = []
        if run.options.rebuildAll { reasons.append("rebuild of everything requested (-B)") }
        if old.targets["aggregate"] == nil { reasons.append("not built before") }
        else if old.targets["aggregate"] == Self.outdatedByOtherTargets { reasons.append(Self.changedByOtherTargets) }
        else if old.targets["aggregate"] != run.aggregateFingerprint {
            reasons += documentChanges(run, scoresOnly: false)
            reasons += Explainer.globalChanges("aggregate", inputs.aggregateComponents, old)
            // The one component left: the manifest's own facts about a document.
            if reasons.isEmpty && pending == 0 {
                reasons.append("a document's manifest facts changed (country, date, language, title, issuer, path, record or a document variable)")
            }
        }
        for f in aggregateFiles where f != "coverage.csv" && !outputIntact(f, old) { reasons.append("output \(f) is missing or was modified") }
        return !reasons.isEmpty ? .run(reasons) : pending > 0 ? .conditional : .upToDate
    }

    /// coverage.csv: the lexicons and every document's score result.
    func decideCoverage(_ run: MakeRun, fingerprint: String, pending: Int) -> Plan.Decision {
        let old = run.old
        var reasons: [String] = []
        if run.options.rebuildAll { reasons.append("rebuild of everything requested (-B)") }
        if old.targets["coverage"] == nil { reasons.append("not built before") }
        else if old.targets["coverage"] == Self.outdatedByOtherTargets { reasons.append(Self.changedByOtherTargets) }
        else {
            if old.targets["coverage"] != fingerprint {
                reasons += Explainer.globalChanges("coverage", inputs.coverageComponents, old)
                reasons += documentChanges(run, scoresOnly: true)
                if reasons.isEmpty && pending == 0 { reasons.append("the lexicons changed (the last run did not record them)") }
            }
            if old.coverage == nil { reasons.append("its totals are not in the state (older state format)") }
        }
        if !outputIntact("coverage.csv", old) && old.targets["coverage"] != nil { reasons.append("output coverage.csv is missing or was modified") }
        return !reasons.isEmpty ? .run(reasons) : pending > 0 ? .conditional : .upToDate
    }

    /// The figures: drawn from the CSVs alone, so in a dry run whose aggregate would run they
    /// wait for it, unless their own options changed.
    func decideFigures(_ run: MakeRun, afterAggregate: Plan.Decision) -> Plan.Decision {
        guard let reasons = figureReasons(run.old) else { return afterAggregate == .upToDate || !run.options.dryRun ? .upToDate : .conditional }
        guard run.options.dryRun, afterAggregate != .upToDate else { return .run(reasons) }
        let own = reasons.filter { $0 != Self.figureSourcesChanged }
        return own.isEmpty ? .conditional : .run(own)
    }

    /// The report: the tables and figures it shows, and each document's text.
    func decideReport(_ run: MakeRun, state: BuildState, before: Plan) -> Plan.Decision {
        if run.options.rebuildAll { return .run(["rebuild of everything requested (-B)"]) }
        if run.options.dryRun && !before.upToDate { return .conditional }
        return reportReasons(run.old, state).map { .run($0) } ?? .upToDate
    }

    /// The lock records what every output was made from: it is rewritten whenever a target ran.
    func decideLock(_ run: MakeRun, before: Plan) -> Plan.Decision {
        var reasons: [String] = []
        if !FileManager.default.fileExists(atPath: outputDirectory + "/polframe.lock") { reasons.append("polframe.lock is missing") }
        else if run.old.targets["lock"] == nil { reasons.append("not written by the last complete make") }
        if !before.runs.isEmpty { reasons.append("targets it records ran") }
        return !reasons.isEmpty ? .run(reasons) : before.conditional.isEmpty ? .upToDate : .conditional
    }

    static let changedByOtherTargets = "documents' results it reads changed in a make of other targets since it was built"

    /// The documents added, removed, or whose results changed since the last run (their
    /// score results only, with `scoresOnly`), in words; documents whose outputs a dry run
    /// cannot know yet are left out.
    func documentChanges(_ run: MakeRun, scoresOnly: Bool) -> [String] {
        var added: [String] = [], changed: [String] = []
        // By index: a copy of each outcome was a measurable part of a large corpus's bookkeeping.
        let outcomes = run.outcomes
        for i in outcomes.indices where !outcomes[i].leftAlone {
            if !outcomes[i].hadPrevious { if !scoresOnly { added.append(outcomes[i].entry.id) }; continue }
            if run.options.dryRun && !(outcomes[i].runs.isEmpty && outcomes[i].mayRun.isEmpty) { continue }
            if (outcomes[i].previousScore?.out ?? "") != outcomes[i].state.scoreOutput
                || (!scoresOnly && outcomes[i].previousIngestOutput != outcomes[i].state.ingestOutput) {
                changed.append(outcomes[i].entry.id)
            }
        }
        let previous = run.outcomes.reduce(0) { $0 + ($1.hadPrevious ? 1 : 0) }
        var removed: [String] = []
        if run.old.documents.count > previous {
            let ids = Set(run.outcomes.lazy.map(\.entry.id))
            removed = run.old.documents.keys.filter { !ids.contains($0) && (!scoresOnly || run.old.documents[$0]?.scoreOutput.isEmpty == false) }.sorted()
        }
        func some(_ ids: [String]) -> String {
            ids.count == 1 ? "document \(ids[0])" : "\(ids.count) documents (\(ids.sorted().prefix(3).joined(separator: ", "))\(ids.count > 3 ? ", …" : ""))"
        }
        var reasons: [String] = []
        if !added.isEmpty { reasons.append("\(some(added)) added to the manifest") }
        if !removed.isEmpty { reasons.append("\(some(removed)) removed from the manifest") }
        if !changed.isEmpty { reasons.append("\(some(changed)): \(scoresOnly ? "score" : "ingest or score") result changed") }
        return reasons
    }

    /// The corpus targets' decisions in a dry run: recorded, nothing built.
    func planCorpus(_ run: inout MakeRun) {
        let pending = run.pending
        let goals = run.goals
        func record(_ target: Target, _ d: Plan.Decision) {
            switch d {
            case .run(let reasons): run.report.plan.record(target, reasons)
            case .conditional: run.report.plan.conditional.append(target)
            case .upToDate, .kept, .notRequested: break
            }
        }
        var aggregate = Plan.Decision.upToDate
        if goals.corpus.contains(.aggregate) {
            run.aggregateFingerprint = aggregateFingerprint(run.outcomes, order: run.order)
            aggregate = decideAggregate(run, pending: pending)
            record(.aggregate, aggregate)
        }
        if goals.corpus.contains(.coverage) { record(.coverage, decideCoverage(run, fingerprint: coverageFingerprint(run), pending: pending)) }
        if goals.corpus.contains(.figures) { record(.figures, decideFigures(run, afterAggregate: aggregate)) }
        if goals.corpus.contains(.report) { record(.report, decideReport(run, state: run.old, before: run.report.plan)) }
        if goals.corpus.contains(.lock) { record(.lock, decideLock(run, before: run.report.plan)) }
    }
}
