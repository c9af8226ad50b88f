/// What the bytes themselves say about an encoding, checked before a page's own declaration is
/// believed. A declaration is found by reading the bytes as ASCII, so it can only be true of an
/// encoding that reads ASCII as ASCII (the WHATWG Encoding Standard's reasoning).
enum EncodingEvidence {
    /// Byte-order marks, longest first: `FF FE 00 00` is UTF-32LE, not UTF-16LE and a NUL.
    static let byteOrderMarks: [(bytes: [UInt8], encoding: String)] = [
        ([0x00, 0x00, 0xFE, 0xFF], "UTF-32BE"), ([0xFF, 0xFE, 0x00, 0x00], "UTF-32LE"),
        ([0xEF, 0xBB, 0xBF], "UTF-8"), ([0xFF, 0xFE], "UTF-16LE"), ([0xFE, 0xFF], "UTF-16BE"),
    ]

    /// Labels of UTF-16: from a declaration they mean UTF-8 (WHATWG: "a meta declaring UTF-16
    /// means UTF-8"; a real UTF-16 page starts with a BOM or shows its NUL bytes first).
    static let utf16Labels: Set<String> = [
        "utf-16", "utf-16le", "utf-16be", "utf16", "utf16le", "utf16be", "ucs-2", "ucs2", "unicode", "unicodefffe",
        "unicodefeff", "iso-10646-ucs-2", "csunicode", "unicode-1-1",
    ]

    /// Labels never honoured from a declaration: UTF-7 (which lets markup hide from filters) and
    /// the stateful encodings WHATWG maps to its "replacement" decoder.
    static let refusedLabels: Set<String> = [
        "utf-7", "utf7", "x-utf-7", "unicode-1-1-utf-7", "csunicode11utf7", "unicode-2-0-utf-7",
        "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "iso-2022-kr", "csiso2022kr",
    ]

    /// The encodings polframe maps labels to, all ASCII-compatible: no probe needed.
    static let knownCompatible = Set(TextDecoder.labelAliases.values)

    /// ASCII text every ASCII-compatible decoder must give back unchanged: UTF-32 and EBCDIC do not.
    static let asciiProbe = Array("<meta charset=\"x\"> <?xml version=\"1.0\"?> Az09-_.;:/".utf8)

    /// What to make of a declared label: read the page as `encoding`, or ignore the declaration
    /// (`encoding` nil) for the reason given.
    static func judge(label: String, resolved: String, path: String) -> (encoding: String?, note: String?) {
        let key = label.lowercased()
        if utf16Labels.contains(key) {
            return ("UTF-8", "declared \(key) read as UTF-8: a declaration readable as ASCII cannot be UTF-16")
        }
        if refusedLabels.contains(key) {
            return (nil, "declared \(key) ignored: never honoured from a declaration")
        }
        if knownCompatible.contains(resolved) { return (resolved, nil) }
        // An unknown label is left to the decoder, which reports it.
        guard let probe = try? TextDecoder.convert(asciiProbe, label: resolved, source: "", path: path) else { return (resolved, nil) }
        if probe.invalidBytes > 0 || probe.text != String(decoding: asciiProbe, as: UTF8.self) {
            return (nil, "declared \(key) ignored: it does not read ASCII as ASCII, yet the declaration was written in ASCII")
        }
        return (resolved, nil)
    }

    /// UTF-16 without a BOM, told by where its NUL bytes fall in the first 8 KiB: text in UTF-16LE
    /// has a NUL high byte (odd offset) for every ASCII character and a NUL low byte only for the
    /// rare U+xx00 character; UTF-16BE the other way round. The units must also pair their
    /// surrogates and hold no control characters but TAB, LF, FF and CR, which binary data fails.
    static func utf16ByNulBytes(_ b: [UInt8]) -> String? {
        let n = min(b.count, 8192) & ~1
        // Most pages hold no NUL at all: one quick scan settles them.
        guard n >= 4, b[..<n].contains(0) else { return nil }
        var nulAtEven = 0, nulAtOdd = 0
        for i in stride(from: 0, to: n, by: 2) {
            if b[i] == 0 { nulAtEven += 1 }
            if b[i + 1] == 0 { nulAtOdd += 1 }
        }
        let units = n / 2
        let littleEndian: Bool
        if nulAtOdd * 64 >= units && nulAtEven * 8 <= nulAtOdd {
            littleEndian = true
        } else if nulAtEven * 64 >= units && nulAtOdd * 8 <= nulAtEven {
            littleEndian = false
        } else {
            return nil
        }
        var highSurrogatePending = false
        for i in stride(from: 0, to: n, by: 2) {
            let u = littleEndian ? UInt16(b[i]) | UInt16(b[i + 1]) << 8 : UInt16(b[i]) << 8 | UInt16(b[i + 1])
            switch u {
            case 0xD800...0xDBFF:
                if highSurrogatePending { return nil }
                highSurrogatePending = true
            case 0xDC00...0xDFFF:
                if !highSurrogatePending { return nil }
                highSurrogatePending = false
            default:
                if highSurrogatePending { return nil }
                if u < 0x20 && u != 0x09 && u != 0x0A && u != 0x0C && u != 0x0D { return nil }
            }
        }
        return littleEndian ? "UTF-16LE" : "UTF-16BE"
    }
}
