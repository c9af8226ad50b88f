import Foundation
import PolframeScore

/// Where the corpus targets read what the output folder's cache would otherwise give them: a
/// document's matches.csv rows (by score record key) and its ingest record (for the report's
/// passages). A merge reads both from the shards.
struct CorpusSources: Sendable {
    /// Writes the matches rows of the score record `key` to `fd` (formula-guarded when the flag
    /// says so); false when they cannot be found or written.
    var copyMatches: @Sendable (_ key: String, _ fd: Int32, _ excelSafe: Bool) -> Bool
    /// The ingest record (text included) of document `id` under `fingerprint`.
    var ingestRecord: @Sendable (_ id: String, _ fingerprint: String) -> Data?
}

extension Engine {
    /// The corpus targets made from documents' records alone, as `make` makes them after its
    /// per-document targets: the aggregate tables, coverage (from `coverage`, the entry totals of
    /// the scored documents), figures, the report when asked, then the lock. The outcomes must
    /// each hold their metadata and score (the merge reads them from the shards), in manifest
    /// order. Returns the outputs written (name → record).
    func writeCorpus(_ outcomes: inout [DocumentOutcome], coverage: [String: BuildState.EntryTotal], report: Bool,
                     jobs: Int) throws(MakeError) -> [String: String] {
        var mark = Date()
        let order = Self.byID(outcomes)
        var state = BuildState()
        state.documents.reserveCapacity(outcomes.count)
        for i in outcomes.indices { state.documents[outcomes[i].entry.id] = outcomes[i].state }
        let (written, pending) = try writeAggregate(outcomes, order: order)
        for (k, v) in written { state.outputs[k] = v }
        Self.phase("aggregate", &mark)

        let coveragePath = outputDirectory + "/coverage.csv"
        let text = OutputTables(pipeline: inputs.pipeline, frames: inputs.frames).coverage(coverage, lexicons: inputs.lexicons)
        do { try AtomicFile.write(inputs.pipeline.csvText(text), to: coveragePath) } catch {
            throw .cannotWrite(path: coveragePath, detail: WriteFailure.reason(error, writing: coveragePath))
        }
        state.outputs["coverage.csv"] = outputRecord("coverage.csv")
        Self.phase("coverage", &mark)

        // Figures a last run drew (its lock lists them) and this one does not are removed.
        let previous = Set(OutputFolder.ownOutputs(outputDirectory, recorded: state.outputs.keys)
            .filter { $0.hasPrefix("figures/") }.map { String($0.dropFirst(8)) })
        for (k, v) in try writeFigures(previous: previous) { state.outputs[k] = v }
        Self.phase("figures", &mark)
        for (k, v) in try pending.wait() { state.outputs[k] = v }
        Self.phase("scores.csv and matches.csv", &mark)
        if report {
            _ = try writeReport(state)
            Self.phase("report", &mark)
        }
        _ = try writeLock(&outcomes, order: order, old: BuildState(), outputs: state.outputs, jobs: jobs)
        Self.phase("lock", &mark)
        return state.outputs
    }
}
