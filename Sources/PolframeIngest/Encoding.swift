import CICUBridge

/// Text decoded to UTF-8, with how the encoding was chosen.
public struct DecodedText: Sendable {
    public var text: String
    public var encoding: String
    public var source: String
    public var invalidBytes: Int
    public var firstInvalidByte: Int?
}

/// Finds a document's character encoding and converts it to UTF-8 with ICU.
public enum TextDecoder {
    /// Labels that must be read with a wider decoder than they name. Pages labelled gb2312
    /// routinely contain GBK characters (镕); a strict GB2312 decoder truncates them.
    public static let labelAliases: [String: String] = [
        "gb2312": "GB18030", "gbk": "GB18030", "gb_2312-80": "GB18030", "x-gbk": "GB18030",
        "cp936": "GB18030", "euc-cn": "GB18030", "csgb2312": "GB18030", "gb18030": "GB18030",
        "big5": "Big5", "x-big5": "Big5", "big5-hkscs": "Big5-HKSCS",
        "iso-8859-1": "windows-1252", "latin1": "windows-1252", "us-ascii": "windows-1252",
        "ascii": "windows-1252", "shift_jis": "Shift_JIS", "sjis": "Shift_JIS", "x-sjis": "Shift_JIS",
        "utf8": "UTF-8", "utf-8": "UTF-8",
    ]

    /// How far into a file a charset declaration is looked for.
    static let declarationWindow = 4096

    /// Decodes bytes: BOM first, then UTF-16 told by its NUL bytes, then a declaration that the
    /// bytes allow (`EncodingEvidence.judge`) (HTML meta, XML declaration) when
    /// `lookForDeclaration`, then valid UTF-8, then ICU's detector, then windows-1252.
    public static func decode(_ bytes: [UInt8], path: String, lookForDeclaration: Bool) throws(IngestError) -> DecodedText {
        if let (encoding, skip) = bom(bytes) {
            return try convert(Array(bytes[skip...]), label: encoding, source: "bom", path: path, offset: skip)
        }
        if let utf16 = EncodingEvidence.utf16ByNulBytes(bytes) {
            return try convert(bytes, label: utf16, source: "detected (\(utf16) by its NUL bytes, no BOM)", path: path)
        }
        var ignored: String? = nil
        if lookForDeclaration, let label = declaredCharset(bytes) {
            let key = label.lowercased()
            let judged = EncodingEvidence.judge(label: label, resolved: labelAliases[key] ?? label, path: path)
            ignored = judged.note
            if let name = judged.encoding {
                let source = judged.note ?? "declared (\(label))"
                // UTF-8 pages that are valid UTF-8 need no conversion.
                if name == "UTF-8", let s = validUTF8(bytes) {
                    return DecodedText(text: s, encoding: "UTF-8", source: source, invalidBytes: 0, firstInvalidByte: nil)
                }
                let declared = try convert(bytes, label: name, source: source, path: path)
                if declared.invalidBytes > 0, let better = try redetect(bytes, declared: declared, label: label, path: path) {
                    return better
                }
                return declared
            }
        }
        let because = ignored.map { "; \($0)" } ?? ""
        if let s = validUTF8(bytes) {
            return DecodedText(text: s, encoding: "UTF-8", source: "detected (valid UTF-8\(because))", invalidBytes: 0, firstInvalidByte: nil)
        }
        if let (name, confidence) = detect(bytes), confidence >= EncodingRules.minimumConfidence {
            let label = labelAliases[name.lowercased()] ?? name
            return try convert(bytes, label: label, source: "detected (ICU \(name), confidence \(confidence)\(because))", path: path)
        }
        return try convert(bytes, label: "windows-1252", source: "fallback\(because)", path: path)
    }

    /// Rule "wrong-declaration": when the declared charset leaves undecodable bytes and ICU's
    /// detector names another charset (at `EncodingRules.minimumConfidence`) that decodes the page
    /// with fewer of them, the declaration was wrong. A page labelled utf-8 but written in GB18030
    /// is the common case.
    static func redetect(_ bytes: [UInt8], declared: DecodedText, label: String, path: String) throws(IngestError) -> DecodedText? {
        // A few corrupt bytes in a long page do not make the declaration wrong.
        let high = bytes.reduce(0) { $0 + ($1 >= 0x80 ? 1 : 0) }
        guard declared.invalidBytes >= EncodingRules.minimumInvalidBytes,
              Double(declared.invalidBytes) >= Double(high) * EncodingRules.minimumInvalidShare else { return nil }
        guard let (name, confidence) = detect(bytes), confidence >= EncodingRules.minimumConfidence else { return nil }
        let detected = labelAliases[name.lowercased()] ?? name
        guard detected.lowercased() != declared.encoding.lowercased() else { return nil }
        guard let candidate = try? convert(bytes, label: detected, source: "", path: path),
              candidate.invalidBytes * EncodingRules.betterBy < declared.invalidBytes else { return nil }
        var out = candidate
        out.source = "detected (declared \(label.lowercased()) was wrong; ICU \(name), confidence \(confidence), \(declared.invalidBytes) bytes undecodable as declared)"
        return out
    }

    static func bom(_ b: [UInt8]) -> (String, Int)? {
        for mark in EncodingEvidence.byteOrderMarks where b.starts(with: mark.bytes) { return (mark.encoding, mark.bytes.count) }
        return nil
    }

