import Foundation
import PolframeIngest
import PolframeScore
import PolframeText

/// Why a stage of a document runs (or would run), in words.
public struct StageRun: Sendable, Hashable {
    public enum Stage: String, Sendable { case ingest, normalize, score }
    public var stage: Stage
    public var reasons: [String]
}

/// What building one document produced: its new state, its metadata and score (for the
/// aggregate outputs), and which stages ran and why.
struct DocumentOutcome: Sendable {
    var entry: ManifestEntry
    var state: BuildState.DocumentState
    /// The ingest record without its text (nil when not loaded: a clean document in a no-op run).
    var meta: IngestRecord?
    var score: ScoreRecord?
    var runs: [StageRun] = []
    /// Stages that would run but depend on an upstream output not yet known (dry run).
    var mayRun: [StageRun.Stage] = []
    /// Scored by this run (its entry counts went to the run's coverage accumulator).
    var freshScore = false
    /// The input's stat tuple was as recorded but too close to the last state write to trust:
    /// it was hashed (the engine then rewrites the state so the next run can trust it).
    var racy = false
    /// Its last score was kept: a lexicon edit none of whose changed patterns occurs in it
    /// (see `ScoreDelta`).
    var keptScore = false
    /// The last run's ingest result hash and score record (fingerprint, hash) of this document,
    /// so corpus targets need not look them up in the old state again.
    var hadPrevious = false
    var previousIngestOutput = ""
    var previousScore: (fp: String, out: String)? = nil
    /// Not built by this run (`make TARGET…` named other documents): its state is the last one.
    var leftAlone = false
}

/// Hits and documents per lexicon entry summed over the documents a run scores, so coverage
/// needs no file of theirs read back (a lexicon change re-scores every document).
final class CoverageAccumulator: @unchecked Sendable {
    // @unchecked: `lock` guards `totals`.
    private var totals: [String: BuildState.EntryTotal] = [:]
    private let lock = NSLock()

    func add(_ entries: [String: Int]) {
        lock.lock(); defer { lock.unlock() }
        for (k, v) in entries {
            totals[k, default: .init(hits: 0, documents: 0)].hits += v
            totals[k]!.documents += 1
        }
    }

    var values: [String: BuildState.EntryTotal] {
        lock.lock(); defer { lock.unlock() }
        return totals
    }
}

/// The input files that several manifest entries read (the records of one JSONL or Federal
/// Register file): read and hashed once per run rather than once per record, and let go after
/// the last entry that reads them.
final class SharedInputs: @unchecked Sendable {
    // @unchecked: `lock` guards `uses` and `files`.
    private let lock = NSLock()
    private var uses: [String: Int]
    private var files: [String: (bytes: [UInt8], sha: String)] = [:]

    init(uses: [String: Int]) { self.uses = uses }

    /// The files more than one manifest entry reads, with their number of entries.
    static func uses(_ inputs: Inputs) -> [String: Int] {
        var count: [String: Int] = [:]
        for e in inputs.manifest { count[inputs.file(of: e), default: 0] += 1 }
        return count.filter { $0.value > 1 }
    }

    var isEmpty: Bool { uses.isEmpty }

    /// The file's bytes and sha256 when entries share it (read at the first use), else nil.
    func read(_ path: String) -> (bytes: [UInt8], sha: String)?? {
        lock.lock(); defer { lock.unlock() }
        guard let n = uses[path] else { return nil }
        let file = files[path] ?? Cache.readBytes(path).map { ($0, Digest.sha256($0)) }
        if n <= 1 { uses[path] = nil; files[path] = nil } else { uses[path] = n - 1; files[path] = file }
        return .some(file)
    }
}

