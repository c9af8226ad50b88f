import Crypto
import Dispatch
import Foundation
import PolframeFigures
import PolframeIngest
import PolframeScore
import PolframeText

/// How `polframe make` runs.
public struct MakeOptions: Sendable {
    public var jobs: Int
    /// -n: say what would run and why, run nothing.
    public var dryRun: Bool
    /// -B: rebuild everything.
    public var rebuildAll: Bool
    public var quiet: Bool
    /// The stat tuples of the run's inputs taken before they were read: with it, a finished
    /// run writes the stamp the next `polframe make` checks first (see `Stamp`).
    public var stamp: Stamp.Probe?
    /// The last state, read on another core while the inputs were loading.
    public var preloadedState: StatePreload?
    /// Bytes the cache's results may take when the run ends (see `Cache.limitLocked`); nil: no limit.
    public var cacheLimit: Int?
    /// Build the evidence report even when the pipeline does not ask for it (`make report`).
    public var report = false
    /// Sharding hook (`make --shard I/N`, see Shard.swift): build the per-document targets
    /// only, then write the shard's records for `polframe merge` instead of the corpus outputs.
    public var shard: ShardSpec? = nil

    public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, dryRun: Bool = false, rebuildAll: Bool = false, quiet: Bool = false,
                stamp: Stamp.Probe? = nil, preloadedState: StatePreload? = nil) {
        self.preloadedState = preloadedState
        self.jobs = max(1, jobs)
        self.dryRun = dryRun
        self.rebuildAll = rebuildAll
        self.quiet = quiet
        self.stamp = stamp
    }
}

/// A target that ran (or would run) and why.
public struct TargetRun: Sendable, Hashable {
    public var target: String
    public var reasons: [String]
}

/// What a make did.
public struct MakeReport: Sendable {
    public var documents = 0
    public var scored = 0
    /// (id, status, message) of each skipped document.
    public var skipped: [(id: String, status: String, message: String)] = []
    public var runs: [TargetRun] = []
    /// Targets that would run only if an upstream output changes (dry run).
    public var conditional: [String] = []
    public var stageCounts: [String: Int] = [:]
    public var documentsByCountry: [String: Int] = [:]
    public var tokensByCountry: [String: Int] = [:]
    public var hitsByCountry: [String: Int] = [:]
    public var warnings: [String] = []
    public var outputDirectory = ""
    /// Documents whose last score was (or, in a dry run, would be) kept because a lexicon edit
    /// cannot reach them.
    public var keptScores: [String] = []
    /// What the lexicon edit changed, pattern by pattern, when only lexicon entries changed.
    public var lexiconDelta: String?
    public var seconds = 0.0
    public var upToDate: Bool { runs.isEmpty && conditional.isEmpty }
}

/// The make engine: per-document targets (ingest → normalize → score) rebuilt only when their
/// fingerprint changes, with early cutoff on unchanged outputs, then the corpus targets
/// (aggregate CSVs, figures, lock).
public struct Engine: Sendable {
    public let inputs: Inputs
    public var outputDirectory: String { inputs.pipeline.outputDirectory }
    var stateDirectory: String { outputDirectory + "/.polframe" }
    var statePath: String { stateDirectory + "/state.tsv" }
    /// One per engine: a run opens the cache index and each pack once.
    let cache: Cache
    /// Merge hook (see Merge.swift): where the corpus targets read matches rows and ingest
    /// records when not from `cache` (a merge reads them from the shards).
    var sources: CorpusSources? = nil

    public static let outputFiles = ["documents.csv", "scores.csv", "series.csv", "categories.csv", "contrast.csv", "contrast_overall.csv",
                                            "matches.csv", "disagreements.csv", "document_frames.csv"]

    /// The aggregate outputs of this pipeline.
    var aggregateFiles: [String] {
        // No contrast in the pipeline: no contrast tables.
        Self.outputFiles.filter { inputs.pipeline.hasContrast || !$0.hasPrefix("contrast") }
            + (inputs.pipeline.byLanguage ? ["series_by_language.csv"] : []) + (inputs.pipeline.validationSheets.isEmpty ? [] : ["validation.csv"])
            + (inputs.pipeline.trends ? OutputTables.trendFiles : []) + ["coverage.csv"]
    }

    public init(inputs: Inputs) {
        self.inputs = inputs
        cache = Cache(root: inputs.pipeline.outputDirectory + "/.polframe/cache")
    }

    public init(pipeline: Pipeline) throws(MakeError) { self.init(inputs: try Inputs(pipeline: pipeline)) }

    func readState(_ preload: StatePreload? = nil) throws(MakeError) -> BuildState {
        let result: Result<BuildState, BuildState.ReadError>
        if let preload, preload.path == statePath { result = preload.result } else {
            do throws(BuildState.ReadError) { result = .success(try BuildState.read(path: statePath)) } catch { result = .failure(error) }
        }
        switch result {
        case .success(let state): return state
        case .failure(let error):
            if case .corrupt = error { return BuildState() }
            throw .invalidInputs([.init(file: statePath, error.description)])
        }
    }

    /// Corpora up to this many documents are taken largest first.
    static let orderBySizeUpTo = 2_000

