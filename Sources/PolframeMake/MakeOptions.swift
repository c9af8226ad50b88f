import Foundation

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
    /// The targets to build, with what they need (empty: every output the pipeline asks for).
    public var targets: [Target] = []
    /// -k: skipped documents make the run end in `MakeError.documentsFailed` once every output
    /// is written (without it they are `skipped:` rows and the run succeeds).
    public var keepGoing = false
    /// Sharding hook (`make --shard I/N`, see Shard.swift): build the per-document targets
    /// only, then write the shard's records for `polframe merge` instead of the corpus outputs.
    public var shard: ShardSpec? = nil

    /// Build the evidence report even when the pipeline does not ask for it (`make report`).
    public var report: Bool {
        get { targets.contains(.report) }
        set { if newValue { if !report { targets.append(.report) } } else { targets.removeAll { $0 == .report } } }
    }

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

/// What a make did.
public struct MakeReport: Sendable {
    public var documents = 0
    public var scored = 0
    /// (id, status, message) of each skipped document.
    public var skipped: [(id: String, status: String, message: String)] = []
    /// What was decided for each target and why: what ran (or, in a dry run, would run).
    public var plan = Plan()
    public var stageCounts: [String: Int] = [:]
    public var documentsByCountry: [String: Int] = [:]
    public var tokensByCountry: [String: Int] = [:]
    public var hitsByCountry: [String: Int] = [:]
    public var warnings: [String] = []
    public var outputDirectory = ""
    /// The stamp showed every input and output as the last make left them: nothing was loaded.
    public var stampUpToDate = false
    public var seconds = 0.0

    public var runs: [TargetRun] {
        get { plan.runs }
        set { plan.runs = newValue }
    }
    public var conditional: [Target] { plan.conditional }
    public var keptScores: [String] { plan.keptScores }
    public var lexiconDelta: String? { plan.lexiconDelta }
    public var upToDate: Bool { plan.upToDate }
}

/// What `Engine.make(pipelinePath:…)` did, and the engine it loaded (nil when the stamp showed
/// that nothing changed, so nothing was loaded).
public struct MakeResult: Sendable {
    public let pipeline: Pipeline
    public let engine: Engine?
    public let report: MakeReport
}
