import CICUBridge

/// Which normalization steps run, in this order: NFKC (which also folds width), case folding,
/// space cleanup, width folding, punctuation unification, joining of line-broken Chinese,
/// Traditional-to-Simplified phrases, then Traditional to Simplified per character. Each is
/// switchable in the pipeline file; every step keeps the map back to the source text.
public struct NormalizationOptions: Sendable, Hashable, Codable {
    public var nfkc: Bool
    public var caseFold: Bool
    public var traditionalToSimplified: Bool
    /// Fold full-width ASCII (Ａ１，) and the ideographic space to their ASCII forms (NFKC already does).
    public var widthFold: Bool
    /// Replace Taiwan/Hong Kong terms the per-character mapping gets wrong (人工智慧 -> 人工智能,
    /// 資訊 -> 信息), from `TraditionalPhrases`. Only with `traditionalToSimplified`.
    public var traditionalPhrases: Bool
    /// Unify quotes, dashes and dots that have many code points (see `PunctuationTable`).
    public var unifyPunctuation: Bool
    /// Drop zero-width characters and soft hyphens; non-breaking spaces become spaces.
    public var cleanSpaces: Bool
    /// Remove a single line break between two Chinese characters (layout inside a sentence).
    public var joinChineseLines: Bool

    public init(nfkc: Bool = true, caseFold: Bool = true, traditionalToSimplified: Bool = true,
                widthFold: Bool = true, traditionalPhrases: Bool = true, unifyPunctuation: Bool = true,
                cleanSpaces: Bool = true, joinChineseLines: Bool = true) {
        self.nfkc = nfkc
        self.caseFold = caseFold
        self.traditionalToSimplified = traditionalToSimplified
        self.widthFold = widthFold
        self.traditionalPhrases = traditionalPhrases
        self.unifyPunctuation = unifyPunctuation
        self.cleanSpaces = cleanSpaces
        self.joinChineseLines = joinChineseLines
    }

    /// Every step off: the text as it is.
    public static let none = NormalizationOptions(nfkc: false, caseFold: false, traditionalToSimplified: false,
                                                  widthFold: false, traditionalPhrases: false, unifyPunctuation: false,
                                                  cleanSpaces: false, joinChineseLines: false)

    var composeFlags: Int32 {
        (nfkc ? Int32(PF_NORM_NFKC) : 0) | (caseFold ? Int32(PF_NORM_CASEFOLD) : 0)
    }

    /// A stable description for fingerprints.
    public var fingerprint: String {
        "nfkc=\(nfkc),casefold=\(caseFold),t2s=\(traditionalToSimplified),width=\(widthFold),"
            + "t2s_phrases=\(traditionalPhrases)/\(TraditionalPhrases.version),punct=\(unifyPunctuation),"
            + "spaces=\(cleanSpaces),join_lines=\(joinChineseLines)"
    }

    // Custom decoding so fingerprints and stored options written before a field existed still load.
    private enum CodingKeys: String, CodingKey {
        case nfkc, caseFold, traditionalToSimplified, widthFold, traditionalPhrases, unifyPunctuation, cleanSpaces, joinChineseLines
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = NormalizationOptions()
        nfkc = try c.decodeIfPresent(Bool.self, forKey: .nfkc) ?? d.nfkc
        caseFold = try c.decodeIfPresent(Bool.self, forKey: .caseFold) ?? d.caseFold
        traditionalToSimplified = try c.decodeIfPresent(Bool.self, forKey: .traditionalToSimplified) ?? d.traditionalToSimplified
        widthFold = try c.decodeIfPresent(Bool.self, forKey: .widthFold) ?? d.widthFold
        traditionalPhrases = try c.decodeIfPresent(Bool.self, forKey: .traditionalPhrases) ?? d.traditionalPhrases
        unifyPunctuation = try c.decodeIfPresent(Bool.self, forKey: .unifyPunctuation) ?? d.unifyPunctuation
        cleanSpaces = try c.decodeIfPresent(Bool.self, forKey: .cleanSpaces) ?? d.cleanSpaces
        joinChineseLines = try c.decodeIfPresent(Bool.self, forKey: .joinChineseLines) ?? d.joinChineseLines
    }
}