    /// With POLFRAME_TIMING set, each phase's wall time goes to standard error.
    public static let timing = ProcessInfo.processInfo.environment["POLFRAME_TIMING"] != nil
    public static func phase(_ name: String, _ since: inout Date) {
        guard timing else { return }
        let now = Date()
        // Peak resident memory so far (Linux), to see which phase sets it.
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }.map { String($0.dropFirst(6)).trimmingCharacters(in: .whitespaces) } ?? "?"
        FileHandle.standardError.write(Data(String(format: "polframe: timing: %@ %.3f s, peak %@\n", name, now.timeIntervalSince(since), peak).utf8))
        since = now
    }

    /// Runs (or plans) the build.
    public func make(_ options: MakeOptions) throws(MakeError) -> MakeReport {
        let start = Date()
        var mark = start
        // The output folder is checked (and locked, swept of killed runs' temporaries) first.
        let runLock = try OutputFolder.prepare(inputs.pipeline, dryRun: options.dryRun)
        defer { withExtendedLifetime(runLock) {} }
        // A run that may change things first forgets the stamp, so that a run killed midway
        // leaves none: the next run then goes through the engine.
        if !options.dryRun {
            Stamp.remove(inputs.pipeline)
            cache.adoptLooseEntries()
        }
        let old = try readState(options.preloadedState)
        Self.phase("read state", &mark)
        var report = MakeReport()
        report.outputDirectory = outputDirectory
        let entries = inputs.manifest
        report.documents = entries.count

        // Per-document targets, in parallel; results by manifest index.
        let progress = Progress(total: entries.count, quiet: options.quiet || options.dryRun)
        let workers = min(options.jobs, max(1, entries.count))
        let (inputs, cache) = (self.inputs, self.cache)
        let accumulator = CoverageAccumulator()
        // Workers take the next document as they finish one: documents differ in size by a
        // hundredfold, and a fixed share per worker left one core idle at the end.
        // The largest documents first (by the size the last run recorded, else by stat; a file
        // several entries share counts a share each), so that no core is left alone with a big
        // one at the end: documents differ in size by a hundredfold. A corpus much larger than
        // the number of cores is taken in manifest order: its last documents are a sliver of
        // the work, and looking up every size cost more than it saved.
        let shares = SharedInputs.uses(inputs)
        let queue: WorkQueue
        if entries.count <= Self.orderBySizeUpTo {
            let sizes = entries.map { e -> Int in
                let file = inputs.file(of: e)
                let size = old.documents[e.id].flatMap { $0.size >= 0 ? $0.size : nil } ?? Cache.fileInfo(file)?.size ?? 0
                return size / (shares[file] ?? 1)
            }
            queue = WorkQueue(order: entries.indices.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 })
        } else {
            queue = WorkQueue(order: Array(entries.indices))
        }
        // A lexicon edit (and nothing else) re-scores only the documents it can reach.
        let delta = options.rebuildAll ? nil : ScoreDelta(inputs: inputs, old: old, stateDirectory: stateDirectory)
        report.lexiconDelta = delta?.summary
        if Self.timing, let delta { FileHandle.standardError.write(Data("polframe: timing: lexicon delta: \(delta.summary)\n".utf8)) }
        Self.phase("lexicon delta", &mark)
        let shared = SharedInputs(uses: shares)
        var outcomes = Self.collect(count: entries.count, workers: workers) { w, slot in
            let builder = DocumentBuilder(inputs: inputs, cache: cache, old: old, rebuildAll: options.rebuildAll, coverage: accumulator,
                                          scoreDelta: delta, shared: shared)
            while let i = queue.next() {
                slot.put(i, builder.build(entries[i], dryRun: options.dryRun))
                progress.step()
            }
        }
        progress.finish()
        Self.phase("documents", &mark)

        // By index, field by field: a whole outcome copied per document was a large part of a
        // 10,000-document run's bookkeeping (a few dozen reference counts each).
        for i in outcomes.indices {
            for r in outcomes[i].runs {
                report.runs.append(TargetRun(target: "\(r.stage.rawValue):\(outcomes[i].entry.id)", reasons: r.reasons))
                report.stageCounts[r.stage.rawValue, default: 0] += 1
            }
            for s in outcomes[i].mayRun { report.conditional.append("\(s.rawValue):\(outcomes[i].entry.id)") }
            if outcomes[i].keptScore { report.keptScores.append(outcomes[i].entry.id) }
        }

        // The aggregate target: every CSV, from all documents' outputs and manifest metadata.
        Self.phase("  report", &mark)
        // The documents in id order, the order of every corpus output (indices stay valid as
        // loadMissing fills the outcomes in).
        let order = Self.byID(outcomes)
        let aggregateFP = aggregateFingerprint(outcomes, order: order)
        Self.phase("  aggregate fingerprint", &mark)
        var state = BuildState()
        state.documents.reserveCapacity(outcomes.count)
        for i in outcomes.indices { state.documents[outcomes[i].entry.id] = outcomes[i].state }

        state.components = ["ingest": Fingerprint(inputs.ingestComponents).dictionary,
                            "normalize": Fingerprint(inputs.normalizeComponents).dictionary,
                            "score": Fingerprint(inputs.scoreComponents).dictionary,
                            "aggregate": Fingerprint(inputs.aggregateComponents).dictionary,
                            "figures": Fingerprint(inputs.figureComponents).dictionary,
                            "coverage": Fingerprint(inputs.coverageComponents).dictionary]
        state.lexiconForms = inputs.lexiconForms
        state.outputs = old.outputs
        state.targets["bases"] = DocumentBuilder.bases(inputs)
        // The documents this run scored, before loadMissing fills in everyone's scores.
        let fresh = Set(outcomes.lazy.filter(\.freshScore).map(\.entry.id))

        Self.phase("  new state", &mark)
        // Sharding hook: a shard stops after the per-document targets (Shard.swift).
        if let shard = options.shard { return try finishShard(shard, outcomes, state: state, old: old, options: options, report: report, start: start) }
        var aggregateReasons: [String] = []
        if options.rebuildAll { aggregateReasons.append("rebuild of everything requested (-B)") }
        if old.targets["aggregate"] == nil { aggregateReasons.append("not built before") }
        else if old.targets["aggregate"] != aggregateFP {
            let changed = outcomes.reduce(0) { $0 + ($1.runs.isEmpty ? 0 : 1) }
            if changed > 0 { aggregateReasons.append("\(changed) document\(changed == 1 ? "" : "s") rebuilt") }
            aggregateReasons += Explainer.globalChanges("aggregate", inputs.aggregateComponents, old)
            if aggregateReasons.isEmpty { aggregateReasons.append("the manifest's metadata or the set of documents changed") }
        }
        for f in aggregateFiles where f != "coverage.csv" && !outputIntact(f, old) { aggregateReasons.append("output \(f) is missing or was modified") }
        if !report.conditional.isEmpty && aggregateReasons.isEmpty && options.dryRun {
            report.conditional.append("aggregate")
        }

        if options.dryRun {
            // Documents that would be rebuilt may still produce the same outputs (early cutoff):
            // the corpus targets are then conditional, not certain.
            let certain = aggregateReasons.filter { !$0.hasSuffix(" rebuilt") }
            if !certain.isEmpty { report.runs.append(TargetRun(target: "aggregate", reasons: aggregateReasons)) }
            else if !aggregateReasons.isEmpty && !report.conditional.contains("aggregate") { report.conditional.append("aggregate") }
            aggregateReasons = certain
            let coverage = Explainer.globalChanges("coverage", inputs.coverageComponents, old)
            if !coverage.isEmpty || old.targets["coverage"] == nil {
                report.runs.append(TargetRun(target: "coverage", reasons: coverage.isEmpty ? ["not built before"] : coverage))
            } else if !report.conditional.isEmpty || !certain.isEmpty {
                report.conditional.append("coverage")
            }
            if !aggregateReasons.isEmpty || !report.conditional.isEmpty { report.conditional.append("figures") }
            else if let fr = figureReasons(old) { report.runs.append(TargetRun(target: "figures", reasons: fr)) }
            if inputs.pipeline.report || options.report {
                if !aggregateReasons.isEmpty || !report.conditional.isEmpty { report.conditional.append("report") }
                else if let rr = reportReasons(old, old) { report.runs.append(TargetRun(target: "report", reasons: rr)) }
            }
            report.seconds = Date().timeIntervalSince(start)
            return report
        }

        // scores.csv and matches.csv (the largest outputs, which no later target reads) are
        // written on another thread while coverage and figures are made.
        var pending: PendingWrites? = nil
        if !aggregateReasons.isEmpty {
            report.runs.append(TargetRun(target: "aggregate", reasons: aggregateReasons))
            loadMissing(&outcomes, jobs: options.jobs)
            Self.phase("load cached results", &mark)
            let (written, rest) = try writeAggregate(outcomes, order: order)
            for (k, v) in written { state.outputs[k] = v }
            pending = rest
            Self.phase("aggregate", &mark)
        }
        state.targets["aggregate"] = aggregateFP

        Self.phase("  aggregate check", &mark)
        // The state's document records (nearly all of state.tsv) are prepared on another core
        // while coverage, figures and the lock are made (after the aggregate tables, whose
        // temporaries set a large corpus's peak memory); the file itself is still written last.
        let stateFile = state.documents == old.documents ? nil : PendingStateFile(path: statePath, documents: state.documents)
        defer { stateFile?.abandon() }

        // Coverage: every entry's hits; depends on the lexicons and the documents' scores.
        let coverageFP = Fingerprint(inputs.coverageComponents
            + order.map { (outcomes[$0].entry.id, outcomes[$0].state.scoreOutput) }).digest
        if old.targets["coverage"] != coverageFP || !outputIntact("coverage.csv", old) || options.rebuildAll || old.coverage == nil {
            report.runs.append(TargetRun(target: "coverage", reasons: old.targets["coverage"] == nil ? ["not built before"]
                                          : old.targets["coverage"] != coverageFP ? ["the lexicons or the scores changed"]
                                          : old.coverage == nil ? ["its totals are not in the state (older state format)"]
                                          : ["output coverage.csv is missing or was modified"]))
            // Counts come from the last totals and the changed documents' records; only when a
            // record is gone (deleted by hand) are the documents' results loaded, and rebuilt.
            Self.phase("  coverage fingerprint", &mark)
            var totals = coverageTotals(outcomes, old: old, fresh: fresh, freshTotals: accumulator.values, rebuildAll: options.rebuildAll)
            Self.phase("  coverage totals", &mark)
            if totals == nil {
                loadMissing(&outcomes, jobs: options.jobs)
                totals = coverageTotals(outcomes, old: old, fresh: fresh, freshTotals: accumulator.values, rebuildAll: options.rebuildAll,
                                        allowMissing: true)
            }
            guard let totals else { throw .cannotWrite(path: outputDirectory + "/coverage.csv", detail: "no totals") }
            state.coverage = totals
            let text = OutputTables(pipeline: inputs.pipeline, frames: inputs.frames).coverage(totals, lexicons: inputs.lexicons)
            do { try AtomicFile.write(inputs.pipeline.csvText(text), to: outputDirectory + "/coverage.csv") } catch {
                throw .cannotWrite(path: outputDirectory + "/coverage.csv", detail: WriteFailure.reason(error, writing: outputDirectory + "/coverage.csv"))
            }
            state.outputs["coverage.csv"] = outputRecord("coverage.csv")
            Self.phase("coverage", &mark)
        }
        else { state.coverage = old.coverage }
        state.targets["coverage"] = coverageFP

        // Figures: drawn from contrast.csv alone.
        if let fr = figureReasons(old, afterAggregate: !aggregateReasons.isEmpty) {
            report.runs.append(TargetRun(target: "figures", reasons: fr))
            let previous = Set(OutputFolder.ownOutputs(outputDirectory, recorded: state.outputs.keys)
                .filter { $0.hasPrefix("figures/") }.map { String($0.dropFirst(8)) })
            for k in state.outputs.keys where k.hasPrefix("figures/") { state.outputs[k] = nil }
            for (k, v) in try writeFigures(previous: previous) { state.outputs[k] = v }
            Self.phase("figures", &mark)
        }
        state.targets["figures"] = figuresFingerprint()

        if let pending {
            for (k, v) in try pending.wait() { state.outputs[k] = v }
            Self.phase("scores.csv and matches.csv", &mark)
        }
        if inputs.pipeline.report || options.report {
            if let rr = options.rebuildAll ? ["rebuild of everything requested (-B)"] : reportReasons(old, state) {
                report.runs.append(TargetRun(target: "report", reasons: rr))
                _ = try writeReport(state)
                Self.phase("report", &mark)
            }
            state.targets["report"] = reportFingerprint(state)
        } else if let kept = old.targets["report"] {
            state.targets["report"] = kept
        }
        if !report.runs.isEmpty || !FileManager.default.fileExists(atPath: outputDirectory + "/polframe.lock") {
            state.targets["lock"] = try writeLock(&outcomes, order: order, old: old, outputs: state.outputs, jobs: options.jobs)
            Self.phase("lock", &mark)
        } else if let lock = old.targets["lock"] {
            state.targets["lock"] = lock
        }
        // The cache index names every result this run wrote before the state names them; the
        // results the last state or this one names are never forgotten.
        cache.commit(limit: options.cacheLimit) { [state] in
            var names = Set<Cache.Key>(minimumCapacity: 3 * (old.documents.count + state.documents.count))
            for documents in [old.documents, state.documents] {
                for d in documents.values {
                    for fp in [d.ingestFingerprint, d.normalizeFingerprint, d.scoreRecordKey] where !fp.isEmpty { names.insert(Cache.key(fp)) }
                }
            }
            return names
        }
        Self.phase("cache index", &mark)
        // The lexicons scored with, for the next run to compare an edit against.
        LexiconSources.keep(inputs, stateDirectory: stateDirectory)
        // A no-op make leaves the state as it was (and does not rewrite it), unless inputs were
        // hashed because their timestamps were too close to the last write to be trusted:
        // rewriting it then lets the next run trust them.
        if state.documents != old.documents || state.targets != old.targets || state.outputs != old.outputs
            || state.components != old.components || state.lexiconForms != old.lexiconForms || state.coverage != old.coverage
            || outcomes.contains(where: \.racy) {
            do { try (stateFile ?? PendingStateFile(path: statePath, documents: state.documents, background: false)).finish(state) } catch {
                throw .cannotWrite(path: statePath, detail: WriteFailure.reason(error, writing: statePath))
            }
        }
        Self.phase("state", &mark)

        let framing = inputs.pipeline.hasContrast ? [inputs.pipeline.plus, inputs.pipeline.minus]
            : inputs.lexicons.filter { $0.role == .framing }.flatMap { $0.frames.map(\.id) }
        for i in outcomes.indices {
            if let reason = outcomes[i].meta?.skipReason {
                report.skipped.append((outcomes[i].entry.id, "skipped: \(reason)", outcomes[i].meta?.message ?? reason))
            } else if outcomes[i].score != nil || outcomes[i].state.scoreOutput != "" {
                report.scored += 1
            }
            if let w = outcomes[i].meta?.warnings, !w.isEmpty { report.warnings += w }
            if let tokens = outcomes[i].score?.tokens, let categories = outcomes[i].score?.categories {
                let country = outcomes[i].entry.country
                report.documentsByCountry[country, default: 0] += 1
                report.tokensByCountry[country, default: 0] += tokens
                // Hits of the contrast's frames (topic frames are filters, not framing).
                report.hitsByCountry[country, default: 0] += categories.filter { framing.contains($0.frame) || framing.contains($0.frame + "/" + $0.category) }.reduce(0) { $0 + $1.hits }
            }
        }
        // The stamp, when every document was read and scored (a skipped one must still make
        // --keep-going fail, and a failed one is retried).
        if let probe = options.stamp, report.skipped.isEmpty, !outcomes.contains(where: { $0.state.normalizeFingerprint == "retry" }) {
            let docs = outcomes.indices.map { i -> (path: String, tuple: String) in
                let size = outcomes[i].state.size
                return (inputs.file(of: outcomes[i].entry), size < 0 ? "-" : Stamp.text(size: size, mtime: outcomes[i].state.mtime,
                                                                                         inode: outcomes[i].state.inode, ctime: outcomes[i].state.ctime))
            }
            Stamp.write(inputs.pipeline, probe, documents: docs, outputs: state.outputs.keys.sorted() + ["polframe.lock"])
        }
        report.seconds = Date().timeIntervalSince(start)
        return report
    }

    // MARK: aggregate

    /// The digest `Fingerprint` gives for ("base", …) then (id, manifest facts|outputs) per
    /// document, hashed as it goes rather than built as one string over the whole corpus.
    func aggregateFingerprint(_ outcomes: [DocumentOutcome], order: [Int]) -> String {
        var hasher = SHA256()
        var piece = "base=" + Fingerprint(inputs.aggregateComponents).digest
        for i in order {
            piece += "\n"; piece += outcomes[i].entry.id; piece += "="
            for (k, v) in [outcomes[i].entry.country, outcomes[i].entry.date, outcomes[i].entry.language, outcomes[i].entry.title,
                           outcomes[i].entry.issuer, outcomes[i].entry.path, outcomes[i].entry.record.map(String.init) ?? "",
                           outcomes[i].state.ingestOutput, outcomes[i].state.scoreOutput].enumerated() {
                if k > 0 { piece += "|" }
                piece += v
            }
            // Document variables enter documents.csv and may group the series.
            for v in outcomes[i].entry.variables { piece += "|"; piece += v }
            if piece.utf8.count >= 1 << 16 { hasher.update(data: Data(piece.utf8)); piece = "" }
        }
        hasher.update(data: Data(piece.utf8))
        return Digest.hex(hasher.finalize())
    }

    /// Hits and documents per entry over the scored documents: the last run's totals adjusted by
    /// the documents whose score changed (their old counts out, their new ones in), the
    /// documents scored by this run counted from memory; everything else is read from the cache
    /// only when the last totals cannot be used (none recorded, -B, an old count unreadable).
    func coverageTotals(_ outcomes: [DocumentOutcome], old: BuildState, fresh: Set<String>, freshTotals: [String: BuildState.EntryTotal],
                        rebuildAll: Bool, allowMissing: Bool = false) -> [String: BuildState.EntryTotal]? {
        // A scored document's record: its fingerprint (to read it) and its hash. Two records
        // with one hash have the same counts (a score kept across a lexicon edit, say).
        func scored(_ s: BuildState.DocumentState?) -> (fp: String, out: String)? {
            s.flatMap { $0.scoreOutput.isEmpty ? nil : ($0.scoreRecordKey, $0.scoreOutput) }
        }
        func counts(_ fp: String) -> [String: Int]? { cache.read(.score, fp).flatMap { ScoreRecord(serialized: $0)?.entries } }
        var totals = freshTotals
        func add(_ c: [String: Int], _ sign: Int) {
            for (k, v) in c {
                totals[k, default: .init(hits: 0, documents: 0)].hits += sign * v
                totals[k]!.documents += sign
            }
        }
        var current: [String: (fp: String, out: String)] = [:]
        current.reserveCapacity(outcomes.count)
        // The documents whose counts changed: their old counts out, their new ones in (each
        // outcome carries its last record; documents gone from the manifest are in the old
        // state only).
        var goneOrChanged: [String] = [], changedNow: [String] = []
        var rereads = 0
        for i in outcomes.indices {
            let id = outcomes[i].entry.id
            let now = outcomes[i].meta?.skipReason == nil ? scored(outcomes[i].state) : nil
            if let now { current[id] = now }
            let was = outcomes[i].previousScore
            if let was, fresh.contains(id) || now?.out != was.out { goneOrChanged.append(was.fp) }
            if let now, !fresh.contains(id) {
                rereads += 1
                if was?.out != now.out { changedNow.append(now.fp) }
            }
        }
        if old.documents.count > outcomes.reduce(0, { $0 + ($1.hadPrevious ? 1 : 0) }) {
            let ids = Set(outcomes.lazy.map(\.entry.id))
            for (id, d) in old.documents where !ids.contains(id) { if let was = scored(d) { goneOrChanged.append(was.fp) } }
        }
        incremental: if let before = old.coverage, !rebuildAll, goneOrChanged.count + changedNow.count < rereads {
            for (k, v) in before { totals[k, default: .init(hits: 0, documents: 0)].hits += v.hits; totals[k]!.documents += v.documents }
            for fp in goneOrChanged {
                guard let c = counts(fp) else { break incremental }
                add(c, -1)
            }
            for fp in changedNow {
                guard let c = counts(fp) else { break incremental }
                add(c, 1)
            }
            return totals.filter { $0.value.hits != 0 || $0.value.documents != 0 }
        }
        totals = freshTotals
        for (id, r) in current where !fresh.contains(id) {
            guard let c = counts(r.fp) else { if allowMissing { continue } else { return nil } }
            add(c, 1)
        }
        return totals.filter { $0.value.hits != 0 || $0.value.documents != 0 }
    }

    /// Whether an output is as the last run wrote it (size and mtime as a shortcut, then the hash).
    func outputIntact(_ name: String, _ old: BuildState) -> Bool {
        guard let recorded = old.outputs[name] else { return false }
        let path = outputDirectory + "/" + name
        guard let info = Cache.fileInfo(path) else { return false }
        let parts = recorded.split(separator: "|").map(String.init)
        let size = info.size, mtime = info.mtime
        if parts.count == 3, parts[1] == String(size), parts[2] == String(mtime) { return true }
        return Digest.sha256(file: path) == parts.first
    }

    func outputRecord(_ name: String) -> String {
        let path = outputDirectory + "/" + name
        let info = Cache.fileInfo(path)
        let size = info?.size ?? -1, mtime = info?.mtime ?? -1
        return "\(Digest.sha256(file: path) ?? "")|\(size)|\(mtime)"
    }

    /// Reads metadata and scores that this run did not compute (clean documents), in parallel.
    /// A document whose cached result is gone (deleted by hand: the no-op fast path does not look
    /// into the cache) is rebuilt from its input.
    func loadMissing(_ outcomes: inout [DocumentOutcome], jobs: Int) {
        @Sendable func needs(_ o: DocumentOutcome) -> Bool { o.meta == nil || (o.score == nil && o.state.scoreOutput != "") }
        guard outcomes.contains(where: needs) else { return }
        let cache = self.cache
        @Sendable func load(_ o: inout DocumentOutcome) {
            if o.meta == nil, let d = cache.read(.ingest, o.state.ingestFingerprint), var r = IngestRecord(serialized: d) {
                r.text = ""
                o.meta = r
            }
            if o.score == nil, o.state.scoreOutput != "", let d = cache.read(.score, o.state.scoreRecordKey) {
                o.score = ScoreRecord(serialized: d)
            }
        }
        let current = outcomes
        let workers = max(1, min(jobs, outcomes.count))
        outcomes = []
        outcomes = Self.collect(count: current.count, workers: workers) { w, slot in
            for i in stride(from: w, to: current.count, by: workers) {
                var o = current[i]
                if needs(o) { load(&o) }
                slot.put(i, o)
            }
        }
        let lost = outcomes.indices.filter { needs(outcomes[$0]) }
        guard !lost.isEmpty else { return }
        let builder = DocumentBuilder(inputs: inputs, cache: cache, old: BuildState(), rebuildAll: false, fastPath: false)
        for i in lost {
            var o = builder.build(outcomes[i].entry, dryRun: false)
            o.runs = outcomes[i].runs
            o.hadPrevious = outcomes[i].hadPrevious
            o.previousIngestOutput = outcomes[i].previousIngestOutput
            o.previousScore = outcomes[i].previousScore
            load(&o)
            outcomes[i] = o
        }
    }

    /// Writes the corpus CSVs: the small ones before it returns, scores.csv and matches.csv on
    /// another thread (wait for them with the `PendingWrites` returned).
    func writeAggregate(_ outcomes: [DocumentOutcome], order: [Int]) throws(MakeError) -> ([String: String], PendingWrites) {
        var mark = Date()
        let rows = AggregateRows(outcomes: outcomes, order: order)
        var writer = OutputTables(pipeline: inputs.pipeline, frames: inputs.frames)
        writer.labels = inputs.lexiconLabels
        let p = inputs.pipeline
        let inSeries = SeriesMembership.exclusions(rows, groupFields: p.groupFields)
        var files: [(String, String)] = [
            ("documents.csv", writer.documents(rows, inSeries: inSeries)),
            ("document_frames.csv", writer.documentFrames(rows, inSeries: inSeries)),
            ("disagreements.csv", writer.disagreements(rows)),
        ]
        Self.phase("  documents.csv", &mark)
        let scored = rows.indices.compactMap { k -> ScoredDocument? in
            let r = rows[k]
            guard inSeries[k] == nil, let s = r.score, let y = r.year else { return nil }
            return ScoredDocument(id: r.entry.id, country: r.groupKey(p.groupFields), year: y, language: r.language, score: s.documentScore)
        }
        let builder = SeriesBuilder(bootstrap: p.bootstrap, weighting: p.weighting)
        let adjusted = try AdjustedTables.make(p, lexicons: inputs.lexicons, scored: scored, frames: inputs.frames)
        let translations = Set(rows.filter { !$0.entry.translationOf.isEmpty }.map(\.entry.id))
        writer.facts = CellFacts(scored, translations: translations, plus: p.plus, minus: p.minus)
        files.append(("series.csv", writer.series(builder.series(scored, frames: inputs.frames), adjusted: adjusted?.series)))
        if let adjusted { files.append(("validation.csv", adjusted.validation)) }
        files.append(("categories.csv", writer.categories(scored)))
        if p.byLanguage {
            // The language joins the group, then is split out into its own column.
            let split = scored.map { d -> ScoredDocument in
                var c = d
                c.country = d.country + "\u{1F}" + d.language
                return c
            }
            var byLanguage = writer
            byLanguage.facts = CellFacts(split, translations: translations, plus: p.plus, minus: p.minus)
            files.append(("series_by_language.csv", byLanguage.seriesByLanguage(builder.series(split, frames: inputs.frames))))
        }
        if p.trends { files += writer.trendTables(scored, lexicons: inputs.lexicons, bootstrap: p.bootstrap) }
        if p.hasContrast {
            files.append(("contrast.csv", writer.contrast(builder.contrast(scored, plus: p.plus, minus: p.minus), adjusted: adjusted?.contrast)))
            // The same index over all years at once: the headline figure per group.
            let pooled = scored.map { d -> ScoredDocument in
                var c = d
                c.year = 0
                return c
            }
            files.append(("contrast_overall.csv", writer.contrastOverall(builder.contrast(pooled, plus: p.plus, minus: p.minus), adjusted: adjusted?.overall)))
        }
        Self.phase("  series and contrast", &mark)
        var written: [String: String] = [:]
        for (name, text) in files {
            let path = outputDirectory + "/" + name
            do { try AtomicFile.write(p.csvText(text), to: path) } catch { throw .cannotWrite(path: path, detail: WriteFailure.reason(error, writing: path)) }
            written[name] = outputRecord(name)
        }
        let finalWriter = writer
        let pending = PendingWrites { () throws(MakeError) -> [String: String] in try writeScoresAndMatches(rows, writer: finalWriter) }
        return (written, pending)
    }

    func writeScoresAndMatches(_ rows: AggregateRows, writer: OutputTables) throws(MakeError) -> [String: String] {
        var written: [String: String] = [:]
        let scoresPath = outputDirectory + "/scores.csv"
        do {
            try AtomicFile.stream(to: scoresPath) { sink in
                var buffer = ""
                writer.scores(rows) { piece in
                    buffer += piece
                    if buffer.utf8.count > 1 << 20 { sink(Data(inputs.pipeline.csvText(buffer).utf8)); buffer = "" }
                }
                sink(Data(inputs.pipeline.csvText(buffer).utf8))
            }
        } catch { throw .cannotWrite(path: scoresPath, detail: WriteFailure.reason(error, writing: scoresPath)) }
        written["scores.csv"] = outputRecord("scores.csv")
        // matches.csv: the cached fragments, streamed in document order.
        let path = outputDirectory + "/matches.csv"
        do {
            try AtomicFile.streamDescriptor(to: path) { fd in
                let header = Array(CSVTable(header: OutputTables.matchesHeader).headerText.utf8)
                _ = header.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
                for r in rows where r.score != nil {
                    let copied = sources.map { $0.copyMatches(r.state.scoreRecordKey, fd, inputs.pipeline.excelSafe) }
                        ?? cache.copyMatches(r.state.scoreRecordKey, to: fd, excelSafe: inputs.pipeline.excelSafe)
                    guard copied else {
                        throw MakeError.cannotWrite(path: path, detail: "cannot copy the cached matches of \(r.entry.id)")
                    }
                }
            }
        } catch { throw .cannotWrite(path: path, detail: WriteFailure.reason(error, writing: path)) }
        written["matches.csv"] = outputRecord("matches.csv")
        return written
    }

    // MARK: figures

    /// The CSVs figures are drawn from.
    static let figureSources = ["series.csv", "contrast.csv", "categories.csv", "documents.csv"]

    func figuresFingerprint() -> String {
        Fingerprint(inputs.figureComponents + Self.figureSources.map { ($0, Digest.sha256(file: outputDirectory + "/" + $0) ?? "") }).digest
    }

    func figureReasons(_ old: BuildState, afterAggregate: Bool = false) -> [String]? {
        var reasons: [String] = []
        if old.targets["figures"] == nil { reasons.append("not drawn before") }
        else if old.targets["figures"] != figuresFingerprint() {
            let g = Explainer.globalChanges("figures", inputs.figureComponents, old)
            reasons += g.isEmpty ? ["the CSVs they are drawn from changed"] : g
        }
        for f in old.outputs.keys.sorted() where f.hasPrefix("figures/") && !outputIntact(f, old) {
            reasons.append("\(f) is missing or was modified")
        }
        return reasons.isEmpty ? nil : reasons
    }

    /// Draws every figure the pipeline lists from the CSV outputs alone; of the `previous` run's
    /// figures, those no longer drawn are removed (and no other file: the folder may hold a
    /// user's own).
    func writeFigures(previous: Set<String> = []) throws(MakeError) -> [String: String] {
        var written: [String: String] = [:]
        func read(_ name: String) -> String? { try? String(contentsOfFile: outputDirectory + "/" + name, encoding: .utf8) }
        // Figures draw one line per group; they call the group column "country" whatever the
        // pipeline groups by.
        func grouped(_ csv: String?) -> String? { csv.map { FigureGroups.oneColumn($0, groupFields: inputs.pipeline.groupFields) } }
        let tables = FigureInputs(series: grouped(read("series.csv")), contrast: grouped(read("contrast.csv")),
                                  scores: nil,
                                  documents: read("documents.csv").map { FigureGroups.documents($0, groupFields: inputs.pipeline.groupFields) }, categories: grouped(read("categories.csv")))
        var names: [String] = []
        for l in inputs.lexicons where !names.contains("\(l.lexicon.name) \(l.lexicon.version)") { names.append("\(l.lexicon.name) \(l.lexicon.version)") }
        let source = "Source: polframe \(Lock.toolVersion), pipeline \(inputs.pipeline.name), lexicons \(names.joined(separator: ", "))."
        let folder = outputDirectory + "/figures"
        var drawn = Set<String>()
        // The figures drawn and written on all cores; results in the pipeline's order.
        let figures = inputs.pipeline.figures, pipeline = inputs.pipeline
        @Sendable func draw(_ figure: String) -> Result<[(String, String)], MakeError> {
            let files: [(String, String)]
            do {
                files = try Figures.render(figure, tables, FigureOptions(title: pipeline.figureTitles[figure], study: pipeline.name,
                                                                          source: source, plus: pipeline.plus, minus: pipeline.minus,
                                                                          groupBy: pipeline.groupFields.joined(separator: " / "), minHits: pipeline.minHits))
            } catch {
                return .failure(.cannotWrite(path: folder + "/" + figure, detail: WriteFailure.reason(error, writing: folder + "/" + figure)))
            }
            var records: [(String, String)] = []
            for (file, svg) in files {
                let path = folder + "/" + file
                do { try AtomicFile.write(svg, to: path) } catch { return .failure(.cannotWrite(path: path, detail: WriteFailure.reason(error, writing: path))) }
                records.append((file, outputRecord("figures/" + file)))
            }
            return .success(records)
        }
        let workers = max(1, min(figures.count, ProcessInfo.processInfo.activeProcessorCount))
        let results: [Result<[(String, String)], MakeError>] = Self.collect(count: figures.count, workers: workers) { w, slot in
            for i in stride(from: w, to: figures.count, by: workers) { slot.put(i, draw(figures[i])) }
        }
        for r in results {
            for (file, record) in try r.get() {
                written["figures/" + file] = record
                drawn.insert(file)
            }
        }
        // Figures the last run drew and this one did not (a per-country file of a country gone).
        for stale in previous.subtracting(drawn) where OutputFolder.isOwnName(stale) { unlink(folder + "/" + stale) }
        return written
    }

    // MARK: lock

    /// Writes polframe.lock and returns its sha256. Each document's content hash comes from
    /// this run's ingest result, else from the last lock (when it is as that run wrote it and the
    /// document's ingest result is unchanged), else from the cached ingest record.
    func writeLock(_ outcomes: inout [DocumentOutcome], order: [Int], old: BuildState, outputs: [String: String], jobs: Int) throws(MakeError) -> String {
        let path = outputDirectory + "/polframe.lock"
        var last: [String: String] = [:]
        if let recorded = old.targets["lock"], let data = Cache.readFile(path), Digest.sha256(data) == recorded {
            last = Lock.documents(data)
        }
        func known(_ i: Int) -> String? {
            if outcomes[i].meta != nil { return outcomes[i].meta?.contentSHA256 }
            guard !outcomes[i].previousIngestOutput.isEmpty, outcomes[i].previousIngestOutput == outcomes[i].state.ingestOutput else { return nil }
            return last[outcomes[i].entry.id]
        }
        if outcomes.indices.contains(where: { known($0) == nil }) { loadMissing(&outcomes, jobs: jobs) }
        let text = Lock.render(inputs: inputs, documents: order.map { (outcomes[$0].entry.id, known($0) ?? "") },
                               outputs: outputs.mapValues { String($0.split(separator: "|").first ?? "") })
        do { try AtomicFile.write(text, to: path) } catch { throw .cannotWrite(path: path, detail: WriteFailure.reason(error, writing: path)) }
        return Digest.sha256(text)
    }
}

