import Foundation
import PolframeIngest
import PolframeScore
import PolframeText

/// The score stage of one document, and the early cutoff within it: a score kept across a
/// lexicon edit that cannot reach the document (see `ScoreDelta`).
extension DocumentBuilder {
    /// Nil when the document is scored (or its score kept); else how it ended.
    func score(_ w: inout DocumentWork, dryRun: Bool) -> StageEnd? {
        let previous = w.previous
        w.st.scoreFingerprint = scoreFingerprint(w.entry, text: w.st.ingestText, normalizeOutput: w.st.normalizeOutput)
        if let p = previous, !rebuildAll, !p.scoreKey.isEmpty, p.scoreFingerprint == w.st.scoreFingerprint, !p.scoreOutput.isEmpty,
           cache.contains(.score, p.scoreKey) {
            // A score kept across an earlier lexicon edit, still valid and where it was.
            w.st.scoreOutput = p.scoreOutput
            w.st.scoreKey = p.scoreKey
            return nil
        }
        if let out = cached([.score], w.st.scoreFingerprint, previousFP: previous?.scoreKey.isEmpty == false ? nil : previous?.scoreFingerprint,
                            previousOutput: previous?.scoreOutput) {
            w.st.scoreOutput = out
            return nil
        }
        if case .kept(let output, let key) = keptScore(w.st, previous, analysis: &w.analysis) {
            w.st.scoreOutput = output
            w.st.scoreKey = key
            w.outcome.keptScore = true
            return nil
        }
        var why = Explainer.scoreReasons(w.st, previous, reasons, rebuildAll: rebuildAll)
        if let delta = scoreDelta, Self.deltaApplies(w.st, previous) {
            why.append("a pattern the lexicon edit changed occurs in it (\(delta.summary))")
        }
        w.outcome.runs.append(StageRun(stage: .score, reasons: why))
        if dryRun { return .done(w.ended()) }
        if w.skipEarly, loadRecord(&w) == nil || (w.analysis == nil && !cache.contains(.analysis, w.st.normalizeFingerprint)) { return .retry }
        guard let r = loadRecord(&w) else { return .done(failed(w.entry, w.st, "cached ingest result unreadable")) }
        if w.analysis == nil, let d = cache.read(.analysis, w.st.normalizeFingerprint) { w.analysis = AnalyzedText(serialized: [UInt8](d)) }
        guard let a = w.analysis else { return .done(failed(w.entry, w.st, "cached analysis unreadable")) }
        let s = scorer.score(a, source: r.text)
        let rec = ScoreRecord(tokens: s.tokens, sentences: s.sentences, hanCharacters: s.hanCharacters, latinLetters: s.latinLetters,
                              scoredTokens: s.scoredTokens, categories: s.categories,
                              entries: ScoreRecord.entryCounts(s.matches, keys: scorer.patternKeys)
                                // An exclusion phrase's coverage row counts the matches it vetoed.
                                .merging(ScoreRecord.entryCounts(s.excluded.map { var x = $0; x.pattern = x.vetoedBy; return x }, keys: scorer.patternKeys),
                                         uniquingKeysWith: +))
        // One cache record: the numbers, a separator line, then the matches.csv rows.
        let data = ScoreRecord.combine(rec.serialized(), Data(Self.matchRows(s.matches, id: w.entry.id).utf8))
        w.st.scoreOutput = Digest.content(data)
        cache.write(.score, w.st.scoreFingerprint, data)
        // Entry counts go to the run's coverage totals and stay in the cache file (for a
        // later run that adjusts its totals), not in memory for every document.
        coverage?.add(rec.entries)
        var kept = rec
        kept.entries = [:]
        w.outcome.score = kept
        w.outcome.freshScore = true
        return nil
    }

    /// matches.csv rows, rendered by the table that owns their header (this runs for every
    /// match of every document).
    static func matchRows(_ matches: [MatchRecord], id: String) -> String {
        var rowsText = ""
        MatchesTable.append(matches, docField: CSVTable.field(id), to: &rowsText)
        return rowsText
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
    func keptScore(_ st: BuildState.DocumentState, _ previous: BuildState.DocumentState?, analysis: inout AnalyzedText?) -> Kept {
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

}
