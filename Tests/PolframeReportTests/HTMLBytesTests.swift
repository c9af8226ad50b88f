import Testing
@testable import PolframeReport

/// Pages are built as bytes: what the byte builder writes is what the string functions it
/// replaced wrote.
@Suite struct HTMLBytesTests {
    /// The five escapes, done the slow and obvious way.
    static func reference(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }

    @Test func escapingAgreesWithTheReferenceOnRandomText() {
        let pieces = ["a", "&", "<", ">", "\"", "'", "人工智能", "é", "😀", " ", "&amp;", "\n", ""]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            var s = ""
            for _ in 0..<Int.random(in: 0...30, using: &rng) { s += pieces.randomElement(using: &rng)! }
            var b = HTMLBytes()
            b.append("x")
            b.appendEscaped(s)
            #expect(b.bytes == Array(("x" + Self.reference(s)).utf8), "\(s.debugDescription)")
            var slice = HTMLBytes()
            slice.appendEscaped(Array(s.utf8)[...])
            #expect(slice.bytes == Array(Self.reference(s).utf8))
            #expect(HTML.escape(s) == Self.reference(s))
        }
    }

    @Test func numbersAreWrittenAsStringWritesThem() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, -1, -10, -987_654, Int.max, Int.min] {
            var b = HTMLBytes()
            b.append(n)
            #expect(String(decoding: b.bytes, as: UTF8.self) == String(n))
        }
    }

    @Test func aPageWrittenInPlaceEqualsThePageFromAString() {
        let body = "<p>Rights &amp; 权利</p>\n"
        let bytes = HTML.page(title: "A <study>", root: "../", current: "index.html", script: true) { $0.append(body) }
        #expect(String(decoding: bytes, as: UTF8.self) == HTML.page(title: "A <study>", root: "../", current: "index.html", body: body, script: true))
        #expect(String(decoding: bytes, as: UTF8.self).contains("<title>A &lt;study&gt;</title>\n<link rel=\"stylesheet\" href=\"../report.css\">"))
    }
}