/// Text after normalization, with a map from each normalized UTF-16 unit back to the UTF-16
/// offset in the source it came from.
struct NormalizedUnits {
    var units: [UInt16]
    /// `units.count + 1` entries, never decreasing; the last is the source length. Units that
    /// came from one indivisible chunk (ﬁ -> fi, a replaced phrase) share the chunk's start.
    var sourceOffsets: [Int32]
    /// Source offsets of units a step dropped (zero-width characters, joined line breaks), so a
    /// span can end before them.
    var dropped: [Int32] = []
}

enum Normalizer {
    static func normalize(_ source: [UInt16], options: NormalizationOptions) throws(TextError) -> NormalizedUnits {
        var n: NormalizedUnits
        if options.nfkc || options.caseFold {
            n = try icu(source, flags: options.composeFlags)
            if options.nfkc && options.caseFold {
                // NFKC_Casefold removes default-ignorable characters (U+200B, U+FEFF, U+00AD):
                // record them as dropped so spans end before them.
                let ignorable = Self.defaultIgnorable
                for i in source.indices where source[i] >= 0xAD && ignorable.contains(source[i]) { n.dropped.append(Int32(i)) }
            }
        } else {
            n = NormalizedUnits(units: source, sourceOffsets: Array(0...Int32(source.count)))
        }
        if options.cleanSpaces { cleanSpaces(&n) }
        if options.widthFold && !options.nfkc { foldWidth(&n) }
        if options.unifyPunctuation { PunctuationTable.unify(&n) }
        if options.joinChineseLines { joinChineseLines(&n) }
        if options.traditionalToSimplified {
            if options.traditionalPhrases { TraditionalPhrases.replace(&n) }
            // A table lookup, one unit for one (offsets unchanged); ICU's transliterator over the
            // whole text only if the table could not be built.
            let rc = n.units.withUnsafeMutableBufferPointer { pf_t2s_units($0.baseAddress, Int32($0.count)) }
            if rc < 0 {
                let t = try icu(n.units, flags: Int32(PF_NORM_T2S))
                let map = n.sourceOffsets
                n = NormalizedUnits(units: t.units, sourceOffsets: t.sourceOffsets.map { map[Int($0)] }, dropped: n.dropped)
            }
        }
        return n
    }

    /// Default-ignorable units of the Basic Multilingual Plane, from ICU.
    static let defaultIgnorable: UnitSet = {
        var units: [UInt16] = []
        for v in UInt32(0)..<UInt32(0x10000) where (v < 0xD800 || v >= 0xE000) && pf_is_default_ignorable(v) != 0 {
            units.append(UInt16(v))
        }
        return UnitSet(units)
    }()

    /// One pass of the C bridge; the map is relative to `source`.
    private static func icu(_ source: [UInt16], flags: Int32) throws(TextError) -> NormalizedUnits {
        var out: UnsafeMutablePointer<UInt16>? = nil
        var map: UnsafeMutablePointer<Int32>? = nil
        var outLen: Int32 = 0
        var err = [CChar](repeating: 0, count: 128)
        let rc = source.withUnsafeBufferPointer { src in
            err.withUnsafeMutableBufferPointer { e in
                pf_normalize(src.baseAddress, Int32(src.count), flags, &out, &outLen, &map, e.baseAddress, 128)
            }
        }
        guard rc == 0, let out, let map else {
            throw .icu(operation: "normalize", detail: String(cString: err))
        }
        defer { pf_free(out); pf_free(map) }
        let n = Int(outLen)
        return NormalizedUnits(
            units: Array(UnsafeBufferPointer(start: out, count: n)),
            sourceOffsets: Array(UnsafeBufferPointer(start: map, count: n + 1))
        )
    }

