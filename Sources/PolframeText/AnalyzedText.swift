import PolframeFoundation

/// A word of a document: a span of the normalized text with its script.
public struct Token: Sendable, Hashable {
    /// Start and end in normalized UTF-16 units.
    public let start: Int32
    public let end: Int32
    public let script: Script
}

/// A document's text after normalization and segmentation. Offsets are in normalized UTF-16
/// units; `sourceSpan` maps them back to Unicode scalar offsets in the original text.
public struct AnalyzedText: Sendable {
    /// The normalized text.
    public let units: [UInt16]
    /// Word tokens (letters, numbers, ideographs; not spaces or punctuation), in order.
    public let tokens: [Token]
    /// For each token, the index of its sentence.
    public let tokenSentence: [Int32]
    /// Sentence boundaries: sentence i spans sentenceBounds[i] ..< sentenceBounds[i + 1].
    public let sentenceBounds: [Int32]
    /// `units.count + 1` flags: true where the word segmentation has a boundary.
    public let isBoundary: [Bool]
    /// `units.count + 1` entries: the scalar offset in the original text of each unit.
    let sourceScalar: [Int32]
    /// Scalar offsets of source characters normalization dropped (zero-width characters, joined
    /// line breaks), ascending: a span never ends on them.
    let droppedScalars: [Int32]
    /// Characters of Han script and letters of Latin script, over all tokens.
    public let hanCharacters: Int
    public let latinLetters: Int

    public var sentenceCount: Int { max(0, sentenceBounds.count - 1) }

    /// The normalized text of units start ..< end.
    public func text(_ start: Int32, _ end: Int32) -> String {
        String(decoding: units[Int(start)..<Int(end)], as: UTF16.self)
    }

    public func text(of token: Token) -> String { text(token.start, token.end) }

    /// The span in Unicode scalars of the original text that produced units start ..< end.
    public func sourceSpan(_ start: Int32, _ end: Int32) -> Range<Int> {
        let s = Int(sourceScalar[Int(start)])
        var e = Int(sourceScalar[Int(end)])
        var i = Int(end)
        // A unit inside an expanded chunk (ﬁ -> f i) maps to the chunk start: move to the next one.
        while e <= s && i < sourceScalar.count - 1 { i += 1; e = Int(sourceScalar[i]) }
        if !droppedScalars.isEmpty {
            while e > s + 1 && isDropped(e - 1) { e -= 1 }
        }
        return s..<max(e, s)
    }

    private func isDropped(_ scalar: Int) -> Bool {
        var lo = 0, hi = droppedScalars.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(droppedScalars[mid]) < scalar { lo = mid + 1 } else { hi = mid }
        }
        return lo < droppedScalars.count && Int(droppedScalars[lo]) == scalar
    }

    /// The index of the sentence holding unit `offset`.
    public func sentence(at offset: Int32) -> Int {
        var lo = 0, hi = sentenceBounds.count - 1
        while lo < hi - 1 {
            let mid = (lo + hi) / 2
            if sentenceBounds[mid] <= offset { lo = mid } else { hi = mid }
        }
        return lo
    }

    /// The language the scripts suggest: "zh" when Han characters, each counted as three
    /// letters' worth of text, at least equal the Latin letters; "en" otherwise; "und" for neither.
    /// So a mostly English document quoting Chinese names stays English.
    public var dominantLanguage: String {
        ScriptWeight.language(hanCharacters: hanCharacters, latinLetters: latinLetters) ?? "und"
    }

    /// Han's share of the text's letters, each Han character weighing three Latin letters (a
    /// Chinese word of two characters carries about as much as an English word of six letters).
    /// 0 without letters.
    public var hanShare: Double {
        let weighted = ScriptWeight.letters(hanCharacters: hanCharacters) + latinLetters
        return weighted == 0 ? 0 : Double(ScriptWeight.letters(hanCharacters: hanCharacters)) / Double(weighted)
    }

    /// Latin's share of the text's letters, weighted as in `hanShare`.
    public var latinShare: Double {
        let weighted = ScriptWeight.letters(hanCharacters: hanCharacters) + latinLetters
        return weighted == 0 ? 0 : Double(latinLetters) / Double(weighted)
    }

    /// The weighted share the minority script must reach for a document to count as mixed.
    public static let mixedLanguageThreshold = 0.2

    /// True when both Chinese and English carry a real share of the text (each at least
    /// `mixedLanguageThreshold`): a bilingual document, not English quoting a few Chinese names.
    public var isMixedLanguage: Bool {
        min(hanShare, latinShare) >= Self.mixedLanguageThreshold
    }

    /// Unicode scalars in the original text.
    public var sourceScalarCount: Int { Int(sourceScalar.last ?? 0) }
}

extension AnalyzedText {
    /// Every segment between word boundaries except white space: words and punctuation, as a
    /// word-segmentation gold standard counts them.
    public var segments: [String] {
        var out: [String] = []
        var start = 0
        for i in 1..<max(1, isBoundary.count) where isBoundary[i] {
            let piece = units[start..<i]
            if piece.contains(where: { !(Unicode.Scalar($0)?.properties.isWhitespace ?? false) }) {
                out.append(String(decoding: piece, as: UTF16.self))
            }
            start = i
        }
        return out
    }
}

extension AnalyzedText {
    /// The spans (Unicode scalar offsets into the original text) of `segments`: what a word
    /// segmentation of the original text writes.
    public var sourceSegments: [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        for i in 1..<max(1, isBoundary.count) where isBoundary[i] {
            if units[start..<i].contains(where: { !(Unicode.Scalar($0)?.properties.isWhitespace ?? false) }) {
                let span = sourceSpan(Int32(start), Int32(i))
                if !span.isEmpty { out.append(span) }
            }
            start = i
        }
        return out
    }
}
