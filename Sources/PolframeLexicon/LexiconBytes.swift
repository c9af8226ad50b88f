import Foundation

/// A dictionary file's bytes as text, the way publishers distribute them: UTF-8 with or without a
/// byte-order mark, UTF-16 or UTF-32 with one, or a legacy 8-bit file (read as Windows-1252,
/// the superset of Latin-1 that Windows tools wrote, and named in a warning). Line ends are LF,
/// CRLF or CR.
public struct LexiconText: Sendable {
    public var text: String
    /// The encoding found, as messages name it ("UTF-8", "UTF-16LE", "Windows-1252").
    public var encoding: String
    /// Set when the encoding was guessed rather than declared or validated.
    public var warning: Problem?

    /// Reads and decodes a file; a problem names the file and, for invalid UTF-16, the byte.
    public static func read(path: String) throws(LexiconError) -> LexiconText {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDir: ObjCBool = false
            let why = !FileManager.default.fileExists(atPath: path, isDirectory: &isDir) ? "no such file"
                : isDir.boolValue ? "is a folder, not a file" : "cannot be read (permissions?)"
            throw LexiconError([Problem(file: path, "cannot read: \(why)")])
        }
        return try decode([UInt8](data), path: path)
    }

    /// Decodes bytes by their byte-order mark, else as UTF-8 when they are valid UTF-8, else as
    /// Windows-1252.
    public static func decode(_ bytes: [UInt8], path: String) throws(LexiconError) -> LexiconText {
        func utf16(_ body: ArraySlice<UInt8>, bigEndian: Bool, name: String) throws(LexiconError) -> LexiconText {
            guard body.count % 2 == 0 else {
                throw LexiconError([Problem(file: path, "invalid \(name): an odd number of bytes (\(body.count + 2)) after the byte-order mark")])
            }
            var units: [UInt16] = []
            units.reserveCapacity(body.count / 2)
            var i = body.startIndex
            while i < body.endIndex {
                let a = UInt16(body[i]), b = UInt16(body[i + 1])
                units.append(bigEndian ? a << 8 | b : b << 8 | a)
                i += 2
            }
            var scalars = String.UnicodeScalarView()
            var it = units.makeIterator()
            var decoder = UTF16()
            var unit = 0
            loop: while true {
                switch decoder.decode(&it) {
                case .scalarValue(let s): scalars.append(s); unit += s.value > 0xFFFF ? 2 : 1
                case .emptyInput: break loop
                case .error:
                    throw LexiconError([Problem(file: path, "invalid \(name) at byte \(2 + 2 * unit): an unpaired surrogate")])
                }
            }
            return LexiconText(text: String(scalars), encoding: name, warning: nil)
        }
        if bytes.starts(with: [0xFF, 0xFE, 0, 0]) || bytes.starts(with: [0, 0, 0xFE, 0xFF]) {
            let big = bytes[0] == 0
            var scalars = String.UnicodeScalarView()
            var i = 4
            while i + 3 < bytes.count {
                let v = big ? UInt32(bytes[i]) << 24 | UInt32(bytes[i + 1]) << 16 | UInt32(bytes[i + 2]) << 8 | UInt32(bytes[i + 3])
                    : UInt32(bytes[i + 3]) << 24 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i])
                guard let s = Unicode.Scalar(v) else {
                    throw LexiconError([Problem(file: path, "invalid UTF-32 at byte \(i): \(v) is not a Unicode scalar")])
                }
                scalars.append(s)
                i += 4
            }
            return LexiconText(text: String(scalars), encoding: big ? "UTF-32BE" : "UTF-32LE", warning: nil)
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return try utf16(bytes[2...], bigEndian: false, name: "UTF-16LE") }
        if bytes.starts(with: [0xFE, 0xFF]) { return try utf16(bytes[2...], bigEndian: true, name: "UTF-16BE") }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
        if let text = String(validating: body, as: UTF8.self) {
            return LexiconText(text: text, encoding: "UTF-8", warning: nil)
        }
        // Not UTF-8: the first invalid byte, for the warning, then Windows-1252.
        var firstBad = body.startIndex
        var it = body.makeIterator()
        var decoder = UTF8()
        var offset = body.startIndex
        loop: while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s): offset += UTF8.width(s)
            case .emptyInput: break loop
            case .error: firstBad = offset; break loop
            }
        }
        let text = String(String.UnicodeScalarView(body.map { windows1252($0) }))
        return LexiconText(text: text, encoding: "Windows-1252",
                           warning: Problem(file: path, "not UTF-8 (byte \(firstBad) is 0x\(String(body[firstBad], radix: 16, uppercase: true))): read as Windows-1252 (Latin-1); save the file as UTF-8 to be sure", warning: true))
    }

    /// Windows-1252: Latin-1 but for 0x80–0x9F, where it has typographic characters; its five
    /// unassigned bytes keep their Latin-1 (C1 control) meaning.
    static func windows1252(_ b: UInt8) -> Unicode.Scalar {
        guard (0x80...0x9F).contains(b) else { return Unicode.Scalar(b) }
        let table: [UInt32] = [0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
                               0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178]
        return Unicode.Scalar(table[Int(b) - 0x80])!
    }

    /// The text's lines, split at LF, CRLF or a lone CR (old Mac files), numbered from 1.
    public var lines: [(number: Int, text: Substring)] { Self.lines(text) }

    public static func lines(_ text: String) -> [(number: Int, text: Substring)] {
        var out: [(Int, Substring)] = []
        var start = text.startIndex
        var n = 1
        var i = text.startIndex
        // Characters: "\r\n" is one Character in Swift, so each of the three is a single step.
        while i < text.endIndex {
            let c = text[i]
            if c == "\n" || c == "\r" || c == "\r\n" {
                out.append((n, text[start..<i]))
                n += 1
                start = text.index(after: i)
            }
            i = text.index(after: i)
        }
        if start < text.endIndex { out.append((n, text[start...])) }
        return out
    }
}
