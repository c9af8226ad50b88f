import Testing
@testable import PolframeIngest

/// The word-at-a-time and memchr scanners against plain scalar-by-scalar versions of the same
/// rules, on generated text.
@Suite struct ByteScanTests {
    typealias Generator = MarkdownScannerTests.Generator

    /// `TextCleanup.collapse` written scalar by scalar over a String.
    static func collapseReference(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var pending = false, lastCJK = false, any = false
        for u in s.unicodeScalars {
            switch u.value {
            case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xAD:
                continue
            case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
                pending = true
                continue
            default:
                break
            }
            let cjk = TextCleanup.isCJK(u)
            if pending && any && !(lastCJK && cjk) { out.append(" ") }
            pending = false
            out.append(u)
            lastCJK = cjk
            any = true
        }
        return String(out)
    }

    /// Pieces for runs of eight ASCII bytes with and without single spaces.
    static let asciiPieces = ["word", "ab", " ", " ", "  ", "\t", "x.", "\u{1}", "\u{7F}", "中", "\u{A0}", "\u{200B}", "é", "12345678"]

    @Test func collapseMatchesItsScalarRule() {
        var g = Generator(state: 99)
        for round in 0..<12000 {
            var s: String
            if round % 2 == 0 {
                s = g.text(maxPieces: 20, newlines: true)
            } else {
                s = ""
                for _ in 0..<Int(g.next() % 24) { s += Self.asciiPieces[Int(g.next() % UInt64(Self.asciiPieces.count))] }
            }
            let expected = Self.collapseReference(s)
            #expect(TextCleanup.collapse(s) == expected, "\(s.debugDescription)")
            #expect(TextCleanup.collapse(bytes: Array(s.utf8)) == expected, "\(s.debugDescription)")
        }
        // Invalid UTF-8 reads as the String it decodes to.
        let invalid: [UInt8] = [0x61, 0x20, 0x20, 0xC3, 0x62, 0xE4, 0xB8, 0x20, 0x63]
        #expect(TextCleanup.collapse(bytes: invalid) == Self.collapseReference(String(decoding: invalid, as: UTF8.self)))
    }

    /// Pieces that `collapse` drops or turns into a space, and pieces it keeps (NEL and control
    /// bytes among them: `collapse` keeps what it does not list).
    static let blankPieces = [" ", "\n", "\t", "\r\n", "\u{0B}", "\u{0C}", "\u{A0}", "\u{3000}", "\u{2009}", "\u{2028}",
                              "\u{200B}", "\u{FEFF}", "\u{AD}", "\u{2060}"]
    static let keptPieces = ["\u{85}", "\u{1}", "x", "中", "é", "\u{1F600}"]

    @Test func visibleTextIsWhatCollapseKeeps() {
        var g = Generator(state: 7)
        for round in 0..<6000 {
            var s = ""
            if round % 3 == 0 {
                s = g.text(maxPieces: 6, newlines: true)
            } else {
                // Mostly blank: a kept piece one time in eight.
                for _ in 0..<Int(g.next() % 12) {
                    let pieces = g.next() % 8 == 0 ? Self.keptPieces : Self.blankPieces
                    s += pieces[Int(g.next() % UInt64(pieces.count))]
                }
            }
            #expect(TextCleanup.hasVisibleText(s) == !Self.collapseReference(s).isEmpty, "\(s.debugDescription)")
        }
    }

    /// Han and Latin counts of a few scalars whose scripts are known.
    static let scripts: [Character: (han: Int, latin: Int)] = [
        "中": (1, 0), "〇": (1, 0), "々": (1, 0), "é": (0, 1), "ß": (0, 1), "ａ": (0, 1), "α": (0, 0), "，": (0, 0),
        "。": (0, 0), "—": (0, 0), "\u{A0}": (0, 0), "🇺🇸": (0, 0), "\u{2F800}": (1, 0),
    ]

