/// Normalizes and segments documents. Owns ICU break iterators, which hold state: one analyzer
/// per task, never shared between threads.
public final class TextAnalyzer {
    public let options: NormalizationOptions
    public let dictionary: WordDictionary
    private let words: Breaker
    private let sentences: Breaker
    private let segmenter: WordSegmenter
    /// Who finds ICU's word bounds: its break iterator, or polframe's copies of its rules and
    /// dictionary (the same bounds, faster). Tests compare the two.
    var wordPath: Breaker.Path = .fast

    /// `dictionary` holds the words the segmenter chooses from (normalized like documents): by
    /// default the built-in one; see `WordDictionary.builtin(addingFile:)` to add a user's list.
    public init(options: NormalizationOptions = NormalizationOptions(),
                dictionary: WordDictionary = .standard) throws(TextError) {
        self.options = options
        self.dictionary = dictionary
        // "zh" selects the dictionary for Han runs; Latin follows the root rules either way.
        words = try Breaker(.word, locale: "zh")
        // Root rules; abbreviations (U.S., Dr., No.) are suppressed by polframe's own table.
        sentences = try Breaker(.sentence, locale: "en")
        segmenter = WordSegmenter(dictionary: dictionary)
    }

    /// ICU's word rule statuses: 100 and above are words (numbers, letters, kana, ideographs).
    static let wordStatusFloor: Int32 = 100

    public func analyze(_ text: String) throws(TextError) -> AnalyzedText {
        let (source, utf16ToScalar) = Self.utf16(text)
        let normalized = try Normalizer.normalize(source, options: options)
        let units = normalized.units

        let (icuBounds, icuStatus) = try words.segment(units, path: wordPath)
        let (wordBounds, wordStatus) = segmenter.segment(units, sourceOffsets: normalized.sourceOffsets,
                                                         icuBounds: icuBounds, icuStatus: icuStatus)
        var isBoundary = [Bool](repeating: false, count: units.count + 1)
        for b in wordBounds { isBoundary[Int(b)] = true }

        let sentenceBounds = try sentenceBoundaries(source, normalized)

        var tokens: [Token] = []
        tokens.reserveCapacity(wordStatus.count / 2)
        var tokenSentence: [Int32] = []
        tokenSentence.reserveCapacity(wordStatus.count / 2)
        var han = 0, latin = 0
        var sentenceIndex = 0
        let table = CharClass.table
        for i in 0..<wordStatus.count where wordStatus[i] >= Self.wordStatusFloor {
            let s = wordBounds[i], e = wordBounds[i + 1]
            let script = Self.script(units, Int(s), table)
            switch script {
            case .han: han += Self.count(units, Int(s), Int(e)) { CharClass.isHan($0, table) }
            case .latin: latin += Self.count(units, Int(s), Int(e)) { table[Int($0)] == CharClass.latin.rawValue }
            default: break
            }
            while sentenceIndex + 1 < sentenceBounds.count - 1 && sentenceBounds[sentenceIndex + 1] <= s { sentenceIndex += 1 }
            tokens.append(Token(start: s, end: e, script: script))
            tokenSentence.append(Int32(sentenceIndex))
        }

        let scalar = normalized.sourceOffsets
        return AnalyzedText(
            units: units, tokens: tokens, tokenSentence: tokenSentence, sentenceBounds: sentenceBounds,
            isBoundary: isBoundary, sourceScalar: scalar.map { utf16ToScalar[Int($0)] },
            droppedScalars: normalized.dropped.isEmpty ? [] : Array(Set(normalized.dropped.map { utf16ToScalar[Int($0)] })).sorted(),
            hanCharacters: han, latinLetters: latin
        )
    }

    @inline(__always)
    private static func count(_ units: [UInt16], _ s: Int, _ e: Int, _ p: (UInt16) -> Bool) -> Int {
        var k = 0
        for i in s..<e where p(units[i]) { k += 1 }
        return k
    }

