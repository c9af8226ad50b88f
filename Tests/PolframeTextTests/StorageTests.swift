import Testing
@testable import PolframeText

/// The binary form of `AnalyzedText` kept by the make engine's cache.
@Suite struct StorageTests {
    /// The layout written element by element, as documented in AnalyzedText+Storage.swift: the
    /// bulk writer must give exactly these bytes.
    static func reference(_ a: AnalyzedText) -> [UInt8] {
        var out = Array("PFAT".utf8)
        func u32(_ v: UInt32) { for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(k)))) } }
        func i32s(_ a: [Int32]) { u32(UInt32(a.count)); for v in a { u32(UInt32(bitPattern: v)) } }
        u32(AnalyzedText.storageVersion)
        u32(UInt32(a.units.count))
        for u in a.units { out.append(UInt8(u & 0xFF)); out.append(UInt8(u >> 8)) }
        // Version 3: the units' checksum, little-endian.
        let sum = out.withUnsafeBytes { AnalyzedText.unitsChecksum(UnsafeRawBufferPointer(rebasing: $0[12...])) }
        for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: sum >> (8 * UInt64(k)))) }
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

    /// The units alone (a prefix of the record) are enough to rule a needle out, and a damaged
    /// unit is never taken for an absent one.
    @Test func theUnitsPrefixIsReadAloneAndChecked() throws {
        let analyzer = try TextAnalyzer()
        let a = try analyzer.analyze("We protect human rights. 加快数据中心建设。")
        var stored = a.serialized()
        let need = try #require(stored.withUnsafeBytes { AnalyzedText.storedUnitsLength($0) })
        #expect(need == 12 + 2 * a.units.count + 8)
        let prefix = Array(stored[..<need])
        func may(_ b: [UInt8], _ s: String) -> Bool { b.withUnsafeBytes { AnalyzedText.storedUnits($0, mayContain: Array(s.utf16)) } }
        #expect(may(prefix, "rights") && may(prefix, "数据中心") && !may(prefix, "privacy"))
        // Too short to hold the units: anything may be there.
        #expect(may(Array(prefix.dropLast()), "privacy"))
        // A unit changed without its checksum: anything may be there.
        stored[12] ^= 0x01
        #expect(may(Array(stored[..<need]), "privacy"))
        #expect(AnalyzedText(serialized: a.serialized()) != nil)
    }

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
