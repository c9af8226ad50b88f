import Testing
@testable import PolframeText

/// The binary form of `AnalyzedText` kept by the make engine's cache.
@Suite struct StorageTests {
    /// The layout written element by element, as documented in AnalyzedText+Storage.swift: the
    /// bulk writer must give exactly these bytes (caches written before stay readable).
    static func reference(_ a: AnalyzedText) -> [UInt8] {
        var out = Array("PFAT".utf8)
        func u32(_ v: UInt32) { for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(k)))) } }
        func i32s(_ a: [Int32]) { u32(UInt32(a.count)); for v in a { u32(UInt32(bitPattern: v)) } }
        u32(AnalyzedText.storageVersion)
        u32(UInt32(a.units.count))
        for u in a.units { out.append(UInt8(u & 0xFF)); out.append(UInt8(u >> 8)) }
        u32(UInt32(a.tokens.count))
        for t in a.tokens {
            u32(UInt32(bitPattern: t.start)); u32(UInt32(bitPattern: t.end))
            out.append(UInt8(Script.allCases.firstIndex(of: t.script)!))
        }
        i32s(a.tokenSentence)
        i32s(a.sentenceBounds)
        i32s(a.isBoundary.indices.filter { a.isBoundary[$0] }.map(Int32.init))
        i32s(a.sourceScalar)
        i32s(a.droppedScalars)
        u32(UInt32(a.hanCharacters))
        u32(UInt32(a.latinLetters))
        return out
    }

    static let samples = [
        "", "AI", "Trustworthy AI, privacy and 5G infrastructure. Next sentence!",
        "发展人工智能。加强伦理治理！\n\n人工智慧與資訊安全", "ＡＩ　全角 and ½ ligature ﬁ; 😀 emoji, e\u{301}",
        "The U.S. and 中国 (China) sign 10,000 deals in 2021年12月31日…",
    ]

    @Test func bytesFollowTheDocumentedLayout() throws {
        let analyzer = try TextAnalyzer()
        for s in Self.samples {
            let a = try analyzer.analyze(s)
            #expect(a.serialized() == Self.reference(a), "\(s.debugDescription)")
        }
    }

    @Test func roundTrip() throws {
        let analyzer = try TextAnalyzer()
        for s in Self.samples {
            let a = try analyzer.analyze(s)
            let b = try #require(AnalyzedText(serialized: a.serialized()))
            #expect(b.units == a.units && b.tokens == a.tokens && b.tokenSentence == a.tokenSentence)
            #expect(b.sentenceBounds == a.sentenceBounds && b.isBoundary == a.isBoundary)
            #expect(b.sourceScalar == a.sourceScalar && b.droppedScalars == a.droppedScalars)
            #expect(b.hanCharacters == a.hanCharacters && b.latinLetters == a.latinLetters)
        }
    }

    @Test func tornOrForeignBytesAreNotRead() throws {
        let bytes = try TextAnalyzer().analyze("Trustworthy AI and 人工智能.").serialized()
        for cut in [0, 3, 8, bytes.count / 2, bytes.count - 1] {
            #expect(AnalyzedText(serialized: Array(bytes[0..<cut])) == nil)
        }
        var other = bytes
        other[4] &+= 1  // another version
        #expect(AnalyzedText(serialized: other) == nil)
        #expect(AnalyzedText(serialized: bytes + [0]) == nil)
    }

    @Test func scriptCodesArePositionsInAllCases() {
        for (i, s) in Script.allCases.enumerated() { #expect(Int(AnalyzedText.scriptCode(s)) == i) }
    }
}
