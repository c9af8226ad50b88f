import Foundation
import Testing
@testable import PolframeLexicon

/// Dictionaries in the encodings publishers saved them in, in every format: GBK, Big5, Latin-1,
/// UTF-16 with and without a byte-order mark. Each is detected, named, and read to the same words.
@Suite struct LexiconEncodingTests {
    static let simplified = (["正面", "优秀", "进步", "发展*", "合作共赢"], ["负面", "腐败", "落后", "危机"])
    static let traditional = (["正面", "優秀", "進步", "發展*", "合作共贏"], ["負面", "腐敗", "落後", "危機"])
    static let latin = (["positive", "café", "naïve", "soupçon"], ["negative", "malaise", "ennui", "déçu"])

    /// The bytes of the Han and accented characters used here (from Python's codecs), so the
    /// tests need no converter of their own.
    static let gbk: [Character: [UInt8]] = ["正": [0xD5, 0xFD], "面": [0xC3, 0xE6], "优": [0xD3, 0xC5], "秀": [0xD0, 0xE3], "进": [0xBD, 0xF8], "步": [0xB2, 0xBD], "发": [0xB7, 0xA2], "展": [0xD5, 0xB9], "合": [0xBA, 0xCF], "作": [0xD7, 0xF7], "共": [0xB9, 0xB2], "赢": [0xD3, 0xAE], "负": [0xB8, 0xBA], "腐": [0xB8, 0xAF], "败": [0xB0, 0xDC], "落": [0xC2, 0xE4], "后": [0xBA, 0xF3], "危": [0xCE, 0xA3], "机": [0xBB, 0xFA]]
    static let big5: [Character: [UInt8]] = ["正": [0xA5, 0xBF], "面": [0xAD, 0xB1], "優": [0xC0, 0x75], "秀": [0xA8, 0x71], "進": [0xB6, 0x69], "步": [0xA8, 0x42], "發": [0xB5, 0x6F], "展": [0xAE, 0x69], "合": [0xA6, 0x58], "作": [0xA7, 0x40], "共": [0xA6, 0x40], "贏": [0xC4, 0xB9], "負": [0xAD, 0x74], "腐": [0xBB, 0x47], "敗": [0xB1, 0xD1], "落": [0xB8, 0xA8], "後": [0xAB, 0xE1], "危": [0xA6, 0x4D], "機": [0xBE, 0xF7]]
    static let latin1: [Character: [UInt8]] = ["é": [0xE9], "ï": [0xEF], "ç": [0xE7]]

    static func encode(_ text: String, _ table: [Character: [UInt8]]) -> [UInt8] {
        text.flatMap { c -> [UInt8] in c.isASCII ? Array(String(c).utf8) : table[c]! }
    }

    /// One dictionary of two categories in each format, as its publishers lay it out.
    static func dictionaries(_ words: ([String], [String])) -> [(ext: String, text: String)] {
        let (p, n) = words
        return [
            ("lc3", "+\(p[0])\n" + p.dropFirst().map { $0 + "\n" }.joined() + "+\(n[0])\n" + n.dropFirst().map { $0 + "\n" }.joined()),
            ("dic", "%\n1\t\(p[0])\n2\t\(n[0])\n%\n" + p.dropFirst().map { $0 + "\t1\n" }.joined() + n.dropFirst().map { $0 + "\t2\n" }.joined()),
            ("cat", "\(p[0])\n" + p.dropFirst().map { "\t\($0) (1)\n" }.joined() + "\(n[0])\n" + n.dropFirst().map { "\t\($0) (1)\n" }.joined()),
            ("yml", "\(p[0]): [\(p.dropFirst().joined(separator: ", "))]\n\(n[0]): [\(n.dropFirst().joined(separator: ", "))]\n"),
            ("yaml", "name: d\nversion: '1'\nframes:\n  d:\n    categories:\n" + [p, n].map { c in
                "      \(c[0]):\n        entries:\n" + c.dropFirst().map { "          - {\(Lexicon.language(of: $0).rawValue): \"\($0)\"}\n" }.joined()
            }.joined()),
        ]
    }

