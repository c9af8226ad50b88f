import Foundation
import Testing
@testable import PolframeLexicon

/// `FormText` answers as the Foundation calls it stands in for.
@Suite struct FormTextTests {
    @Test func whitespaceIsFoundationsSetOverEveryScalar() {
        let set = CharacterSet.whitespaces
        var disagree: [UInt32] = []
        for v in UInt32(0)...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            if FormText.isWhitespace(s) != set.contains(s) { disagree.append(v) }
        }
        #expect(disagree.isEmpty, "scalars on which the two disagree: \(disagree.prefix(10).map { String($0, radix: 16) })")
    }

    static let samples = [
        "ethics", " ethics", "ethics\t", "\u{3000}伦理\u{3000}", "human rights", "privac*", "a*b", "a*b*", "*", "**", "*a",
        "\u{00A0}x\u{2009}", "\u{200B}", "e\u{301}*", "*\u{301}", "a*\u{301}", "\u{600}*", "伦理*", "x\u{1F600}*", "\t \u{3000}",
    ]

    @Test func trimmedAsFoundation() {
        for s in Self.samples {
            #expect(FormText.trimmed(s) == s.trimmingCharacters(in: .whitespaces), "\(s.unicodeScalars.map(\.value))")
        }
    }

    @Test func innerStarAsFoundation() {
        for s in Self.samples where !s.isEmpty {
            #expect(FormText.hasInnerStar(s) == s.dropLast().contains("*"), "\(s.unicodeScalars.map(\.value))")
        }
    }
}
