import Foundation

/// One make in progress: what its steps (documents, corpus targets, commit) hand each other.
struct MakeRun {
    let options: MakeOptions
    let goals: Goals
    /// The state the last run left.
    let old: BuildState
    let start = Date()
    /// The last timing mark (see `Engine.phase`).
    var mark = Date()
    var report = MakeReport()
    /// Every manifest entry's outcome, in manifest order.
    var outcomes: [DocumentOutcome] = []
    /// The outcomes' indices in document id order, the order of every corpus output.
    var order: [Int] = []
    /// The state this run leaves.
    var state = BuildState()
    /// The documents this run scored (their entry counts are in `coverage`).
    var fresh: Set<String> = []
    /// Entry counts of the documents this run scored.
    let coverage = CoverageAccumulator()
    /// scores.csv and matches.csv, being written on another thread.
    var pendingWrites: PendingWrites? = nil
    /// The state's document records, being written on another thread.
    var stateFile: PendingStateFile? = nil
    /// The aggregate target's fingerprint now.
    var aggregateFingerprint = ""
    /// What was decided for the aggregate target.
    var aggregate = Plan.Decision.upToDate

    init(options: MakeOptions, goals: Goals, old: BuildState) {
        self.options = options
        self.goals = goals
        self.old = old
        report.plan.documents = goals.documents.map { Set($0.keys) }
        report.plan.corpus = goals.corpus
    }

    /// Documents whose outputs this run does not know yet: a dry run would rebuild them.
    var pending: Int {
        options.dryRun ? outcomes.reduce(0) { $0 + ($1.runs.isEmpty && $1.mayRun.isEmpty ? 0 : 1) } : 0
    }

    mutating func finished() -> MakeReport {
        report.seconds = Date().timeIntervalSince(start)
        return report
    }
}
