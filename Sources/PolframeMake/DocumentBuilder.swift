import Foundation
import PolframeIngest
import PolframeScore
import PolframeText

/// Builds one document through ingest, normalize and score, reusing cached results whose
/// fingerprints match. Each stage is decided where it would run: out of date when no cached
/// result has its fingerprint, and then its reasons are recorded in the outcome at once (what
/// `make`, `-n`, `status` and `explain` print). One per worker: it owns a TextAnalyzer (ICU
/// state), made when first needed.
final class DocumentBuilder {
    let inputs: Inputs
    let cache: Cache
    let old: BuildState
    let rebuildAll: Bool
    /// Made on first use: a no-op make never segments or scores, and building ICU's
    /// segmenter and the matcher was a large part of its time.
    private var madeAnalyzer: TextAnalyzer?
    lazy var scorer = Scorer(inputs.lexicons, passageFilter: inputs.pipeline.passageFilter)
    let ingestBase: String
    let normalizeBase: String
    let scoreBase: String
    let reasons: Explainer.Global
    let coverage: CoverageAccumulator?
    let shared: SharedInputs?
    /// What a lexicon edit changed, when it is all that changed for scoring.
    let scoreDelta: ScoreDelta?
    /// Whether every stage's global fingerprint part is as the last run recorded it: then a
    /// document whose stat tuple and manifest key are unchanged keeps its fingerprints as they
    /// were, without computing them or looking into the cache (the no-op fast path).
    let basesUnchanged: Bool
    /// Whether the ingest and normalize stages' global parts are as the last run recorded them
    /// (a lexicon edit changes only scoring's).
    let earlyBasesUnchanged: Bool

    /// The seconds before the state was written within which an input's timestamps make its
    /// stat tuple untrustworthy (it may have changed again in the same timestamp tick; as git's
    /// "racily clean" entries, such a file is hashed). Generous: some filesystems keep seconds.
    static let racyWindow = 2.0

    /// The three stages' global fingerprint parts in one digest (a `target` record of the state).
    static func bases(_ inputs: Inputs) -> String {
        Fingerprint([("ingest", Fingerprint(inputs.ingestComponents).digest), ("normalize", Fingerprint(inputs.normalizeComponents).digest),
                     ("score", Fingerprint(inputs.scoreComponents).digest)]).digest
    }

    /// Refuses manifest paths that leave the corpus root (one per builder: it remembers folders).
    let corpusGuard: CorpusGuard

    init(inputs: Inputs, cache: Cache, old: BuildState, rebuildAll: Bool, coverage: CoverageAccumulator? = nil, fastPath: Bool = true,
         scoreDelta: ScoreDelta? = nil, shared: SharedInputs? = nil) {
        self.inputs = inputs
        self.shared = shared
        corpusGuard = CorpusGuard(root: inputs.pipeline.corpusRoot, allowOutside: inputs.pipeline.allowOutsideRoot)
        self.scoreDelta = scoreDelta
        self.cache = cache
        self.old = old
        self.rebuildAll = rebuildAll
        self.coverage = coverage
        basesUnchanged = fastPath && old.targets["bases"] == Self.bases(inputs)
        earlyBasesUnchanged = fastPath && old.components["ingest"] == Fingerprint(inputs.ingestComponents).dictionary
            && old.components["normalize"] == Fingerprint(inputs.normalizeComponents).dictionary
        ingestBase = Fingerprint(inputs.ingestComponents).digest
        normalizeBase = Fingerprint(inputs.normalizeComponents).digest
        scoreBase = Fingerprint(inputs.scoreComponents).digest
        reasons = Explainer.Global(old: old, inputs: inputs)
    }

    func analyzer() throws(TextError) -> TextAnalyzer {
        if let a = madeAnalyzer { return a }
        let a = try TextAnalyzer(options: inputs.pipeline.normalization, dictionary: inputs.dictionary)
        madeAnalyzer = a
        return a
    }

    func ingestFingerprint(_ e: ManifestEntry, input: String) -> String {
        Fingerprint([("base", ingestBase), ("input", input), ("path", e.path), ("format", e.format?.rawValue ?? ""),
                     ("record", e.record.map(String.init) ?? "")]).digest
    }

    func normalizeFingerprint(text: String) -> String {
        Fingerprint([("base", normalizeBase), ("text", text)]).digest
    }

    func scoreFingerprint(_ e: ManifestEntry, text: String, normalizeOutput: String) -> String {
        Fingerprint([("base", scoreBase), ("id", e.id), ("text", text), ("analysis", normalizeOutput)]).digest
    }

    /// The output hash of a cached result when the cache holds `fp`: from the last state when it
    /// recorded the same fingerprint, otherwise by reading the file (a run resumed after a crash).
    func cached(_ kinds: [Cache.Kind], _ fp: String, previousFP: String?, previousOutput: String?) -> String? {
        guard !rebuildAll, kinds.allSatisfy({ cache.contains($0, fp) }) else { return nil }
        if previousFP == fp, let o = previousOutput, !o.isEmpty { return o }
        var data = Data()
        for k in kinds {
            guard let d = cache.read(k, fp) else { return nil }
            data += d
        }
        return Digest.content(data)
    }

    /// Builds (or, with `dryRun`, plans) one document, through the stage `last`.
    func build(_ entry: ManifestEntry, dryRun: Bool, upTo last: StageRun.Stage = .score, shortcut: Bool = true) -> DocumentOutcome {
        var work: DocumentWork
        switch start(entry, shortcut: shortcut) {
        case .done(let outcome): return outcome
        case .next(let w): work = w
        }
        if !work.skipEarly {
            if let done = ingest(&work, dryRun: dryRun) { return done }
            if last == .ingest { return work.finished() }
            if let done = normalize(&work, dryRun: dryRun) { return done }
        }
        if last == .normalize { return work.finished() }
        switch score(&work, dryRun: dryRun) {
        case nil: return work.finished()
        case .done(let outcome)?: return outcome
        // Its ingest record or analysis left the cache since the state named them: the long way.
        case .retry?: return build(entry, dryRun: dryRun, upTo: last, shortcut: false)
        }
    }

    /// A document this run does not build: its last state, as it was.
    func leftAlone(_ entry: ManifestEntry) -> DocumentOutcome {
        let blank = BuildState.DocumentState(path: entry.path, size: -1, mtime: -1, input: "", ingestFingerprint: "", ingestOutput: "",
                                             ingestText: "", normalizeFingerprint: "", normalizeOutput: "", scoreFingerprint: "", scoreOutput: "")
        var o = DocumentOutcome(entry: entry, state: old.documents[entry.id] ?? blank)
        o.hadPrevious = old.documents[entry.id] != nil
        o.leftAlone = true
        return o
    }
}
