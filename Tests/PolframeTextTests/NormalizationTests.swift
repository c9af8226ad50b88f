import Testing
@testable import PolframeText

@Suite struct NormalizationTests {
    @Test func foldsWidthCaseAndTraditional() throws {
        var o = NormalizationOptions()
        #expect(try o.normalize("ＡＩ　Ｅｔｈｉｃｓ") == "ai ethics")
        // Phrases first (人工智慧 -> 人工智能, 資訊 -> 信息), then per character (the default).
        #expect(try o.normalize("資訊安全與人工智慧") == "信息安全与人工智能")
        o.traditionalPhrases = false
        #expect(try o.normalize("資訊安全與人工智慧") == "资讯安全与人工智慧")
        #expect(try o.normalize("ﬁnance") == "finance")
        #expect(try NormalizationOptions.none.normalize("ＡB資") == "ＡB資")
        #expect(try NormalizationOptions(nfkc: false, caseFold: false, traditionalToSimplified: false).normalize("ＡB資") == "AB資")
    }

    @Test func eachStepIsSwitchable() throws {
        var o = NormalizationOptions.none
        o.widthFold = true
        #expect(try o.normalize("ＡＩ１２３　ｘ") == "AI123 x")
        o = .none
        o.cleanSpaces = true
        #expect(try o.normalize("人工\u{200B}智能\u{00A0}AI\u{FEFF}") == "人工智能 AI")
        o = .none
        o.unifyPunctuation = true
        #expect(try o.normalize("「数字」‘x’ a–b ― 「」") == "“数字”‘x’ a-b — “”")
        o = .none
        o.joinChineseLines = true
        #expect(try o.normalize("发展人工\n智能，推进\n  经济\n\n新段落 English\nline") == "发展人工智能，推进经济\n\n新段落 English\nline")
        o = .none
        o.traditionalToSimplified = true
        #expect(try o.normalize("資訊") == "资讯")
        o.traditionalPhrases = true
        #expect(try o.normalize("資訊 軟體 網際網路 方程式") == "信息 软件 互联网 方程式")
    }

    @Test func phraseTableIsWellFormed() {
        let keys = TraditionalPhrases.table.map(\.0)
        #expect(Set(keys).count == keys.count)
        #expect(TraditionalPhrases.table.contains { $0 == ("人工智慧", "人工智能") })
        #expect(TraditionalPhrases.table.contains { $0 == ("資訊", "信息") })
    }

    @Test func fingerprintNamesEveryStep() {
        let f = NormalizationOptions().fingerprint
        for key in ["nfkc", "casefold", "t2s", "width", "t2s_phrases", "punct", "spaces", "join_lines"] {
            #expect(f.contains(key + "="))
        }
        var o = NormalizationOptions()
        o.joinChineseLines = false
        #expect(o.fingerprint != f)
    }

    @Test func everyTokenMapsBackToItsSourceSpan() throws {
        var options = NormalizationOptions()
        options.traditionalPhrases = true
        let analyzer = try TextAnalyzer(options: options)
        let source = "ＡＩ治理 and Privacy：資訊安全 ﬁnance 2025年 人工智慧\n發展"
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
        #expect(pairs.contains { $0.0.hasPrefix("信息") && $0.1.hasPrefix("資訊") })
        #expect(pairs.contains { $0.0 == "人工智能" && $0.1 == "人工智慧" } || pairs.contains { $0.0 == "智能" && $0.1 == "智慧" })
    }

    /// Property: over random mixed-script strings (width, case, Traditional phrases that change
    /// length, zero-width characters, line breaks inside Chinese, dashes), token spans are
    /// ordered, inside the source, and normalize to the token text.
    @Test(arguments: [false, true])
    func randomMixedStringsKeepOffsets(withDictionary: Bool) throws {
        let dictionary = withDictionary
            ? try WordDictionary.builtin(words: ["智能資訊", "网络", "安全", "二○○一年"])
            : WordDictionary(words: BuiltinWords.list)
        var options = NormalizationOptions()
        options.traditionalPhrases = true
        let analyzer = try TextAnalyzer(options: options, dictionary: dictionary)
        let pieces = ["ab", " ", "AZ", "ｆｕｌｌ", "人工智能", "資訊", "網際網路", "人工智慧", "。", "！", "？", "；", "1", "２", "3",
                      "ﬁ", "ß", "é", "e\u{301}", "\u{200B}", "\u{00A0}", "\n", "-", "—", "……", "🙂", "、", "二", "○", "年", "%",
                      "GPT", "U.S.", "「", "」", "軟體", "方程式", "\u{FEFF}", "5G", "．"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let n = Int.random(in: 0...25, using: &rng)
            var s = ""
            for _ in 0..<n { s += pieces.randomElement(using: &rng)! }
            let a = try analyzer.analyze(s)
            let scalars = Array(s.unicodeScalars)
            var last = 0
            for t in a.tokens {
                let span = a.sourceSpan(t.start, t.end)
                #expect(span.lowerBound >= last && span.upperBound <= scalars.count, "\(s.debugDescription)")
                last = span.upperBound
                var v = String.UnicodeScalarView()
                v.append(contentsOf: scalars[span])
                #expect(try analyzer.options.normalize(String(v)) == a.text(of: t), "\(s.debugDescription): \(String(v).debugDescription)")
            }
            // Segments cover the text: concatenated source segments give back every non-space character.
            let fromSegments = a.sourceSegments.map { span in String(String.UnicodeScalarView(scalars[span])) }.joined()
            let kept = s.unicodeScalars.filter { !$0.properties.isWhitespace && !["\u{200B}", "\u{FEFF}"].contains($0) }
            let keptSegments = fromSegments.unicodeScalars.filter { !$0.properties.isWhitespace && !["\u{200B}", "\u{FEFF}"].contains($0) }
            #expect(String(String.UnicodeScalarView(keptSegments)) == String(String.UnicodeScalarView(kept)), "\(s.debugDescription)")
        }
    }
}
