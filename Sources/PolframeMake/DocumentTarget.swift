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

/// Builds one document through ingest, normalize and score, reusing cached results whose
/// fingerprints match. One per worker: it owns a TextAnalyzer (ICU state), made when first needed.
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
    private func cached(_ kinds: [Cache.Kind], _ fp: String, previousFP: String?, previousOutput: String?) -> String? {
        guard !rebuildAll, kinds.allSatisfy({ cache.contains($0, fp) }) else { return nil }
        if previousFP == fp, let o = previousOutput, !o.isEmpty { return o }
        var data = Data()
        for k in kinds {
            guard let d = cache.read(k, fp) else { return nil }
            data += d
        }
        return Digest.content(data)
    }

    /// Builds (or, with `dryRun`, plans) one document.
    func build(_ entry: ManifestEntry, dryRun: Bool, shortcut: Bool = true) -> DocumentOutcome {
        let file = inputs.file(of: entry)
        let previous = old.documents[entry.id]
        var st = BuildState.DocumentState(path: entry.path, size: -1, mtime: -1, input: "", ingestFingerprint: "", ingestOutput: "",
                                          ingestText: "", normalizeFingerprint: "", normalizeOutput: "", scoreFingerprint: "", scoreOutput: "")
        if let refused = corpusGuard.refusal(entry.path) {
            var o = failed(entry, st, refused.reason)
            o.meta?.message = "\(entry.path): \(refused.detail) (manifest line \(entry.line))"
            return o
        }
        var outcome = DocumentOutcome(entry: entry, state: st)
        if let p = previous {
            outcome.hadPrevious = true
            outcome.previousIngestOutput = p.ingestOutput
            if !p.scoreOutput.isEmpty { outcome.previousScore = (p.scoreRecordKey, p.scoreOutput) }
        }
        let info = Cache.statTuple(file)
        st.size = info?.size ?? -1
        st.mtime = info?.mtime ?? -1
        st.inode = info?.inode ?? 0
        st.ctime = info?.ctime ?? -1
        st.entryKey = (entry.format?.rawValue ?? "") + "|" + (entry.record.map(String.init) ?? "")

        // Input: the stat tuple (size, mtime, inode, ctime) is a shortcut to the last hash, unless
        // the file was modified so close to the last state write that a change in the same
        // timestamp tick would not show; the hash is the truth.
        var bytes: [UInt8]? = nil
        var statUnchanged = false
        var skipEarly = false
        if let p = previous, !rebuildAll, st.size >= 0, !p.input.isEmpty, p.path == entry.path,
           p.size == st.size, p.mtime == st.mtime, p.inode == st.inode, p.ctime == st.ctime {
            statUnchanged = max(p.mtime, p.ctime) < old.writtenAt - Self.racyWindow
            outcome.racy = !statUnchanged
        }
        if statUnchanged, let p = previous {
            // Fast path: same input, same manifest key, same global parts, scored last time: every
            // fingerprint and output is the last run's. (A cache entry deleted by hand is found
            // when a corpus target needs it, and the document is rebuilt then.)
            if basesUnchanged, p.entryKey == st.entryKey, !p.scoreOutput.isEmpty, !p.scoreFingerprint.isEmpty,
               !p.normalizeFingerprint.isEmpty, p.normalizeFingerprint != "retry" {
                outcome.state = p
                return outcome
            }
            st.input = p.input
            // A lexicon edit (or any change past normalization): the ingest and normalize stages'
            // global parts are as recorded, so this document's ingest and normalize fingerprints
            // and outputs are the last run's, as on the no-op path. (Should its analysis have
            // left the cache, the document is built again the long way.)
            if shortcut, earlyBasesUnchanged, p.entryKey == st.entryKey, !p.normalizeFingerprint.isEmpty, p.normalizeFingerprint != "retry",
               !p.normalizeOutput.isEmpty, !p.ingestText.isEmpty, !p.ingestOutput.isEmpty, !p.ingestFingerprint.isEmpty {
                st.ingestFingerprint = p.ingestFingerprint
                st.ingestOutput = p.ingestOutput
                st.ingestText = p.ingestText
                st.normalizeFingerprint = p.normalizeFingerprint
                st.normalizeOutput = p.normalizeOutput
                skipEarly = true
            }
        } else if let (d, sha) = readInput(file) {
            bytes = d
            st.input = sha
        } else {
            st.input = "missing"
        }

        var record: IngestRecord? = nil
        func loadRecord() -> IngestRecord? {
            if record == nil, let d = cache.read(.ingest, st.ingestFingerprint) { record = IngestRecord(serialized: d) }
            return record
        }
        var analysis: AnalyzedText? = nil

        // Ingest.
        if !skipEarly {
        st.ingestFingerprint = ingestFingerprint(entry, input: st.input)
        if let out = cached([.ingest], st.ingestFingerprint, previousFP: previous?.ingestFingerprint, previousOutput: previous?.ingestOutput) {
            st.ingestOutput = out
            if previous?.ingestFingerprint == st.ingestFingerprint, let t = previous?.ingestText, !t.isEmpty {
                st.ingestText = t
            } else if let r = loadRecord() {
                st.ingestText = Digest.content(r.text)
            }
            // Was it skipped? The state says so when it knows; otherwise read the record.
            let knownScored = previous?.ingestFingerprint == st.ingestFingerprint && !(previous?.normalizeFingerprint.isEmpty ?? true)
            if !knownScored, let r = loadRecord(), r.skipReason != nil {
                outcome.meta = r
                outcome.state = st
                return outcome
            }
        } else {
            // Reasons are words for `-n`, status and explain; a real run only counts what ran.
            outcome.runs.append(StageRun(stage: .ingest, reasons: !dryRun ? [] : Explainer.ingestReasons(entry, st, previous, reasons, rebuildAll: rebuildAll,
                                                                                         cached: cache.contains(.ingest, previous?.ingestFingerprint ?? "-"))))
            if dryRun {
                outcome.mayRun = [.normalize, .score]
                outcome.state = st
                return outcome
            }
            if bytes == nil && st.input != "missing", let (d, sha) = readInput(file) {
                bytes = d
                st.input = sha
            }
            let r = ingest(entry, bytes: bytes, sha: st.input, file: file)
            let data = r.serialized()
            st.ingestOutput = Digest.content(data)
            st.ingestText = Digest.content(r.text)
            cache.write(.ingest, st.ingestFingerprint, data)
            record = r
            if r.skipReason != nil {
                outcome.meta = r
                outcome.state = st
                return outcome
            }
        }

        // Normalize.
        st.normalizeFingerprint = normalizeFingerprint(text: st.ingestText)
        if let out = cached([.analysis], st.normalizeFingerprint, previousFP: previous?.normalizeFingerprint, previousOutput: previous?.normalizeOutput) {
            st.normalizeOutput = out
        } else {
            outcome.runs.append(StageRun(stage: .normalize, reasons: !dryRun ? [] : Explainer.normalizeReasons(st, previous, reasons, rebuildAll: rebuildAll)))
            if dryRun {
                outcome.mayRun = [.score]
                outcome.state = st
                return outcome
            }
            guard let r = loadRecord() else { return failed(entry, st, "cached ingest result unreadable") }
            do {
                let a = try analyzer().analyze(r.text)
                let data = a.serialized()
                st.normalizeOutput = Digest.content(data)
                cache.write(.analysis, st.normalizeFingerprint, Data(data))
                analysis = a
            } catch {
                return failed(entry, st, "normalization failed: \(error)")
            }
        }

        }

        // Score.
        st.scoreFingerprint = scoreFingerprint(entry, text: st.ingestText, normalizeOutput: st.normalizeOutput)
        if let p = previous, !rebuildAll, !p.scoreKey.isEmpty, p.scoreFingerprint == st.scoreFingerprint, !p.scoreOutput.isEmpty,
           cache.contains(.score, p.scoreKey) {
            // A score kept across an earlier lexicon edit, still valid and where it was.
            st.scoreOutput = p.scoreOutput
            st.scoreKey = p.scoreKey
        } else if let out = cached([.score], st.scoreFingerprint, previousFP: previous?.scoreKey.isEmpty == false ? nil : previous?.scoreFingerprint,
                                   previousOutput: previous?.scoreOutput) {
            st.scoreOutput = out
        } else if case .kept(let output, let key) = keptScore(st, previous, analysis: &analysis) {
            st.scoreOutput = output
            st.scoreKey = key
            outcome.keptScore = true
        } else {
            var why = !dryRun ? [] : Explainer.scoreReasons(st, previous, reasons, rebuildAll: rebuildAll)
            if dryRun, let delta = scoreDelta, Self.deltaApplies(st, previous) {
                why.append("a pattern the lexicon edit changed occurs in it (\(delta.summary))")
            }
            outcome.runs.append(StageRun(stage: .score, reasons: why))
            if dryRun {
                outcome.state = st
                return outcome
            }
            if skipEarly, loadRecord() == nil || (analysis == nil && !cache.contains(.analysis, st.normalizeFingerprint)) {
                return build(entry, dryRun: dryRun, shortcut: false)
            }
            guard let r = loadRecord() else { return failed(entry, st, "cached ingest result unreadable") }
            if analysis == nil, let d = cache.read(.analysis, st.normalizeFingerprint) { analysis = AnalyzedText(serialized: [UInt8](d)) }
            guard let a = analysis else { return failed(entry, st, "cached analysis unreadable") }
            let s = scorer.score(a, source: r.text)
            let rec = ScoreRecord(tokens: s.tokens, sentences: s.sentences, hanCharacters: s.hanCharacters, latinLetters: s.latinLetters,
                                  scoredTokens: s.scoredTokens, categories: s.categories,
                                  entries: ScoreRecord.entryCounts(s.matches, keys: scorer.patternKeys)
                                    // An exclusion phrase's coverage row counts the matches it vetoed.
                                    .merging(ScoreRecord.entryCounts(s.excluded.map { var x = $0; x.pattern = x.vetoedBy; return x }, keys: scorer.patternKeys),
                                             uniquingKeysWith: +))
            // matches.csv rows, rendered by the table that owns their header.
            var rowsText = ""
            MatchesTable.append(s.matches, docField: CSVTable.field(entry.id), to: &rowsText)
            // One cache record: the numbers, a separator line, then the matches.csv rows.
            let data = ScoreRecord.combine(rec.serialized(), Data(rowsText.utf8))
            st.scoreOutput = Digest.content(data)
            cache.write(.score, st.scoreFingerprint, data)
            // Entry counts go to the run's coverage totals and stay in the cache file (for a
            // later run that adjusts its totals), not in memory for every document.
            coverage?.add(rec.entries)
            var kept = rec
            kept.entries = [:]
            outcome.score = kept
            outcome.freshScore = true
        }
        if let r = record { var m = r; m.text = ""; outcome.meta = m }
        outcome.state = st
        return outcome
    }

    enum Kept { case kept(output: String, key: String), reached, notApplicable }

    /// Whether the document's text and analysis are those its last score was made from (the
    /// condition for keeping that score across a lexicon edit).
    static func deltaApplies(_ st: BuildState.DocumentState, _ previous: BuildState.DocumentState?) -> Bool {
        guard let p = previous else { return false }
        return !p.scoreOutput.isEmpty && !p.scoreFingerprint.isEmpty && p.ingestText == st.ingestText
            && p.normalizeFingerprint == st.normalizeFingerprint && p.normalizeOutput == st.normalizeOutput
    }

    /// The last score of a document that a lexicon edit cannot change (same text, same analysis,
    /// no changed pattern in it): its output hash and the cache key its record stays under
    /// (nothing is copied). The analysis read here is kept for scoring when the edit does reach
    /// the document.
    private func keptScore(_ st: BuildState.DocumentState, _ previous: BuildState.DocumentState?, analysis: inout AnalyzedText?) -> Kept {
        guard let delta = scoreDelta, let p = previous, Self.deltaApplies(st, previous) else { return .notApplicable }
        if analysis == nil {
            // First the units alone (a quarter of the record, checked by their own checksum);
            // the whole analysis only when a changed pattern's first token occurs in them.
            // (A format-1 loose file has no prefix read: it is read whole.)
            guard var prefix = cache.readPrefix(.analysis, st.normalizeFingerprint, count: 4096)
                    ?? cache.read(.analysis, st.normalizeFingerprint).map({ ([UInt8]($0), $0.count) }) else { return .notApplicable }
            if let need = prefix.bytes.withUnsafeBytes({ AnalyzedText.storedUnitsLength($0) }), need > prefix.bytes.count, need <= prefix.length {
                guard let longer = cache.readPrefix(.analysis, st.normalizeFingerprint, count: need) else { return .notApplicable }
                prefix = longer
            }
            if delta.mayTouch(stored: prefix.bytes) {
                guard let d = cache.read(.analysis, st.normalizeFingerprint), let a = AnalyzedText(serialized: [UInt8](d)) else { return .notApplicable }
                analysis = a
            }
        }
        if let a = analysis, delta.touches(a) { return .reached }
        return cache.contains(.score, p.scoreRecordKey) ? .kept(output: p.scoreOutput, key: p.scoreRecordKey) : .notApplicable
    }

    private func failed(_ entry: ManifestEntry, _ st: BuildState.DocumentState, _ why: String) -> DocumentOutcome {
        var o = DocumentOutcome(entry: entry, state: st)
        o.meta = IngestRecord(skipReason: why, message: "\(entry.path): \(why)")
        // Forget the fingerprints past ingest so the next run retries.
        o.state.normalizeFingerprint = "retry"
        return o
    }

    /// An input's bytes and sha256 (from the shared reads when entries share the file).
    private func readInput(_ file: String) -> (bytes: [UInt8], sha: String)? {
        if let s = shared?.read(file) { return s }
        return Cache.readBytes(file).map { ($0, Digest.sha256($0)) }
    }

    private func ingest(_ entry: ManifestEntry, bytes: [UInt8]?, sha fileSHA: String, file: String) -> IngestRecord {
        guard let data = bytes else {
            // Read again for the reason (a FIFO or a loop fails at once, without blocking).
            let why: DocumentFile.Failure
            if case .failure(let f) = DocumentFile.read(file) { why = f } else { why = .init(reason: "unreadable file", detail: "cannot be read") }
            return IngestRecord(skipReason: why.reason,
                                message: "\(file): \(why.detail) (manifest line \(entry.line), corpus root \(inputs.pipeline.corpusRoot))")
        }
        let document: Document
        do {
            document = try Ingestor.ingest(bytes: data, path: entry.path, format: entry.format, record: entry.record, options: inputs.pipeline.ingest)
        } catch {
            return IngestRecord(skipReason: error.reason, message: error.description)
        }
        let sha = document.recordContent.map { Digest.sha256($0) } ?? fileSHA
        if !entry.sha256.isEmpty && entry.sha256 != sha {
            return IngestRecord(skipReason: "sha256 mismatch",
                                message: "\(entry.path): sha256 is \(sha), the manifest says \(entry.sha256) (line \(entry.line)): the corpus is not the one the manifest describes")
        }
        var r = IngestRecord(document, contentSHA256: sha)
        if document.invalidBytes > 0 {
            r.warnings.append("\(entry.path): byte \(document.firstInvalidByte ?? 0): \(document.invalidBytes) undecodable byte(s) in \(document.encoding), replaced by U+FFFD")
        }
        return r
    }
}
