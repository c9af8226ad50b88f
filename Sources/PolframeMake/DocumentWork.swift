import Foundation
import PolframeIngest
import PolframeText

/// One document's build in progress: what its stages hand each other.
struct DocumentWork {
    let entry: ManifestEntry
    let file: String
    /// Its record in the last state.
    let previous: BuildState.DocumentState?
    /// Its record in the new state, filled in stage by stage.
    var st: BuildState.DocumentState
    var outcome: DocumentOutcome
    /// The input's bytes, when read.
    var bytes: [UInt8]? = nil
    /// The ingest result, when built or read from the cache.
    var record: IngestRecord? = nil
    var analysis: AnalyzedText? = nil
    /// The ingest and normalize results are the last run's (only scoring's global part changed).
    var skipEarly = false

    /// The outcome, with the new state and the metadata (without the text) when known.
    func finished() -> DocumentOutcome {
        var o = outcome
        if let r = record { var m = r; m.text = ""; o.meta = m }
        o.state = st
        return o
    }
}

/// How a document's last stage ended.
enum StageEnd {
    case done(DocumentOutcome)
    /// A cached result the state named is gone: build the document again the long way.
    case retry
}

extension DocumentBuilder {
    /// The document's stat tuple and input: the no-op fast path ends here with the last state;
    /// a lexicon edit takes the last ingest and normalize results as they are (`skipEarly`).
    func start(_ entry: ManifestEntry, shortcut: Bool) -> StageEnd.Start {
        let file = inputs.file(of: entry)
        let previous = old.documents[entry.id]
        var st = BuildState.DocumentState(path: entry.path, size: -1, mtime: -1, input: "", ingestFingerprint: "", ingestOutput: "",
                                          ingestText: "", normalizeFingerprint: "", normalizeOutput: "", scoreFingerprint: "", scoreOutput: "")
        if let refused = corpusGuard.refusal(entry.path) {
            var o = failed(entry, st, refused.reason)
            o.meta?.message = "\(entry.path): \(refused.detail) (manifest line \(entry.line))"
            return .done(o)
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
        var work = DocumentWork(entry: entry, file: file, previous: previous, st: st, outcome: outcome)
        var statUnchanged = false
        if let p = previous, !rebuildAll, st.size >= 0, !p.input.isEmpty, p.path == entry.path,
           p.size == st.size, p.mtime == st.mtime, p.inode == st.inode, p.ctime == st.ctime {
            statUnchanged = max(p.mtime, p.ctime) < old.writtenAt - Self.racyWindow
            work.outcome.racy = !statUnchanged
        }
        if statUnchanged, let p = previous {
            // Fast path: same input, same manifest key, same global parts, scored last time: every
            // fingerprint and output is the last run's. (A cache entry deleted by hand is found
            // when a corpus target needs it, and the document is rebuilt then.)
            if basesUnchanged, p.entryKey == st.entryKey, !p.scoreOutput.isEmpty, !p.scoreFingerprint.isEmpty,
               !p.normalizeFingerprint.isEmpty, p.normalizeFingerprint != "retry" {
                work.outcome.state = p
                return .done(work.outcome)
            }
            work.st.input = p.input
            // A lexicon edit (or any change past normalization): the ingest and normalize stages'
            // global parts are as recorded, so this document's ingest and normalize fingerprints
            // and outputs are the last run's, as on the no-op path. (Should its analysis have
            // left the cache, the document is built again the long way.)
            if shortcut, earlyBasesUnchanged, p.entryKey == st.entryKey, !p.normalizeFingerprint.isEmpty, p.normalizeFingerprint != "retry",
               !p.normalizeOutput.isEmpty, !p.ingestText.isEmpty, !p.ingestOutput.isEmpty, !p.ingestFingerprint.isEmpty {
                work.st.ingestFingerprint = p.ingestFingerprint
                work.st.ingestOutput = p.ingestOutput
                work.st.ingestText = p.ingestText
                work.st.normalizeFingerprint = p.normalizeFingerprint
                work.st.normalizeOutput = p.normalizeOutput
                work.skipEarly = true
            }
        } else if let (d, sha) = readInput(file) {
            work.bytes = d
            work.st.input = sha
        } else {
            work.st.input = "missing"
        }
        return .next(work)
    }

    /// The ingest record, read from the cache once.
    func loadRecord(_ w: inout DocumentWork) -> IngestRecord? {
        if w.record == nil, let d = cache.read(.ingest, w.st.ingestFingerprint) { w.record = IngestRecord(serialized: d) }
        return w.record
    }
}

extension StageEnd {
    /// How a document's start ended: done (the fast path, a refused path) or on to ingest.
    enum Start {
        case done(DocumentOutcome)
        case next(DocumentWork)
    }
}