extension Engine {
    /// Where workers put results by index: straight into the final array's storage, each slot
    /// initialized exactly once by one worker (no lock, no array of optionals copied into the
    /// result: at 10,000 documents each copy of the outcomes was about 9 MB of the peak).
    struct SlotWriter<T>: @unchecked Sendable {
        // @unchecked: workers write disjoint slots, each once, before `collect` returns.
        let base: UnsafeMutablePointer<T>
        func put(_ i: Int, _ value: T) { (base + i).initialize(to: value) }
    }

    /// The outcomes' indices in document id order (sorting the outcomes themselves copied them:
    /// several megabytes each time on a large corpus).
    static func byID(_ outcomes: [DocumentOutcome]) -> [Int] {
        outcomes.indices.sorted { outcomes[$0].entry.id < outcomes[$1].entry.id }
    }

    /// Runs `work` on `workers` threads; it must put a value in every slot 0..<count exactly once.
    static func collect<T>(count: Int, workers: Int, _ work: @Sendable (_ worker: Int, _ slot: SlotWriter<T>) -> Void) -> [T] {
        guard count > 0 else { return [] }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let slot = SlotWriter(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: workers) { work($0, slot) }
            initialized = count
        }
    }
}

/// A pipeline's last state read on another thread: a make's first two steps (loading the
/// inputs, reading the state) need nothing from each other, and at 10,000 documents each takes
/// about 20 ms.
public final class StatePreload: Sendable {
    let path: String
    private let read: Background<Result<BuildState, BuildState.ReadError>>

