import Testing
@testable import PolframeText

@Suite struct NormalizationTests {
    @Test func foldsWidthCaseAndTraditional() throws {
        let o = NormalizationOptions()
        #expect(try o.normalize("ＡＩ　Ｅｔｈｉｃｓ") == "ai ethics")
        #expect(try o.normalize("資訊安全與人工智慧") == "资讯安全与人工智慧")
        #expect(try o.normalize("ﬁnance") == "finance")
        #expect(try NormalizationOptions(nfkc: false, caseFold: false, traditionalToSimplified: false).normalize("ＡB資") == "ＡB資")
    }

    @Test func everyTokenMapsBackToItsSourceSpan() throws {
        let analyzer = try TextAnalyzer()
        let source = "ＡＩ治理 and Privacy：資訊安全 ﬁnance 2025年"
        let a = try analyzer.analyze(source)
        let scalars = Array(source.unicodeScalars)
        var pairs: [(String, String)] = []
        for t in a.tokens {
            let span = a.sourceSpan(t.start, t.end)
            var v = String.UnicodeScalarView()
            v.append(contentsOf: scalars[span])
            pairs.append((a.text(of: t), String(v)))
        }
        // Each normalized token is the normalization of its source span.
        for (normalized, original) in pairs {
            #expect(try analyzer.options.normalize(original) == normalized, "\(original) -> \(normalized)")
        }
        #expect(pairs.contains { $0.1 == "資訊" || $0.1.contains("資") })
    }

    /// Property: over random mixed-script strings, token spans are ordered, inside the source,
    /// and normalize to the token text.
    @Test func randomMixedStringsKeepOffsets() throws {
        let analyzer = try TextAnalyzer()
        let alphabet = Array("ab AZ ｆｕｌｌ 人工智能資訊。！？ 1２3 ﬁ ß é\u{301} \u{200B}\n-—…🙂、".unicodeScalars)
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let n = Int.random(in: 0...40, using: &rng)
            var view = String.UnicodeScalarView()
            for _ in 0..<n { view.append(alphabet.randomElement(using: &rng)!) }
            let s = String(view)
            let a = try analyzer.analyze(s)
            let scalars = Array(s.unicodeScalars)
            var last = 0
            for t in a.tokens {
                let span = a.sourceSpan(t.start, t.end)
                #expect(span.lowerBound >= last && span.upperBound <= scalars.count, "\(s.debugDescription)")
                last = span.lowerBound
                var v = String.UnicodeScalarView()
                v.append(contentsOf: scalars[span])
                #expect(try analyzer.options.normalize(String(v)) == a.text(of: t), "\(s.debugDescription): \(String(v).debugDescription)")
            }
        }
    }
}