    /// Rewrites units one to one or drops them (`nil`), keeping the map; `f` sees every unit
    /// once, in order. Replacements are made in place (the map is unchanged); only a drop copies.
    @inline(__always)
    static func rewrite(_ n: inout NormalizedUnits, _ f: (UInt16) -> UInt16?) {
        let count = n.units.count
        // Read only up to the first change, so unchanged text is never copied.
        var i = 0
        var replacement: UInt16? = nil
        n.units.withUnsafeBufferPointer { u in
            while i < count {
                let v = f(u[i])
                if v != u[i] { replacement = v; return }
                i += 1
            }
        }
        guard i < count else { return }
        if let first = replacement {
            n.units.withUnsafeMutableBufferPointer { u in
                u[i] = first
                i += 1
                while i < count {
                    guard let v = f(u[i]) else { return }
                    u[i] = v
                    i += 1
                }
            }
            guard i < count else { return }
        }
        // units[i] is dropped: copy from here.
        var units = Array(n.units[0..<i])
        var map = Array(n.sourceOffsets[0..<i])
        units.reserveCapacity(count)
        map.reserveCapacity(count + 1)
        var dropped = n.dropped
        dropped.append(n.sourceOffsets[i])
        for j in (i + 1)..<count {
            if let v = f(n.units[j]) {
                units.append(v)
                map.append(n.sourceOffsets[j])
            } else {
                dropped.append(n.sourceOffsets[j])
            }
        }
        map.append(n.sourceOffsets[count])
        n = NormalizedUnits(units: units, sourceOffsets: map, dropped: dropped)
    }

    /// Zero-width characters and soft hyphens carry no text; non-breaking spaces are spaces.
    static func cleanSpaces(_ n: inout NormalizedUnits) {
        rewrite(&n) { u in
            if u < 0xA0 { return u }
            switch u {
            case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD: return nil
            case 0x00A0, 0x2007, 0x202F: return 0x20
            default: return u
            }
        }
    }

    static func foldWidth(_ n: inout NormalizedUnits) {
        rewrite(&n) { u in
            if u >= 0xFF01 && u <= 0xFF5E { return u - 0xFEE0 }
            if u == 0x3000 { return 0x20 }
            return u
        }
    }

    /// A line break (with spaces or tabs around it) between a Chinese character or Chinese
    /// punctuation and a Chinese character is layout: drop it. A blank line is kept.
    static func joinChineseLines(_ n: inout NormalizedUnits) {
        let units = n.units
        guard units.contains(0x0A) else { return }
        var drop = [Bool](repeating: false, count: units.count)
        var any = false
        var i = 0
        while i < units.count {
            guard units[i] == 0x0A else { i += 1; continue }
            var s = i, e = i + 1
            while s > 0 && (units[s - 1] == 0x20 || units[s - 1] == 0x09 || units[s - 1] == 0x0D) { s -= 1 }
            while e < units.count && (units[e] == 0x20 || units[e] == 0x09) { e += 1 }
            if s > 0, e < units.count, isChineseLineEnd(units[s - 1]), CharClass.isHan(units[e]) {
                for k in s..<e { drop[k] = true }
                any = true
            }
            i = e
        }
        guard any else { return }
        var k = 0
        rewrite(&n) { u in
            defer { k += 1 }
            return drop[k] ? nil : u
        }
    }

    private static func isChineseLineEnd(_ u: UInt16) -> Bool {
        CharClass.isHan(u) || (u >= 0x3001 && u <= 0x3011 && u != 0x3002) || u == 0xFF0C || u == 0x201C || u == 0x2018
    }
}

extension NormalizationOptions {
    /// Normalizes a short string (a lexicon entry, a query) exactly as documents are normalized.
    public func normalize(_ text: String) throws(TextError) -> String {
        let n = try Normalizer.normalize(Array(text.utf16), options: self)
        return String(decoding: n.units, as: UTF16.self)
    }
}
