import Foundation
import PolframeIngest

extension Inputs {
    /// The same inputs restricted to the documents of shard `spec`, writing to `directory`.
    func sharded(_ spec: ShardSpec, directory: String) -> Inputs {
        var copy = writing(to: directory)
        copy.manifest = manifest.filter { spec.contains($0.id) }
        return copy
    }

    /// The per-document stages' global fingerprint components, as a shard records them.
    var documentStageComponents: [String: [String: String]] {
        ["ingest": Fingerprint(ingestComponents).dictionary, "normalize": Fingerprint(normalizeComponents).dictionary,
         "score": Fingerprint(scoreComponents).dictionary]
    }
}

extension Engine {
    /// The engine of shard `spec`: the pipeline's inputs restricted to that shard's documents,
    /// writing into `root/I/` (state, cache and records of its own, so a re-run is incremental
    /// and a killed run resumes from the results it had cached).
    public func shard(_ spec: ShardSpec, root: String) -> Engine {
        Engine(inputs: inputs.sharded(spec, directory: ShardFolders.folder(root: root, index: spec.index)))
    }

    /// The end of `make` for a shard (`MakeOptions.shard`): the per-document targets are built;
    /// the cache and the state are committed as a make commits them, and the shard's records
    /// file is written for `polframe merge` (no corpus output is made).
    func finishShard(_ spec: ShardSpec, _ outcomes: [DocumentOutcome], state: BuildState, old: BuildState, options: MakeOptions,
                     report: MakeReport, start: Date) throws(MakeError) -> MakeReport {
        var report = report
        report.seconds = Date().timeIntervalSince(start)
        if options.dryRun { return report }
        var state = state
        state.coverage = nil
        cache.commit(limit: options.cacheLimit) { [state] in
            var names = Set<Cache.Key>(minimumCapacity: 3 * (old.documents.count + state.documents.count))
            for documents in [old.documents, state.documents] {
                for d in documents.values {
                    for fp in [d.ingestFingerprint, d.normalizeFingerprint, d.scoreRecordKey] where !fp.isEmpty { names.insert(Cache.key(fp)) }
                }
            }
            return names
        }
        LexiconSources.keep(inputs, stateDirectory: stateDirectory)
        if state.documents != old.documents || state.targets != old.targets || state.components != old.components
            || state.lexiconForms != old.lexiconForms || outcomes.contains(where: \.racy) {
            do { try PendingStateFile(path: statePath, documents: state.documents, background: false).finish(state) } catch {
                throw .cannotWrite(path: statePath, detail: WriteFailure.reason(error, writing: statePath))
            }
        }
        try writeShardRecords(spec, outcomes)
        for o in outcomes {
            if let reason = o.meta?.skipReason {
                report.skipped.append((o.entry.id, "skipped: \(reason)", o.meta?.message ?? reason))
            } else if !o.state.scoreOutput.isEmpty {
                report.scored += 1
            }
            if let w = o.meta?.warnings, !w.isEmpty { report.warnings += w }
        }
        report.seconds = Date().timeIntervalSince(start)
        return report
    }

    /// The shard's records file, in id order. A document whose state is as in the last records
    /// file keeps its record from there (an incremental shard reads back only what it rebuilt);
    /// the others are read from this run's outcome and the cache.
    func writeShardRecords(_ spec: ShardSpec, _ outcomes: [DocumentOutcome]) throws(MakeError) {
        let path = outputDirectory + "/" + ShardRecords.fileName
        let components = inputs.documentStageComponents
        var previous: [String: ShardRecords.Record] = [:]
        if let file = try? ShardRecords.open(path), file.header.components == components, file.header.tool == Lock.toolVersion {
            try? ShardRecords.forEach(file) { record, _ in previous[record.id] = record }
        }
        let order = Self.byID(outcomes)
        let header = ShardRecords.Header(shard: spec, pipeline: inputs.pipeline.name, tool: Lock.toolVersion, components: components,
                                         documents: order.count)
        let cache = self.cache
        try ShardRecords.write(header, count: order.count, record: { (k: Int) throws(MakeError) -> ShardRecords.Record in
            let o = outcomes[order[k]]
            let key = ShardRecords.manifestKey(o.entry)
            if let p = previous[o.entry.id], o.meta?.skipReason == nil, p.manifestKey == key,
               ShardRecords.stateText(p.state) == ShardRecords.stateText(o.state) {
                return p
            }
            var meta = o.meta
            if meta == nil, let d = cache.read(.ingest, o.state.ingestFingerprint) { meta = IngestRecord(serialized: d) }
            guard var m = meta else {
                throw .cannotWrite(path: path, detail: "the cached ingest result of \(o.entry.id) is gone; run `polframe make --shard \(spec) -B`")
            }
            m.text = ""
            var score = Data()
            if m.skipReason == nil, !o.state.scoreOutput.isEmpty {
                guard let d = cache.read(.score, o.state.scoreRecordKey) else {
                    throw .cannotWrite(path: path, detail: "the cached score of \(o.entry.id) is gone; run `polframe make --shard \(spec) -B`")
                }
                score = d
            }
            return ShardRecords.Record(id: o.entry.id, manifestKey: key, state: o.state, meta: m.serialized(), score: score)
        }, to: path)
    }
}
