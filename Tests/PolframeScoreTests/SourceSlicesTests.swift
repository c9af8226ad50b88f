import Testing
@testable import PolframeScore

/// `SourceSlices` cuts a text at scalar offsets as an array of its scalars would.
@Suite struct SourceSlicesTests {
    static let pieces = ["a", "policy ", "人工智能", "é", "e\u{301}", "😀", "\u{1F1FA}\u{1F1F8}", "\n", "ﬁ", "伦理", "—", "\u{200B}"]

    /// The reference: decode every scalar, clamp, rebuild.
    static func expected(_ text: String, _ span: Range<Int>) -> (Range<Int>, String) {
        let scalars = Array(text.unicodeScalars)
        let clamped = min(span.lowerBound, scalars.count)..<min(span.upperBound, scalars.count)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[clamped])
        return (clamped, String(view))
    }

    @Test func cutsAsAnArrayOfScalarsWould() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<Int(rng.next() % 40) { text += Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))] }
            let count = text.unicodeScalars.count
            var spans: [Range<Int>] = []
            for _ in 0..<Int(rng.next() % 8) {
                // Some spans reach past the end, as a span of dropped trailing characters may.
                let a = Int(rng.next() % UInt64(count + 4)), b = Int(rng.next() % UInt64(count + 4))
                spans.append(min(a, b)..<max(a, b))
            }
            let slices = SourceSlices(text, spans)
            for (k, span) in spans.enumerated() {
                let (range, piece) = Self.expected(text, span)
                #expect(slices.spans[k] == range, "\(text.debugDescription) \(span)")
                #expect(slices.texts[k] == piece, "\(text.debugDescription) \(span)")
            }
        }
    }

    @Test func countsContinuationBytesOfAWord() {
        // "aé人" and two more ASCII bytes: é has one continuation byte, 人 two.
        let bytes = Array("aé人bc".utf8)
        #expect(bytes.count == 8)
        let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        #expect(SourceSlices.continuationBytes(word) == 3)
    }
}
