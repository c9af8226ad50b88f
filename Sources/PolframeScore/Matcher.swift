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
    /// Indices into `negationCueUnits` by the hash of the cue's first token, so a window token
    /// is compared only with the cues that start like it.
    let negationCuesByFirstHash: [UInt64: [Int]]
    /// An empty cue (none is compiled today) is found before every match with a token before
    /// it in its sentence.
    let hasEmptyNegationCue: Bool
    /// Whether each pattern's last token is a glob prefix (read per candidate without copying
    /// the pattern).
    let patternIsGlob: [Bool]
    /// Whether each pattern's tokens hold wildcards (matched with `Glob`).
    let patternIsWild: [Bool]
    let isExclusion: [Bool]

    public init(_ lexicon: CompiledLexicon, negationWindow: Int = 3) {
        self.lexicon = lexicon
        self.negationWindow = negationWindow
        let cues = lexicon.negationCues.map { $0.map { Array($0.utf16) } }
        negationCueUnits = cues
        var byHash: [UInt64: [Int]] = [:]
        for (i, cue) in cues.enumerated() where !cue.isEmpty { byHash[CompiledLexicon.hash(cue[0][...]), default: []].append(i) }
        negationCuesByFirstHash = byHash
        hasEmptyNegationCue = cues.contains { $0.isEmpty }
        patternIsGlob = lexicon.patterns.map(\.glob)
        patternIsWild = lexicon.patterns.map(\.wildcard)
        isExclusion = lexicon.patterns.map(\.exclusion)
    }

    public func match(_ text: AnalyzedText) -> [Match] { match(text, keys: TokenKeys(text)) }

    /// Matches with the text's token keys already worked out (a scorer shares them between
    /// its matchers). Matches inside an exclusion phrase are included: see `matchAll`.
    public func match(_ text: AnalyzedText, keys: TokenKeys) -> [Match] { matchAll(text, keys: keys).matches }

    /// The longest matches, and every occurrence of an exclusion phrase (which take no span
    /// from the matches: they only veto, see `isExcluded`).
    public func matchAll(_ text: AnalyzedText, keys: TokenKeys) -> (matches: [Match], exclusions: [Match]) {
        var candidates: [Match] = []
        collectLatin(text, keys, into: &candidates)
        collectHan(text, into: &candidates)
        var exclusions: [Match] = []
        if lexicon.hasExclusions {
            exclusions = candidates.filter { isExclusion[Int($0.pattern)] }
            candidates.removeAll { isExclusion[Int($0.pattern)] }
        }
        var chosen = longestFirst(candidates, unitCount: text.units.count)
        if !chosen.isEmpty && !negationCueUnits.isEmpty {
            for k in chosen.indices { chosen[k].negated = isNegated(chosen[k], in: text) }
        }
        return (chosen, exclusions)
    }

    /// Whether match `m`, counted as pattern `counted` (one of `lexicon.sharing[m.pattern]`),
    /// lies inside an exclusion phrase of the whole lexicon or of that pattern's category.
    public func isExcluded(_ m: Match, countedAs counted: Int32, exclusions: [Match]) -> Bool {
        exclusion(vetoing: m, countedAs: counted, exclusions: exclusions) >= 0
    }

    /// The exclusion pattern that vetoes `m` counted as `counted`, or -1.
    public func exclusion(vetoing m: Match, countedAs counted: Int32, exclusions: [Match]) -> Int32 {
        guard !exclusions.isEmpty else { return -1 }
        let p = lexicon.patterns[Int(counted)]
        for x in exclusions where x.start <= m.start && m.end <= x.end {
            for id in lexicon.sharing[Int(x.pattern)] {
                let e = lexicon.patterns[Int(id)]
                if e.category.isEmpty || (e.frame == p.frame && e.category == p.category) { return id }
            }
        }
        return -1
    }

    private func collectLatin(_ text: AnalyzedText, _ keys: TokenKeys, into out: inout [Match]) {
        let byFirstHash = lexicon.byFirstHash
        let globsByHash = lexicon.globsByHash
        guard !byFirstHash.isEmpty || !globsByHash.isEmpty || !lexicon.wildAnywhere.isEmpty || !lexicon.wildByFirstUnit.isEmpty else { return }
        let keyLength = CompiledLexicon.globKeyLength
        let hasGlobs = !globsByHash.isEmpty
        let patternUnits = lexicon.patternUnits
        let patternIsGlob = self.patternIsGlob
        let patternIsWild = self.patternIsWild
        let wildAnywhere = lexicon.wildAnywhere, wildByFirstUnit = lexicon.wildByFirstUnit
        let hasWild = !wildAnywhere.isEmpty || !wildByFirstUnit.isEmpty
        text.units.withUnsafeBufferPointer { units in
        text.tokens.withUnsafeBufferPointer { tokens in
        text.tokenSentence.withUnsafeBufferPointer { tokenSentence in
        keys.whole.withUnsafeBufferPointer { whole in
        keys.prefixes.withUnsafeBufferPointer { prefixes in
        lexicon.latinFilter.withUnsafeBufferPointer { filter in
            // The bit filter rules out most tokens before any dictionary lookup.
            @inline(__always) func passes(_ key: UInt64) -> Bool {
                let bit = CompiledLexicon.filterBit(key)
                return filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0
            }
            for i in 0..<tokens.count where tokens[i].script != .han {
                let s = Int(tokens[i].start), e = Int(tokens[i].end)
                let h = whole[i]
                if passes(h), let ids = byFirstHash[h] {
                    for id in ids { tryLatin(id, at: i) }
                }
                if hasWild {
                    for id in wildAnywhere { tryLatin(id, at: i) }
                    if e > s, let ids = wildByFirstUnit[units[s]] { for id in ids { tryLatin(id, at: i) } }
                }
                if hasGlobs {
                    for k in 0..<min(keyLength, e - s) {
                        let key = prefixes[i * keyLength + k]
                        guard passes(key), let ids = globsByHash[key] else { continue }
                        for id in ids where Self.hasPrefix(units, s, e, patternUnits[Int(id)][0]) {
                            out.append(Match(pattern: id, start: tokens[i].start, end: tokens[i].end, negated: false))
                        }
                    }
                }
            }

            func tryLatin(_ id: Int32, at i: Int) {
                let p = patternUnits[Int(id)]
                let glob = patternIsGlob[Int(id)]
                let wild = patternIsWild[Int(id)]
                let n = p.count
                guard i + n <= tokens.count else { return }
                let sentence = tokenSentence[i]
                for k in 0..<n {
                    let t = tokens[i + k]
                    if wild && t.script == .han { return }
                    let s = Int(t.start), e = Int(t.end)
                    let ok = wild ? Glob.matches(units, s, e, p[k])
                        : (k == n - 1 && glob) ? Self.hasPrefix(units, s, e, p[k]) : Self.equal(units, s, e, p[k])
                    guard ok, tokenSentence[i + k] == sentence else { return }
                }
                out.append(Match(pattern: id, start: tokens[i].start, end: tokens[i + n - 1].end, negated: false))
            }
        }
        }
        }
        }
        }
        }
    }

    @inline(__always)
    static func equal(_ units: UnsafeBufferPointer<UInt16>, _ s: Int, _ e: Int, _ p: [UInt16]) -> Bool {
        guard e - s == p.count else { return false }
        for k in 0..<p.count where units[s + k] != p[k] { return false }
        return true
    }

    @inline(__always)
    static func hasPrefix(_ units: UnsafeBufferPointer<UInt16>, _ s: Int, _ e: Int, _ p: [UInt16]) -> Bool {
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
                let xid = trie[node].exclusionPattern
                if xid >= 0 && text.isBoundary[q] && text.sentence(at: Int32(start)) == text.sentence(at: Int32(q - 1)) {
                    out.append(Match(pattern: xid, start: Int32(start), end: Int32(q), negated: false))
                }
                let gid = trie[node].globPattern
                if gid >= 0 {
                    // A trailing '*' on Chinese: the match runs on to the end of the word it ends in.
                    var end = q
                    while end < units.count && !text.isBoundary[end] { end += 1 }
                    if text.sentence(at: Int32(start)) == text.sentence(at: Int32(end - 1)) {
                        out.append(Match(pattern: gid, start: Int32(start), end: Int32(end), negated: false))
                    }
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
        if hasEmptyNegationCue { return true }
        // A cue found anywhere in the window counts: each window token is compared, unit by
        // unit, only with the cues whose first token hashes like it.
        let units = text.units
        return units.withUnsafeBufferPointer { units in
            for s in from..<lo {
                let first = tokens[s]
                guard let ids = negationCuesByFirstHash[CompiledLexicon.hash(units, Int(first.start), Int(first.end))] else { continue }
                for id in ids {
                    let cue = negationCueUnits[id]
                    guard s + cue.count <= lo else { continue }
                    var all = true
                    for k in 0..<cue.count where !Self.equal(units, Int(tokens[s + k].start), Int(tokens[s + k].end), cue[k]) {
                        all = false
                        break
                    }
                    if all { return true }
                }
            }
            return false
        }
    }
}
