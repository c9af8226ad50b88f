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

    /// Negation cues as token unit sequences.
    let negationCueUnits: [[[UInt16]]]

    public init(_ lexicon: CompiledLexicon, negationWindow: Int = 3) {
        self.lexicon = lexicon
        self.negationWindow = negationWindow
        negationCueUnits = lexicon.negationCues.map { $0.map { Array($0.utf16) } }
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
        guard !lexicon.byFirstHash.isEmpty || !lexicon.globsByHash.isEmpty else { return }
        let units = text.units
        let keyLength = CompiledLexicon.globKeyLength
        let filter = lexicon.latinFilter
        let hasGlobs = !lexicon.globsByHash.isEmpty
        for i in 0..<tokens.count where tokens[i].script != .han {
            let s = Int(tokens[i].start), e = Int(tokens[i].end)
            // Hash and compare units: no string per token; the bit filter rules out most
            // tokens before any dictionary lookup.
            let h = CompiledLexicon.hash(units[s..<e])
            if CompiledLexicon.test(filter, CompiledLexicon.filterBit(h)), let ids = lexicon.byFirstHash[h] {
                for id in ids { tryLatin(id, at: i, text) }
            }
            if hasGlobs {
                for k in 1...min(keyLength, e - s) {
                    let key = CompiledLexicon.globKey(units[s..<(s + k)])
                    guard CompiledLexicon.test(filter, CompiledLexicon.filterBit(key)), let ids = lexicon.globsByHash[key] else { continue }
                    for id in ids where Self.hasPrefix(units, s, e, lexicon.patternUnits[Int(id)][0]) {
                        out.append(Match(pattern: id, start: tokens[i].start, end: tokens[i].end, negated: false))
                    }
                }
            }
        }

        func tryLatin(_ id: Int32, at i: Int, _ text: AnalyzedText) {
            let p = lexicon.patternUnits[Int(id)]
            let glob = lexicon.patterns[Int(id)].glob
            let n = p.count
            guard i + n <= tokens.count else { return }
            let sentence = text.tokenSentence[i]
            for k in 0..<n {
                let t = tokens[i + k]
                let s = Int(t.start), e = Int(t.end)
                let ok = (k == n - 1 && glob) ? Self.hasPrefix(units, s, e, p[k]) : Self.equal(units, s, e, p[k])
                guard ok, text.tokenSentence[i + k] == sentence else { return }
            }
            out.append(Match(pattern: id, start: tokens[i].start, end: tokens[i + n - 1].end, negated: false))
        }
    }

    @inline(__always)
    static func equal(_ units: [UInt16], _ s: Int, _ e: Int, _ p: [UInt16]) -> Bool {
        guard e - s == p.count else { return false }
        for k in 0..<p.count where units[s + k] != p[k] { return false }
        return true
    }

    @inline(__always)
    static func hasPrefix(_ units: [UInt16], _ s: Int, _ e: Int, _ p: [UInt16]) -> Bool {
        guard e - s >= p.count else { return false }
        for k in 0..<p.count where units[s + k] != p[k] { return false }
        return true
    }

    private func collectHan(_ text: AnalyzedText, into out: inout [Match]) {
        let trie = lexicon.trie
        guard trie.count > 1 else { return }
        let units = text.units
        let firstUnits = lexicon.trieFirstUnits
        for token in text.tokens where token.script == .han || token.script == .number || token.script == .latin {
            let start = Int(token.start)
            guard CompiledLexicon.test(firstUnits, Int(units[start])) else { continue }
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
        let sentence = text.tokenSentence[lo - 1] == Int32(text.sentence(at: m.start)) ? text.tokenSentence[lo - 1] : -1
        guard sentence >= 0 else { return false }
        var from = lo
        while from > max(0, lo - negationWindow) && text.tokenSentence[from - 1] == sentence { from -= 1 }
        // Compare the window's tokens with each cue's tokens, unit by unit.
        let units = text.units
        for cue in negationCueUnits where cue.count <= lo - from {
            var s = from
            while s + cue.count <= lo {
                var all = true
                for k in 0..<cue.count where !Self.equal(units, Int(tokens[s + k].start), Int(tokens[s + k].end), cue[k]) {
                    all = false
                    break
                }
                if all { return true }
                s += 1
            }
        }
        return false
    }
}
