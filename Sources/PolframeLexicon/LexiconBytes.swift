import Foundation
import PolframeIngest

/// A dictionary file's bytes as text, the way publishers distribute them: UTF-8 with or without a
/// byte-order mark, UTF-16 or UTF-32 with one (or UTF-16 without, told by its NUL bytes), or a
/// legacy encoding: GBK/GB18030, Big5, Windows-1252 (Latin-1) and the others ICU's charset
/// detector knows, found by the same decoder that reads documents and named in a warning. Line
/// ends are LF, CRLF or CR.
public struct LexiconText: Sendable {
    public var text: String
    /// The encoding found, as ICU names it ("UTF-8", "UTF-16LE", "GB18030", "Big5", "windows-1252").
    public var encoding: String
    /// How it was found: "byte-order mark", "valid UTF-8", "ICU's detector, confidence 71", ...
    public var source: String
    /// Set when the encoding was guessed rather than declared or validated.
    public var warning: Problem?

    /// What `lexicon show` prints: the encoding and how it was found.
    public var described: String { "\(encoding) (\(source))" }

    /// Reads and decodes a file; a problem names the file and, for undecodable bytes, the byte
    /// and line.
    public static func read(path: String) throws(LexiconError) -> LexiconText {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDir: ObjCBool = false
            let why = !FileManager.default.fileExists(atPath: path, isDirectory: &isDir) ? "no such file"
                : isDir.boolValue ? "is a folder, not a file" : "cannot be read (permissions?)"
            throw LexiconError([Problem(file: path, "cannot read: \(why)")])
        }
        return try decode([UInt8](data), path: path)
    }

    /// Decodes bytes with PolframeIngest's `TextDecoder` (byte-order mark, UTF-16 by its NUL
    /// bytes, an XML declaration in an `.lcd` file, valid UTF-8, ICU's detector, Windows-1252
    /// last). A Unicode file with a byte-order mark that does not decode is refused; a
    /// guessed encoding is a warning, and bytes it cannot decode are named in it.
    public static func decode(_ bytes: [UInt8], path: String) throws(LexiconError) -> LexiconText {
        if let mostly = mostlyUTF8(bytes, path: path) { return mostly }
        let d: DecodedText
        // An .lcd file is XML and may say its encoding; other formats have no declaration.
        let xml = bytes.starts(with: Array("<?xml".utf8))
        do { d = try TextDecoder.decode(bytes, path: path, lookForDeclaration: xml) } catch {
            throw LexiconError([Problem(file: path, "cannot decode: \(error)")])
        }
        let unicode = d.encoding.uppercased().hasPrefix("UTF")
        // ICU's label, but the name Windows tools and users know for the Latin-1 superset.
        let name = d.encoding.lowercased() == "windows-1252" ? "Windows-1252" : d.encoding
        // Where the bytes stop being UTF-8, for a guessed encoding's warning.
        let notUTF8 = firstNonUTF8(bytes).map { " (byte \($0) is 0x\(String(bytes[$0], radix: 16, uppercase: true)))" } ?? ""
        let source: String
        var guess: String? = nil
        switch d.source {
        case "bom": source = "byte-order mark"
        case _ where d.source.hasPrefix("detected (valid UTF-8"): source = "valid UTF-8"
        case _ where d.source.hasPrefix("declared ("): source = "its XML declaration"
        case _ where d.source.hasPrefix("detected (ICU "):
            // "detected (ICU GB18030, confidence 71)": say it in words.
            let inner = d.source.dropFirst("detected (ICU ".count).dropLast()
            let confidence = inner.range(of: "confidence ").map { String(inner[$0.upperBound...]) } ?? "?"
            source = "ICU's charset detector, confidence \(confidence) of 100"
            guess = "not UTF-8\(notUTF8): read as \(name) (\(source))"
        case _ where d.source.hasPrefix("detected ("):
            source = String(d.source.dropFirst("detected (".count).dropLast())
            guess = "no byte-order mark: read as \(name) (\(source))"
        default:
            source = "no encoding detected with confidence; Windows-1252 is the fallback"
            guess = "not UTF-8\(notUTF8) and ICU's charset detector is not sure of any encoding: read as \(name) (Latin-1); a Chinese dictionary (GBK, Big5) read this way gives forms that never match"
        }
        var warning: Problem? = nil
        if d.invalidBytes > 0 {
            let at = d.firstInvalidByte ?? 0
            let line = unicode ? lineOfFirstReplacement(d.text) : lineOfByte(at, bytes)
            let what = "\(d.invalidBytes) byte\(d.invalidBytes == 1 ? " is" : "s are") not \(name) (the first at byte \(at), line \(line))"
            if guess == nil {
                throw LexiconError([Problem(file: path, line: line, column: 0, "invalid \(name): \(what); save the file as UTF-8")])
            }
            guess! += "; \(what): they read as U+FFFD, and forms holding them never match"
        }
        if let guess { warning = Problem(file: path, guess + "; save the file as UTF-8 to be sure", warning: true) }
        return LexiconText(text: d.text, encoding: name, source: source, warning: warning)
    }

    /// A UTF-8 file with a few bad bytes (a truncated character, one pasted Latin-1 letter) is
    /// UTF-8, not a legacy encoding: left to the charset detector, one stray byte in a Chinese
    /// list gave Windows-1252 and every form garbled. Rule: no byte-order mark, and at least
    /// `mostlyUTF8Ratio` valid multi-byte characters per break (a run of bytes that are not
    /// UTF-8: a cut character is one break). GBK and Big5 text has 0.13 to 0.22 valid UTF-8
    /// sequences per break (NTUSD and DUTIR re-encoded), Latin-1 letters before ASCII none: their
    /// files are ten times below the rule.
    static func mostlyUTF8(_ bytes: [UInt8], path: String) -> LexiconText? {
        guard !bytes.starts(with: [0xEF, 0xBB, 0xBF]), !bytes.starts(with: [0xFF, 0xFE]), !bytes.starts(with: [0xFE, 0xFF]),
              !bytes.starts(with: [0, 0, 0xFE, 0xFF]) else { return nil }
        var parser = Unicode.UTF8.ForwardParser()
        var it = bytes.makeIterator()
        var offset = 0, multiByte = 0, bad = 0, breaks = 0
        var first: Int? = nil
        loop: while true {
            switch parser.parseScalar(from: &it) {
            case .valid(let encoded):
                if encoded.count > 1 { multiByte += 1 }
                offset += encoded.count
            case .error(let length):
                if first == nil { first = offset }
                bad += length
                breaks += 1
                offset += length
            case .emptyInput: break loop
            }
        }
        guard let first, breaks > 0, multiByte >= mostlyUTF8Ratio * breaks else { return nil }
        let what = "\(bad) byte\(bad == 1 ? " is" : "s are") not UTF-8 (the first at byte \(first), line \(lineOfByte(first, bytes)))"
        return LexiconText(text: String(decoding: bytes, as: UTF8.self), encoding: "UTF-8",
                           source: "UTF-8 but for \(bad) bad byte\(bad == 1 ? "" : "s")",
                           warning: Problem(file: path, "\(what) among \(multiByte) valid UTF-8 characters: read as UTF-8, the bad bytes as U+FFFD (forms holding them never match); save the file as UTF-8 to be sure", warning: true))
    }

    /// Valid multi-byte UTF-8 characters needed per break for `mostlyUTF8`.
    public static let mostlyUTF8Ratio = 2

    /// The offset of the first byte that does not continue valid UTF-8, or nil.
    static func firstNonUTF8(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var it = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &it) {
            case .valid(let encoded): offset += encoded.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }

    /// The 1-based line of a byte offset in an ASCII-compatible file (LF, CRLF or CR ends).
    static func lineOfByte(_ offset: Int, _ bytes: [UInt8]) -> Int {
        var line = 1
        var i = 0
        while i < min(offset, bytes.count) {
            if bytes[i] == 0x0A || (bytes[i] == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A)) { line += 1 }
            i += 1
        }
        return line
    }

    /// The 1-based line of the first U+FFFD in decoded text (for UTF-16 and UTF-32, whose byte
    /// offsets are not lines).
    static func lineOfFirstReplacement(_ text: String) -> Int {
        guard let r = text.firstIndex(of: "\u{FFFD}") else { return 1 }
        return text[..<r].reduce(1) { $0 + ($1 == "\n" || $1 == "\r" || $1 == "\r\n" ? 1 : 0) }
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
