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

    /// Decodes bytes: BOM first, then a declaration (HTML meta, XML declaration) when
    /// `lookForDeclaration`, then valid UTF-8, then ICU's detector, then windows-1252.
    public static func decode(_ bytes: [UInt8], path: String, lookForDeclaration: Bool) throws(IngestError) -> DecodedText {
        if let (encoding, skip) = bom(bytes) {
            return try convert(Array(bytes[skip...]), label: encoding, source: "bom", path: path, offset: skip)
        }
        if lookForDeclaration, let label = declaredCharset(bytes) {
            let key = label.lowercased()
            return try convert(bytes, label: labelAliases[key] ?? label, source: "declared (\(label))", path: path)
        }
        if let s = validUTF8(bytes) {
            return DecodedText(text: s, encoding: "UTF-8", source: "detected (valid UTF-8)", invalidBytes: 0, firstInvalidByte: nil)
        }
        if let (name, confidence) = detect(bytes), confidence >= 30 {
            let label = labelAliases[name.lowercased()] ?? name
            return try convert(bytes, label: label, source: "detected (ICU \(name), confidence \(confidence))", path: path)
        }
        return try convert(bytes, label: "windows-1252", source: "fallback", path: path)
    }

    static func bom(_ b: [UInt8]) -> (String, Int)? {
        if b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { return ("UTF-8", 3) }
        if b.count >= 2 && b[0] == 0xFF && b[1] == 0xFE { return ("UTF-16LE", 2) }
        if b.count >= 2 && b[0] == 0xFE && b[1] == 0xFF { return ("UTF-16BE", 2) }
        return nil
    }

    /// The charset named by `<meta charset=…>`, `<meta http-equiv … content="…; charset=…">` or
    /// `<?xml … encoding="…"?>` within the first bytes.
    public static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(declarationWindow).map { $0 < 0x80 ? Character(Unicode.Scalar($0)) : " " }
        let lower = String(head).lowercased()
        if lower.hasPrefix("<?xml"), let end = lower.range(of: "?>") {
            let decl = lower[lower.startIndex..<end.lowerBound]
            if let v = value(after: "encoding", in: String(decl)) { return v }
        }
        var search = lower[...]
        while let r = search.range(of: "<meta") {
            let tagEnd = search[r.upperBound...].firstIndex(of: ">") ?? search.endIndex
            let tag = String(search[r.upperBound..<tagEnd])
            if let v = value(after: "charset", in: tag) { return v }
            search = search[tagEnd...]
        }
        return nil
    }

    /// The value after `key` and `=`, unquoted, in an attribute-like string.
    private static func value(after key: String, in s: String) -> String? {
        guard let r = s.range(of: key) else { return nil }
        var rest = s[r.upperBound...].drop { $0 == " " }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\"" || $0 == "'" }
        let v = rest.prefix { !"\"' ;/>".contains($0) }
        return v.isEmpty ? nil : String(v)
    }

    static func validUTF8(_ bytes: [UInt8]) -> String? {
        var it = bytes.makeIterator()
        var codec = UTF8()
        loop: while true {
            switch codec.decode(&it) {
            case .scalarValue: continue
            case .emptyInput: break loop
            case .error: return nil
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func detect(_ bytes: [UInt8]) -> (String, Int)? {
        var name = [CChar](repeating: 0, count: 64), lang = [CChar](repeating: 0, count: 16)
        var confidence: Int32 = 0
        let rc = bytes.withUnsafeBufferPointer { b in
            name.withUnsafeMutableBufferPointer { n in
                lang.withUnsafeMutableBufferPointer { l in
                    pf_detect_charset(b.baseAddress, Int32(min(b.count, 65536)), n.baseAddress, 64, &confidence, l.baseAddress, 16)
                }
            }
        }
        guard rc == 0 else { return nil }
        return (String(cString: name), Int(confidence))
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
