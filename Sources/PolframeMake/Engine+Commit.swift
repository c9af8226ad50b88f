import Foundation

/// The end of a real run: the cache index, the lexicon copies, the state, the tallies the
/// command prints, and the stamp, in that order (each names only what the ones before made).
extension Engine {
    func commit(_ run: inout MakeRun) throws(MakeError) {
        let old = run.old, state = run.state
        // The cache index names every result this run wrote before the state names them; the
        // results the last state or this one names are never forgotten.
        cache.commit(limit: run.options.cacheLimit) {
            var names = Set<Cache.Key>(minimumCapacity: 3 * (old.documents.count + state.documents.count))
            for documents in [old.documents, state.documents] {
                for d in documents.values {
                    for fp in [d.ingestFingerprint, d.normalizeFingerprint, d.scoreRecordKey] where !fp.isEmpty { names.insert(Cache.key(fp)) }
                }
            }
            return names
        }
        Self.phase("cache index", &run.mark)
        // The lexicons scored with, for the next run to compare an edit against (a run of a few
        // documents keeps the last ones: the state still compares against them).
        if run.goals.documents == nil { LexiconSources.keep(inputs, stateDirectory: stateDirectory) }
        // A no-op make leaves the state as it was (and does not rewrite it), unless inputs were
        // hashed because their timestamps were too close to the last write to be trusted:
        // rewriting it then lets the next run trust them.
        if state.documents != old.documents || state.targets != old.targets || state.outputs != old.outputs
            || state.components != old.components || state.lexiconForms != old.lexiconForms || state.coverage != old.coverage
            || run.outcomes.contains(where: \.racy) {
            do { try (run.stateFile ?? PendingStateFile(path: statePath, documents: state.documents, background: false)).finish(state) } catch {
                throw .cannotWrite(path: statePath, detail: WriteFailure.reason(error, writing: statePath))
            }
        }
        Self.phase("state", &run.mark)
        tally(&run)
        // The stamp, when every document was read and scored (a skipped one must still make
        // --keep-going fail, and a failed one is retried) by a make of everything.
        if let probe = run.options.stamp, run.goals.complete, run.report.skipped.isEmpty,
           !run.outcomes.contains(where: { $0.state.normalizeFingerprint == "retry" }) {
            let docs = run.outcomes.indices.map { i -> (path: String, tuple: String) in
                let s = run.outcomes[i].state
                return (inputs.file(of: run.outcomes[i].entry), s.size < 0 ? "-" : Stamp.text(size: s.size, mtime: s.mtime, inode: s.inode, ctime: s.ctime))
            }
            Stamp.write(inputs.pipeline, probe, documents: docs, outputs: state.outputs.keys.sorted() + ["polframe.lock"])
        }
    }

    /// Skipped and scored documents, warnings, and per country the documents, tokens and
    /// framing hits, for the command's summary.
    func tally(_ run: inout MakeRun) {
        let framing = inputs.pipeline.hasContrast ? [inputs.pipeline.plus, inputs.pipeline.minus]
            : inputs.lexicons.filter { $0.role == .framing }.flatMap { $0.frames.map(\.id) }
        for i in run.outcomes.indices where !run.outcomes[i].leftAlone {
            if let reason = run.outcomes[i].meta?.skipReason {
                run.report.skipped.append((run.outcomes[i].entry.id, "skipped: \(reason)", run.outcomes[i].meta?.message ?? reason))
            } else if run.outcomes[i].score != nil || run.outcomes[i].state.scoreOutput != "" {
                run.report.scored += 1
            }
            if let w = run.outcomes[i].meta?.warnings, !w.isEmpty { run.report.warnings += w }
            if let tokens = run.outcomes[i].score?.tokens, let categories = run.outcomes[i].score?.categories {
                let country = run.outcomes[i].entry.country
                run.report.documentsByCountry[country, default: 0] += 1
                run.report.tokensByCountry[country, default: 0] += tokens
                // Hits of the contrast's frames (topic frames are filters, not framing).
                run.report.hitsByCountry[country, default: 0] += categories.filter { framing.contains($0.frame) || framing.contains($0.frame + "/" + $0.category) }.reduce(0) { $0 + $1.hits }
            }
        }
    }
}