    /// Sentences are found in the source text, not the normalized one: case folding removes the
    /// capital letters that tell ICU a new sentence starts. A single line break inside a block is
    /// layout, so it is read as a space; a blank line still ends a sentence. Boundaries are then
    /// mapped onto normalized units.
    private func sentenceBoundaries(_ source: [UInt16], _ normalized: NormalizedUnits) throws(TextError) -> [Int32] {
        var text = source
        for i in text.indices where text[i] == 0x0A {
            let before = i > 0 ? text[i - 1] : 0x0A
            let after = i + 1 < text.count ? text[i + 1] : 0x0A
            if before != 0x0A && after != 0x0A && before != 0x0D { text[i] = 0x20 }
        }
        var (sourceBounds, _) = try sentences.segment(text)
        let extra = SentenceRules.extraBreaks(text)
        if !extra.isEmpty { sourceBounds = Array(Set(sourceBounds).union(extra)).sorted() }
        sourceBounds = Self.withoutBlankSentences(sourceBounds, text)
        let map = normalized.sourceOffsets
        var out: [Int32] = [0]
        var j = 0
        for b in sourceBounds.dropFirst().dropLast() where !Abbreviations.suppressesBreak(text, at: Int(b)) {
            while j < map.count - 1 && map[j] < b { j += 1 }
            if Int32(j) > out.last! { out.append(Int32(j)) }
        }
        let end = Int32(normalized.units.count)
        if end > out.last! || out.count == 1 { out.append(end) }
        return out
    }

    /// ICU ends a sentence after every paragraph separator, so a blank line between two
    /// paragraphs ("years.\n\nOutside") comes out as a sentence of its own. Such white-space-only
    /// pieces join the sentence before them (the first one joins the sentence after it): a
    /// sentence always holds text, and a passage window of one sentence reaches the next
    /// paragraph's first sentence.
    static func withoutBlankSentences(_ bounds: [Int32], _ text: [UInt16]) -> [Int32] {
        guard bounds.count > 2 else { return bounds }
        func blank(_ a: Int32, _ b: Int32) -> Bool {
            var i = Int(a)
            while i < Int(b) {
                switch text[i] {
                case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: i += 1
                default: return false
                }
            }
            return true
        }
        var out: [Int32] = [bounds[0]]
        for k in 1..<(bounds.count - 1) {
            // Boundary bounds[k] ends the piece [out.last, bounds[k]) and starts [bounds[k], bounds[k+1]).
            if blank(bounds[k], bounds[k + 1]) { continue }
            if out.count == 1 && blank(out[0], bounds[k]) { continue }
            out.append(bounds[k])
        }
        out.append(bounds[bounds.count - 1])
        return out
    }

    private static func script(_ units: [UInt16], _ at: Int, _ table: [UInt8]) -> Script {
        let u = units[at]
        if UTF16.isLeadSurrogate(u), at + 1 < units.count {
            let v = 0x10000 + ((UInt32(u) - 0xD800) << 10) + (UInt32(units[at + 1]) - 0xDC00)
            return Unicode.Scalar(v).map(Script.of) ?? .other
        }
        switch CharClass(rawValue: table[Int(u)])! {
        case .han: return .han
        case .hanDigit where u != 0x25CB: return .han
        case .latin: return .latin
        case .digit: return .number
        default: return Unicode.Scalar(u).map(Script.of) ?? .other
        }
    }

    /// The UTF-16 units of `text` and the scalar offset of each UTF-16 offset (units.count + 1
    /// entries; both units of a surrogate pair map to their scalar), in one pass over its UTF-8
    /// (which a String always holds valid).
    static func utf16(_ text: String) -> (units: [UInt16], scalarOf: [Int32]) {
        var text = text
        return text.withUTF8 { b -> ([UInt16], [Int32]) in
            let n = b.count
            var units = [UInt16](repeating: 0, count: n)
            var map = [Int32](repeating: 0, count: n + 1)
            var k = 0
            var scalars: Int32 = 0
            units.withUnsafeMutableBufferPointer { u in
                map.withUnsafeMutableBufferPointer { m in
                    var i = 0
                    while i < n {
                        let c = b[i]
                        m[k] = scalars
                        if c < 0x80 {
                            u[k] = UInt16(c); k += 1; i += 1
                        } else if c < 0xE0 {
                            u[k] = UInt16(c & 0x1F) << 6 | UInt16(b[i + 1] & 0x3F); k += 1; i += 2
                        } else if c < 0xF0 {
                            u[k] = UInt16(c & 0x0F) << 12 | UInt16(b[i + 1] & 0x3F) << 6 | UInt16(b[i + 2] & 0x3F)
                            k += 1; i += 3
                        } else {
                            let v = UInt32(c & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12
                                | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F)
                            let w = v - 0x10000
                            u[k] = UInt16(0xD800 + (w >> 10))
                            u[k + 1] = UInt16(0xDC00 + (w & 0x3FF))
                            m[k + 1] = scalars
                            k += 2; i += 4
                        }
                        scalars += 1
                    }
                    m[k] = scalars
                }
            }
            units.removeLast(n - k)
            map.removeLast(n - k)
            return (units, map)
        }
    }
}