    @Test func scriptCountsMatchScalarByScalar() {
        let pieces = Array(Self.scripts.keys).map(String.init) + ["abcdefgh", "A", "z", "@", "[", "`", "{", " ", "1", "Zz09 ", "\u{7F}"]
        var g = Generator(state: 5)
        for _ in 0..<6000 {
            var blocks: [String] = []
            var han = 0, latin = 0
            for _ in 0..<(1 + Int(g.next() % 3)) {
                var s = ""
                for _ in 0..<Int(g.next() % 30) {
                    let p = pieces[Int(g.next() % UInt64(pieces.count))]
                    s += p
                    for c in p {
                        if let known = Self.scripts[c] {
                            han += known.han
                            latin += known.latin
                        } else if c.isASCII && c.isLetter {
                            latin += 1
                        }
                    }
                }
                blocks.append(s)
            }
            let expected: String? = han + latin == 0 ? nil : (han * 3 >= latin ? "zh" : "en")
            #expect(LanguageGuess.fromScripts(blocks) == expected, "\(blocks)")
            #expect(LanguageGuess.fromScripts(blocks.joined(separator: "\n\n")) == expected, "\(blocks)")
        }
    }

    @Test func asciiWordTestsMatchByteByByte() {
        var g = Generator(state: 41)
        for round in 0..<20000 {
            // Every ASCII byte at every position, then random words.
            let bytes: [UInt8] = round < 1024
                ? (0..<8).map { $0 == round % 8 ? UInt8(round / 8) : UInt8(truncatingIfNeeded: g.next()) & 0x7F }
                : (0..<8).map { _ in UInt8(truncatingIfNeeded: g.next()) & 0x7F }
            let w = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            func mask(_ test: (UInt8) -> Bool) -> UInt64 {
                var m: UInt64 = 0
                for (k, c) in bytes.enumerated() where test(c) { m |= 0x80 << (8 * UInt64(k)) }
                return m
            }
            #expect(ASCIIWord.letters(w) == mask { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }, "\(bytes)")
            #expect(ASCIIWord.bytes(w, equalTo: 0x20) == mask { $0 == 0x20 }, "\(bytes)")
            #expect(ASCIIWord.bytes(w, below: 0x20) == mask { $0 < 0x20 }, "\(bytes)")
        }
    }

    @Test func findAndLineEndMatchNaiveScans() {
        var g = Generator(state: 3)
        let alphabet: [UInt8] = [0x61, 0x62, 0x0A, 0x0C, 0x3C, 0x21, 0x2D]
        for _ in 0..<6000 {
            let b = (0..<Int(g.next() % 40)).map { _ in alphabet[Int(g.next() % UInt64(alphabet.count))] }
            let pattern = (0..<(1 + Int(g.next() % 3))).map { _ in alphabet[Int(g.next() % UInt64(alphabet.count))] }
            let from = b.isEmpty ? 0 : Int(g.next() % UInt64(b.count + 1))
            let to = from + Int(g.next() % UInt64(b.count - from + 1))
            var naive: Int?
            if to - from >= pattern.count {
                for i in from...(to - pattern.count) where Array(b[i..<(i + pattern.count)]) == pattern { naive = i; break }
            }
            #expect(MarkdownBytes.find(pattern, in: b, from: from, to: to) == naive, "\(b) \(pattern) \(from)..<\(to)")

            let end = b[from...].firstIndex(of: 0x0A) ?? b.count
            let (lineEnd, formFeed) = MarkdownBytes.lineEnd(b, from: from)
            #expect(lineEnd == end && formFeed == b[from..<end].contains(0x0C), "\(b) from \(from)")
        }
    }

    @Test func triggerBytesAreThoseInTheText() {
        var g = Generator(state: 17)
        for _ in 0..<3000 {
            let b = Array(g.text(maxPieces: 16, newlines: true).utf8)
            let present = TriggerBytes(b)
            for c in TriggerBytes.tracked { #expect(present.contains(c) == b.contains(c), "\(b) \(c)") }
        }
    }
}