    /// The charset named by `<meta charset=…>`, `<meta http-equiv … content="…; charset=…">` or
    /// `<?xml … encoding="…"?>` within the first bytes. Works on ASCII-lowercased bytes: this runs
    /// for every page.
    public static func declaredCharset(_ bytes: [UInt8]) -> String? {
        var lower = Array(bytes.prefix(declarationWindow))
        for i in lower.indices {
            let c = lower[i]
            if c >= 65 && c <= 90 { lower[i] = c + 32 } else if c >= 0x80 { lower[i] = 0x20 }
        }
        if lower.starts(with: Array("<?xml".utf8)), let end = find(Array("?>".utf8), in: lower, from: 0) {
            if let v = value(after: Array("encoding".utf8), in: lower[0..<end]) { return v }
        }
        let meta = Array("<meta".utf8), charset = Array("charset".utf8)
        var from = 0
        while let r = find(meta, in: lower, from: from) {
            let tagStart = r + meta.count
            let tagEnd = lower[tagStart...].firstIndex(of: 0x3E) ?? lower.count
            if let v = value(after: charset, in: lower[tagStart..<tagEnd]) { return v }
            from = tagEnd
        }
        return nil
    }

    /// The offset of `needle` in `hay` at or after `from`.
    static func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, hay.count >= needle.count else { return nil }
        var i = from
        while i + needle.count <= hay.count {
            if hay[i] == first && hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// The value after `key` and `=`, unquoted, in an attribute-like byte string.
    private static func value(after key: [UInt8], in s: ArraySlice<UInt8>) -> String? {
        guard let at = find(key, in: Array(s), from: 0) else { return nil }
        var i = s.startIndex + at + key.count
        while i < s.endIndex && s[i] == 0x20 { i += 1 }
        guard i < s.endIndex, s[i] == 0x3D else { return nil }
        i += 1
        while i < s.endIndex && (s[i] == 0x20 || s[i] == 0x22 || s[i] == 0x27) { i += 1 }
        var j = i
        let stops: [UInt8] = Array("\"' ;/>".utf8)
        while j < s.endIndex && !stops.contains(s[j]) { j += 1 }
        return j > i ? String(decoding: s[i..<j], as: UTF8.self) : nil
    }

    static func validUTF8(_ bytes: [UInt8]) -> String? {
        String(validating: bytes, as: UTF8.self)
    }

    static func detect(_ bytes: [UInt8]) -> (String, Int)? {
        guard !bytes.isEmpty else { return nil }
        var name = [CChar](repeating: 0, count: 64), lang = [CChar](repeating: 0, count: 16)
        var confidence: Int32 = 0
        // The detector reads only bytes above ASCII for its statistics: start shortly before the
        // first one (pages open with kilobytes of ASCII markup) and read a window of them.
        let firstHigh = bytes.firstIndex(where: { $0 >= 0x80 }) ?? 0
        let start = max(0, firstHigh - 256)
        let count = min(bytes.count - start, EncodingRules.detectionWindow)
        let rc = bytes.withUnsafeBufferPointer { b in
            name.withUnsafeMutableBufferPointer { n in
                lang.withUnsafeMutableBufferPointer { l in
                    pf_detect_charset(b.baseAddress! + start, Int32(count), n.baseAddress, 64, &confidence, l.baseAddress, 16)
                }
            }
        }
        guard rc == 0 else { return nil }
        return (String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self), Int(confidence))
    }

    static func convert(_ bytes: [UInt8], label: String, source: String, path: String, offset: Int = 0) throws(IngestError) -> DecodedText {
        var out: UnsafeMutablePointer<UInt8>? = nil
        var outLen: Int32 = 0, invalid: Int32 = 0, first: Int32 = -1
        var err = [CChar](repeating: 0, count: 128)
        let rc = bytes.withUnsafeBufferPointer { b in
            err.withUnsafeMutableBufferPointer { e in
                pf_decode(label, b.baseAddress, Int32(b.count), &out, &outLen, &invalid, &first, e.baseAddress, 128)
            }
        }
        guard rc == 0, let out else { throw .unknownEncoding(path: path, label: label) }
        defer { pf_free(out) }
        let text = String(decoding: UnsafeBufferPointer(start: out, count: Int(outLen)), as: UTF8.self)
        return DecodedText(text: text, encoding: label, source: source, invalidBytes: Int(invalid),
                           firstInvalidByte: first >= 0 ? Int(first) + offset : nil)
    }
}

/// The thresholds of encoding detection, named.
public enum EncodingRules {
    /// ICU's detector confidence (0–100) below which its guess is not used.
    public static let minimumConfidence = 30
    /// Bytes the detector reads, from just before the first non-ASCII byte. Its recognizers
    /// each make a pass over the window: at 16 KiB, ten undeclared pages of the 250 benchmark
    /// pages cost 4% of the whole run's CPU time, and 4 KiB gave the same verdict on every
    /// undeclared page of the gold sets.
    public static let detectionWindow = 4096
    /// A detected charset replaces a declared one only when it leaves this many times fewer
    /// undecodable bytes (rule "wrong-declaration").
    public static let betterBy = 4
    /// ... and only when at least this share of the page's non-ASCII bytes were undecodable as
    /// declared (so one corrupt byte never turns a UTF-8 page into windows-1252).
    public static let minimumInvalidShare = 0.1
    /// ... and at least this many of them: one stray byte is corruption, not a wrong label.
    public static let minimumInvalidBytes = 8
}
