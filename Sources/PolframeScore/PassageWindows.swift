import PolframeText

/// Where a passage filter lets framing matches count. `score(_:source:)` and the evidence
/// report's shaded windows both come from `admitPassages`, so the report shades exactly the
/// sentences that were scored.
extension Scorer {
    /// Marks the sentences within the filter's window of a topic hit (not vetoed by an exclusion)
    /// of one matcher's matches; leaves `allowed` alone when the matcher is not the filter's topic.
    func admitPassages(_ allowed: inout [Bool]?, matcher: Matcher, found: [Match], exclusions: [Match], text: AnalyzedText) {
        let lex = matcher.lexicon
        guard lex.role == .topic, let filter = passageFilter, lex.frames.contains(where: { $0.id == filter.frame }) else { return }
        var mask = allowed ?? [Bool](repeating: false, count: max(1, text.sentenceCount))
        let sharing = lex.sharing
        for m in found where sharing[Int(m.pattern)].contains(where: {
            lex.patterns[Int($0)].frame == filter.frame && !matcher.isExcluded(m, countedAs: $0, exclusions: exclusions)
        }) {
            let s = text.sentence(at: m.start)
            for k in max(0, s - filter.window)...min(mask.count - 1, s + filter.window) { mask[k] = true }
        }
        allowed = mask
    }

    /// The passage filter's windows in a document: runs of scored sentences as scalar ranges of
    /// the extracted text, in order; nil when the scorer has no passage filter.
    public func passageWindows(_ text: AnalyzedText) -> [Range<Int>]? {
        guard passageFilter != nil else { return nil }
        var allowed: [Bool]? = nil
        let keys = TokenKeys(text)
        for matcher in matchers where matcher.lexicon.role == .topic {
            let (found, exclusions) = matcher.matchAll(text, keys: keys)
            admitPassages(&allowed, matcher: matcher, found: found, exclusions: exclusions, text: text)
        }
        guard let mask = allowed, text.sentenceCount > 0 else { return [] }
        var windows: [Range<Int>] = []
        var k = 0
        while k < text.sentenceCount {
            guard mask[k] else { k += 1; continue }
            var end = k
            while end + 1 < text.sentenceCount && mask[end + 1] { end += 1 }
            let span = text.sourceSpan(text.sentenceBounds[k], text.sentenceBounds[end + 1])
            if !span.isEmpty { windows.append(span) }
            k = end + 1
        }
        return windows
    }
}
