import PolframeLexicon
import PolframeText

/// A lexicon hit in a document: normalized-unit span, the pattern, and whether a negation cue
/// precedes it in the same sentence.
public struct Match: Sendable, Hashable {
    public var pattern: Int32
    public var start: Int32
    public var end: Int32
    public var negated: Bool
}

/// Finds lexicon matches with the semantics of DESIGN.md: Latin forms as token sequences (with
/// globs), Han forms on the character stream but only between word boundaries, never across a
/// sentence, the longest match winning across the whole lexicon.
public struct Matcher: Sendable {
    public let lexicon: CompiledLexicon
    /// Word tokens looked at before a match for a negation cue.
    public var negationWindow: Int

    public init(_ lexicon: CompiledLexicon, negationWindow: Int = 3) {
        self.lexicon = lexicon
        self.negationWindow = negationWindow
    }

    public func match(_ text: AnalyzedText) -> [Match] {
        var candidates: [Match] = []
        collectLatin(text, into: &candidates)
        collectHan(text, into: &candidates)
        let chosen = longestFirst(candidates, unitCount: text.units.count)
        return chosen.map { m in
            var m = m
            m.negated = isNegated(m, in: text)
            return m
        }
    }

    private func collectLatin(_ text: AnalyzedText, into out: inout [Match]) {
        let tokens = text.tokens
        guard !lexicon.byFirstToken.isEmpty || !lexicon.globFirst.isEmpty else { return }
        var strings: [String] = []
        strings.reserveCapacity(tokens.count)
        for t in tokens { strings.append(t.script == .han ? "" : text.text(of: t)) }
        for i in 0..<tokens.count where !strings[i].isEmpty {
            if let ids = lexicon.byFirstToken[strings[i]] {
                for id in ids { tryLatin(id, at: i, strings, text, &out) }
            }
            for id in lexicon.globFirst where strings[i].hasPrefix(lexicon.patterns[Int(id)].tokens[0]) {
                out.append(Match(pattern: id, start: tokens[i].start, end: tokens[i].end, negated: false))
            }
        }
    }

    private func tryLatin(_ id: Int32, at i: Int, _ strings: [String], _ text: AnalyzedText, _ out: inout [Match]) {
        let p = lexicon.patterns[Int(id)]
        let n = p.tokens.count
        guard i + n <= strings.count else { return }
        let sentence = text.tokenSentence[i]
        for k in 0..<n {
            let s = strings[i + k]
            let isLast = k == n - 1
            let ok = (isLast && p.glob) ? s.hasPrefix(p.tokens[k]) : s == p.tokens[k]
            guard ok, text.tokenSentence[i + k] == sentence else { return }
        }
        out.append(Match(pattern: id, start: text.tokens[i].start, end: text.tokens[i + n - 1].end, negated: false))
    }

    private func collectHan(_ text: AnalyzedText, into out: inout [Match]) {
        let trie = lexicon.trie
        guard trie.count > 1 else { return }
        let units = text.units
        let root = trie[0]
        for token in text.tokens where token.script == .han || token.script == .number || token.script == .latin {
            let start = Int(token.start)
            guard root.children[units[start]] != nil else { continue }
            // Only starts of tokens: a Han match must begin on a word boundary.
            var node = 0
            var q = start
            while q < units.count, let next = trie[node].children[units[q]] {
                node = Int(next)
                q += 1
                let pid = trie[node].pattern
                if pid >= 0 && text.isBoundary[q] && text.sentence(at: Int32(start)) == text.sentence(at: Int32(q - 1)) {
                    out.append(Match(pattern: pid, start: Int32(start), end: Int32(q), negated: false))
                }
            }
        }
    }

    /// Keeps the longest matches; among equals the earliest, then the first pattern. Each unit
    /// of text counts in at most one match.
    private func longestFirst(_ candidates: [Match], unitCount: Int) -> [Match] {
        let sorted = candidates.sorted {
            let l0 = $0.end - $0.start, l1 = $1.end - $1.start
            if l0 != l1 { return l0 > l1 }
            if $0.start != $1.start { return $0.start < $1.start }
            return $0.pattern < $1.pattern
        }
        var taken = [Bool](repeating: false, count: unitCount + 1)
        var chosen: [Match] = []
        for m in sorted {
            if (Int(m.start)..<Int(m.end)).contains(where: { taken[$0] }) { continue }
            for u in Int(m.start)..<Int(m.end) { taken[u] = true }
            chosen.append(m)
        }
        return chosen.sorted { $0.start != $1.start ? $0.start < $1.start : $0.pattern < $1.pattern }
    }

    private func isNegated(_ m: Match, in text: AnalyzedText) -> Bool {
        let tokens = text.tokens
        // The first token at or after the match start.
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tokens[mid].start < m.start { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0 else { return false }
        let sentence = text.sentence(at: m.start)
        let from = max(0, lo - negationWindow)
        var window: [String] = []
        for i in from..<lo where text.sentence(at: tokens[i].start) == sentence {
            window.append(text.text(of: tokens[i]))
        }
        for cue in lexicon.negationCues where cue.count <= window.count {
            for s in 0...(window.count - cue.count) where Array(window[s..<(s + cue.count)]) == cue {
                return true
            }
        }
        return false
    }
}
