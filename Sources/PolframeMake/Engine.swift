import Foundation
import PolframeIngest
import PolframeText

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

    /// Runs (or, with `dryRun`, plans) the build of the pipeline's outputs, or of
    /// `options.targets` and what they read: load → plan → run → commit, each target decided
    /// once, its reasons recorded in `MakeReport.plan` as it is decided. (The stamp check comes
    /// before the inputs are loaded: `make(pipelinePath:corpusOverride:_:)`.)
    public func make(_ options: MakeOptions) throws(MakeError) -> MakeReport {
        // Load: the output folder checked and locked (and swept of killed runs' temporaries),
        // the targets wanted, the last state.
        let runLock = try OutputFolder.prepare(inputs.pipeline, dryRun: options.dryRun)
        defer { withExtendedLifetime(runLock) {} }
        let goals = try Goals(options.targets, pipeline: inputs.pipeline, documents: options.targets.isEmpty ? [] : Set(inputs.manifest.map(\.id)))
        // A run that may change things first forgets the stamp, so that a run killed midway
        // leaves none: the next run then goes through the engine.
        if !options.dryRun {
            Stamp.remove(inputs.pipeline)
            cache.adoptLooseEntries()
        }
        var run = MakeRun(options: options, goals: goals, old: try readState(options.preloadedState))
        // A run that fails midway removes the state's temporary file.
        defer { run.stateFile?.abandon() }
        Self.phase("read state", &run.mark)

        // Plan and run the documents' targets (a document's stages are decided in order: a
        // later stage's input is known only once the earlier one ran, the early cutoff).
        buildDocuments(&run)
        // A shard stops after the per-document targets: it writes its records for `polframe
        // merge` instead of the corpus outputs (Shard.swift).
        if let shard = options.shard {
            return try finishShard(shard, run.outcomes, state: newState(run), old: run.old, options: options, report: run.report, start: run.start)
        }
        if options.dryRun {
            planCorpus(&run)
            return run.finished()
        }
        // The corpus targets, each decided, recorded, then run.
        try buildCorpus(&run)
        // Commit: the cache index, the state, then (when every document was read) the stamp.
        try commit(&run)
        if options.keepGoing && !run.report.skipped.isEmpty {
            throw .documentsFailed(MakeResult(pipeline: inputs.pipeline, engine: self, report: run.finished()))
        }
        return run.finished()
    }

    /// `polframe make` from a pipeline file: the stamp is checked before anything else is read
    /// (on a no-op that is all the work), then the pipeline's inputs are loaded, once, and
    /// `make` runs. Problems with the pipeline or its inputs come as `.invalidInputs`.
    public static func make(pipelinePath: String, corpusOverride: String? = nil, _ options: MakeOptions) throws(MakeError) -> MakeResult {
        var mark = Date()
        var probe = Stamp.Probe(pipelinePath: pipelinePath)
        let pipeline = try Pipeline.load(path: pipelinePath, corpusOverride: corpusOverride)
        probe.add(pipeline)
        if !options.dryRun && !options.rebuildAll && options.targets.isEmpty, let documents = Stamp.upToDate(pipeline, probe) {
            var report = MakeReport()
            report.documents = documents
            report.outputDirectory = pipeline.outputDirectory
            report.stampUpToDate = true
            report.plan.corpus = Goals.all(pipeline).corpus
            return MakeResult(pipeline: pipeline, engine: nil, report: report)
        }
        phase("pipeline and stamp", &mark)
        var options = options
        if !options.dryRun { options.preloadedState = StatePreload(pipeline) }
        options.stamp = probe
        let engine = try Engine(pipeline: pipeline)
        phase("inputs", &mark)
        return MakeResult(pipeline: pipeline, engine: engine, report: try engine.make(options))
    }
}