    public init(_ pipeline: Pipeline) {
        let path = pipeline.outputDirectory + "/.polframe/state.tsv"
        self.path = path
        read = Background {
            do throws(BuildState.ReadError) { return .success(try BuildState.read(path: path)) } catch { return .failure(error) }
        }
    }

    var result: Result<BuildState, BuildState.ReadError> { read.value }
}

/// A value computed on another thread, waited for when it is needed.
final class Background<T>: @unchecked Sendable {
    // @unchecked: `result` is written once by the work item, read after `group.wait()`.
    private let group = DispatchGroup()
    private var result: T? = nil

    init(_ work: @escaping @Sendable () -> T) {
        DispatchQueue.global().async(group: group) { [self] in result = work() }
    }

    var value: T {
        group.wait()
        return result!
    }
}

/// Work started on another thread whose result is needed later.
final class PendingWrites: @unchecked Sendable {
    // @unchecked: `result` is written once by the work item, read after `group.wait()`.
    private let group = DispatchGroup()
    private var result: Result<[String: String], MakeError> = .success([:])

    init(_ work: @escaping @Sendable () throws(MakeError) -> [String: String]) {
        DispatchQueue.global().async(group: group) { [self] in
            do throws(MakeError) { result = .success(try work()) } catch { result = .failure(error) }
        }
    }

    func wait() throws(MakeError) -> [String: String] {
        group.wait()
        return try result.get()
    }
}

/// Hands out the indices 0..<count, each once, to whichever worker asks next.
final class WorkQueue: @unchecked Sendable {
    // @unchecked: `lock` guards `nextIndex`.
    private var nextIndex = 0
    private let order: [Int]
    private let lock = NSLock()

    /// Hands out `order`'s indices in that order.
    init(order: [Int]) { self.order = order }

    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard nextIndex < order.count else { return nil }
        nextIndex += 1
        return order[nextIndex - 1]
    }
}

/// Fixed slots that workers fill by index, behind a lock.
final class Slots<T: Sendable>: @unchecked Sendable {
    // @unchecked: every access goes through `lock`.
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ v: T) {
        lock.lock(); defer { lock.unlock() }
        slots[i] = v
    }

    var values: [T?] {
        lock.lock(); defer { lock.unlock() }
        return slots
    }
}
