import Foundation

/// The per-document targets (ingest → normalize → score), on all cores.
extension Engine {
    /// Builds (or, in a dry run, plans) each document the goals name, and records every stage
    /// that ran or would run, with its reasons, in the plan.
    func buildDocuments(_ run: inout MakeRun) {
        let entries = inputs.manifest
        let options = run.options, old = run.old, goals = run.goals
        run.report.outputDirectory = outputDirectory
        run.report.documents = entries.count
        let progress = Progress(total: entries.count, quiet: options.quiet || options.dryRun)
        let workers = min(options.jobs, max(1, entries.count))
        let (inputs, cache, accumulator) = (self.inputs, self.cache, run.coverage)
        let shares = SharedInputs.uses(inputs)
        let queue = WorkQueue(order: workOrder(old, shares: shares))
        // A lexicon edit (and nothing else) re-scores only the documents it can reach.
        let delta = options.rebuildAll ? nil : ScoreDelta(inputs: inputs, old: old, stateDirectory: stateDirectory)
        run.report.plan.lexiconDelta = delta?.summary
        if Self.timing, let delta { FileHandle.standardError.write(Data("polframe: timing: lexicon delta: \(delta.summary)\n".utf8)) }
        Self.phase("lexicon delta", &run.mark)
        let shared = SharedInputs(uses: shares)
        run.outcomes = Self.collect(count: entries.count, workers: workers) { w, slot in
            let builder = DocumentBuilder(inputs: inputs, cache: cache, old: old, rebuildAll: options.rebuildAll, coverage: accumulator,
                                          scoreDelta: delta, shared: shared)
            while let i = queue.next() {
                if let stage = goals.stage(of: entries[i].id) {
                    slot.put(i, builder.build(entries[i], dryRun: options.dryRun, upTo: stage))
                } else {
                    slot.put(i, builder.leftAlone(entries[i]))
                }
                progress.step()
            }
        }
        progress.finish()
        Self.phase("documents", &run.mark)
        // By index, field by field: a whole outcome copied per document was a large part of a
        // 10,000-document run's bookkeeping (a few dozen reference counts each).
        for i in run.outcomes.indices {
            let id = run.outcomes[i].entry.id
            for r in run.outcomes[i].runs {
                run.report.plan.record(Target(r.stage.kind, document: id), r.reasons)
                run.report.stageCounts[r.stage.rawValue, default: 0] += 1
            }
            for s in run.outcomes[i].mayRun { run.report.plan.conditional.append(Target(s.kind, document: id)) }
            if run.outcomes[i].keptScore { run.report.plan.keptScores.append(id) }
        }
        run.order = Self.byID(run.outcomes)
    }

    /// The order workers take documents in. Corpora up to `orderBySizeUpTo` documents: the
    /// largest first (by the size the last run recorded, else by stat; a file several entries
    /// share counts a share each), so that no core is left alone with a big one at the end:
    /// documents differ in size by a hundredfold. A larger corpus is taken in manifest order:
    /// its last documents are a sliver of the work, and looking up every size cost more than
    /// it saved.
    func workOrder(_ old: BuildState, shares: [String: Int]) -> [Int] {
        let entries = inputs.manifest
        guard entries.count <= Self.orderBySizeUpTo else { return Array(entries.indices) }
        let sizes = entries.map { e -> Int in
            let file = inputs.file(of: e)
            let size = old.documents[e.id].flatMap { $0.size >= 0 ? $0.size : nil } ?? Cache.fileInfo(file)?.size ?? 0
            return size / (shares[file] ?? 1)
        }
        return entries.indices.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }
    }

    /// The state a finished run leaves for the documents: each built document's new record; a
    /// document the goals left alone keeps its last one.
    func documentStates(_ run: MakeRun) -> [String: BuildState.DocumentState] {
        var documents: [String: BuildState.DocumentState] = [:]
        documents.reserveCapacity(run.outcomes.count)
        if run.goals.documents != nil {
            // Documents gone from the manifest stay too: this run did not look at the corpus.
            documents = run.old.documents
        }
        for i in run.outcomes.indices where !run.outcomes[i].leftAlone { documents[run.outcomes[i].entry.id] = run.outcomes[i].state }
        return documents
    }
}

extension StageRun.Stage {
    var kind: Target.Kind {
        switch self {
        case .ingest: return .ingest
        case .normalize: return .normalize
        case .score: return .score
        }
    }
}