    func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let dir = NSTemporaryDirectory() + "polframe-enc-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/" + name))
        return dir + "/" + name
    }

    func words(_ l: Lexicon) -> [String] { l.frames[0].categories.flatMap { [$0.id] + $0.entries.map { $0.forms[0].text } } }

    @Test(arguments: [("GBK", "GB18030"), ("Big5", "Big5"), ("Latin-1", "Windows-1252")])
    func legacyEncodingsAreDetectedAndNamedInEveryFormat(_ name: String, _ expected: String) throws {
        let (words, table) = name == "GBK" ? (Self.simplified, Self.gbk) : name == "Big5" ? (Self.traditional, Self.big5) : (Self.latin, Self.latin1)
        for (ext, text) in Self.dictionaries(words) {
            let lex = try Lexicon.load(path: write(Self.encode(text, table), "d.\(ext)"), format: nil)
            #expect(self.words(lex) == words.0 + words.1, "\(name) .\(ext)")
            #expect(lex.encoding?.hasPrefix(expected) == true, "\(name) .\(ext): \(lex.encoding ?? "nil")")
            #expect(lex.tree().contains("read as \(expected)"))
            let warning = lex.warnings.first { $0.message.hasPrefix("not UTF-8 (byte ") && $0.message.contains("read as \(expected)") }
            #expect(warning != nil && warning!.isWarning, "\(name) .\(ext): \(lex.warnings)")
        }
    }

    @Test(arguments: [("GBK", "GB18030"), ("Big5", "Big5"), ("ISO-8859-1", "Windows-1252")])
    func lcdFilesSayTheirEncodingInTheirXMLDeclaration(_ label: String, _ expected: String) throws {
        let (words, table) = label == "GBK" ? (Self.simplified, Self.gbk) : label == "Big5" ? (Self.traditional, Self.big5) : (Self.latin, Self.latin1)
        let xml = "<?xml version=\"1.0\" encoding=\"\(label)\"?>\n<dictionary style=\"031\" name=\"d\">\n<cnode name=\"d\">\n"
            + [words.0, words.1].map { c in "<cnode name=\"\(c[0])\">\n" + c.dropFirst().map { "<pnode name=\"\($0)\"/>\n" }.joined() + "</cnode>\n" }.joined()
            + "</cnode>\n</dictionary>\n"
        let lex = try Lexicon.load(path: write(Self.encode(xml, table), "d.lcd"), format: nil)
        #expect(self.words(lex) == words.0 + words.1)
        // Declared, not guessed: named, and no warning.
        #expect(lex.encoding == "\(expected) (its XML declaration)", "\(lex.encoding ?? "nil")")
        #expect(lex.warnings.isEmpty, "\(lex.warnings)")
    }

    @Test func utf16WithAndWithoutAByteOrderMarkInEveryFormat() throws {
        for (ext, text) in Self.dictionaries(Self.simplified) {
            let le = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            let be = text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
            for (bytes, encoding, warned) in [([0xFF, 0xFE] + le, "UTF-16LE", false), ([0xFE, 0xFF] + be, "UTF-16BE", false), (le, "UTF-16LE", true)] {
                let lex = try Lexicon.load(path: write(bytes, "u.\(ext)"), format: nil)
                #expect(words(lex) == Self.simplified.0 + Self.simplified.1, ".\(ext) \(encoding)")
                #expect(lex.encoding?.hasPrefix(encoding) == true)
                #expect(lex.warnings.contains { $0.message.contains("no byte-order mark: read as \(encoding)") } == warned, "\(lex.warnings)")
            }
        }
    }

    @Test func utf8NeedsNoWordAndBrokenUnicodeNamesTheByteAndLine() throws {
        let lex = try Lexicon.load(path: write(Array("+a\nb\n".utf8), "ok.lc3"), format: nil)
        #expect(lex.warnings.isEmpty && lex.encoding == "UTF-8 (valid UTF-8)")
        // An unpaired surrogate on line 2 of a UTF-16LE file with its byte-order mark.
        let bytes: [UInt8] = [0xFF, 0xFE] + "+a\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } + [0x00, 0xD8, 0x41, 0x00]
        do {
            _ = try LexiconText.decode(bytes, path: "b.lc3")
            Issue.record("a broken UTF-16 file was read")
        } catch {
            #expect(error.problems[0].line == 2)
            #expect(error.problems[0].message.contains("invalid UTF-16LE") && error.problems[0].message.contains("byte 8"), "\(error)")
        }
    }

    @Test func aUTF8FileWithAStrayByteStaysUTF8() throws {
        // One bad byte in a UTF-8 Chinese list: UTF-8 with the byte named, not Windows-1252.
        var bytes = Array(Self.dictionaries(Self.simplified)[0].text.utf8)
        bytes.insert(0xFF, at: Array("+正面\n优秀\n".utf8).count)
        let lex = try Lexicon.load(path: write(bytes, "stray.lc3"), format: nil)
        let forms = lex.frames[0].categories[0].entries.map { $0.forms[0].text }
        #expect(forms.contains("优秀") && forms.contains("合作共赢") && forms.contains("\u{FFFD}进步"), "\(forms)")
        #expect(lex.encoding?.hasPrefix("UTF-8 (UTF-8 but for 1 bad byte") == true, "\(lex.encoding ?? "nil")")
        #expect(lex.warnings.first?.message.contains("1 byte is not UTF-8 (the first at byte 15, line 3)") == true, "\(lex.warnings)")
        // A real Latin-1 file has no valid multi-byte characters: still the detector's.
        let latin = Self.encode(Self.dictionaries(Self.latin)[0].text, Self.latin1)
        #expect(try Lexicon.load(path: write(latin, "l.lc3"), format: nil).encoding?.hasPrefix("UTF-8") == false)
    }

    @Test func aGBKFileWithAStrayByteIsReadAndTheByteNamed() throws {
        var bytes = Self.encode(Self.dictionaries(Self.simplified)[0].text, Self.gbk)
        bytes += [0xFF, 0x0A]
        let lex = try Lexicon.load(path: write(bytes, "s.lc3"), format: nil)
        let w = lex.warnings.first { $0.message.contains("not GB18030") }
        #expect(w?.message.contains("line 10") == true, "\(lex.warnings)")
    }
}
